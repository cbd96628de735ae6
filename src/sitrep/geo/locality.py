"""Names the gazetteer lacks, placed at the locality the story puts them in.

No package here lists streets, buildings, estates, stadiums or small villages, yet news
names them all the time ("a fire at 6016 Dublin Road", "the South Kilburn Estate",
"Torkula village").  A street or a building is in the town the story is about: the town
written beside it ("1200 E. Broad St., Mansfield"), else the nearest town named in the
same sentence, else the town the story names most.  A village the gazetteer lacks gets
only the first two (the story's main town says little about where a village lies).  The
name is kept; the place is the town's, at ACLED precision 2 ("part of, or near, a
place") for a street or building and for a name written beside its town, and 3 for a
village only named in the same sentence as a town ("Abu Dali, a link between Hama,
Idlib and Aleppo"), with a low confidence and a reason that says which town and why.

    >>> is_facility_name("Atlantic Avenue"), is_facility_name("500 block of Jeffords")
    (True, True)
    >>> is_facility_name("Aleppo")
    False
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from sitrep.geo.names import is_acronym, name_key
from sitrep.types import GeoPrecision, Place, PlaceMention, ToponymKind

__all__ = [
    "FACILITY_WORDS",
    "NAMED_AFTER",
    "NOT_IN_GAZETTEER",
    "STREET_WORDS",
    "is_facility_name",
    "is_street_name",
    "locate_unresolved",
    "sentence_breaks",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The last word of a street's name.  A street named after a town ("Memphis Street",
# "Northumberland Avenue") is rarely in that town.
STREET_WORDS = _words("""street st avenue ave road rd boulevard blvd drive dr lane ln way
    parade terrace crescent close court ct place pl row mews gardens alley highway hwy
    freeway expressway motorway parkway pike turnpike""")
# Generic words of facility and feature names ("Atlantic Avenue", "Camp Murray"): such a
# name that is not in the gazetteer is not a misspelling of a town.
FACILITY_WORDS = STREET_WORDS | _words("""square plaza park bridge tunnel station airport
    port harbour harbor hospital clinic school university college academy stadium arena
    hall centre center museum church mosque temple cathedral basilica chapel palace
    castle tower building hotel mall market prison jail camp base barracks estate farm
    ranch island islands point cape bay beach lake river creek lagoon mount mountain
    hill hills valley forest wood woods reserve conservation area memorial cemetery
    block headquarters office embassy consulate racecourse circuit track quarter gallery
    library theatre theater zoo aquarium courthouse pier wharf terminal refinery""")
# The first word of a feature's name: "Camp Murray", "Lake Chad", "Cape Peron".
LEADING_FEATURE_WORDS = _words("""camp mount lake cape point port fort isle island bay
    river mt ft""")
_HOUSE_NUMBER = re.compile(r"^\d+[a-z]?\b|\bblock of\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
# Between a name and the town written after it: "X, Mansfield", "X in Brooklyn".
_BESIDE = re.compile(r"^\s*(?:,|\bin\b|\bof\b|\bnear\b)\s*(?:the\s+)?(?:city\s+of\s+)?$")

# How sure a fallback place is, by how the town was found.
_CONFIDENCE = {"beside": 0.4, "sentence": 0.3, "story": 0.2}
# The reason of a name with no candidate; a fallback place adds "; in or near X ...".
NOT_IN_GAZETTEER = "not in gazetteer"
# How the reason of a facility placed at the town its name starts with begins
# ("Colchester General Hospital": "named after Colchester; ...").
NAMED_AFTER = "named after "


def sentence_breaks(text: str) -> list[int]:
    """Offsets where a new sentence (or line) of ``text`` starts."""
    return [m.end() for m in _SENTENCE_BREAK.finditer(text)]


def is_street_name(name: str) -> bool:
    words = name_key(name).split()
    return len(words) >= 2 and words[-1] in STREET_WORDS


def is_facility_name(name: str) -> bool:
    """Whether ``name`` is a street, building, estate or natural feature by its words."""
    words = name_key(name).split()
    if not words:
        return False
    if _HOUSE_NUMBER.search(name.strip()):
        return True
    return len(words) >= 2 and (words[-1] in FACILITY_WORDS or words[0] in LEADING_FEATURE_WORDS)


def _is_abbreviation(name: str) -> bool:
    """An acronym without digits ("P.A.", "LLC", "SC"; not the road "A120")."""
    return is_acronym(name) and not any(ch.isdigit() for ch in name)


def _is_locality(mention: PlaceMention) -> bool:
    """A resolved town (or county) that can stand for where a street or building is."""
    place = mention.place
    return (
        place is not None
        and mention.kind is ToponymKind.LITERAL
        and mention.geo_precision in (GeoPrecision.EXACT, GeoPrecision.NEAR)
        and (place.feature_class == "P" or place.feature_code == "ADM2")
        and not mention.reason.startswith(NOT_IN_GAZETTEER)
    )


def _place_key(place: Place) -> tuple[str, float, float]:
    return (place.name, round(place.lat, 3), round(place.lon, 3))


def locate_unresolved(
    mentions: Sequence[PlaceMention], text: str, *, countries: Collection[str] = ()
) -> tuple[PlaceMention, ...]:
    """``mentions`` with each unresolved street, building or village placed at its town.

    With ``countries`` (the story's focus), only towns in them are taken: a stray
    namesake elsewhere does not pull a Syrian street to Georgia.

    Resolved mentions, names with a problem of their own (empty, no Latin letters,
    direction words) and names not used as places (metonymic, modifier, non-toponym)
    are returned as they are.
    """
    breaks = sentence_breaks(text)
    towns = [
        m
        for m in mentions
        if _is_locality(m) and (not countries or (m.place and m.place.country in countries))
    ]
    if not towns:
        return tuple(mentions)
    counts = Counter(_place_key(m.place) for m in towns if m.place is not None)
    main = max(towns, key=lambda m: (counts[_place_key(m.place)] if m.place else 0, -m.span.start))
    out: list[PlaceMention] = []
    for mention in mentions:
        if mention.reason.startswith(NAMED_AFTER) and mention.kind is ToponymKind.LITERAL:
            # "Thomas Memorial Hospital in South Charleston": the town written beside a
            # facility says where it is better than the town its name recalls.
            beside = _town_beside(mention, towns, text)
            if beside is not None and beside.place is not None and beside.place != mention.place:
                out.append(
                    replace(
                        mention,
                        place=beside.place,
                        geo_precision=GeoPrecision.NEAR,
                        score=_CONFIDENCE["beside"],
                        reason=f"in or near {beside.place.name}, written beside it",
                    )
                )
                continue
        if (
            mention.place is not None
            or mention.reason != NOT_IN_GAZETTEER
            or mention.kind is not ToponymKind.LITERAL
        ):
            out.append(mention)
            continue
        name = mention.span.text
        if _is_abbreviation(name):
            # "Dimond Kaplan & Rothstein, P.A.", "SC": an abbreviation the gazetteer
            # lacks is not a village of the town beside it.
            out.append(mention)
            continue
        facility = is_facility_name(name)
        sentence = bisect.bisect_right(breaks, mention.span.start)
        found = _town_beside(mention, towns, text)
        how = "beside"
        if found is None:
            same = [t for t in towns if bisect.bisect_right(breaks, t.span.start) == sentence]
            if same:
                found = min(same, key=lambda t: abs(t.span.start - mention.span.start))
                how = "sentence"
        if found is None and facility:
            found, how = main, "story"
        if found is None or found.place is None:
            out.append(mention)
            continue
        where = {
            "beside": "written beside it",
            "sentence": "named in the same sentence",
            "story": "the town the story names most",
        }[how]
        # A street or building is in its town, a name written beside a town is near it;
        # a village merely named in the same sentence as a town may lie anywhere around.
        near = facility or how == "beside"
        out.append(
            replace(
                mention,
                place=found.place,
                geo_precision=GeoPrecision.NEAR if near else GeoPrecision.REGION,
                score=_CONFIDENCE[how],
                reason=f"{NOT_IN_GAZETTEER}; in or near {found.place.name}, {where}",
            )
        )
    return tuple(out)


def _town_beside(
    mention: PlaceMention, towns: Sequence[PlaceMention], text: str
) -> PlaceMention | None:
    """The town written right after the name: "1200 E. Broad St., Mansfield"."""
    following = [t for t in towns if t.span.start >= mention.span.end]
    if not following:
        return None
    nearest = min(following, key=lambda t: t.span.start)
    between = text[mention.span.end : nearest.span.start]
    return nearest if len(between) <= 20 and _BESIDE.match(between) else None
