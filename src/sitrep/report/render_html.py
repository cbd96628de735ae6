"""The report as one self-contained HTML file: inline SVG map and charts, a ``<style>``
block, no scripts and nothing fetched (no external URL, image, font or stylesheet).

Every text from the data goes through ``html.escape`` (here and in the SVG builders);
the file is written, not served, so the ``<style>`` block needs no CSP allowance.  The
PDF is this page rendered by WeasyPrint (``render_pdf.py``).
"""

from __future__ import annotations

from html import escape

from sitrep import __version__
from sitrep.countries import country_numeric
from sitrep.report.charts import bar_chart, time_chart
from sitrep.report.figures import SituationReport
from sitrep.report.mapimage import map_svg
from sitrep.report.narrative import narrate, period_text, totals_line
from sitrep.report.svg import SVG_NAMESPACE
from sitrep.report.tables import Table, report_tables

__all__ = ["STYLE", "render_html", "report_map"]

STYLE = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
  color: #222; max-width: 60em; margin: 1em auto; padding: 0 1em;
  font-variant-ligatures: none; }
h1 { font-size: 17pt; margin-bottom: 0.2em; }
h2 { font-size: 12.5pt; margin-top: 1.4em; border-bottom: 1px solid #ccc;
  page-break-after: avoid; }
p.meta, p.note { color: #555; font-size: 9pt; }
p.note { page-break-after: avoid; }
figure { margin: 0.8em 0; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #ccc; padding: 2px 4px; vertical-align: top; text-align: left; }
th { background: #f0eee9; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr, tbody { page-break-inside: avoid; }
tr.text td { border-top: none; color: #333; padding-bottom: 5px; }
span.label { color: #777; }
td { overflow-wrap: break-word; }
#top_events td:nth-child(2) { white-space: nowrap; }
"""


def _inline(svg: str) -> str:
    """An SVG document as an HTML5 inline element (the namespace is implied)."""
    return svg.replace(f' xmlns="{SVG_NAMESPACE}"', "", 1)


def report_map(report: SituationReport) -> str:
    """The report's map as a standalone SVG document."""
    return map_svg(
        report.points,
        country_numeric=country_numeric(report.country),
        title=f"Events in {report.country_name}",
    )


def _cell(tag: str, text: str, numeric: bool) -> str:
    align = ' class="n"' if numeric else ""
    return f"<{tag}{align}>{escape(text)}</{tag}>"


def _table(table: Table) -> list[str]:
    parts = [f'<section id="{escape(table.key)}"><h2>{escape(table.title)}</h2>']
    if table.note:
        parts.append(f'<p class="note">{escape(table.note)}</p>')
    if not table.rows:
        parts.append(f"<p>{escape(table.empty.capitalize())}.</p></section>")
        return parts
    columns = len(table.headers) - 1 if table.last_is_text else len(table.headers)
    numeric = table.numeric[:columns]
    heads = (_cell("th", h, n) for h, n in zip(table.headers[:columns], numeric, strict=True))
    parts.append("<table><thead><tr>" + "".join(heads) + "</tr></thead>")
    for row in table.rows:
        cells = (_cell("td", c, n) for c, n in zip(row[:columns], numeric, strict=True))
        # One tbody per row, so a page break keeps a row and its text row together.
        parts.append("<tbody><tr>" + "".join(cells) + "</tr>")
        if table.last_is_text:
            parts.append(
                f'<tr class="text"><td colspan="{columns}"><span class="label">'
                f"{escape(table.headers[-1])}:</span> {escape(row[-1])}</td></tr>"
            )
        parts.append("</tbody>")
    parts.append("</table></section>")
    return parts


def render_html(report: SituationReport) -> str:
    """The whole report as one HTML document."""
    name = report.country_name
    when = period_text(report.period.since, report.period.until)
    title = f"Situation report: {name}, {report.period.since} to {report.period.until}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Situation report: {escape(name)}</h1>",
        f'<p class="meta">Events {escape(when)} ({report.period.days} days): '
        f"{escape(totals_line(report.total))}. Made by sitrep {escape(__version__)} from "
        "the stored events (rejected events left out).</p>",
        '<section id="summary"><h2>Summary</h2>',
        "<p>" + " ".join(escape(s) for s in narrate(report)) + "</p></section>",
        '<section id="map"><h2>Map</h2>',
        f"<figure>{_inline(report_map(report))}</figure></section>",
        '<section id="charts"><h2>Charts</h2>',
        "<figure>"
        + _inline(time_chart(report.bins, report.event_types, granularity=report.granularity))
        + "</figure>",
        "<figure>"
        + _inline(
            bar_chart(
                report.fatalities_by_category,
                title="Fatalities by category",
                colour="#9c4f3c",
            )
        )
        + "</figure>",
        "<figure>"
        + _inline(bar_chart(report.fatalities_by_actor, title="Fatalities by actor (actor1)"))
        + "</figure></section>",
    ]
    for table in report_tables(report):
        parts += _table(table)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
