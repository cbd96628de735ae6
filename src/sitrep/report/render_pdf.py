"""The report as PDF: the HTML page (``render_html``) laid out by WeasyPrint.

WeasyPrint comes with the ``serve`` extra (``make install`` installs it).  The page
holds no external resource, so ``base_url=None`` and nothing is fetched.
"""

from __future__ import annotations

import logging

from sitrep.report.errors import PdfUnavailableError
from sitrep.report.figures import SituationReport
from sitrep.report.render_html import render_html

__all__ = ["html_to_pdf", "render_pdf"]


def html_to_pdf(page: str) -> bytes:
    """PDF bytes of an HTML document that needs nothing from outside."""
    try:
        import weasyprint
    except ImportError as error:  # also OSError-free: pango missing raises at import
        raise PdfUnavailableError(
            f"PDF reports need WeasyPrint ({error}): pip install 'sitrep-events[serve]'"
        ) from error
    # WeasyPrint and fontTools log every font subset at INFO/WARNING; not our news.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    pdf: bytes = weasyprint.HTML(string=page, base_url=None).write_pdf()
    return pdf


def render_pdf(report: SituationReport) -> bytes:
    """The report as PDF bytes."""
    return html_to_pdf(render_html(report))
