"""The report's tables as plain text cells, shared by the markdown and HTML renderers.

    >>> signed(3), signed(-2), signed(0)
    ('+3', '-2', '0')

Cells are unescaped text (names come from news articles): each renderer escapes them
for its own format, so the two formats cannot disagree on a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sitrep.report.figures import SituationReport, Tally, TopEvent
from sitrep.report.narrative import period_text

__all__ = [
    "Table",
    "change_table",
    "date_range_text",
    "report_tables",
    "signed",
    "tally_table",
    "time_table",
    "top_events_table",
]

NONE = "-"


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table; ``numeric`` marks the columns to right-align."""

    key: str  # a stable name ("change", "top_events"): the HTML section id
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    note: str = ""
    empty: str = "none"
    # The last column is long text (an evidence sentence): HTML gives it a row of its own.
    last_is_text: bool = False


def signed(value: int) -> str:
    """A difference with its sign; 0 without one."""
    return f"{value:+d}" if value else "0"


def date_range_text(start: date | None, end: date | None) -> str:
    if start is None:
        return NONE
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} to {end.isoformat()}"


def change_table(report: SituationReport) -> Table:
    rows = [
        (
            c.event_type,
            str(c.events),
            str(c.previous_events),
            signed(c.events_change),
            str(c.fatalities),
            str(c.previous_fatalities),
            signed(c.fatalities_change),
        )
        for c in report.changes
    ]
    now, then = report.total, report.previous_total
    rows.append(
        (
            "all types",
            str(now.events),
            str(then.events),
            signed(now.events - then.events),
            str(now.fatalities),
            str(then.fatalities),
            signed(now.fatalities - then.fatalities),
        )
    )
    previous = period_text(report.previous.since, report.previous.until)
    return Table(
        key="change",
        title="Change against the previous period",
        headers=(
            "event type",
            "events",
            "previous",
            "change",
            "fatalities",
            "previous",
            "change",
        ),
        rows=tuple(rows),
        numeric=(False, True, True, True, True, True, True),
        note=f"The previous period is the one of the same length {previous}.",
    )


def time_table(report: SituationReport) -> Table:
    """Events per bin and type: the time chart's figures as a table."""
    types = report.event_types
    rows = tuple(
        (
            date_range_text(b.start, b.end),
            *(str(dict(b.counts).get(t, 0)) for t in types),
            str(b.total),
        )
        for b in report.bins
        if b.total
    )
    unit = "day" if report.granularity == "day" else "week (7-day bins from the first day)"
    return Table(
        key="time",
        title="Events by type over time",
        headers=("day" if report.granularity == "day" else "week", *types, "all"),
        rows=rows,
        numeric=(False, *(True for _ in types), True),
        note=f"Events per {unit}; days and weeks without events are left out.",
        empty="no events",
    )


def tally_table(
    rows: Sequence[Tally], *, key: str, title: str, label: str, note: str = ""
) -> Table:
    return Table(
        key=key,
        title=title,
        headers=(label, "fatalities", "events"),
        rows=tuple((r.label, str(r.fatalities), str(r.events)) for r in rows),
        numeric=(False, True, True),
        note=note,
    )


def _actors_text(event: TopEvent) -> str:
    if event.actor1 and event.actor2:
        return f"{event.actor1} vs {event.actor2}"
    return event.actor1 or event.actor2 or NONE


def _place_text(event: TopEvent) -> str:
    if event.place is None:
        return NONE
    if event.admin1 and event.admin1 != event.place:
        return f"{event.place}, {event.admin1}"
    return event.place


def _articles_text(event: TopEvent) -> str:
    """Outlet, publication date and id prefix of each article behind the event."""
    parts = []
    for article in event.articles:
        published = article.published.isoformat() if article.published else None
        described = ", ".join(w for w in (article.outlet, published) if w) or "article"
        parts.append(f"{described} ({article.id[:8]})")
    return "; ".join(parts) or NONE


def top_events_table(report: SituationReport) -> Table:
    rows = tuple(
        (
            str(rank),
            date_range_text(e.date_start, e.date_end),
            f"{e.event_type}: {e.sub_event_type}",
            _place_text(e),
            _actors_text(e),
            NONE if e.fatalities is None else str(e.fatalities),
            str(e.n_reports),
            "; ".join(e.sources) or NONE,
            _articles_text(e),
            e.evidence or NONE,
        )
        for rank, e in enumerate(report.top_events, start=1)
    )
    return Table(
        key="top_events",
        title="Top events",
        headers=(
            "#",
            "date",
            "type",
            "place",
            "actors",
            "fatalities",
            "reports",
            "source",
            "articles",
            "evidence",
        ),
        rows=rows,
        numeric=(True, False, False, False, False, True, True, False, False, False),
        note=(
            "By fatalities, then number of reports. The evidence is the sentence of the "
            'event\'s first report; "sitrep show ID" prints an article with its evidence.'
        ),
        empty="no events",
        last_is_text=True,
    )


def report_tables(report: SituationReport) -> tuple[Table, ...]:
    """Every table of the report, in reading order after the charts."""
    unknown = report.unknown_size_figures
    category_note = (
        "Per event, the largest figure one report gives for each category; "
        '"not broken down" is what an event\'s fatalities hold beyond its categories.'
    )
    if unknown:
        category_note += f" {unknown} killed figure(s) of unknown size are not counted."
    return (
        change_table(report),
        tally_table(
            report.fatalities_by_category,
            key="categories",
            title="Fatalities by category",
            label="category",
            note=category_note,
        ),
        tally_table(
            report.fatalities_by_actor,
            key="actors",
            title="Fatalities by actor",
            label="actor (actor1)",
            note=f"The {len(report.fatalities_by_actor)} first actors with the most fatalities.",
        ),
        tally_table(
            report.top_places,
            key="places",
            title="Places",
            label="place",
            note="The places with the most events.",
        ),
        top_events_table(report),
    )
