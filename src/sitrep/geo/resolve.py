"""Toponym resolution: which place each mentioned name stands for.

    >>> mentions = [(Span(0, 6, "Aleppo"), ToponymKind.LITERAL)]
    >>> [m.place.country for m in resolve(mentions, gazetteer, text="Aleppo ...",
    ...                                    fuzzy_min_score=85)]
    ['SY']

Each name gets candidates from the gazetteer: by strict key, else by transliteration key,
else (names of four letters or more that are not English words) by fuzzy match, and
then only in a country the document already names.  Candidates are scored by adding
evidence, each term a habit of news writing rather than of one story:

- how the name matched (primary name, alternate name, transliteration, misspelling);
- population (log scale): the bigger of two namesakes is the one more often in the news;
- feature: a bare name that is a country, a first-level division, a continent or a
  curated region means that (unless the division's own capital has the name: "Idlib"
  is the city); capitals and provincial capitals a little more;
- the document's country focus: the countries it names, by name or demonym, and the
  countries of names that only one country has, weighted by count, plus a small weight
  for the country whose conventions it is written in (dollars and "Sheriff's Office",
  pounds and "per cent": ``sitrep.geo.locale``);
- a containing place written beside the name ("Paris, Texas", "Aleppo (Syria)") or a
  province named in the same sentence ("Hama province");
- closeness to the other places the document mentions: their choices and near-tied
  runners-up, rescored until no choice changes (at most ``COHERENCE_ROUNDS``).

A street, building or village the gazetteer lacks is then placed at the town the story
puts it in (``sitrep.geo.locality``), at precision 2, its name kept.

Precision follows ACLED: 3 for a country, a first-level division or a wide region;
2 for a name qualified by "near", "outskirts of", "N km from" and the like, and for
counties and areas; 1 for a town.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import JaroWinkler

from sitrep.geo.gazetteer import Gazetteer, NameMatch
from sitrep.geo.lexicon import (
    CONTINENT_DEMONYMS,
    RESIDENT_AFTER,
    demonym_country,
    demonym_region,
    is_common_word,
    is_english_word,
)
from sitrep.geo.locale import locale_focus
from sitrep.geo.locality import (
    FACILITY_WORDS,
    NAMED_AFTER,
    NOT_IN_GAZETTEER,
    is_street_name,
    locate_unresolved,
    sentence_breaks,
)
from sitrep.geo.names import (
    FIRST_LEVEL_SUFFIXES,
    SECOND_LEVEL_SUFFIXES,
    has_latin_letter,
    name_key,
    split_division_suffix,
)
from sitrep.geo.outlets import OutletFocus, OutletHome, OutletHomes, outlet_focus
from sitrep.geo.publisher import publisher_focus
from sitrep.types import GeoPrecision, Place, PlaceMention, Span, ToponymKind

__all__ = [
    "MAX_NAME_CHARS",
    "RankedPlace",
    "Ranking",
    "rank_candidates",
    "ranked_mentions",
    "resolve",
    "text_focus",
]


def _words(text: str) -> list[str]:
    """A word list written as one string, as prose is easier to read and edit."""
    return text.split()


MAX_NAME_CHARS = 100
CANDIDATE_LIMIT = 120
EARTH_RADIUS_KM = 6371.0

# Division words that ask for the division, not its namesake town; those below the
# first level ask for the division itself, at precision 2.
_DIVISION_WORDS = FIRST_LEVEL_SUFFIXES
_SUBDIVISION_WORDS = SECOND_LEVEL_SUFFIXES
# Townships lie below counties: "Washington Township" is no Washington County.
_TOWNSHIP_WORDS = frozenset({"township", "twp"})
# Second-level words that news also uses loosely for divisions of other levels.
_LOOSE_SUBDIVISION_WORDS = frozenset({"district", "division"})

_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\bclose to|\boutside(?: of)?|\boutskirts of|\bsuburbs? of|"
    r"\bvicinity of|\baround|\bcountryside of|\bperiphery of|\bedge of|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|northern|southern|eastern|western)"
    r"(?:ern)? of|"
    r"\b(?:km|kms|kilometres?|kilometers?|miles?|mi)\s+(?:\w+\s+){0,2}(?:from|of|outside))"
    r"\s+(?:the\s+)?(?:(?:town|city|village|capital|province)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:countryside|outskirts|suburbs|environs|periphery|area|surroundings|"
    r"vicinity)\b",
    re.IGNORECASE,
)
_CITY_BEFORE = re.compile(
    r"\b(?:city|town|village|hamlet|suburb|neighbou?rhood|municipality)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the Hunan city of Yueyang", "the Idlib town of Saraqib": the name holds the town.
_HOLDS_TOWN_AFTER = re.compile(r"^\s+(?i:city|town|village)\s+of\s+(?:the\s+)?[A-Z]")
_CITY_AFTER = re.compile(r"^\s+(?:city|town|village)\b(?!\s+of\b)", re.IGNORECASE)
# A dateline opens a story or a paragraph and names the city it was filed from:
# "BEIRUT —", "NEWARK, N.J. (AP) -", "(NEW YORK) —", "GEORGETOWN, Ky. (WKYT) -".
_DATELINE_BEFORE = re.compile(r"(?:\A|\n)[ \t]*\(?$")
_DATELINE_AFTER = re.compile(
    r"^\)?(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"(?:—|–|--|-)\s"
)
_GOVERNMENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:provincial\s+|state\s+)?(?:government|premier|legislature|parliament|"
    r"(?:[A-Z][a-z]+\s+)?[Mm]inister|ministry)\b"
)
# "Gary Wilson, 54, of Palestine": where a named person lives is a town.
_RESIDENT_BEFORE = re.compile(r",\s*\d{1,3},\s+of\s+$")
_CAPS_DATELINE_AFTER = re.compile(r"^\)?(?:,|\s*\()")  # "AUSTIN, Texas", "KABUL (Reuters)"
_PLURAL_DIVISIONS = re.compile(
    r"^(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})*\s+"
    r"(?P<word>provinces|governorates|states|regions|oblasts|prefectures|departments|"
    r"counties|parishes|districts)\b"
)
_PLURAL_SUBDIVISIONS = frozenset({"counties", "parishes", "districts"})
_CITY_SUFFIX = re.compile(r"^(.+?)\s+(?:city|town|village)$", re.IGNORECASE)
# "Foua in Idlib", "Marjah in Helmand province", "Maoxian county in Sichuan province": the
# division or country a place is in.
_IN_CONTAINER = re.compile(
    r"^\s+(?:(?:county|district|subdistrict|village|town|city|area)\s+)?in\s+(?:the\s+)?"
    r"(?:(?:province|governorate|state|region|district)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})(?=[\s.,;:)]|$)"
)
_APPOSITION = re.compile(
    r"^\s*(?:,|\()\s*(?:the\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+)?[A-Z][\w.'’-]*){0,3})"
    r"\s*(?P<end>\)|[^\w\s]|\s+\w+|$)"
)
# What stands between two names of one list: "A, B", "A and B", "A, or B", "A/B".
_LIST_JOINER = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*)(?:the\s+)?$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w.'’-]*)*")
_STRIP_CHARS = " \t\r\n\"'“”‘’`.,;:!?()[]{}<>*_|/\\"
_POSSESSIVE = re.compile(r"['’]s?$")
_FEATURE_WORDS = FACILITY_WORDS
# Words between a town's name and a feature word: "Colchester *General* Hospital".
_FACILITY_QUALIFIERS = frozenset(
    _words("""general central international national regional municipal state art public
    memorial city""")
)
MAX_FUZZY_WORDS = 3
# "St. Michael's Hospital", "Saint Peter's Basilica": a saint's, not a town's.
_SAINTS_POSSESSIVE = re.compile(r"^(?:St|Saint|Ste|San|Santa)\.?\s+\S+?['’]s?\s", re.IGNORECASE)
_ABBREVIATED: Mapping[str, str] = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_DIRECTION_WORDS = frozenset(
    _words("""central northern southern eastern western north south east west northeast
    northwest southeast southwest northeastern northwestern southeastern southwestern""")
)
# Feature priors for a bare name that equals the feature's name.
_FEATURE_PRIOR: Mapping[str, float] = {
    "PCLI": 3.5,
    "CONT": 3.5,
    "ADM1": 3.0,
    "ADM2": 1.5,
    "PPLC": 1.0,
    "PPLA": 0.6,
    # Airports and air bases have no head count: as much as a town of some 20,000
    # ("Heathrow" the airport, not the Floridian village).
    "AIRP": 2.0,
    "AIRB": 2.0,
}
_CURATED_PRIOR = 4.5
# How a name matched: added to the score.
_MATCH_PRIOR: Mapping[str, float] = {
    "exact": 0.0,
    "alternate": -0.4,
    "translit": -1.0,
    "fuzzy": -1.5,
}
ALTERNATE_SHADOWED = -2.5
COUNTRY_NAMESAKE_PENALTY = -1.5
SENTENCE_COUNTRY_BONUS = 0.5
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
POPULATION_WEIGHT = 0.45
FOCUS_WEIGHT = 1.5
FOCUS_COUNT_SCALE = 2.0
FOCUS_SHARE_WEIGHT = 0.5
DIVISION_FOCUS_WEIGHT = 1.0
CONTAINER_BONUS = 5.0
CONTAINER_MISMATCH = -2.0
# A place whose admin1 is not the division written beside it is still in it this close
# to the division's point.
CONTAINER_RADIUS_KM = 100.0
SENTENCE_DIVISION_BONUS = 1.5
# A candidate of the kind (town, county, state, country) that the other names of its
# list resolved to: "states such as California or Washington".
LIST_KIND_BONUS = 1.0
# How far a name's choice must lead every candidate of another kind for its kind to count.
LIST_KIND_MARGIN = 1.0
# A town English calls "<name> City", named bare beside a division or country of the
# name ("Quebec", "Gaza", "Kuwait").
CITY_CALLED_PENALTY = -1.5
CLOSENESS_WEIGHT = 1.5
CLOSENESS_SCALE_KM = 250.0
# Countries the story names at least this share as often as its first one: a misspelt
# town, or the town a street is placed at, must be in one of them.
FOCUS_COUNTRY_SHARE = 0.25
# Rounds of rescoring with the other places' choices, until none changes.
COHERENCE_ROUNDS = 4
# The other names' places a candidate may be close to: each name's choice and its
# runners-up within this much of the choice's score (a near tie is still a guess).
NEIGHBOUR_CANDIDATES = 3
NEIGHBOUR_MARGIN = 0.5
# A city this big and this many times bigger than every namesake town keeps its
# English exonym.
EXONYM_SIZE_RATIO = 10
EXONYM_MIN_POPULATION = 1_000_000
# Countries whose place names are written in Latin letters in the first place (the
# Americas, Latin-script Europe, Australia and New Zealand): a transliteration variant of
# one of their names is a different name ("Anfield" is not Enfield, "Portroe" not Portree).
# Not Turkey, Vietnam or Africa's countries, whose names news respells (Kobane, Maiduguri).
LATIN_SCRIPT_COUNTRIES = frozenset(
    _words("""US CA MX GT BZ SV HN NI CR PA CU DO HT JM PR BS BB TT AG DM GD KN LC VC CO VE EC PE
    BO CL AR UY PY BR GY SR GF GB IE FR BE NL LU DE AT CH LI IT SM VA MT ES PT AD MC DK
    NO SE FI IS EE LV LT PL CZ SK HU SI HR BA RO MD AL AU NZ""")
)
# Transliteration matches must be this similar (Jaro-Winkler, 0-100) to the place's name,
# and this similar when the place lies outside every country the document names.
TRANSLIT_MIN_SIMILARITY = 85.0
TRANSLIT_MIN_SIMILARITY_OUTSIDE_FOCUS = 92.0
# Each word of a misspelt name of several words must be this similar (Jaro-Winkler, 0-1).
FUZZY_WORD_MIN = 0.75


@dataclass(slots=True)
class _Candidate:
    place_id: int
    place: Place
    how: str
    similarity: float = 100.0
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Container:
    text: str
    country: str
    admin1: str | None
    # The division's own entry: a place outside ``admin1`` still lies in it when it is
    # this close (England's towns have admin1 "England", not the county written).
    division: Place | None = None
    # Written after "in" ("Foua and Kfraya in Idlib"), not beside the name: weaker, since
    # "Russia in Syria" and "Washington in Kabul" are actors somewhere, not places in it.
    written_in: bool = False


@dataclass(slots=True)
class _Mention:
    span: Span
    kind: ToponymKind
    name: str = ""
    suffix: str | None = None
    city_hint: bool = False
    resident_hint: bool = False  # "a Palestine man": a town, not the country
    # "the Quebec government", "the Hunan city of Yueyang": a division or country.
    state_hint: bool = False
    near: bool = False
    sentence: int = 0
    problem: str | None = None
    demonym: str | None = None  # ISO2, or a continent's name
    demonym_region: str | None = None  # the division a demonym names ("Texan": Texas)
    city_name: str | None = None  # "Idlib" of "Idlib city"
    # Towns English calls "<name> City" ("Quebec City", "Gaza City"): the bare name is
    # the division or territory, not them.
    city_called: set[int] = field(default_factory=set)
    part_of: str | None = None  # "Colchester" of "Colchester General Hospital"
    container: _Container | None = None
    # The other names of the list this one is written in ("Los Angeles, Miami, New York
    # and Detroit"); they are mostly places of one kind.
    list_mates: list[_Mention] = field(default_factory=list)
    # The kind of place the name clearly is on its own evidence (first scoring round).
    clear_kind: str | None = None
    candidates: list[_Candidate] = field(default_factory=list)
    choice: _Candidate | None = None


def resolve(
    mentions: Sequence[tuple[Span, ToponymKind]],
    gazetteer: Gazetteer,
    *,
    text: str,
    fuzzy_min_score: float,
    publisher: str | None = None,
    outlets: OutletHomes | None = None,
) -> tuple[PlaceMention, ...]:
    """Resolve each (span, kind) of ``text`` to a place; one PlaceMention per input, in order.

    ``publisher`` is the article's web address (or its host name): its country-code
    domain weighs a little for places of that country (``publisher_focus``), and the
    outlet's home in ``outlets`` (the bundled table when None) for places of its country
    and division (``outlet_focus``).
    Never raises on odd input: an empty, over-long or non-Latin name comes back
    unresolved with the reason.
    """
    ranking = ranked_mentions(
        mentions,
        gazetteer,
        text=text,
        fuzzy_min_score=fuzzy_min_score,
        publisher=publisher,
        outlets=outlets,
    )
    resolved = tuple(_to_mention(item, ranking.divisions, gazetteer) for item in ranking.items)
    top = max(ranking.focus.countries.values(), default=0.0)
    countries = {c for c, w in ranking.focus.countries.items() if w >= FOCUS_COUNTRY_SHARE * top}
    return locate_unresolved(resolved, text, countries=countries)


@dataclass(slots=True)
class Ranking:
    """What ``ranked_mentions`` leaves: each mention with its scored candidates (best
    first) and choice, the divisions named per sentence and the document's focus."""

    items: list[_Mention]
    divisions: dict[int, list[tuple[str, str]]]
    focus: _Focus


