"""The report as GitHub-flavoured markdown: the narrative, the map as a linked SVG file,
and every figure as a table.

    >>> md_escape("<script>alert(1)</script> | [x](javascript:y)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\[x\\\\](javascript:y)'

Markdown has no charts: the time chart and the bar charts are the tables of the same
figures (``tables.py``).  Every cell and sentence goes through ``md_escape``, since
names and sentences come from news articles.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from sitrep import __version__
from sitrep.report.figures import SituationReport
from sitrep.report.narrative import narrate, period_text, totals_line
from sitrep.report.tables import Table, report_tables, time_table

__all__ = ["md_escape", "render_markdown"]

# Backslash first, so the escapes added after are not escaped again.
_PUNCTUATION = re.compile(r"([\\`*_\[\]|#~!{}])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as literal markdown inline text, safe inside a table cell.

    Line breaks become spaces, ``&``, ``<`` and ``>`` become entities (no raw HTML),
    markdown punctuation (`` ` * _ [ ] | # ~ ! { } \\``) is backslash-escaped, and, when
    the text starts a line (``line_start``), a leading list or quote marker too.
    """
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _PUNCTUATION.sub(r"\\\1", flat)
    if not line_start:
        return flat
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), flat)


def _table(table: Table) -> list[str]:
    lines = [f"## {md_escape(table.title)}", ""]
    if table.note:
        lines += [md_escape(table.note), ""]
    if not table.rows:
        return [*lines, md_escape(table.empty.capitalize()) + ".", ""]
    lines.append("| " + " | ".join(md_escape(h, line_start=False) for h in table.headers) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in table.numeric) + "|")
    lines += [
        "| " + " | ".join(md_escape(c, line_start=False) for c in row) + " |" for row in table.rows
    ]
    return [*lines, ""]


def render_markdown(report: SituationReport, *, map_href: str | None = None) -> str:
    """The report as markdown; ``map_href`` is the map SVG's file name beside it (None
    when there is no file to link)."""
    when = period_text(report.period.since, report.period.until)
    lines = [
        f"# Situation report: {md_escape(report.country_name)}",
        "",
        md_escape(
            f"Events {when} ({report.period.days} days): {totals_line(report.total)}. "
            f"Made by sitrep {__version__} from the stored events (rejected events left out)."
        ),
        "",
        "## Summary",
        "",
        " ".join(md_escape(s) for s in narrate(report)),
        "",
        "## Map",
        "",
    ]
    if map_href is not None:
        lines.append(f"![Map of the events in {md_escape(report.country_name)}]({quote(map_href)})")
    else:
        lines.append("The map image is written beside the report when it is saved to a file.")
    lines.append("")
    lines += _table(time_table(report))
    for table in report_tables(report):
        lines += _table(table)
    return "\n".join(lines).rstrip("\n") + "\n"
