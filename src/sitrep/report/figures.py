"""The figures of a situation report, computed from events alone (no store, no text).

    >>> from datetime import date
    >>> report = compute_figures([], [], country="SY", period=Period(date(2017, 12, 1),
    ...     date(2017, 12, 31)))
    >>> report.total.events, report.granularity, len(report.bins), report.previous
    (0, 'day', 31, Period(since=datetime.date(2017, 11, 1), until=datetime.date(2017, 11, 30)))

How each figure is computed is written down in ``docs/report.md``; the short form:

- an event counts in a period when its date range overlaps it (the store's rule); an
  event that overlaps both the period and the previous one counts in the period only;
- a period of up to 31 days is binned by day, a longer one by week (7-day bins from
  ``since``, the last one possibly shorter); an event sits in the bin of its first day,
  or the first bin when it began before the period;
- fatalities are ``fatalities_best`` (a missing figure adds 0);
- fatalities by category: per event and category, the largest figure any one report of
  the event gives (reports repeat a toll, they do not add to it), breakdowns ("including
  five children") left out; what the event's ``fatalities_best`` holds beyond its
  categories is "not broken down";
- top events: most fatalities, then most reports, then newest, then id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from sitrep.countries import country_name
from sitrep.export.fields import (
    event_coordinates,
    event_sources,
    evidence_sentence,
    place_name,
)
from sitrep.report.errors import ReportPeriodError
from sitrep.store.base import ArticleRef
from sitrep.taxonomy import EVENT_TYPES
from sitrep.types import Event

__all__ = [
    "DAILY_MAX_DAYS",
    "NOT_BROKEN_DOWN",
    "NO_ACTOR",
    "MapPoint",
    "Period",
    "SituationReport",
    "Tally",
    "TimeBin",
    "TopEvent",
    "Totals",
    "TypeChange",
    "compute_figures",
    "fatalities_by_category",
    "rank_top_events",
]

DAILY_MAX_DAYS = 31
NOT_BROKEN_DOWN = "not broken down"
NO_ACTOR = "(no actor named)"
Granularity = Literal["day", "week"]


@dataclass(frozen=True, slots=True)
class Period:
    """``since`` to ``until``, both days included."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise ReportPeriodError(f"since {self.since} is after until {self.until}")

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        until = self.since - timedelta(days=1)
        return Period(until - timedelta(days=self.days - 1), until)


@dataclass(frozen=True, slots=True)
class TimeBin:
    """A day or a week of the period, and its events per event type."""

    start: date
    end: date
    counts: tuple[tuple[str, int], ...]  # (event type, events), only types with events

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True, slots=True)
class Totals:
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class TypeChange:
    """One event type in the period and in the previous one."""

    event_type: str
    events: int
    previous_events: int
    fatalities: int
    previous_fatalities: int

    @property
    def events_change(self) -> int:
        return self.events - self.previous_events

    @property
    def fatalities_change(self) -> int:
        return self.fatalities - self.previous_fatalities


@dataclass(frozen=True, slots=True)
class Tally:
    """A row of a ranking: a category, an actor or a place, with its events and dead."""

    label: str
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class TopEvent:
    """One of the period's deadliest events, with what an analyst checks it by."""

    event_id: str
    date_start: date | None
    date_end: date | None
    event_type: str
    sub_event_type: str
    place: str | None
    admin1: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    n_reports: int
    sources: tuple[str, ...]  # attributed sources ("Syrian Observatory")
    evidence: str | None  # the sentence of the event's first report
    articles: tuple[ArticleRef, ...] = ()  # filled from the store by build_report


@dataclass(frozen=True, slots=True)
class MapPoint:
    lat: float
    lon: float
    event_type: str
    fatalities: int
    label: str  # date, place and sub-event type, for the point's tooltip
    place: str | None = None  # the place's name, to label the deadliest points