def ranked_mentions(
    mentions: Sequence[tuple[Span, ToponymKind]],
    gazetteer: Gazetteer,
    *,
    text: str,
    fuzzy_min_score: float,
    publisher: str | None = None,
    outlets: OutletHomes | None = None,
) -> Ranking:
    """The steps of ``resolve`` before output, for analysis tools that look at the whole
    candidate list (``tests/geo/miss_categories.py``)."""
    breaks = sentence_breaks(text)
    items = [_prepare(span, kind, text, breaks) for span, kind in mentions]
    _link_lists(items, text)
    for item in items:
        if item.problem is None:
            _gather(item, gazetteer)
    home = _known_division(
        (outlets if outlets is not None else OutletHomes.bundled()).home(publisher), gazetteer
    )
    focus = _document_focus(items, text, gazetteer, publisher, outlet_focus(home))
    focus.home = _home_town(home)
    divisions = _sentence_divisions(items)
    for item in items:
        _drop_far_translit(item, focus.countries)
    # Fuzzy candidates only where nothing matched, and only in a country of the focus.
    for item in items:
        if item.problem is None and not item.candidates and item.demonym is None:
            _gather_fuzzy(item, gazetteer, focus.countries, fuzzy_min_score)
    for item in items:
        _drop_loose_outside_container(item)
    for item in items:
        _score(item, focus, divisions, others=None)
        item.clear_kind = _clear_kind(item)
    for _ in range(COHERENCE_ROUNDS):
        before = [item.choice.place_id if item.choice else None for item in items]
        for item in items:
            _score(item, focus, divisions, others=items)
        if before == [item.choice.place_id if item.choice else None for item in items]:
            break
    _one_sense_per_name(items)
    return Ranking(items, divisions, focus)


