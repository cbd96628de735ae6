"""Merge: reports of one real-world event become one Event.

Two reports (or events) are the same event when they have the same event and sub-event
type (within one article, also two violent reports giving the same death toll), their
date ranges overlap (with ``DATE_SLACK_DAYS`` of slack; ``REPEATED_TOLL_SLACK_DAYS`` for a
repeated toll) and are of like
length (within ``SPAN_TOLERANCE_DAYS``: a two-month summary is not one day's event), their
places agree
(the same gazetteer entry, or within ``SAME_PLACE_KM``; a place missing on one side does
not disagree) and their actors do not contradict (the same actor1, or one side unknown;
for a repeated toll, any participant in common).
Fatalities of a merged event are low/best/high over its reports: the sources' range, with
the median as the best estimate.

An event's id hashes its first report's key fields, and a merged event keeps the id of the
event it grew from, so re-running and adding articles upsert rather than duplicate::

    >>> events = merge_reports(reports)            # within one article

Across articles, ``cross_merge.merge_into`` blocks by type family, dates and places and
scores the candidates (actors, death toll, the sentences' words).
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections.abc import Sequence

from sitrep.extract.numbers_vocab import PLACE_UNITS
from sitrep.extract.sides import load_sides
from sitrep.taxonomy import DEMONSTRATOR_TYPES, TERRITORY_TYPES, VIOLENT_EVENT_TYPES
from sitrep.types import ActorRole, Event, GeoPrecision, PlaceMention, Report, TimePrecision

DATE_SLACK_DAYS = 1
SAME_PLACE_KM = 25.0
SPAN_TOLERANCE_DAYS = 7
REPEATED_TOLL_SLACK_DAYS = 3
"""Within one article, the same death toll dated up to this many days apart is one
event told twice: the lede dates it by the day the toll was given ("Sunday"), the body
by the day the attack began ("on Friday")."""


DEMONSTRATION_ORDER = (
    "Violent demonstration",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
)
"""A demonstration's sub-event types, gravest first.  One article telling a protest in
steps ("around 300 people protested in Khartoum. Police fired tear gas to disperse
them") tells one event, which ACLED codes by what it became: a protest that police
dispersed is a protest with intervention, one whose demonstrators threw stones is a
violent demonstration (a riot).  Mob violence is no demonstration and stays apart."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(a)))


def _contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    """A country or first-level division that holds the other place ("Syria" and
    "Hasaka"; "Idlib province" and "Saraqib")."""
    if outer.place is None or inner.place is None:
        return False
    big, small = outer.place, inner.place
    if big.country is None or big.country != small.country:
        return False
    if big.feature_code.startswith("PCL"):
        return True
    return big.feature_code == "ADM1" and big.admin1 is not None and big.admin1 == small.admin1


def _places_agree(a: PlaceMention | None, b: PlaceMention | None, *, nested: bool = False) -> bool:
    """Whether two reports' places can be one event's; ``nested`` (within one article)
    also lets a country or province agree with a place inside it: a headline's "in
    northeast Syria" and the story's "in Hasaka" are one place said twice."""
    if nested and a is not None and b is not None and (_contains(a, b) or _contains(b, a)):
        return True
    return places_agree_strictly(a, b)


def places_agree_strictly(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return True  # no place said: nothing to disagree with
    if a.place is None or b.place is None:
        # A name the gazetteer lacks ("Abu Dali") agrees only with the same words.
        # Or with a name all of whose words it contains: "Qamishli Hasaka" (two names
        # run together, unresolved) and "Qamishli".
        names_a = {a.span.text.casefold(), *([a.place.name.casefold()] if a.place else [])}
        names_b = {b.span.text.casefold(), *([b.place.name.casefold()] if b.place else [])}
        if names_a & names_b:
            return True
        words_a, words_b = set(a.span.text.casefold().split()), set(b.span.text.casefold().split())
        return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)
    if a.place.geonameid is not None and a.place.geonameid == b.place.geonameid:
        return True
    if a.place.feature_code.startswith("PCL") or b.place.feature_code.startswith("PCL"):
        return False
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= SAME_PLACE_KM


def dates_agree(a: Report | Event, b: Report | Event, *, slack: int = DATE_SLACK_DAYS) -> bool:
    if a.date_start is None or b.date_start is None or a.date_end is None or b.date_end is None:
        return True
    span_a = a.date_end.toordinal() - a.date_start.toordinal()
    span_b = b.date_end.toordinal() - b.date_start.toordinal()
    if abs(span_a - span_b) > SPAN_TOLERANCE_DAYS:
        # "captured 80 villages over two months" summarises many events; it is not the
        # same record as "captured Abu Dali on Friday", though the dates overlap.
        return False
    return (a.date_start.toordinal() - slack) <= b.date_end.toordinal() and (
        b.date_start.toordinal() - slack
    ) <= a.date_end.toordinal()


def _actors_overlap(a: Report | Event, b: Report | Event) -> bool:
    """The two name a participant in common, in either role: one sentence's parse may
    take the attacker for the side attacked ("Turkish aircraft carried out strikes on
    IS positions, killing nine" against "Turkish air strikes kill 9 IS fighters")."""
    names_a = {r.name for r in (a.actor1, a.actor2) if r is not None}
    names_b = {r.name for r in (b.actor1, b.actor2) if r is not None}
    return bool(names_a & names_b)


def _actors_agree(a: Report | Event, b: Report | Event) -> bool:
    if a.actor1 is None or b.actor1 is None:
        return True
    return a.actor1.name == b.actor1.name


def same_event(a: Report | Event, b: Report | Event, *, same_article: bool = False) -> bool:
    """The module's rule; ``same_article`` lets a country or province agree with a place
    inside it (one story naming its place twice), which across articles would join
    different events of one country."""
    same_type = a.event_type == b.event_type and a.sub_event_type == b.sub_event_type
    steps = same_article and {a.sub_event_type, b.sub_event_type} <= set(DEMONSTRATION_ORDER)
    same_type = same_type or steps  # one demonstration told in steps (DEMONSTRATION_ORDER)
    repeated = same_article and _repeats_toll(a, b)
    return (
        (same_type or repeated)
        and dates_agree(a, b, slack=REPEATED_TOLL_SLACK_DAYS if repeated else DATE_SLACK_DAYS)
        and (
            _places_agree(a.place, b.place, nested=same_article)
            or (repeated and _one_unresolved(a.place, b.place))
        )
        and (
            _actors_agree(a, b)
            or (repeated and _actors_overlap(a, b))
            or (steps and _demonstrators_and_force(a, b))
        )
        and not (same_article and _many_places(a) != _many_places(b))
    )


def _demonstrators_and_force(a: Report | Event, b: Report | Event) -> bool:
    """One step of a demonstration is done by its demonstrators, the other by the
    force that met them ("protesters marched", "police fired tear gas"), or both by its
    demonstrators, protesters who turned rioters."""
    if a.actor1 is None or b.actor1 is None:
        return True
    kinds = {a.actor1.actor_type, b.actor1.actor_type}
    return kinds <= DEMONSTRATOR_TYPES or (
        bool(kinds & DEMONSTRATOR_TYPES) and "state forces" in kinds
    )


def _many_places(x: Report | Event) -> bool:
    """The report takes or strikes many places at once ("captured more than 80 towns
    and villages in Hama province"): a summary, of which one town's capture is not a
    retelling, though the town lies in the province."""
    if x.sub_event_type not in TERRITORY_TYPES:
        return False
    reports = x.reports if isinstance(x, Event) else (x,)
    return any(
        target.casefold().endswith("s") and target.casefold()[:-1] in PLACE_UNITS
        for report in reports
        for target in report.targets
    )


def _one_unresolved(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """One of two places is a name the gazetteer lacks ("Salihiah", a neighbourhood):
    with the same toll on the same dates in one article, it is no other place."""
    return any(p is not None and p.place is None for p in (a, b))


def _deaths(x: Report | Event) -> int | None:
    return x.fatalities if isinstance(x, Report) else x.fatalities_best


def _repeats_toll(a: Report | Event, b: Report | Event) -> bool:
    """One article giving the same death toll twice for violent events tells one event
    twice, whatever words it types them with ("Two children killed in shelling on Homs"
    in the lede, "two children were killed in regime raids on al-Waer" below)."""
    deaths = _deaths(a)
    return (
        deaths is not None
        and deaths > 0
        and deaths == _deaths(b)
        and a.event_type in VIOLENT_EVENT_TYPES
        and b.event_type in VIOLENT_EVENT_TYPES
    )


def event_id(report: Report) -> str:
    place = report.place
    place_key = ""
    if place is not None:
        if place.place is not None:
            place_key = str(place.place.geonameid or f"{place.place.lat:.2f},{place.place.lon:.2f}")
        else:
            place_key = place.span.text.casefold()
    key = "|".join(
        [
            report.article_id,
            report.event_type,
            report.sub_event_type,
            place_key,
            report.date_start.isoformat() if report.date_start else "",
            report.date_end.isoformat() if report.date_end else "",
            report.actor1.name if report.actor1 else "",
            str(report.trigger.start),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _best_place(reports: Sequence[Report]) -> PlaceMention | None:
    """The most precise resolved place, the one named in a report's own sentence first."""
    placed = [r.place for r in reports if r.place is not None]
    if not placed:
        return None

    def rank(p: PlaceMention) -> tuple[int, int, int]:
        own = 0 if not p.reason.startswith("article's main place") else 1
        precision = int(p.geo_precision or GeoPrecision.REGION)
        return (0 if p.place is not None else 1, own, precision)

    return min(placed, key=rank)


def _narrowest_dates(reports: Sequence[Report]) -> Report:
    dated = [r for r in reports if r.date_start is not None and r.date_end is not None]
    if not dated:
        return reports[0]
    return min(
        dated,
        key=lambda r: (
            int(r.time_precision or TimePrecision.MONTH),
            (r.date_end.toordinal() - r.date_start.toordinal())
            if r.date_end and r.date_start
            else 0,
        ),
    )


def _fatality_range(reports: Sequence[Report]) -> tuple[int | None, int | None, int | None]:
    """Low, best (median) and high of the reports' figures.  A report that names no death
    (0) is silence, not a claim of none, when another report gives a figure; when every
    report says 0 the event has 0 (ACLED's convention); None when no report can say."""
    figures = sorted(r.fatalities for r in reports if r.fatalities)
    if not figures:
        if any(r.fatalities == 0 for r in reports):
            return 0, 0, 0
        return None, None, None
    return figures[0], int(statistics.median_low(figures)), figures[-1]


def _actor_pair(reports: Sequence[Report]) -> tuple[ActorRole | None, ActorRole | None]:
    """actor1 from the first report that names one, and actor2 from that report, else
    from another that is no ally of actor1 (reports each name one side: "the coalition
    struck" and "a US sailor was killed" must not make the coalition fight the US)."""
    lead = next((r for r in reports if r.actor1 is not None), reports[0])
    actor1 = lead.actor1
    if lead.actor2 is not None or actor1 is None:
        return actor1, lead.actor2 or next((r.actor2 for r in reports if r.actor2), None)
    sides = load_sides()
    place = lead.place.place if lead.place is not None else None
    for report in reports:
        other = report.actor2
        if other is None or other.name == actor1.name:
            continue
        if not sides.allied(
            actor1.name,
            other.name,
            on=report.date_start,
            country=place.country if place is not None else None,
        ):
            return actor1, other
    return actor1, None


def build_event(reports: Sequence[Report], event_id_: str | None = None) -> Event:
    """An event from reports already judged to be one event; a demonstration told in
    steps takes its gravest sub-event type (``DEMONSTRATION_ORDER``)."""
    first = reports[0]
    steps = [r for r in reports if r.sub_event_type in DEMONSTRATION_ORDER]
    if len(steps) == len(reports) and len({r.sub_event_type for r in steps}) > 1:
        first = min(steps, key=lambda r: DEMONSTRATION_ORDER.index(r.sub_event_type))
    dates = _narrowest_dates(reports)
    low, best, high = _fatality_range(reports)
    actor1, actor2 = _actor_pair(reports)
    if steps and actor1 is not None and actor2 is None:
        # "Police fired tear gas to disperse them": the force that intervened in
        # another step of the demonstration is its other side
        actor2 = next(
            (
                r.actor1
                for r in steps
                if r.actor1 is not None and r.actor1.actor_type != actor1.actor_type
            ),
            None,
        )
    return Event(
        id=event_id_ or event_id(reports[0]),
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        actor1=actor1,
        actor2=actor2,
        place=_best_place(reports),
        date_start=dates.date_start,
        date_end=dates.date_end,
        time_precision=dates.time_precision,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        is_background=all(r.is_background for r in reports),
        confidence=max(r.confidence for r in reports),
        reports=tuple(reports),
    )


def merge_reports(reports: Sequence[Report]) -> tuple[Event, ...]:
    """Group one article's reports into events (greedy, in text order)."""
    groups: list[list[Report]] = []
    for report in reports:
        for group in groups:
            if all(same_event(report, other, same_article=True) for other in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return tuple(build_event(group) for group in groups)