@dataclass(frozen=True, slots=True)
class SituationReport:
    """Everything the renderers draw; computed by ``compute_figures``."""

    country: str  # ISO2
    country_name: str
    period: Period
    previous: Period
    granularity: Granularity
    event_types: tuple[str, ...]  # types with events in the period, taxonomy order first
    bins: tuple[TimeBin, ...]
    total: Totals
    previous_total: Totals
    changes: tuple[TypeChange, ...]  # every type of either period
    fatalities_by_category: tuple[Tally, ...]  # events: how many events name the category
    fatalities_by_actor: tuple[Tally, ...]  # actor1, top N by fatalities then events
    top_places: tuple[Tally, ...]  # top N by events then fatalities
    top_events: tuple[TopEvent, ...]
    top: int = 10  # the length the rankings were cut to
    points: tuple[MapPoint, ...] = field(default=())
    unlocated: int = 0  # events without coordinates (not on the map)
    unknown_size_figures: int = 0  # killed figures of unknown size ("dozens"), not counted


def compute_figures(
    events: Iterable[Event],
    previous_events: Iterable[Event],
    *,
    country: str,
    period: Period,
    top: int = 10,
) -> SituationReport:
    """The report's figures for ``events`` (the period) against ``previous_events``.

    An event in both lists counts in the period only.
    """
    current = _unique(events)
    seen = {e.id for e in current}
    before = [e for e in _unique(previous_events) if e.id not in seen]
    granularity: Granularity = "day" if period.days <= DAILY_MAX_DAYS else "week"
    types = _type_order(e.event_type for e in current)
    categories, unknown = fatalities_by_category(current)
    points, unlocated = _map_points(current)
    return SituationReport(
        country=country.upper(),
        country_name=country_name(country) or country.upper(),
        period=period,
        previous=period.previous(),
        granularity=granularity,
        event_types=types,
        bins=_bins(current, period, granularity),
        total=_totals(current),
        previous_total=_totals(before),
        changes=_changes(current, before),
        fatalities_by_category=categories,
        fatalities_by_actor=_by_actor(current, top),
        top_places=_by_place(current, top),
        top_events=tuple(_top_event(e) for e in rank_top_events(current)[:top]),
        top=top,
        points=points,
        unlocated=unlocated,
        unknown_size_figures=unknown,
    )


def _unique(events: Iterable[Event]) -> list[Event]:
    return list({e.id: e for e in events}.values())


def _fatalities(event: Event) -> int:
    return event.fatalities_best or 0


def _totals(events: Sequence[Event]) -> Totals:
    return Totals(len(events), sum(_fatalities(e) for e in events))


def _type_order(types: Iterable[str]) -> tuple[str, ...]:
    """ACLED's types in the codebook's order, then any other value alphabetically."""
    present = set(types)
    known = [t for t in EVENT_TYPES if t in present]
    return (*known, *sorted(present - set(EVENT_TYPES)))


def _bins(events: Sequence[Event], period: Period, granularity: Granularity) -> tuple[TimeBin, ...]:
    width = 1 if granularity == "day" else 7
    starts = [period.since + timedelta(days=i) for i in range(0, period.days, width)]
    counts: list[Counter[str]] = [Counter() for _ in starts]
    for event in events:
        day = event.date_start or event.date_end
        if day is None:
            continue
        index = max(0, min((day - period.since).days, period.days - 1)) // width
        counts[index][event.event_type] += 1
    order = _type_order(e.event_type for e in events)
    return tuple(
        TimeBin(
            start=start,
            end=min(start + timedelta(days=width - 1), period.until),
            counts=tuple((t, counter[t]) for t in order if counter[t]),
        )
        for start, counter in zip(starts, counts, strict=True)
    )


def _changes(current: Sequence[Event], before: Sequence[Event]) -> tuple[TypeChange, ...]:
    types = _type_order([*(e.event_type for e in current), *(e.event_type for e in before)])
    return tuple(
        TypeChange(
            event_type=t,
            events=sum(1 for e in current if e.event_type == t),
            previous_events=sum(1 for e in before if e.event_type == t),
            fatalities=sum(_fatalities(e) for e in current if e.event_type == t),
            previous_fatalities=sum(_fatalities(e) for e in before if e.event_type == t),
        )
        for t in types
    )