@dataclass(frozen=True, slots=True)
class RankedPlace:
    """One candidate place for a name, its score and the evidence behind it."""

    place: Place
    score: float
    reasons: tuple[str, ...]


def rank_candidates(
    name: str,
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    fuzzy_min_score: float = 85.0,
    limit: int = 10,
) -> list[RankedPlace]:
    """Every candidate for ``name`` alone, best first, scored as ``resolve`` scores them.

    ``country`` (ISO2) stands for a document about that country.  Misspellings are
    looked for anywhere when no country is given (an analyst asking about "Iblib" wants
    to see Idlib).  An odd name gives an empty list.
    """
    item = _prepare(Span(0, len(name), name), ToponymKind.LITERAL, name, [])
    if item.problem is not None or limit <= 0:
        return []
    focus = _Focus()
    if country:
        focus.countries[country.strip().upper()] += 1.0
    if item.demonym is not None:
        found = _demonym_place(item, gazetteer)
        return [RankedPlace(found, 1.0, (f"demonym of {found.name}",))] if found else []
    _gather(item, gazetteer)
    _drop_far_translit(item, focus.countries)
    if not item.candidates:
        _gather_fuzzy(item, gazetteer, focus.countries, fuzzy_min_score, anywhere=not country)
    _score(item, focus, {}, others=None)
    return [
        RankedPlace(c.place, round(c.score, 3), tuple(c.reasons) or ("name matches",))
        for c in item.candidates[:limit]
    ]


# ---------------------------------------------------------------------------
# Preparing a mention
# ---------------------------------------------------------------------------


def _clean(surface: str) -> str:
    text = surface.strip(_STRIP_CHARS)
    text = _POSSESSIVE.sub("", text).strip(_STRIP_CHARS)
    if text.lower().startswith("the "):
        text = text[4:].strip()
    return text


def _prepare(span: Span, kind: ToponymKind, text: str, breaks: Sequence[int]) -> _Mention:
    item = _Mention(span=span, kind=kind)
    item.sentence = bisect.bisect_right(breaks, span.start)
    surface = span.text if isinstance(span.text, str) else ""
    if not surface.strip():
        item.problem = "empty name"
        return item
    if len(surface) > MAX_NAME_CHARS:
        item.problem = f"name longer than {MAX_NAME_CHARS} characters"
        return item
    if not has_latin_letter(surface):
        item.problem = "no Latin letters in the name"
        return item
    name = _clean(surface)
    if not name or not name_key(name):
        item.problem = "nothing left of the name after punctuation"
        return item
    item.name = name
    if name_key(name) in _DIRECTION_WORDS:
        item.problem = "a direction word, not a place name"
        return item
    country = demonym_country(name)
    continent = CONTINENT_DEMONYMS.get(name_key(name))
    if country is not None:
        item.demonym = country
        item.demonym_region = demonym_region(name)
    elif continent is not None:
        item.demonym = continent
    item.suffix = split_division_suffix(name)[1]
    city = _CITY_SUFFIX.match(name)
    if city is not None:
        item.city_name = city.group(1)
    before = text[max(0, span.start - 60) : span.start] if 0 <= span.start <= len(text) else ""
    after = text[span.end : span.end + 80] if 0 <= span.end <= len(text) else ""
    item.near = bool(_NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after))
    item.city_hint = bool(_CITY_BEFORE.search(before) or _CITY_AFTER.match(after))
    item.state_hint = bool(_GOVERNMENT_AFTER.match(after) or _HOLDS_TOWN_AFTER.match(after))
    item.resident_hint = bool(RESIDENT_AFTER.match(after) or _RESIDENT_BEFORE.search(before))
    if _DATELINE_BEFORE.search(text[max(0, span.start - 200) : span.start]) and (
        _DATELINE_AFTER.match(after) or (surface.isupper() and _CAPS_DATELINE_AFTER.match(after))
    ):
        item.city_hint = True
    item.container = _apposition(after, name) or _written_in(after, name)
    plural = _PLURAL_DIVISIONS.match(after) if item.suffix is None else None
    if plural is not None:
        # "Hunan and Hubei provinces", "Clarke, Madison and Oconee counties"
        item.suffix = "county" if plural.group("word") in _PLURAL_SUBDIVISIONS else "province"
    return item


