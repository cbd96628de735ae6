"""Airports and military air bases for the gazetteer, from the ``airportsdata`` package.

    >>> names = airport_names("London Heathrow Airport", "London", "England", codes=("LHR",))
    >>> names.feature_code, names.core, names.aliases[:3]
    ('AIRP', 'Heathrow', ('London Heathrow', 'Heathrow', 'Heathrow Airport'))

News names an airport by its full name ("London Heathrow Airport"), by the distinctive
core of it ("Heathrow", "Bagram") or by the core and a generic word ("Kabul airport",
"Shayrat airbase").  ``airport_names`` derives these from one row: it drops a
parenthesis ("Solenzara (BA 126) Air Base"), a military prefix ("RAF Lakenheath"),
trailing generic words (Airport, International, Air Base, Field...) and the city the
row names when the name starts with it ("London Heathrow" -> "Heathrow").

Names are looked up for every capitalised run of news text, so a bare core is indexed
only when it is safe: the airport is notable (``is_notable``: outside the US an IATA
code or a military air base; in the US an international airport, since US airports and
bases are mostly named after people), its name does not end in "Field" (named after a
person or an owner: "Craig Field"), and the core is one word of four letters or more,
not an Arabic article + word (whose loose key would be the bare word: "Al Asad" would
find "Assad"), not an English word or a famous person's name that WordNet lists
("Dulles", "Reagan"), not a code, and not the name of the city or division the airport
serves ("Damascus International Airport" is not "Damascus").  Other cores are indexed
only with a generic word ("Ben Gurion Airport": person names make poor bare names).
When several notable airports share a bare core (two do: Southport, Changi), each keeps
it: the resolver ranks them by the text's country focus and closeness.

Kept rows: every row outside the US but heliports and seaplane bases; in the US only
airports with an IATA code or a real ICAO code (the package's ~10,000 pseudo-coded US
rows are private strips: "Aero B Ranch Airport").  A row whose name has no airport word
at all ("Rivas") is skipped: its name alone would be a bare word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitrep.geo.entry import IndexEntry
from sitrep.geo.lexicon import is_common_word, is_english_word
from sitrep.geo.names import name_key, translit_key
from sitrep.types import Place

__all__ = [
    "SOURCE",
    "AirportNames",
    "airport_entries",
    "airport_names",
    "is_notable",
    "keep_row",
]

SOURCE = "airportsdata"
MIN_CORE_LETTERS = 4

# Generic words an airport's name ends with (name_key form, longest first where they
# overlap).  Stripped repeatedly: "Sheremetyevo International Airport" -> "Sheremetyevo".
_GENERIC_SUFFIXES: frozenset[tuple[str, ...]] = frozenset(
    tuple(s.split())
    for s in (
        "naval air station",
        "marine corps air station",
        "air force base",
        "air force station",
        "army air field",
        "army airfield",
        "army heliport",
        "military airport",
        "military air base",
        "air national guard base",
        "air base",
        "air station",
        "air field",
        "air park",
        "air strip",
        "landing strip",
        "airbase",
        "airport",
        "airfield",
        "aerodrome",
        "aeroport",
        "aeropuerto",
        "airstrip",
        "airpark",
        "jetport",
        "field",
        "strip",
        "afb",
        "ab",
        "international",
        "intl",
        "ntl",
        "internationa",
        "sunport",
        "aeroclub",
        "aeroclube",
        "aero club",
        "national",
        "regional",
        "municipal",
        "county",
        "metropolitan",
        "domestic",
        "civil",
        "military",
        "naval",
        "army",
        # US military abbreviations: marine corps air station, naval outlying field,
        # long range radar site, army air field, air reserve base...
        "mcas",
        "nas",
        "nolf",
        "olf",
        "lrrs",
        "aaf",
        "ahp",
        "arb",
        "afs",
        "ang",
        "als",
        "cals",
        "mcaf",
    )
)
# Foreign generic words ("new", "centre", "hospital", "town") that are no core alone.
_NOT_CORES = frozenset(
    {"novo", "novy", "novyy", "nuevo", "nueva", "merkez", "hopital", "ville", "valle"}
)
# Military prefixes: "RAF Lakenheath", "Naval Air Station Sigonella", "CFB Trenton".
_MILITARY_PREFIXES: frozenset[tuple[str, ...]] = frozenset(
    tuple(s.split())
    for s in (
        "naval air station",
        "marine corps air station",
        "canadian forces base",
        "joint base",
        "raf",
        "nas",
        "mcas",
        "cfb",
    )
)
_LONGEST = 4  # words in the longest suffix or prefix
# Words that make a row a military air base (feature code AIRB), as words of name_key.
_MILITARY = re.compile(
    r"\b(?:air ?base|air force base|afb|ab|air station|air force station|army air ?field|"
    r"naval air|raf|cfb|canadian forces base|joint base|military|mcas|nas)\b"
)
# Words that say a name is an airport's: a row with none ("Rivas") is skipped.
_AIRPORT_WORD = re.compile(
    r"\b(?:airport|airfield|field|aerodrome|aeroport|aeropuerto|airstrip|strip|airpark|"
    r"air park|air ?base|air station|afb|ab|raf|cfb|nas|mcas|jetport|intl|international)\b"
)
_NOT_AIRPORT = re.compile(r"\b(?:heliport|helipad|seaplane|spb|water aerodrome|floatplane)\b")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)?")
_ICAO = re.compile(r"[A-Z]{4}")
# Arabic and Romance articles: a bare core may not start with one.
_ARTICLES = frozenset({"al", "el", "ad", "as", "ar", "an", "at", "az", "ash", "le", "la", "les"})


@dataclass(frozen=True, slots=True)
class AirportNames:
    """What one row is indexed as: its feature code, its core and its other names."""

    feature_code: str  # "AIRP" or "AIRB"
    core: str  # the name less its generic words and its city ("Heathrow")
    aliases: tuple[str, ...]  # names besides the full name, bare core included if safe
    bare: bool  # whether the core alone is among the aliases


def keep_row(row: dict[str, object]) -> bool:
    """Whether an ``airportsdata`` row is worth indexing (see the module docstring)."""
    key = name_key(str(row.get("name") or ""))
    if not key or _NOT_AIRPORT.search(key):
        return False
    if not (_AIRPORT_WORD.search(key) or _MILITARY.search(key)):
        return False
    if str(row.get("country") or "") != "US":
        return True
    return bool(row.get("iata")) or _ICAO.fullmatch(str(row.get("icao") or "")) is not None


def is_notable(row: dict[str, object]) -> bool:
    """Whether a row's core alone may be a name: outside the US, an airport with an IATA
    code or a military air base; in the US, an international airport only (US airports
    and bases are mostly named after people: "Craig Field", "Travis AFB")."""
    key = name_key(str(row.get("name") or ""))
    if str(row.get("country") or "") == "US":
        return bool(row.get("iata")) and "international" in key.split()
    return bool(row.get("iata")) or _MILITARY.search(key) is not None


def _strip_suffixes(words: list[str]) -> list[str]:
    return _split_suffixes(words)[0]


def _split_suffixes(words: list[str]) -> tuple[list[str], list[str]]:
    """The words less their trailing generic words, and the key words stripped."""
    keys = [name_key(w) for w in words]
    tail: list[str] = []
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for n in range(min(_LONGEST, len(words) - 1), 0, -1):
            if tuple(keys[-n:]) in _GENERIC_SUFFIXES:
                tail = keys[-n:] + tail
                words, keys = words[:-n], keys[:-n]
                stripped = True
                break
    return words, tail


def _strip_prefix(words: list[str]) -> list[str]:
    keys = tuple(name_key(w) for w in words[:_LONGEST])
    for n in range(min(_LONGEST, len(words) - 1), 0, -1):
        if keys[:n] in _MILITARY_PREFIXES:
            return words[n:]
    return words


def _city_forms(city: str) -> list[str]:
    """The city field and its parts: "Fort Benning (Columbus)" -> Fort Benning, Columbus."""
    forms = [city.strip()]
    forms += [p.strip() for p in re.split(r"[(),/]", city) if p.strip()]
    return [f for f in dict.fromkeys(forms) if f]


def _strip_city(text: str, cities: list[str]) -> str:
    """``text`` less a leading city name ("London Heathrow" -> "Heathrow"), if that
    leaves a distinctive word; else ``text``."""
    folded = text.casefold()
    for city in sorted(cities, key=len, reverse=True):
        size = len(city)
        if len(text) > size and folded.startswith(city.casefold()) and text[size] in " -/":
            rest = text[size:].strip(" -/")
            if _distinctive(rest):
                return rest
    return text


def _strip_leading_generic(text: str) -> str:
    """``text`` less a leading generic word ("Airport Schiphol" -> "Schiphol")."""
    words = text.split()
    while len(words) > 1 and (name_key(words[0]),) in _GENERIC_SUFFIXES:
        if not _distinctive(" ".join(words[1:])):
            break
        words = words[1:]
    return " ".join(words)


def _distinctive(text: str) -> bool:
    """Whether ``text`` says more than a short or common word ("North", "Airport")."""
    if sum(ch.isalpha() for ch in text) < MIN_CORE_LETTERS:
        return False
    return " " in text.strip() or not is_common_word(text)


def _is_code(text: str, codes: Iterable[str]) -> bool:
    letters = "".join(ch for ch in text if ch.isalnum())
    if len(letters) <= 4 and letters.isupper():
        return True
    key = name_key(text)
    return any(key == name_key(code) for code in codes if code)


def _bare_ok(core: str, places: list[str], codes: Iterable[str]) -> bool:
    """Whether the core alone is safe to index (see the module docstring)."""
    words = name_key(core).split()
    if len(words) != 1 or " " in core.strip() or words[0] in _ARTICLES:
        return False
    if any(ch.isdigit() for ch in core) or _is_code(core, codes):
        return False
    if sum(ch.isalpha() for ch in core) < MIN_CORE_LETTERS:
        return False
    if words[0] in _NOT_CORES or is_common_word(core) or is_english_word(core):
        return False
    loose = translit_key(core)
    return all(loose != translit_key(place) for place in places)


def airport_names(
    name: str,
    city: str = "",
    subd: str = "",
    *,
    codes: Iterable[str] = (),
    notable: bool = True,
) -> AirportNames:
    """The names one airport is found by, besides its full name ``name``.

    ``codes`` are its IATA, ICAO and FAA codes (never names); ``notable`` says whether
    its core alone may be a name (see ``is_notable``).  Pure: no data is read but the
    package's word lists.
    """
    codes = tuple(c for c in codes if c)
    military = _MILITARY.search(name_key(name)) is not None
    clean = " ".join(_PARENTHESIS.sub(" ", name).split()).strip(" .,-/")
    words, tail = _split_suffixes(_strip_prefix(clean.split()))
    before_city = " ".join(words)
    cities = _city_forms(city)
    core = _strip_leading_generic(_strip_city(before_city, cities))
    places = [*cities, *_city_forms(subd)]
    # "X Field", "X Army Air Field": named after a person or an owner ("Craig Field").
    person = tail[:1] == ["field"] or tail[:3] == ["army", "air", "field"]
    bare = notable and not person and _bare_ok(core, places, codes)
    # The name less its parenthesis, if that still says airport ("Belwood (Baird Field)"
    # would leave a bare "Belwood").
    clean_key = name_key(clean)
    aliases: list[str] = (
        [clean] if _AIRPORT_WORD.search(clean_key) or _MILITARY.search(clean_key) else []
    )
    if bare and core != before_city:
        aliases.append(before_city)  # "London Heathrow"
    if bare:
        aliases.append(core)
    if military:
        aliases += [f"{core} Air Base", f"{core} Airbase", f"{core} Airfield"]
        if "afb" in tail or "force" in tail:
            aliases += [f"{core} Air Force Base", f"{core} AFB"]
        if before_city not in (core, clean):
            aliases.append(f"{before_city} Air Base")
    else:
        aliases += [f"{core} Airport", f"{core} Airfield"]
        if before_city not in (core, clean):
            aliases.append(f"{before_city} Airport")
    seen = {name_key(name)}
    kept: list[str] = []
    for alias in aliases:
        key = name_key(alias)
        if not key or key in seen or _is_code(alias, codes):
            continue
        if alias != core and not _distinctive(_strip_generic_text(alias)):
            continue  # "North Airport": a generic word and a generic word
        seen.add(key)
        kept.append(alias)
    return AirportNames(
        feature_code="AIRB" if military else "AIRP",
        core=core,
        aliases=tuple(kept),
        bare=bare,
    )


def _strip_generic_text(text: str) -> str:
    return " ".join(_strip_suffixes(_strip_prefix(text.split())))


def airport_entries() -> Iterator[IndexEntry]:
    """One index entry per airport worth indexing (``keep_row``), in ICAO order.

    Feature class S, code AIRP (AIRB for military air bases), population 0, no admin1
    (the package's ``subd`` is free text in mixed languages), source "airportsdata".
    """
    import airportsdata

    rows = airportsdata.load("ICAO")
    for icao in sorted(rows):
        row = rows[icao]
        if not keep_row(dict(row)):
            continue
        iata = str(row.get("iata") or "")
        name = str(row["name"]).strip()
        names = airport_names(
            name,
            str(row.get("city") or ""),
            str(row.get("subd") or ""),
            codes=(iata, icao, str(row.get("lid") or "")),
            notable=is_notable(dict(row)),
        )
        yield IndexEntry(
            Place(
                geonameid=None,
                name=name,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country=str(row.get("country") or "") or None,
                admin1=None,
                feature_class="S",
                feature_code=names.feature_code,
                population=0,
                source=SOURCE,
            ),
            aliases=names.aliases,
        )
