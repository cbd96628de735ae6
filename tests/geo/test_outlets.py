from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.geo.outlets import (
    LOCAL_OUTLET_WEIGHT,
    OutletHome,
    OutletHomes,
    load_outlet_homes,
    outlet_focus,
)
from sitrep.geo.publisher import PUBLISHER_WEIGHT, host_of

HEADER = "host,country,admin1,home,geonameid,lat,lon\n"


@pytest.mark.parametrize(
    ("address", "host"),
    [
        ("http://www.thetowntalk.com/article/20090320/NEWS01/rss", "www.thetowntalk.com"),
        ("WWW.CBC.CA", "www.cbc.ca"),
        ("news.postbulletin.com", "news.postbulletin.com"),
        ("not a host", None),
        ("localhost", None),
        ("", None),
        (None, None),
    ],
)
def test_outlets_host_of(address: str | None, host: str | None) -> None:
    assert host_of(address) == host


def test_outlets_bundled_table_finds_local_and_national_outlets() -> None:
    table = OutletHomes.bundled()
    assert len(table) >= 100
    towntalk = table.home("http://www.thetowntalk.com/article/20090320/NEWS01/90320003/-1/rss")
    # "thetowntalk.com" is listed without "www.": the parent domain is tried.
    assert towntalk is not None and towntalk.local
    assert (towntalk.country, towntalk.admin1, towntalk.home) == ("US", "Louisiana", "Alexandria")
    bbc = table.home("https://www.bbc.com/news/world")
    assert bbc is not None and not bbc.local and bbc.country == "GB"
    assert table.home("https://example.org/story") is None
    # Every row of the bundled table is well formed.
    for home in table:
        assert len(home.country) == 2 and home.country.isupper()
        assert home.local == (home.lat is not None)


def test_outlets_user_table_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(
        "# my sources\n" + HEADER + "kyivindependent.com,UA,Kyiv City,Kyiv,703448,50.45,30.52\n"
        "www.bbc.com,GB,England,London,2643743,51.50853,-0.12574\n",
        encoding="utf-8",
    )
    table = OutletHomes.bundled().merged(OutletHomes.read(path))
    kyiv = table.home("https://kyivindependent.com/x")
    assert kyiv is not None and kyiv.admin1 == "Kyiv City" and kyiv.geonameid == 703448
    bbc = table.home("www.bbc.com")
    assert bbc is not None and bbc.local and bbc.home == "London"
    assert len(table) == len(OutletHomes.bundled()) + 1


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("not a host,US,,,,,", "data row 1: host 'not a host' is not a host name"),
        ("example.com,USA,,,,,", "data row 1: country 'USA' is not an ISO 3166 alpha-2 code"),
        ("example.com,US,Ohio,X,,95,10", "data row 1: point 95, 10 is not a latitude"),
        ("example.com,US,Ohio,X,,north,10", "data row 1: could not convert"),
    ],
)
def test_outlets_bad_rows_name_the_file_and_the_row(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        OutletHomes.read(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_outlets_unreadable_or_headless_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read it"):
        OutletHomes.read(tmp_path / "missing.csv")
    path = tmp_path / "noheader.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no column host, country"):
        OutletHomes.read(path)


def test_outlets_setting_values(tmp_path: Path) -> None:
    assert len(load_outlet_homes("off")) == 0
    assert len(load_outlet_homes("")) == len(OutletHomes.bundled())
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + "example.com,FR,,,,,\n", encoding="utf-8")
    mine = load_outlet_homes(str(path))
    assert mine.home("example.com") == OutletHome("example.com", "FR")


def test_outlets_focus_weights() -> None:
    local = OutletHome("x.com", "US", "Louisiana", "Alexandria", None, 31.3, -92.4)
    focus = outlet_focus(local)
    assert focus.countries == {"US": LOCAL_OUTLET_WEIGHT}
    assert focus.divisions == {("US", "Louisiana"): LOCAL_OUTLET_WEIGHT}
    # A national outlet reports the world: only as much as a country-code domain.
    national = outlet_focus(OutletHome("y.com", "GB"))
    assert national.countries == {"GB": PUBLISHER_WEIGHT} and not national.divisions
    assert outlet_focus(None).countries == {}