def _link_lists(items: Sequence[_Mention], text: str) -> None:
    """Note, for each name written in a list ("A, B and C", "A or B"), the list's other
    names.  A name followed by its container ("Austin, Texas") is not a list item."""
    ordered = sorted(
        (item for item in items if item.problem is None), key=lambda item: item.span.start
    )
    groups: list[list[_Mention]] = []
    for before, after in itertools.pairwise(ordered):
        between = text[before.span.end : after.span.start]
        joined = (
            before.sentence == after.sentence
            and before.container is None
            and before.demonym is None
            and after.demonym is None
            and _LIST_JOINER.match(between) is not None
        )
        if joined and groups and groups[-1][-1] is before:
            groups[-1].append(after)
        elif joined:
            groups.append([before, after])
    for group in groups:
        last = group[-1].container
        for item in group:
            item.list_mates = [other for other in group if other is not item]
            if item.container is None and last is not None and last.written_in:
                # "the villages of Foua and Kfraya in Idlib": both are in Idlib.
                item.container = replace(last)


def _place_kind(place: Place) -> str:
    """The kind of place a list holds: towns (and spots), counties, first-level
    divisions, countries, or other."""
    if place.feature_class in ("P", "S"):
        return "town"
    if place.feature_code in _COUNTRY_CODES:
        return "country"
    if place.feature_code in ("ADM1", "ADM2"):
        return place.feature_code
    return "other"


def _clear_kind(item: _Mention) -> str | None:
    """The kind of the item's choice when it leads every candidate of another kind by
    ``LIST_KIND_MARGIN`` (a near tie between a state and a city says nothing)."""
    if item.choice is None:
        return None
    kind = _place_kind(item.choice.place)
    rivals = [c.score for c in item.candidates if _place_kind(c.place) != kind]
    if rivals and item.choice.score - max(rivals) < LIST_KIND_MARGIN:
        return None
    return kind if kind != "other" else None


def _list_kind(item: _Mention) -> str | None:
    """The kind of place the other names of the item's list clearly are, if they agree
    (and one at least is clear).  Taken from the first round, on each name's own
    evidence, so that two names of a list cannot talk each other into a kind."""
    kinds = {m.clear_kind for m in item.list_mates}
    kinds.discard(None)
    if len(kinds) != 1:
        return None
    return kinds.pop()


def _apposition(after: str, name: str) -> _Container | None:
    """The container written right after a name: "Paris, Texas", "Aleppo (Syria)".

    Only a country or a division qualifies, and not the next item of a list ("Hama,
    Idlib and Aleppo", "Utah, Colorado, and Idaho"): a name followed by "and", "or" or
    another comma is one.
    """
    match = _APPOSITION.match(after)
    if match is None:
        return None
    written = _to_sentence_end(match.group("name"))
    container = written.strip(_STRIP_CHARS)
    tail = after[match.start("name") + len(written) :]
    if re.match(r"^\s*(?:,\s*(?:[A-Z]|(?:and|or)\s+[A-Z])|and\b|or\b|&)", tail) and not (
        after.lstrip().startswith("(")
    ):
        return None
    if not container or name_key(container) == name_key(name):
        return None
    return _Container(text=container, country="", admin1=None)


def _to_sentence_end(run: str) -> str:
    """A capitalised run up to the end of its sentence: "Texas" of "Texas. The mayor".
    A short word with a dot ("Ky.", "St.", "N.J.") may be an abbreviation inside the name
    or the sentence's end: ``_container_names`` tries both."""
    for word in re.finditer(r"\S+", run):
        token = word.group()
        if token.endswith(".") and sum(ch.isalpha() for ch in token) > 3:
            return run[: word.end()]
    return run


def _container_names(text: str) -> list[str]:
    """The container as written, then cut after each dotted word, longest first:
    "Ky. The" -> ["Ky. The", "Ky."], "St. Louis County. He" -> [..., "St. Louis County."]."""
    cuts = [m.end() for m in re.finditer(r"\.(?=\s)", text)]
    names = [text, *(text[:end] for end in reversed(cuts))]
    return [name.strip(_STRIP_CHARS) for name in names if name.strip(_STRIP_CHARS)]


def _written_in(after: str, name: str) -> _Container | None:
    """The division or country written after "in": "Foua in Idlib province"."""
    match = _IN_CONTAINER.match(after)
    if match is None:
        return None
    container = split_division_suffix(match.group("name"))[0].strip(_STRIP_CHARS)
    if not container or name_key(container) == name_key(name):
        return None
    return _Container(text=container, country="", admin1=None, written_in=True)


def _gather(item: _Mention, gazetteer: Gazetteer) -> None:
    """Exact and transliteration candidates for the name (and its base, for "X province")."""
    if item.demonym is not None:
        return
    names = [item.name]
    if item.suffix is not None:
        names.append(split_division_suffix(item.name)[0])
    seen: set[int] = set()
    for text in names:
        for match in gazetteer.matches(text, CANDIDATE_LIMIT):
            if match.place_id in seen:
                continue
            seen.add(match.place_id)
            item.candidates.append(_from_match(match, text))
        if item.candidates and text == item.name and not _wants_base_name(item):
            break
    _keep_close_spellings(item, item.name)
    if any(c.place.feature_code == "PPLA" for c in item.candidates) and item.city_name is None:
        item.city_called = {
            m.place_id
            for m in gazetteer.matches(f"{item.name} City", CANDIDATE_LIMIT, translit=False)
            if m.place.feature_class == "P"
        }
    if not item.candidates:
        _gather_facility_town(item, gazetteer)
    for part, hint in ((item.city_name, "city"), (_direction_part(item.name), "part")):
        if item.candidates or part is None:
            continue
        # "Idlib city" is not a name of its own: the town called Idlib; "western Homs"
        # is a part of Homs (precision 2).
        item.candidates = [_from_match(m, part) for m in gazetteer.matches(part, CANDIDATE_LIMIT)]
        _keep_close_spellings(item, part)
        if item.candidates:
            item.city_hint = hint == "city"
            item.near = item.near or hint == "part"
    if item.container is not None:
        _resolve_container(item, gazetteer)


