"""Situation reports: one country's stored events over a period, as md, HTML or PDF.

    >>> from datetime import date
    >>> from sitrep.store.sqlite import SQLiteStore
    >>> with SQLiteStore("events.db") as store:                     # doctest: +SKIP
    ...     report = build_report(store, country="SY", since=date(2017, 12, 1))
    >>> html = render_report(report, "html")                        # doctest: +SKIP

A report holds a map, charts of events by type over time and of fatalities by category
and by actor, the top events with their evidence sentences, the change against the
previous period of the same length, and a narrative made only from those figures.
``build_report`` reads the store (``gather.py``) and computes the figures
(``figures.py``); ``render_report`` draws them (``render_md.py``, ``render_html.py``,
``render_pdf.py``; the map in ``mapimage.py``, the charts in ``charts.py``, the
sentences in ``narrative.py``).

DOCS: docs/report.md
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from sitrep.countries import country_code
from sitrep.report.errors import (
    MapOutlinesMissingError,
    PdfUnavailableError,
    ReportError,
    ReportPeriodError,
    UnknownCountryError,
    UnknownReportFormatError,
)
from sitrep.report.figures import Period, SituationReport, compute_figures
from sitrep.report.gather import event_articles, fetch_events, latest_event_date
from sitrep.report.render_html import render_html, report_map
from sitrep.report.render_md import render_markdown
from sitrep.report.render_pdf import render_pdf
from sitrep.store.base import Store

__all__ = [
    "FORMATS",
    "MapOutlinesMissingError",
    "PdfUnavailableError",
    "ReportError",
    "ReportPeriodError",
    "SituationReport",
    "UnknownCountryError",
    "UnknownReportFormatError",
    "build_report",
    "render_report",
    "report_map",
    "resolve_country",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FORMATS: tuple[str, ...] = ("md", "html", "pdf")


def resolve_country(country: str) -> str:
    """The ISO2 code of an ISO2 code or a country name; ``UnknownCountryError`` else."""
    code = country_code(country)
    if code is None:
        raise UnknownCountryError(
            f"unknown country {country!r}: give an ISO 3166 alpha-2 code (SY) or a name (Syria)"
        )
    return code


def build_report(
    store: Store,
    *,
    country: str,
    since: date,
    until: date | None = None,
    top: int = 10,
    today: Callable[[], date] = date.today,
) -> SituationReport:
    """The situation report of ``country`` from ``since`` to ``until`` (both included).

    ``until`` defaults to the last day of the newest stored event, else today.  The
    previous period (for the change figures) is the one of the same length before.
    """
    if top < 1:
        raise ReportError(f"top {top}: must be at least 1")
    code = resolve_country(country)
    if until is None:
        until = latest_event_date(store, country=code, since=since) or today()
        until = max(until, since)
    period = Period(since, until)
    previous = period.previous()
    current = fetch_events(store, country=code, since=period.since, until=period.until)
    before = fetch_events(store, country=code, since=previous.since, until=previous.until)
    logger.info("report %s %s..%s: %d events", code, since, until, len(current))
    report = compute_figures(current, before, country=code, period=period, top=top)
    articles = event_articles(store, [e.event_id for e in report.top_events])
    return replace(
        report,
        top_events=tuple(
            replace(e, articles=articles.get(e.event_id, ())) for e in report.top_events
        ),
    )


def render_report(report: SituationReport, fmt: str, *, map_href: str | None = None) -> bytes:
    """The report in ``fmt`` (md, html or pdf) as bytes (UTF-8 for md and html).

    ``map_href`` is, for md, the file name the map SVG (``report_map``) is saved under
    beside the markdown; the other formats hold the map inline.
    """
    renderers: Mapping[str, Callable[[], bytes]] = {
        "md": lambda: render_markdown(report, map_href=map_href).encode("utf-8"),
        "html": lambda: render_html(report).encode("utf-8"),
        "pdf": lambda: render_pdf(report),
    }
    renderer = renderers.get(fmt)
    if renderer is None:
        raise UnknownReportFormatError(f"report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return renderer()
