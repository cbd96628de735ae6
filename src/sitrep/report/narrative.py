"""The report's narrative: templated sentences filled only from the computed figures.

    >>> from datetime import date
    >>> from sitrep.report.figures import Period, compute_figures
    >>> report = compute_figures([], [], country="SY",
    ...     period=Period(date(2017, 12, 1), date(2017, 12, 31)))
    >>> narrate(report)[0]
    'There were no events in Syria between 1 December 2017 and 31 December 2017.'

The rules (``docs/report.md``): every number in a sentence is a figure of the
``SituationReport`` (a count, a sum or a difference of two of them) and every name is
an event type, place or actor as stored; no sentence says why something happened or
what it means; a sentence whose figures are missing is left out rather than guessed;
an empty period says "no events" plainly.  The sentences are plain text: each renderer
escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sitrep.countries import country_name_in_text
from sitrep.report.figures import NO_ACTOR, SituationReport, Tally, TopEvent, Totals, TypeChange

__all__ = ["long_date", "narrate", "period_text", "totals_line"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NAMED = 3  # at most this many tied places, actors or events are named in one sentence


def long_date(day: date) -> str:
    """``1 December 2017`` (no locale involved)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def period_text(since: date, until: date) -> str:
    """``between 1 December 2017 and 31 December 2017`` (``on`` for a single day)."""
    if since == until:
        return f"on {long_date(since)}"
    return f"between {long_date(since)} and {long_date(until)}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _fatalities(count: int) -> str:
    return _plural(count, "reported fatality", "reported fatalities")


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def narrate(report: SituationReport) -> tuple[str, ...]:
    """The narrative's sentences, in reading order."""
    where = country_name_in_text(report.country)
    when = period_text(report.period.since, report.period.until)
    sentences: list[str] = []
    if report.total.events == 0:
        sentences.append(f"There were no events in {where} {when}.")
    else:
        sentences.append(
            f"{_plural(report.total.events, 'event').capitalize()} "
            f"{'was' if report.total.events == 1 else 'were'} recorded in {where} {when}, "
            f"with {_fatalities(report.total.fatalities)}."
        )
        sentences += _types_sentence(report.changes)
        sentences += _places_sentence(report.top_places, report.top)
        sentences += _actor_sentence(report.fatalities_by_actor, report.top)
        sentences += _deadliest_sentence(report)
    sentences.append(_change_sentence(report))
    if report.unlocated:
        sentences.append(
            f"{_plural(report.unlocated, 'event').capitalize()} "
            f"{'has' if report.unlocated == 1 else 'have'} no coordinates and "
            f"{'is' if report.unlocated == 1 else 'are'} not on the map."
        )
    return tuple(sentences)


def _types_sentence(changes: Sequence[TypeChange]) -> list[str]:
    """Every event type of the period, most events first."""
    ranked = sorted(
        (c for c in changes if c.events), key=lambda c: (-c.events, -c.fatalities, c.event_type)
    )
    if not ranked:
        return []
    listed = _join(
        [
            f"{c.event_type} ({_plural(c.events, 'event')}, {_fatalities(c.fatalities)})"
            for c in ranked
        ]
    )
    return [f"By event type: {listed}."]


def _leaders(rows: Sequence[Tally], value: Callable[[Tally], int]) -> list[Tally]:
    """The rows tied at the highest ``value`` (none when it is 0)."""
    if not rows:
        return []
    highest = max(value(r) for r in rows)
    return [r for r in rows if value(r) == highest] if highest > 0 else []


def _complete(
    tied: Sequence[object], ranked: Sequence[object], top: int, whole: int | None = None
) -> bool:
    """Whether ``tied`` (the head of ``ranked``, a ranking cut to ``top`` of ``whole``
    items when known) is the whole tie: a tie that fills a cut ranking may go on past it."""
    return len(tied) < len(ranked) or len(ranked) < top or len(ranked) == whole


def _places_sentence(places: Sequence[Tally], top: int) -> list[str]:
    """The place(s) with the most events; a tie is named whole (up to three places of
    more than one event each) or not at all."""
    leaders = _leaders(places, lambda p: p.events)
    if not leaders:
        return []
    count = leaders[0].events
    if len(leaders) == 1:
        only = leaders[0]
        return [
            f"{only.label} had the most events ({_plural(count, 'event')}, "
            f"{_fatalities(only.fatalities)})."
        ]
    if count > 1 and len(leaders) <= _NAMED and _complete(leaders, places, top):
        return [f"{_join([p.label for p in leaders])} had the most events ({count} each)."]
    return []


def _actor_sentence(actors: Sequence[Tally], top: int) -> list[str]:
    """The first actor(s) of the most fatalities (``actors`` is ranked by fatalities)."""
    leaders = _leaders(actors, lambda a: a.fatalities)
    if not leaders or len(leaders) > _NAMED or not _complete(leaders, actors, top):
        return []
    names = [
        ("no named first actor" if a.label == NO_ACTOR else a.label)
        + f" ({_plural(a.events, 'event')})"
        for a in leaders
    ]
    total = leaders[0].fatalities
    if len(leaders) == 1:
        return [
            f"Events with {names[0]} as the first actor account for the most fatalities: {total}."
        ]
    return [
        f"Events with {_join(names)} as the first actor account for the most fatalities: "
        f"{total} each."
    ]


def _event_text(event: TopEvent) -> str:
    place = f" in {event.place}" if event.place else ""
    # A range ("between 29 December 2017 and 4 January 2018") when the date is one: a
    # week- or month-precise date is never told as a single day.
    day = (
        f" {period_text(event.date_start, event.date_end or event.date_start)}"
        if event.date_start
        else ""
    )
    return f"{event.sub_event_type}{place}{day}"


def _deadliest_sentence(report: SituationReport) -> list[str]:
    events = report.top_events
    if not events or not events[0].fatalities:
        return []
    most = events[0].fatalities
    tied = [e for e in events if e.fatalities == most]
    if len(tied) == 1:
        return [f"The deadliest event: {_event_text(tied[0])}, with {_fatalities(most)}."]
    if len(tied) <= _NAMED and _complete(tied, events, report.top, report.total.events):
        listed = "; ".join(_event_text(e) for e in tied)
        return [f"The deadliest events, with {_fatalities(most)} each: {listed}."]
    return []


def _change_sentence(report: SituationReport) -> str:
    before = period_text(report.previous.since, report.previous.until)
    now, then = report.total, report.previous_total
    if then.events == 0:
        return f"The previous period of the same length ({before}) had no events."
    return (
        f"Compared with the previous period of the same length ({before}), events "
        f"{_movement(now.events, then.events)} and fatalities "
        f"{_movement(now.fatalities, then.fatalities)}."
    )


def _movement(now: int, then: int) -> str:
    if now == then:
        return f"were unchanged at {now}"
    verb = "rose" if now > then else "fell"
    return f"{verb} from {then} to {now} ({now - then:+d})"


def totals_line(totals: Totals) -> str:
    """``12 events, 40 reported fatalities``: a heading's summary."""
    return f"{_plural(totals.events, 'event')}, {_fatalities(totals.fatalities)}"