def _keep_close_spellings(item: _Mention, name: str) -> None:
    """A loose spelling match must still look like the name; a name made of English or
    feature words ("Thames Valley", "State") or one English word ("Absurd": not Ab
    Sard) is not a romanisation of anything; and a place of a country that writes its
    names in Latin letters has one spelling ("Anfield" is not Enfield)."""
    words = name_key(name).split()
    loose_ok = not any(is_common_word(w) or w in _FEATURE_WORDS for w in words) and not (
        len(words) == 1 and is_english_word(words[0])
    )
    item.candidates = [
        c
        for c in item.candidates
        if c.how != "translit"
        or (
            loose_ok
            and c.similarity >= TRANSLIT_MIN_SIMILARITY
            and c.place.country not in LATIN_SCRIPT_COUNTRIES
        )
    ]


def _direction_part(name: str) -> str | None:
    """ "Homs" of "Western Homs", "Aleppo" of "northern Aleppo": a direction word, then a
    name."""
    words = name.split()
    if len(words) >= 2 and name_key(words[0]).replace(" ", "") in _DIRECTION_WORDS:
        return " ".join(words[1:])
    return None


def _gather_facility_town(item: _Mention, gazetteer: Gazetteer) -> None:
    """A facility named after its town ("Colchester General Hospital", "Manila
    Cathedral", "Tijuana River"): not in the gazetteer itself, it is in or near the town.

    The feature words are dropped from the end (and house numbers from the start); what
    is left must be a known name that is not an English word.  Precision 2.
    """
    words = item.name.split()
    if len(words) < 2 or is_street_name(item.name) or _SAINTS_POSSESSIVE.match(item.name):
        # "Memphis Street" is seldom in Memphis, and "St. Michael's Hospital" is named
        # after the saint, not St. Michaels, Maryland: left to the story's own town.
        return
    keep = list(words)
    while keep and name_key(keep[-1]) in _FEATURE_WORDS | _FACILITY_QUALIFIERS:
        keep.pop()
    while keep and not any(ch.isalpha() for ch in keep[0]):
        keep.pop(0)
    if not keep or len(keep) == len(words):
        return
    town = " ".join(keep)
    if is_common_word(town) or name_key(town) in _DIRECTION_WORDS:
        return
    matches = gazetteer.matches(town, CANDIDATE_LIMIT, translit=False)
    item.candidates = [_from_match(m, town) for m in matches if m.place.feature_class != "H"]
    if item.candidates:
        item.part_of = town


def _wants_base_name(item: _Mention) -> bool:
    """A "X province" mention also tries "X": when its full name found no division, and
    for "district" or "division" always, since news uses those words loosely: the
    divisions called "X" elsewhere (Jordan's Karak governorate) compete with the one
    whose own name is "X District" (Pakistan's).  "X County" and "X Parish" are official
    names and are taken as written."""
    if item.suffix is None:
        return False
    if item.suffix in _LOOSE_SUBDIVISION_WORDS:
        return True
    return not any(c.place.feature_class == "A" for c in item.candidates)


def _from_match(match: NameMatch, text: str) -> _Candidate:
    how = match.how
    if how == "exact" and match.alternate and _spelled_out(text) != _spelled_out(match.place.name):
        # "St. Petersburg" is Saint Petersburg's own name, abbreviated, not an alternate.
        how = "alternate"
    similarity = 100.0
    if how == "translit":
        similarity = 100.0 * JaroWinkler.normalized_similarity(
            name_key(text), name_key(match.place.name)
        )
    return _Candidate(match.place_id, match.place, how, similarity)


def _resolve_container(item: _Mention, gazetteer: Gazetteer) -> None:
    container = item.container
    if container is None:
        return
    for text in _container_names(container.text):
        if _resolve_container_name(container, text, gazetteer):
            container.text = text
            return
    item.container = None


def _resolve_container_name(container: _Container, text: str, gazetteer: Gazetteer) -> bool:
    """Fill ``container`` from ``text`` if it names a country, a first-level division
    or the one county of its name."""
    country = demonym_country(text)
    if country is not None:
        container.country = country
        return True
    matches = gazetteer.matches(text, 40, translit=False)
    for match in matches:
        place = match.place
        if place.feature_code == "PCLI" and place.country:
            container.country = place.country
            return True
        if place.feature_code == "ADM1" and place.country and not match.alternate:
            container.country, container.admin1 = place.country, place.admin1
            container.division = place
            return True
    counties = [
        m.place
        for m in matches
        if m.place.feature_code == "ADM2" and m.place.country and not m.alternate
    ]
    if len(counties) == 1:
        # "Croft, Yorkshire", "Rockingham, Northamptonshire": a county (when only one
        # has the name), placed by distance.
        container.country, container.division = counties[0].country or "", counties[0]
        return True
    return False


def _drop_far_translit(item: _Mention, focus: Mapping[str, float]) -> None:
    """Transliteration matches outside the document's countries must be close spellings."""
    if not focus:
        return
    item.candidates = [
        c
        for c in item.candidates
        if c.how != "translit"
        or c.place.country in focus
        or c.similarity >= TRANSLIT_MIN_SIMILARITY_OUTSIDE_FOCUS
    ]


def _drop_loose_outside_container(item: _Mention) -> None:
    """A misspelling or transliteration match outside the division or country written
    beside the name is another place ("Foua in Idlib" is not Foça, Turkey): without it
    the name falls back to that division."""
    container = item.container
    if container is None or not container.country:
        return
    item.candidates = [
        c
        for c in item.candidates
        if c.how not in ("fuzzy", "translit") or _in_container(c.place, container)
    ]


def _gather_fuzzy(
    item: _Mention,
    gazetteer: Gazetteer,
    focus: Mapping[str, float],
    min_score: float,
    *,
    anywhere: bool = False,
) -> None:
    """Misspelt names: only 4+ letters, not English words, and only in a focus country
    (or, with ``anywhere``, in any country)."""
    key = name_key(split_division_suffix(item.name)[0])
    words = key.split()
    if (
        len(key.replace(" ", "")) < 4
        or not (focus or anywhere)
        or len(words) > MAX_FUZZY_WORDS
        or any(is_common_word(w) or w in _FEATURE_WORDS for w in words)
        or (len(words) == 1 and is_english_word(key))
    ):
        return
    top = max(focus.values(), default=0.0)
    allowed = {country for country, weight in focus.items() if weight >= FOCUS_COUNTRY_SHARE * top}
    for place, score in gazetteer.fuzzy(key, min_score=min_score, limit=20):
        place_words = name_key(place.name).split()
        # Word by word alike: "Meadow Grove" is not a misspelling of "Meadow Glade".
        same_shape = len(place_words) == len(words) and all(
            a[0] == b[0]
            and (len(words) == 1 or JaroWinkler.normalized_similarity(a, b) >= FUZZY_WORD_MIN)
            for a, b in zip(place_words, words, strict=True)
        )
        if (anywhere or place.country in allowed) and same_shape:
            item.candidates.append(_Candidate(-1 - len(item.candidates), place, "fuzzy", score))


