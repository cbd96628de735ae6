"""Datelines: a publication date written in the text itself.

``find_dateline`` serves inputs without metadata; ``find_header_date`` also reads text
whose line breaks were lost (a scraped page run into one paragraph), and
``build_article`` uses it to correct a metadata date that the text's own header
contradicts (see ``later_header_date``).

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
_WEEKDAY_NAME = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_WEEKDAY = rf"(?:{_WEEKDAY_NAME}\.?,?\s+)?"
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


# A header date in flattened text: after a publication word, or after a weekday name
# that the calendar confirms ("Reuters Tuesday 14 Nov 2017 The death toll ...").
_PUBLICATION_WORDS = (
    r"(?:published|updated|posted|date of publication|last updated)(?: on)?\s*:?\s*"
)
_HEADER_DATES = tuple(
    re.compile(
        rf"(?:(?P<lead>\b{_PUBLICATION_WORDS})|\b(?P<weekday>{_WEEKDAY_NAME})\.?,?\s+)"
        + pattern.pattern.removeprefix(_WEEKDAY),
        re.IGNORECASE,
    )
    for pattern in _DATES[:2]
)
_WEEKDAY_NUMBER = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

HEADER_CHARS = 250
"""How far into the text a header date may stand."""

MAX_CORRECTION_DAYS = 400
"""A header date further than this after the metadata date is not taken over it."""


def find_header_date(text: str) -> date | None:
    """A full date in the first ``HEADER_CHARS`` characters that the text marks as its
    own: a dateline (``find_dateline``), a date after "Published", "Posted",
    "Updated" or "Date of publication", or a date after the weekday it fell on.

    >>> find_header_date("Strike kills 9 AFP Friday 24 Jul 2015 Turkish warplanes ...")
    datetime.date(2015, 7, 24)
    >>> find_header_date("Strike kills 9 AFP Monday 24 Jul 2015 Turkish warplanes ...") is None
    True
    """
    head = text[:HEADER_CHARS]
    framed = find_dateline(head)
    if framed is not None:
        return framed
    found: list[tuple[int, date]] = []
    for pattern in _HEADER_DATES:
        for match in pattern.finditer(head):
            day = _to_date(match)
            if day is None:
                continue
            weekday = match.group("weekday")
            if weekday is not None and _WEEKDAY_NUMBER[weekday[:3].lower()] != day.weekday():
                continue
            found.append((match.start(), day))
    return min(found)[1] if found else None


def later_header_date(text: str, published: date) -> date | None:
    """The text's header date when it is later than a metadata ``published`` date.

    An article cannot carry a header dated after its own publication: when it does, the
    metadata date is not the publication date (a crawl date, or the date of the event
    the record was filed under), and the header is what the text's "on Tuesday" and
    "yesterday" count from.  An earlier header date is left alone: it may be the day
    the story was first written before an update.
    """
    header = find_header_date(text)
    if header is None:
        return None
    ahead = (header - published).days
    return header if 0 < ahead <= MAX_CORRECTION_DAYS else None
