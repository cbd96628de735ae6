"""Cross-article merge: a new article's event joins the stored events it reports again.

Two articles rarely word one event alike: one types the strike an "air strike", the other
"shelling"; one names Russian jets, the other "regime warplanes"; one says Saraqib, the
other Idlib's countryside 15 km away.  So the comparison is in two steps:

1. **Blocking** (cheap, in the store and here): the candidates are stored events of the
   same *type family* (``FAMILY_OF``: the three violent types are one family, protests
   and riots another, strategic developments a third) whose dates overlap within the
   store's window; then the dates must agree (``merge.dates_agree``: one day of slack,
   spans of like length), the places must agree (the same gazetteer entry or within
   ``SAME_PLACE_KM``; a country never stands for a town across articles) and the
   actors must not contradict (two different actor1 that are not allies).
2. **Scoring** (``match_score``): points for the same sub-event type, the same event
   type, the same place, the same actor1, the same death toll and the overlap of the
   reports' sentences' content words.  An event merges at ``MERGE_AT`` points; when the
   types or the actor1 differ, it also needs corroboration: the same toll, or sentences
   that share ``CORROBORATING_OVERLAP`` of their content words.

The same sub-event type at an agreeing place and date on its own scores ``MERGE_AT``:
the rule sitrep merged by before scoring, which is why exact matches behave as before.
Conflicting figures stay on the merged event as low/best/high (``merge.build_event``)
with each report's claimant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.extract.sides import load_sides
from sitrep.merge import (
    SAME_PLACE_KM,
    build_event,
    dates_agree,
    haversine_km,
    places_agree_strictly,
)
from sitrep.taxonomy import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC
from sitrep.types import Event, Report

__all__ = [
    "CORROBORATING_OVERLAP",
    "FAMILY_OF",
    "MERGE_AT",
    "MatchScore",
    "family_of",
    "match_score",
    "merge_into",
]

_VIOLENT = frozenset({BATTLES, EXPLOSIONS, VAC})
_DEMONSTRATIONS = frozenset({PROTESTS, RIOTS})
FAMILY_OF: dict[str, frozenset[str]] = {
    **dict.fromkeys(_VIOLENT, _VIOLENT),
    **dict.fromkeys(_DEMONSTRATIONS, _DEMONSTRATIONS),
    STRATEGIC: frozenset({STRATEGIC}),
}

SAME_SUB_TYPE = 0.5
SAME_TYPE = 0.25  # the same event type, another sub-event type
SAME_FAMILY = 0.1  # another event type of the family
SAME_PLACE = 0.25  # the same gazetteer entry; falls to 0 at SAME_PLACE_KM
SAME_ACTOR = 0.2
SAME_TOLL = 0.2
TEXT = 0.3  # times the overlap (Jaccard) of the sentences' content words
MERGE_AT = 0.5
CORROBORATING_OVERLAP = 0.25

_WORD = re.compile(r"[^\W\d_]{3,}")
# Function words, and words every conflict report uses: sharing them says nothing
# about being one event.
_COMMON: frozenset[str] = frozenset(STOP_WORDS) | {
    "according", "attack", "attacked", "attacks", "dead", "force", "forces", "friday",
    "injured", "killed", "local", "monday", "official", "officials", "people", "province",
    "report", "reported", "reportedly", "reports", "said", "saturday", "says", "source",
    "sources", "sunday", "thursday", "told", "town", "tuesday", "village", "wednesday",
    "wounded", "yesterday",
}  # fmt: skip


def family_of(event_type: str) -> frozenset[str]:
    """The event types whose events an event of ``event_type`` is compared with."""
    return FAMILY_OF.get(event_type, frozenset({event_type}))


@dataclass(frozen=True, slots=True)
class MatchScore:
    """How alike two events are, with the points each agreement gave."""

    total: float
    corroborated: bool  # the same toll, or sentences that share enough words
    needs_corroboration: bool  # the types or the actor1 differ
    reasons: tuple[str, ...]

    @property
    def merges(self) -> bool:
        return self.total >= MERGE_AT and (self.corroborated or not self.needs_corroboration)


def merge_into(event: Event, candidates: Sequence[Event]) -> tuple[Event, tuple[str, ...]]:
    """Merge ``event`` with every candidate that scores as the same event.

    Returns the merged event (keeping the id of the oldest matching candidate, so that
    re-runs and later articles upsert) and the ids of the other candidates it absorbed,
    which the store deletes.
    """
    matching = [c for c in candidates if c.id != event.id and _merges(event, c)]
    if not matching:
        return event, ()
    keeper = matching[0]
    reports: list[Report] = []
    seen: set[tuple[str, int, str]] = set()
    for source in [*matching, event]:
        for report in source.reports:
            key = (report.article_id, report.trigger.start, report.sub_event_type)
            if key not in seen:
                seen.add(key)
                reports.append(report)
    merged = build_event(reports, event_id_=keeper.id)
    return merged, tuple(c.id for c in matching[1:])


def _merges(event: Event, candidate: Event) -> bool:
    score = match_score(event, candidate)
    return score is not None and score.merges


def match_score(a: Event, b: Event) -> MatchScore | None:
    """The score of two events from different articles; None when blocking keeps them
    apart (another family, disagreeing dates or places, actors that are enemies)."""
    if b.event_type not in family_of(a.event_type):
        return None
    if not dates_agree(a, b) or not places_agree_strictly(a.place, b.place):
        return None
    reasons: list[str] = []
    total = 0.0
    differs = False
    if a.event_type == b.event_type and a.sub_event_type == b.sub_event_type:
        total += SAME_SUB_TYPE
        reasons.append(f"same sub-event type (+{SAME_SUB_TYPE})")
    elif a.event_type == b.event_type:
        total += SAME_TYPE
        differs = True
        reasons.append(f"same event type (+{SAME_TYPE})")
    else:
        total += SAME_FAMILY
        differs = True
        reasons.append(f"same type family (+{SAME_FAMILY})")
    if a.actor1 is not None and b.actor1 is not None:
        if a.actor1.name == b.actor1.name:
            total += SAME_ACTOR
            reasons.append(f"same actor1 (+{SAME_ACTOR})")
        elif _allies(a, b):
            differs = True
            reasons.append("allied actor1")
        else:
            return None
    place_points = _place_points(a, b)
    if place_points:
        total += place_points
        reasons.append(f"same place (+{place_points:.2f})")
    toll = a.fatalities_best is not None and a.fatalities_best > 0
    same_toll = toll and a.fatalities_best == b.fatalities_best
    if same_toll:
        total += SAME_TOLL
        reasons.append(f"same death toll (+{SAME_TOLL})")
    overlap = text_overlap(a.reports, b.reports)
    if overlap:
        total += TEXT * overlap
        reasons.append(f"sentences overlap {overlap:.2f} (+{TEXT * overlap:.2f})")
    return MatchScore(
        total=round(total, 4),
        corroborated=same_toll or overlap >= CORROBORATING_OVERLAP,
        needs_corroboration=differs,
        reasons=tuple(reasons),
    )


def _allies(a: Event, b: Event) -> bool:
    assert a.actor1 is not None and b.actor1 is not None
    place = a.place.place if a.place is not None else None
    return load_sides().allied(
        a.actor1.name,
        b.actor1.name,
        on=a.date_start,
        country=place.country if place is not None else None,
    )


def _place_points(a: Event, b: Event) -> float:
    if a.place is None or b.place is None or a.place.place is None or b.place.place is None:
        return 0.0
    pa, pb = a.place.place, b.place.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return SAME_PLACE
    km = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
    return round(SAME_PLACE * max(0.0, 1.0 - km / SAME_PLACE_KM), 4)


def text_overlap(a: Iterable[Report], b: Iterable[Report]) -> float:
    """The best Jaccard overlap of content words between a sentence of ``a`` and one of
    ``b`` (the first 20 reports of each)."""
    words_a = [w for w in (_content_words(r.sentence.text) for r in list(a)[:20]) if w]
    words_b = [w for w in (_content_words(r.sentence.text) for r in list(b)[:20]) if w]
    best = 0.0
    for x in words_a:
        for y in words_b:
            best = max(best, len(x & y) / len(x | y))
    return round(best, 4)


@lru_cache(maxsize=4096)
def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.casefold()) if w not in _COMMON)