# ---------------------------------------------------------------------------
# Document context
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Focus:
    """What a document is about: countries and first-level divisions, with weights."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    divisions: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    # Per sentence, the countries named in it by name or demonym.
    in_sentence: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # The publishing outlet's home town, when the outlet is a local one.
    home: Place | None = None


def text_focus(text: str, gazetteer: Gazetteer) -> dict[str, float]:
    """Countries a text names, weighted: country names and demonyms 1, divisions 0.7.

    Capitalised runs are matched longest first, so "New Mexico" is not Mexico; a
    country's possessive counts as its name ("Syria's army"); a division's name counts
    only when no other country has a division or country of that name ("Punjab",
    "Georgia" say nothing).
    """
    return dict(_scan_text(text, gazetteer).countries)


def _scan_text(text: str, gazetteer: Gazetteer) -> _Focus:
    focus = _Focus()
    countries = gazetteer.country_names()
    divisions = gazetteer.division_names()
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                key = name_key(phrase)
                if not key:
                    continue
                code = countries.get(key) or demonym_country(phrase)
                if code is None and _POSSESSIVE.search(phrase):
                    # "The UK's regulator", "Syria's army"; not for divisions, whose
                    # names are often first names too ("Michael's", a sheading of Man).
                    code = countries.get(name_key(_POSSESSIVE.sub("", phrase)))
                if code is not None:
                    focus.countries[code] += 1.0
                    i += n
                    break
                if n == 1 and (is_common_word(key) or key in _DIRECTION_WORDS):
                    continue
                division = divisions.get(key)
                if division is not None:
                    focus.countries[division[0]] += 0.7
                    focus.divisions[division] += 1.0
                    i += n
                    break
            else:
                i += 1
    return focus


def _document_focus(
    items: Sequence[_Mention],
    text: str,
    gazetteer: Gazetteer,
    publisher: str | None = None,
    outlet: OutletFocus | None = None,
) -> _Focus:
    """Countries and divisions the document is about, weighted by how often it names them.

    ``_scan_text`` of the text, the locale the text is written in (``locale_focus``,
    under 1), the publisher's country-code domain (``publisher_focus``) or, weighing
    more, the outlet's home (``outlet_focus``), plus, from the
    mentions, 1 for the country (and the division) of each name whose candidates all
    lie in that one country (division):
    "Khan Sheikhoun" says Syria, and Idlib.  Also notes, per sentence, the countries its
    mentions name ("the United States", "Syrian").
    """
    focus = _scan_text(text, gazetteer)
    for country, weight in locale_focus(text).items():
        focus.countries[country] += weight
    publisher_weights = dict(publisher_focus(publisher))
    if outlet is not None:
        for country, weight in outlet.countries.items():
            publisher_weights[country] = max(weight, publisher_weights.get(country, 0.0))
        for division, weight in outlet.divisions.items():
            focus.divisions[division] += weight
    for country, weight in publisher_weights.items():
        focus.countries[country] += weight
    countries = gazetteer.country_names()
    # A name that one mention shows to be a town ("a 54-year-old Palestine man") is that
    # town throughout: its mentions are no evidence for the country of that name, in the
    # story or in their sentence.
    towns = {name_key(item.name) for item in items if item.resident_hint}
    for item in items:
        key = name_key(item.name)
        named = countries.get(key)
        if key in towns:
            if named and focus.countries.get(named, 0.0) > 0:
                focus.countries[named] = max(0.0, focus.countries[named] - 1.0)
            named = None
        code = item.demonym if item.demonym and len(item.demonym) == 2 else named
        if code:
            focus.in_sentence[item.sentence].add(code)
    for item in items:
        if not item.candidates:
            continue
        if name_key(item.name) in countries:
            continue
        strong = [c.place for c in item.candidates if c.how in ("exact", "alternate")]
        found = {p.country for p in strong}
        if len(found) == 1 and None not in found:
            (code,) = found
            if code is not None:
                focus.countries[code] += 1.0
                admins = {p.admin1 for p in strong}
                if len(admins) == 1 and None not in admins:
                    (admin,) = admins
                    if admin is not None:
                        focus.divisions[(code, admin)] += 1.0
    return focus


def _known_division(home: OutletHome | None, gazetteer: Gazetteer) -> OutletHome | None:
    """The home with its division named as the gazetteer names it: a table may use
    another of GeoNames' spellings ("Beyrouth", "St.-Petersburg"); the home town's
    GeoNames id tells which division it is."""
    if home is None or home.admin1 is None:
        return home
    division = gazetteer.admin1(home.country, home.admin1)
    if division is not None and division.admin1:
        return home if division.admin1 == home.admin1 else replace(home, admin1=division.admin1)
    town = gazetteer.place_by_geonameid(home.geonameid) if home.geonameid else None
    if town is not None and town.country == home.country and town.admin1:
        return replace(home, admin1=town.admin1)
    return home


def _home_town(home: OutletHome | None) -> Place | None:
    """A local outlet's home town, as a point the story's places are likely near."""
    if home is None or not home.local or home.lat is None or home.lon is None:
        return None
    return Place(
        home.geonameid,
        home.home or home.host,
        home.lat,
        home.lon,
        home.country,
        home.admin1,
        "P",
        "PPL",
        0,
        "outlet home",
    )


def _sentence_divisions(items: Sequence[_Mention]) -> dict[int, list[tuple[str, str]]]:
    """Per sentence, the (country, division) pairs named with a division word."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item in items:
        if item.suffix not in _DIVISION_WORDS:
            continue
        for cand in item.candidates:
            if cand.place.feature_code == "ADM1" and cand.place.country and cand.place.admin1:
                found[item.sentence].append((cand.place.country, cand.place.admin1))
    return found


def _distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _is_point(place: Place) -> bool:
    """Places small enough for distance to mean something (not countries or regions):
    towns, spots (airports, air bases, crossings, buildings), counties and areas."""
    return place.feature_class in ("P", "S") or place.feature_code in ("ADM2", "AREA")


