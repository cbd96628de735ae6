"""The errors of ``sitrep report``, under ``sitrep.errors.SitrepError``.

::

    SitrepError
    └── ReportError                          a situation report cannot be made
        ├── UnknownCountryError (ValueError)      --country is no ISO2 code or name we know
        ├── ReportPeriodError (ValueError)        since is after until
        ├── UnknownReportFormatError (ValueError) not md, html or pdf
        ├── MapOutlinesMissingError (FileNotFoundError)  the Natural Earth outlines are
        │                                         not built (run ``make web``)
        └── PdfUnavailableError (RuntimeError)    WeasyPrint is not installed

Kept beside the report package rather than in ``sitrep/errors.py`` so the package is one
folder; every one is a ``SitrepError``, so the CLI's ``_fail`` handles them all.
"""

from __future__ import annotations

from sitrep.errors import SitrepError

__all__ = [
    "MapOutlinesMissingError",
    "PdfUnavailableError",
    "ReportError",
    "ReportPeriodError",
    "UnknownCountryError",
    "UnknownReportFormatError",
]


class ReportError(SitrepError):
    """Base of the errors of ``sitrep.report``."""


class UnknownCountryError(ReportError, ValueError):
    pass


class ReportPeriodError(ReportError, ValueError):
    pass


class UnknownReportFormatError(ReportError, ValueError):
    pass


class MapOutlinesMissingError(ReportError, FileNotFoundError):
    pass


class PdfUnavailableError(ReportError, RuntimeError):
    pass
