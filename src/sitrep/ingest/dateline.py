"""Datelines: a publication date written in the text itself, for inputs without metadata.

Only a full date (with its year) in a dateline position counts: a line of its own, the
start of a line followed by a dash, colon or pipe, or after "Published", "Updated",
"Posted" or "Date"; and only in the first ``DATELINE_CHARS`` characters. A date in the
story's first sentence ("On March 15, 2011, protests began") is history, not a dateline::

    >>> find_dateline("Clashes in Aden\\n\\nJanuary 4, 2018\\n\\nFighting resumed ...")
    datetime.date(2018, 1, 4)
    >>> find_dateline("On March 15, 2011, protests began in Deraa.") is None
    True
"""

from __future__ import annotations

import re
from datetime import date

DATELINE_CHARS = 400

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DATES = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}"),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
)
_LEAD = r"(?:^|\n)[ \t]*(?:(?:published|updated|posted|date)(?: on)?\s*:?\s*)?"
_CLOCK = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"
_TAIL = _CLOCK + r"[ \t]*(?:$|\n|[-–—:|])"


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        found = _MONTHS.get((groups.get("month") or "").lower())
        if found is None:
            return None
        month = found
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def find_dateline(text: str) -> date | None:
    """The dateline's date near the top of ``text``, or None."""
    head = text[:DATELINE_CHARS]
    for pattern in _DATES:
        framed = re.compile(_LEAD + pattern.pattern + _TAIL, re.IGNORECASE)
        for match in framed.finditer(head):
            found = _to_date(match)
            if found is not None:
                return found
    return None