def _is_neighbour(place: Place) -> bool:
    """Places whose point says where a text's other places lie: points and divisions
    (a small division's point is near its towns, a big one's still in their half)."""
    return _is_point(place) or place.feature_code == "ADM1"


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def _score(
    item: _Mention,
    document: _Focus,
    divisions: Mapping[int, list[tuple[str, str]]],
    others: Sequence[_Mention] | None,
) -> None:
    if not item.candidates:
        return
    focus = document.countries
    top_focus = max(focus.values()) if focus else 0.0
    bare_key = name_key(item.name)
    seats = {
        (c.place.country, c.place.admin1) for c in item.candidates if c.place.feature_code == "PPLA"
    }
    seats -= {
        (c.place.country, c.place.admin1) for c in item.candidates if c.place_id in item.city_called
    }
    in_sentence = divisions.get(item.sentence, [])
    primaries = [c.place for c in item.candidates if c.how == "exact"]
    # The country with the one division or country of this very name ("Gaza" names
    # two provinces: no guess which one a bare "Gaza" would mean).
    named_divisions = [
        c.place
        for c in item.candidates
        if c.how == "exact" and c.place.feature_code in ("ADM1", *_COUNTRY_CODES)
    ]
    divisional = {named_divisions[0].country} if len(named_divisions) == 1 else set()
    neighbours: list[Place] = []
    if others is not None:
        neighbours = [
            c.place
            for o in others
            if o is not item and o.choice is not None and name_key(o.name) != bare_key
            for c in o.candidates[:NEIGHBOUR_CANDIDATES]
            if _is_neighbour(c.place) and c.score >= o.choice.score - NEIGHBOUR_MARGIN
        ]
        if document.home is not None:
            # A local paper's places lie around its town, as if the story named it.
            neighbours.append(document.home)
    country_named = any(
        c.how == "exact" and c.place.feature_code in _COUNTRY_CODES for c in item.candidates
    )
    list_kind = _list_kind(item) if others is not None else None
    for cand in item.candidates:
        place = cand.place
        reasons: list[str] = []
        score = _MATCH_PRIOR[cand.how]
        if cand.how == "fuzzy":
            score -= (100.0 - cand.similarity) / 10.0
            reasons.append(f"spelling {cand.similarity:.0f}%")
        elif cand.how == "translit":
            score -= max(0.0, 90.0 - cand.similarity) / 10.0
            reasons.append("transliteration")
        elif cand.how == "alternate":
            reasons.append("alternate name")
            if _shadowed(place, primaries):
                # Another place has this as its own name: the alternate is a long shot
                # ("New York" is an old name of a York in Nebraska; "Mexico" of its
                # capital), unless that place is the division this town is the seat of.
                score += ALTERNATE_SHADOWED

        if place.population > 0 and place.feature_code != "PCLI":
            # Countries are scored by their feature prior: a country's head count says
            # nothing about whether a bare name means it.
            score += POPULATION_WEIGHT * math.log10(place.population + 1)
            reasons.append("population prior")
        if cand.place_id in item.city_called and place.country in divisional:
            # Bare "Quebec" is the province; English calls its capital "Quebec City".
            score += CITY_CALLED_PENALTY
            reasons.append(f"known as {item.name} City")
        prior = _feature_prior(item, cand, seats)
        if prior:
            score += prior
            reasons.append(f"feature {place.feature_code}")
        if place.country and focus.get(place.country, 0.0) > 0:
            score += _focus_bonus(focus[place.country], top_focus)
            reasons.append(f"country focus {place.country}")
        elif cand.how == "translit" and focus:
            score -= 1.0  # a loose spelling match outside the story's countries
        division_weight = document.divisions.get((place.country or "", place.admin1 or ""), 0.0)
        if division_weight > 0:
            score += DIVISION_FOCUS_WEIGHT * math.log10(1.0 + FOCUS_COUNT_SCALE * division_weight)
            reasons.append(f"division focus {place.admin1}")
        container = item.container
        in_container = False
        if container is not None and container.country:
            in_container = _in_container(place, container)
            if in_container:
                score += CONTAINER_BONUS
                reasons.append(f"in {container.text}")
            elif not container.written_in:
                score += CONTAINER_MISMATCH
        if (place.country, place.admin1) in in_sentence and place.feature_code != "ADM1":
            score += SENTENCE_DIVISION_BONUS
            reasons.append(f"{place.admin1} named nearby")
        if item.resident_hint and place.feature_code in _COUNTRY_CODES:
            score += COUNTRY_NAMESAKE_PENALTY
        if (
            country_named
            and not item.resident_hint
            and place.feature_class == "P"
            and division_weight == 0
            and not in_container
            and (place.country, place.admin1) not in in_sentence
        ):
            # "Russia" in a story about US states is the country, not Russia, Ohio: a
            # town named like a country needs its own division in the text to win.
            score += COUNTRY_NAMESAKE_PENALTY
        if (
            not country_named
            and place.country in document.in_sentence.get(item.sentence, ())
            and place.feature_code not in _COUNTRY_CODES
        ):
            # "In Washington, ... expelled from the United States".
            score += SENTENCE_COUNTRY_BONUS
            reasons.append(f"{place.country} named in the sentence")
        if list_kind is not None and _place_kind(place) == list_kind:
            score += LIST_KIND_BONUS
            reasons.append(f"listed with other places of its kind ({list_kind})")
        if neighbours and _is_point(place):
            nearest = min(_distance_km(place, other) for other in neighbours)
            bonus = CLOSENESS_WEIGHT * math.exp(-nearest / CLOSENESS_SCALE_KM)
            if bonus > 0.1:
                score += bonus
                reasons.append(f"near other places ({nearest:.0f} km)")
        cand.score = score
        cand.reasons = reasons
    item.candidates.sort(key=lambda c: (-c.score, -c.place.population, c.place_id))
    item.choice = item.candidates[0]


def _in_container(place: Place, container: _Container) -> bool:
    """Whether ``place`` lies in the country or division written beside its name."""
    return place.country == container.country and (
        (container.admin1 is None and container.division is None)
        or (container.admin1 is not None and place.admin1 == container.admin1)
        or (
            container.division is not None
            and _distance_km(place, container.division) <= CONTAINER_RADIUS_KM
        )
    )


def _spelled_out(name: str) -> str:
    """The strict key with "St", "Mt", "Ft" written out."""
    return " ".join(_ABBREVIATED.get(w, w) for w in name_key(name).split())


def _shadowed(place: Place, primaries: Sequence[Place]) -> bool:
    """Whether a primary name of another place makes this alternate name a long shot.

    Not when this place is the division's seat, nor when it is a city of a million
    people or more over ten times the size of every town that has the name as its own
    (an English exonym: "St. Petersburg" of Russia against the Floridian town; GeoNames
    gives small towns odd alternate names, so a smaller city does not qualify).
    """
    if (
        place.feature_class == "P"
        and place.population >= EXONYM_MIN_POPULATION
        and all(
            other.feature_class == "P" and place.population >= EXONYM_SIZE_RATIO * other.population
            for other in primaries
        )
    ):
        return False
    for other in primaries:
        seat_of = (
            other.feature_code == "ADM1"
            and place.feature_code == "PPLA"
            and (other.country, other.admin1) == (place.country, place.admin1)
        )
        if not seat_of:
            return True
    return False


def _focus_bonus(weight: float, top: float) -> float:
    """Evidence for a country the text names ``weight`` times (the top one ``top`` times).

    Grows with the log of the count (a second mention adds less than the first) and
    with the country's share of the text's attention.
    """
    return FOCUS_WEIGHT * math.log10(1.0 + FOCUS_COUNT_SCALE * weight) + FOCUS_SHARE_WEIGHT * (
        weight / top if top > 0 else 0.0
    )


