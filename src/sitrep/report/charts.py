"""The report's charts as hand-written SVG: stacked bars over time, horizontal bars.

    >>> from datetime import date
    >>> from sitrep.report.figures import Tally
    >>> svg = bar_chart([Tally("civilians", 2, 43)], title="Fatalities by category")
    >>> "civilians" in svg and ">43<" in svg
    True

Every label is escaped (``svg.esc``); names longer than ``LABEL_CHARS`` are cut with an
ellipsis.  The value axis of the time chart rounds up to a "nice" number (1, 2 or 5
times a power of ten) so its three ticks read as whole numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from sitrep.report.figures import Tally, TimeBin
from sitrep.report.svg import FONT, SVG_NAMESPACE, esc, num, shorten, type_colour

__all__ = ["LABEL_CHARS", "bar_chart", "nice_ceiling", "time_chart"]

LABEL_CHARS = 34
WIDTH = 640.0
_AXIS = "#555555"
_TEXT = "#333333"


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 ... at or above ``value`` (1 for 0)."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _open(width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="{SVG_NAMESPACE}" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" font-family="{esc(FONT)}" font-size="11" '
        f'role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<text x="0" y="14" font-size="13" font-weight="bold" fill="{_TEXT}">{esc(title)}</text>',
    ]


def time_chart(
    bins: Sequence[TimeBin],
    event_types: Sequence[str],
    *,
    granularity: Literal["day", "week"],
    title: str = "Events by type over time",
) -> str:
    """Events per bin, stacked by event type, with a legend of ``event_types``."""
    left, right, top, plot_height = 34.0, 8.0, 36.0 + 18.0 * _legend_rows(event_types), 160.0
    bottom = 34.0
    height = top + plot_height + bottom
    parts = _open(WIDTH, height, title)
    parts += _type_legend(event_types, 30.0)
    plot_width = WIDTH - left - right
    highest = max((b.total for b in bins), default=0)
    ceiling = nice_ceiling(highest)
    base = top + plot_height
    for tick in sorted({0, ceiling // 2, ceiling} if ceiling > 1 else {0, ceiling}):
        y = base - plot_height * tick / ceiling
        parts.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + plot_width)}" y2="{num(y)}" '
            f'stroke="#dddddd" stroke-width="0.6"/>'
            f'<text x="{num(left - 4)}" y="{num(y + 4)}" text-anchor="end" fill="{_TEXT}">'
            f"{tick}</text>"
        )
    slot = plot_width / max(len(bins), 1)
    bar = max(slot * 0.8, 1.0)
    label_every = max(1, math.ceil(len(bins) / 12))
    for index, time_bin in enumerate(bins):
        x = left + index * slot + (slot - bar) / 2
        y = base
        for event_type, count in time_bin.counts:
            h = plot_height * count / ceiling
            y -= h
            when = time_bin.start.isoformat()
            if granularity == "week":
                when += f" to {time_bin.end.isoformat()}"
            parts.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(bar)}" height="{num(h)}" '
                f'fill="{type_colour(event_type)}"><title>{esc(when)}: {esc(event_type)} '
                f"{count}</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{num(x + bar / 2)}" y="{num(base + 14)}" text-anchor="middle" '
                f'fill="{_TEXT}" font-size="9">{time_bin.start:%m-%d}</text>'
            )
    parts.append(
        f'<line x1="{num(left)}" y1="{num(base)}" x2="{num(left + plot_width)}" '
        f'y2="{num(base)}" stroke="{_AXIS}" stroke-width="0.8"/>'
    )
    unit = "day" if granularity == "day" else "week (7-day bins from the first day)"
    parts.append(
        f'<text x="{num(left)}" y="{num(base + 28)}" fill="{_TEXT}">events per {esc(unit)}</text>'
    )
    if highest == 0:
        parts.append(
            f'<text x="{num(left + plot_width / 2)}" y="{num(top + plot_height / 2)}" '
            f'text-anchor="middle" fill="{_TEXT}">no events</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend_rows(event_types: Sequence[str]) -> int:
    return max(1, math.ceil(len(event_types) / 3))


def _type_legend(event_types: Sequence[str], top: float) -> list[str]:
    parts: list[str] = []
    column = WIDTH / 3
    for index, event_type in enumerate(event_types):
        x = (index % 3) * column
        y = top + (index // 3) * 18.0
        parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="10" height="10" '
            f'fill="{type_colour(event_type)}"/>'
            f'<text x="{num(x + 14)}" y="{num(y + 9)}" fill="{_TEXT}">'
            f"{esc(shorten(event_type, LABEL_CHARS))}</text>"
        )
    return parts


def bar_chart(
    rows: Sequence[Tally],
    *,
    title: str,
    colour: str = "#7a6f5a",
    empty: str = "none reported",
) -> str:
    """One horizontal bar per row, its length the row's fatalities, the value beside it."""
    label_width, value_width, row_height, top = 230.0, 48.0, 20.0, 26.0
    height = top + row_height * max(len(rows), 1) + 6
    parts = _open(WIDTH, height, title)
    if not rows:
        parts.append(f'<text x="0" y="{num(top + 14)}" fill="{_TEXT}">{esc(empty)}</text>')
        parts.append("</svg>")
        return "".join(parts)
    plot = WIDTH - label_width - value_width
    highest = max([1, *(r.fatalities for r in rows)])
    for index, row in enumerate(rows):
        y = top + index * row_height
        length = plot * row.fatalities / highest
        parts.append(
            f'<text x="{num(label_width - 6)}" y="{num(y + 13)}" text-anchor="end" '
            f'fill="{_TEXT}">{esc(shorten(row.label, LABEL_CHARS))}</text>'
            f'<rect x="{num(label_width)}" y="{num(y + 3)}" width="{num(max(length, 0.5))}" '
            f'height="{num(row_height - 6)}" fill="{colour}"><title>{esc(row.label)}: '
            f"{row.fatalities} killed, {row.events} events</title></rect>"
            f'<text x="{num(label_width + length + 4)}" y="{num(y + 13)}" fill="{_TEXT}">'
            f"{row.fatalities}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