def fatalities_by_category(events: Iterable[Event]) -> tuple[tuple[Tally, ...], int]:
    """Killed per category over ``events``, most first, and the figures of unknown size.

    Per event and category the largest figure one report gives (two reports of one
    event repeat its toll); breakdowns of a figure before them are left out.  The part
    of an event's ``fatalities_best`` its categories do not hold is "not broken down".
    """
    killed: Counter[str] = Counter()
    named_in: Counter[str] = Counter()
    unknown = 0
    for event in events:
        best: dict[str, int] = {}
        for report in event.reports:
            sums: Counter[str] = Counter()
            for quantity in report.killed:
                if quantity.part_of_previous:
                    continue
                category = quantity.category.strip().casefold() or "people"
                if quantity.value is None:
                    unknown += 1
                    continue
                sums[category] += quantity.value
            for category, value in sums.items():
                best[category] = max(best.get(category, 0), value)
        rest = _fatalities(event) - sum(best.values())
        if rest > 0:
            best[NOT_BROKEN_DOWN] = rest
        for category, value in best.items():
            killed[category] += value
            named_in[category] += 1
    rows = sorted(killed, key=lambda c: (c == NOT_BROKEN_DOWN, -killed[c], c))
    return tuple(Tally(c, named_in[c], killed[c]) for c in rows if killed[c] > 0), unknown


def _by_actor(events: Sequence[Event], top: int) -> tuple[Tally, ...]:
    events_of: Counter[str] = Counter()
    dead_of: Counter[str] = Counter()
    for event in events:
        name = event.actor1.name if event.actor1 is not None and event.actor1.name else NO_ACTOR
        events_of[name] += 1
        dead_of[name] += _fatalities(event)
    ranked = sorted(events_of, key=lambda a: (-dead_of[a], -events_of[a], a))
    return tuple(Tally(a, events_of[a], dead_of[a]) for a in ranked[:top])


def _place_label(event: Event) -> str | None:
    name = place_name(event.place)
    if name is None:
        return None
    admin1 = event.place.place.admin1 if event.place and event.place.place else None
    return f"{name} ({admin1})" if admin1 and admin1 != name else name


def _by_place(events: Sequence[Event], top: int) -> tuple[Tally, ...]:
    events_of: Counter[str] = Counter()
    dead_of: Counter[str] = Counter()
    for event in events:
        label = _place_label(event)
        if label is None:
            continue
        events_of[label] += 1
        dead_of[label] += _fatalities(event)
    ranked = sorted(events_of, key=lambda p: (-events_of[p], -dead_of[p], p))
    return tuple(Tally(p, events_of[p], dead_of[p]) for p in ranked[:top])


def rank_top_events(events: Iterable[Event]) -> list[Event]:
    """Most fatalities first, then most reports, then the newest, then by id."""
    return sorted(
        events,
        key=lambda e: (
            -(e.fatalities_best if e.fatalities_best is not None else -1),
            -len(e.reports),
            -(e.date_start or date.min).toordinal(),
            e.id,
        ),
    )


def _top_event(event: Event) -> TopEvent:
    place = event.place.place if event.place is not None else None
    sentence = evidence_sentence(event)
    return TopEvent(
        event_id=event.id,
        date_start=event.date_start,
        date_end=event.date_end,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        place=place_name(event.place),
        admin1=place.admin1 if place is not None else None,
        actor1=event.actor1.name if event.actor1 else None,
        actor2=event.actor2.name if event.actor2 else None,
        fatalities=event.fatalities_best,
        n_reports=len(event.reports),
        sources=tuple(event_sources(event)),
        evidence=" ".join(sentence.text.split()) if sentence is not None else None,
    )


def _map_points(events: Sequence[Event]) -> tuple[tuple[MapPoint, ...], int]:
    points: list[MapPoint] = []
    unlocated = 0
    for event in events:
        coordinates = event_coordinates(event)
        if coordinates is None:
            unlocated += 1
            continue
        day = event.date_start.isoformat() if event.date_start else "undated"
        label = f"{day} {place_name(event.place) or ''}: {event.sub_event_type}"
        points.append(
            MapPoint(
                coordinates[0],
                coordinates[1],
                event.event_type,
                _fatalities(event),
                label,
                place_name(event.place),
            )
        )
    return tuple(points), unlocated