def _feature_prior(
    item: _Mention, cand: _Candidate, seats: set[tuple[str | None, str | None]]
) -> float:
    place = cand.place
    code = place.feature_code
    if item.suffix in _DIVISION_WORDS:
        # "Hama province": the division, not the town.
        if code == "ADM1":
            return 6.0
        return -3.0 if place.feature_class == "P" else 0.0
    if item.suffix in _SUBDIVISION_WORDS:
        own_name = place.feature_class == "A" and name_key(place.name) in (
            name_key(item.name),
            name_key(split_division_suffix(item.name)[0]),
        )
        if item.suffix in _TOWNSHIP_WORDS and (code == "ADM1" or code in _COUNTRY_CODES):
            own_name = False  # a township is no state
        if own_name or (code == "ADM2" and item.suffix not in _TOWNSHIP_WORDS):
            return 4.0
        return 0.0
    if item.city_hint:
        return 2.0 if place.feature_class == "P" else -2.0
    if item.state_hint and place.feature_code in ("ADM1", *_COUNTRY_CODES):
        # "the Quebec government", "Quebec Health Minister": a province or a country
        # has a government and ministers; a city has a council and a mayor.
        return _FEATURE_PRIOR.get(place.feature_code, 0.0) + 2.0
    if place.source == "sitrep-curated":
        return _CURATED_PRIOR
    if code == "ADM1" and (place.country, place.admin1) in seats:
        # "Idlib": the provincial capital, not the province around it.
        return 0.5
    if code == "ADM2" and name_key(place.name) != name_key(item.name):
        # "Karak" is the town more often than the district named after it.
        return 0.0
    return _FEATURE_PRIOR.get(code, 0.0)


def _one_sense_per_name(items: Sequence[_Mention]) -> None:
    """Mentions of one name, with nothing of their own to tell them apart, agree.

    A story names a place the same way throughout; the mention with the most
    evidence (highest score) decides for the others of the same name and form.
    """
    groups: dict[tuple[str, str | None, bool], list[_Mention]] = defaultdict(list)
    for item in items:
        if item.choice is not None and item.container is None:
            groups[(name_key(item.name), item.suffix, item.city_hint)].append(item)
    for group in groups.values():
        if len(group) < 2:
            continue
        # A mention that says it is a town ("a Palestine man") decides before scores do.
        best = max(
            group,
            key=lambda m: (m.resident_hint, m.choice.score if m.choice else -math.inf),
        )
        if best.choice is None:
            continue
        for item in group:
            if item is best:
                continue
            same = next((c for c in item.candidates if c.place_id == best.choice.place_id), None)
            if same is not None and item.choice is not same:
                item.choice = same
                same.reasons = [*same.reasons, "same name as elsewhere in the text"]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def _precision(item: _Mention, place: Place) -> GeoPrecision:
    code = place.feature_code
    if code in ("PCLI", "ADM1", "CONT") or item.suffix in _DIVISION_WORDS:
        return GeoPrecision.REGION
    if item.near or (item.part_of is not None and place.feature_class == "P"):
        return GeoPrecision.NEAR
    if code in ("ADM2", "AREA") or item.suffix in _SUBDIVISION_WORDS:
        return GeoPrecision.NEAR
    if place.feature_class in ("P", "S"):
        # A town, or a spot: an air base, a border crossing, an airport.
        return GeoPrecision.EXACT
    return GeoPrecision.REGION


def _confidence(item: _Mention) -> float:
    """How sure: the margin of the winner over the runner-up, squashed to 0..1."""
    if item.choice is None:
        return 0.0
    others = [c.score for c in item.candidates if c is not item.choice]
    margin = item.choice.score - max(others) if others else 3.0
    sure = 1.0 / (1.0 + math.exp(-margin))
    if item.choice.how == "fuzzy":
        sure *= 0.6
    elif item.choice.how == "translit":
        sure *= 0.8
    return round(sure, 3)


def _demonym_place(item: _Mention, gazetteer: Gazetteer) -> Place | None:
    """Where a demonym points: the region it names within its country ("Texan": Texas;
    one of that very name first, then a first-level division), else the country or, for
    "European", the continent."""
    demonym = item.demonym
    if demonym is None:
        return None
    if len(demonym) != 2:
        return next(iter(gazetteer.lookup(demonym, 1)), None)
    if item.demonym_region is not None:
        regions = [
            p
            for p in gazetteer.lookup(item.demonym_region)
            if p.country == demonym and p.feature_class in ("A", "L")
        ]
        if regions:
            own = name_key(item.demonym_region)
            return min(regions, key=lambda p: (name_key(p.name) != own, p.feature_code != "ADM1"))
    return gazetteer.country(demonym)


def _to_mention(
    item: _Mention, divisions: Mapping[int, list[tuple[str, str]]], gazetteer: Gazetteer
) -> PlaceMention:
    if item.problem is not None:
        return PlaceMention(span=item.span, kind=item.kind, reason=item.problem)
    if item.demonym is not None:
        place = _demonym_place(item, gazetteer)
        if place is not None:
            return PlaceMention(
                span=item.span,
                kind=item.kind,
                place=place,
                geo_precision=GeoPrecision.REGION,
                score=0.9,
                reason=f"demonym of {place.name}",
            )
    if item.choice is None:
        return _unresolved(item, divisions, gazetteer)
    choice = item.choice
    container = item.container
    if (
        container is not None
        and container.division is not None
        and not container.written_in
        and not _in_container(choice.place, container)
    ):
        # "Rockingham, Northamptonshire" with no Rockingham there in the gazetteer: the
        # division written beside it, the name kept, not a namesake elsewhere.
        county = container.division.feature_code != "ADM1"
        return PlaceMention(
            span=item.span,
            kind=item.kind,
            place=container.division,
            geo_precision=GeoPrecision.NEAR if county else GeoPrecision.REGION,
            score=0.3,
            reason=f"{NOT_IN_GAZETTEER} in {container.division.name}; "
            f"{container.division.name} named beside it",
        )
    precision = _precision(item, choice.place)
    reasons = choice.reasons or ["only candidate"]
    if item.near and precision is GeoPrecision.NEAR:
        reasons = [*reasons, "near the place"]
    if item.part_of is not None:
        reasons = [f"{NAMED_AFTER}{item.part_of}", *reasons]
    return PlaceMention(
        span=item.span,
        kind=item.kind,
        place=choice.place,
        geo_precision=precision,
        score=_confidence(item),
        reason="; ".join(reasons),
    )


def _unresolved(
    item: _Mention, divisions: Mapping[int, list[tuple[str, str]]], gazetteer: Gazetteer
) -> PlaceMention:
    """No candidate: fall back to a province named beside it or in its sentence."""
    fallback: tuple[str, str] | None = None
    container = item.container
    if container is not None and container.country and container.admin1:
        fallback = (container.country, container.admin1)
    elif divisions.get(item.sentence):
        fallback = divisions[item.sentence][0]
    if fallback is not None:
        province = gazetteer.admin1(*fallback)
        if province is not None:
            return PlaceMention(
                span=item.span,
                kind=item.kind,
                place=province,
                geo_precision=GeoPrecision.REGION,
                score=0.3,
                reason=f"{NOT_IN_GAZETTEER}; in {province.name} named nearby",
            )
    return PlaceMention(span=item.span, kind=item.kind, reason=NOT_IN_GAZETTEER)
