"""Normalise one time expression to a TIMEX3 value and a date range (rules ``dates.rules.v1``).

``resolve_timex`` reads the words of one expression, already cut out of the text, and
resolves it against the publication date ``published`` (and, for "four days after" and
"the next day", against an ``anchor`` day that the caller found earlier in the text)::

    >>> from datetime import date
    >>> r = resolve_timex("last week", date(2018, 1, 4))
    >>> r.value, r.start, r.end, r.precision.name
    ('2017-W52', datetime.date(2017, 12, 25), datetime.date(2017, 12, 31), 'WEEK')
    >>> resolve_timex("Dec. 25", date(2018, 1, 4)).value
    '2017-12-25'
    >>> resolve_timex("Dec. 25", None).value  # no publication date: TIMEX3 placeholders
    'XXXX-12-25'
    >>> resolve_timex("four days after", date(2018, 1, 4), anchor=date(2017, 12, 25)).value
    '2017-12-29'

Conventions, chosen for news at large (each rule says why in a comment):

- News reports the past: an expression without a year ("Dec. 25", "December", "Friday",
  "Christmas Day") takes the most recent such date *not after* publication, unless the
  caller says the clause is future (``future=True``: "will", "shall", "is scheduled to").
- A weekday equal to the publication weekday is the publication day itself (wire style:
  "said Friday" in a Friday story); "last Friday" is strictly before it.  In TempEval-3's
  news, 132 of 294 bare weekdays name the publication day itself.
- Precision: DAY for one day, WEEK for a week or any range of at most 14 days, MONTH for a
  month or longer (ACLED's time-precision codes 1, 2, 3).
- "mid-2015" is the whole year (mid is too vague to cut); "early"/"late" are the first/last
  four months of a year, the first/last ten days of a month; the value stays the year or
  month ("late last year" -> "2017", 2017-09-01..2017-12-31).
- Durations ("for three days") have a value ("P3D") and no range; "the past two weeks" is
  a duration ("P2W") whose range is also filled: [published - 14 days, published].
- ``anchored`` is True when the expression was placed on the calendar (or is a plain
  duration, which needs no place); False when it needed a publication date or an anchor
  that was missing, or is vague ("recently" -> "PAST_REF").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.extract.numbers_words import parse_number
from sitrep.types import TimePrecision

__all__ = ["TimexResolution", "range_precision", "resolve_timex"]


@dataclass(frozen=True, slots=True)
class TimexResolution:
    """What one time expression means: a ``TimeMention`` without its span.

    ``relative`` is True when the value was computed from an anchor day earlier in the
    text ("four days after", "the next day") rather than from the publication date.
    """

    value: str
    timex_type: str  # DATE, TIME, DURATION, SET
    start: date | None
    end: date | None
    precision: TimePrecision | None
    anchored: bool
    relative: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    published: date | None
    anchor: date | None
    future: bool


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
_SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
_SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}
# Unit words and their TIMEX3 duration letters ("T" marks units below a day).
_UNIT_CODES: dict[str, str] = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
_VAGUE_COUNTS = frozenset({"a few", "few", "several", "some", "many", "a couple of", "couple of"})

_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
_NUM = (
    r"(?P<num>\d+(?:\.\d+)?|a|an|a few|few|several|some|many|a couple of|couple of|"
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|and)[\s-]?)+)"
)
_UNIT = (
    r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ie))s?"
)
_PART = r"(?P<part>morning|afternoon|evening|night)"
_EDGE = (
    r"(?P<edge>early|mid|late|the end of|end of|the beginning of|beginning of|"
    r"the start of|start of|the middle of|middle of)"
)

_LEADING_WORDS = re.compile(
    r"^(?:on|in|at|since|by|until|till|from|during|over|for|through|throughout|of|as of|"
    r"before|after|between|within|into|around|about|nearly|almost|approximately|roughly|"
    r"some|just|only|barely|at least|more than|less than|fewer than|well over|up to|"
    r"as many as|at most|close to|exactly|fully|a little more than|a little over|"
    r"sometime|sometime in|some time in)\s+"
)


def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = " ".join(text.split())
    return text.strip(" ,;:!?()[]\"'.")


def _variants(text: str) -> list[str]:
    """The expression, then with leading prepositions and qualifiers cut one by one."""
    out = [text]
    while True:
        cut = _LEADING_WORDS.sub("", out[-1], count=1)
        if cut == out[-1] or not cut:
            return out
        out.append(cut)


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _last_day(year, month)))


def _shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` units (negative: back in time)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    if unit == "month":
        return _shift_months(day, amount)
    if unit == "quarter":
        return _shift_months(day, 3 * amount)
    if unit == "year":
        return _shift_months(day, 12 * amount)
    if unit == "decade":
        return _shift_months(day, 120 * amount)
    if unit == "century":
        return _shift_months(day, 1200 * amount)
    return day  # hours, minutes, seconds: the same day


def range_precision(start: date, end: date) -> TimePrecision:
    """ACLED's time precision of the range ``start``..``end`` (both days included)."""
    days = (end - start).days + 1
    if days <= 1:
        return TimePrecision.DAY
    if days <= 14:
        return TimePrecision.WEEK
    return TimePrecision.MONTH


def _week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


def _day(day: date, *, relative: bool = False) -> TimexResolution:
    return TimexResolution(
        day.isoformat(), "DATE", day, day, TimePrecision.DAY, True, relative=relative
    )


def _span(
    value: str, start: date, end: date, *, kind: str = "DATE", relative: bool = False
) -> TimexResolution:
    return TimexResolution(value, kind, start, end, range_precision(start, end), True, relative)


def _month(year: int, month: int, *, relative: bool = False) -> TimexResolution:
    start = date(year, month, 1)
    end = date(year, month, _last_day(year, month))
    return TimexResolution(
        f"{year:04d}-{month:02d}", "DATE", start, end, TimePrecision.MONTH, True, relative
    )


def _year(year: int, *, relative: bool = False) -> TimexResolution:
    return TimexResolution(
        f"{year:04d}",
        "DATE",
        date(year, 1, 1),
        date(year, 12, 31),
        TimePrecision.MONTH,
        True,
        relative,
    )


def _week(day: date, *, relative: bool = False) -> TimexResolution:
    start = _week_start(day)
    return TimexResolution(
        _week_value(day),
        "DATE",
        start,
        start + timedelta(days=6),
        TimePrecision.WEEK,
        True,
        relative,
    )


def _unplaced(value: str, kind: str = "DATE") -> TimexResolution:
    return TimexResolution(value, kind, None, None, None, False)


def _duration(value: str) -> TimexResolution:
    return TimexResolution(value, "DURATION", None, None, None, True)


def _unit_of(match: re.Match[str]) -> str:
    unit: str = match.group("unit")
    return "century" if unit.startswith("centur") else unit


def _count(match: re.Match[str]) -> int | None:
    """The number of units: None when vague ("several", "a few")."""
    words = match.group("num").strip()
    if words in ("a", "an"):
        return 1
    if words in ("a couple of", "couple of"):
        return 2
    if words in _VAGUE_COUNTS:
        return None
    return parse_number(words)


def _duration_value(count: int | None, unit: str) -> str:
    code = _UNIT_CODES[unit]
    amount = "X" if count is None else str(count)
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    if code == "2W":
        return f"P{'X' if count is None else 2 * count}W"
    if code == "DE":  # TempEval writes decades as years: "the past decade" -> P10Y
        return f"P{'X' if count is None else 10 * count}Y"
    return f"P{amount}{code}"


def _at_granularity(day: date, unit: str, *, relative: bool = False) -> TimexResolution:
    """``day`` as a value at the granularity of ``unit`` ("two weeks ago" -> a week)."""
    if unit in ("week", "fortnight", "weekend"):
        return _week(day, relative=relative)
    if unit in ("month", "quarter"):
        return _month(day.year, day.month, relative=relative)
    if unit in ("year", "decade", "century"):
        return _year(day.year, relative=relative)
    return _day(day, relative=relative)


# ---------------------------------------------------------------------------
# Resolving dates without a year
# ---------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(make: Callable[[int], date | None], published: date, future: bool) -> date | None:
    """The date ``make(year)`` nearest to publication on the right side of it.

    Past (default): the latest candidate not after ``published``; future: the earliest
    candidate not before it.
    """
    candidates = [d for y in range(published.year - 4, published.year + 5) if (d := make(y))]
    if future:
        after = [d for d in candidates if d >= published]
        return min(after) if after else None
    before = [d for d in candidates if d <= published]
    return max(before) if before else None


def _weekday_date(weekday: int, published: date, *, relation: str | None, future: bool) -> date:
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if relation in ("last", "past", "previous"):
        return published - timedelta(days=back or 7)
    if relation == "next":
        return published + timedelta(days=forward or 7)
    if relation in ("this", "coming"):
        return (
            published + timedelta(days=forward)
            if future or relation == "coming"
            else (published - timedelta(days=back))
        )
    if future:
        return published + timedelta(days=forward)
    return published - timedelta(days=back)


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (the US holiday, as US wire copy uses it)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1),
    "new years day": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1),
    "new year": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "new years eve": lambda y: date(y, 12, 31),
    "easter": _easter,
    "easter sunday": _easter,
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
}
_HOLIDAY_RE = "|".join(sorted((re.escape(k) for k in _HOLIDAYS), key=len, reverse=True))


# ---------------------------------------------------------------------------
# Rules: (pattern, handler); the first handler to return a result wins.
# ---------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Context], TimexResolution | None]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: str) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler

    return register


def _month_of(match: re.Match[str]) -> int:
    return MONTHS[match.group("mon")]


def _year_of(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


@_rule(r"(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
def _iso_date(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    day = _safe_date(int(match["year"]), int(match["m"]), int(match["d"]))
    return _day(day) if day else None


def _resolve_day_month(
    month: int, day: int, year: int | None, ctx: _Context
) -> TimexResolution | None:
    if year is not None:
        found = _safe_date(year, month, day)
        return _day(found) if found else None
    if not 1 <= day <= 31:
        return None
    if ctx.published is None:
        return _unplaced(f"XXXX-{month:02d}-{day:02d}")
    found = _nearest_year(lambda y: _safe_date(y, month, day), ctx.published, ctx.future)
    return _day(found) if found else None


@_rule(
    rf"(?:{_WD},? )?(?:the )?{_MON},? (?:the )?{_DAY}(?:,? {_YEAR})?"
    rf"(?:,? (?:(?:at|in the) )?{_PART})?"
)
def _month_day(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    return _resolve_day_month(_month_of(match), int(match["day"]), _year_of(match), ctx)


@_rule(rf"(?:{_WD},? )?(?:the )?{_DAY} (?:of )?{_MON}(?:,? {_YEAR})?")
def _day_month(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    return _resolve_day_month(_month_of(match), int(match["day"]), _year_of(match), ctx)


_EDGE_YEAR_MONTHS = {"early": (1, 4), "late": (9, 12), "mid": (1, 12)}
_EDGE_MONTH_DAYS = {"early": (1, 10), "late": (21, 31), "mid": (11, 20)}


def _edge_kind(edge: str | None) -> str | None:
    if edge is None:
        return None
    if "end" in edge or edge == "late":
        return "late"
    if "beginning" in edge or "start" in edge or edge == "early":
        return "early"
    return "mid"


def _month_result(year: int, month: int, edge: str | None) -> TimexResolution:
    whole = _month(year, month)
    kind = _edge_kind(edge)
    if kind is None:
        return whole
    first, last = _EDGE_MONTH_DAYS[kind]
    last = min(last, _last_day(year, month))
    return TimexResolution(
        whole.value,
        "DATE",
        date(year, month, first),
        date(year, month, last),
        TimePrecision.MONTH,
        True,
    )


def _year_result(year: int, edge: str | None, *, relative: bool = False) -> TimexResolution:
    kind = _edge_kind(edge)
    first, last = _EDGE_YEAR_MONTHS[kind] if kind else (1, 12)
    return TimexResolution(
        f"{year:04d}",
        "DATE",
        date(year, first, 1),
        date(year, last, _last_day(year, last)),
        TimePrecision.MONTH,
        True,
        relative,
    )


@_rule(rf"(?:{_EDGE}[- ]?)?(?:the month of )?{_MON}(?:,? (?:of )?{_YEAR})?")
def _month_name(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    month = _month_of(match)
    year = _year_of(match)
    if year is None:
        if ctx.published is None:
            return _unplaced(f"XXXX-{month:02d}")
        found = _nearest_year(lambda y: date(y, month, 1), ctx.published.replace(day=1), ctx.future)
        if found is None:
            return None
        year = found.year
    return _month_result(year, month, match["edge"])


@_rule(rf"(?:{_EDGE} )?{_MON} (?P<rel>last|this|next) year")
def _month_of_relative_year(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    month = _month_of(match)
    if ctx.published is None:
        return _unplaced(f"XXXX-{month:02d}")
    year = ctx.published.year + {"last": -1, "this": 0, "next": 1}[match["rel"]]
    return _month_result(year, month, match["edge"])


@_rule(rf"(?:{_EDGE} )?(?P<rel>last|this|next|past|previous|coming) {_MON}")
def _month_relative(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    month = _month_of(match)
    if ctx.published is None:
        return _unplaced(f"XXXX-{month:02d}")
    p = ctx.published
    rel = match["rel"]
    edge = match["edge"]
    if rel in ("last", "past", "previous"):
        # "last December" written in December means a year ago.
        year = p.year if month < p.month else p.year - 1
    elif rel == "next":
        year = p.year if month > p.month else p.year + 1
    elif rel == "coming":
        year = p.year if month >= p.month else p.year + 1
    else:
        year = p.year
    return _month_result(year, month, edge)


@_rule(rf"(?:{_EDGE}[- ]?)?(?:the )?(?:(?:fiscal|calendar|the year) )?{_YEAR}")
def _year_number(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    year = _year_of(match)
    return _year_result(year, match["edge"]) if year is not None else None


@_rule(
    r"(?:the )?(?P<edge>early|mid|late)?[- ]?(?:the )?(?P<dec>1[0-9]\d|20\d)0'?s|'(?P<short>\d)0s"
)
def _decade(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    if match["short"]:
        digit = int(match["short"])
        decade = 200 + digit if digit <= 2 else 190 + digit  # '10s -> 2010s, '90s -> 1990s
    else:
        decade = int(match["dec"])
    first = decade * 10
    kind = _edge_kind(match["edge"])
    years = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(kind or "", (0, 9))
    return TimexResolution(
        str(decade),
        "DATE",
        date(first + years[0], 1, 1),
        date(first + years[1], 12, 31),
        TimePrecision.MONTH,
        True,
    )


@_rule(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century")
def _century(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    first = (int(match["n"]) - 1) * 100
    if not 1 <= first + 1 <= 9999:
        return None
    return TimexResolution(
        f"{first // 100:02d}",
        "DATE",
        date(max(first, 1), 1, 1),
        date(first + 99, 12, 31),
        TimePrecision.MONTH,
        True,
    )


def _season_range(year: int, code: str) -> tuple[date, date]:
    start_month = _SEASON_START_MONTH[code]
    start = date(year, start_month, 1)
    end = _shift_months(start, 3) - timedelta(days=1)
    return start, end


def _season(year: int, code: str, edge: str | None = None) -> TimexResolution:
    start, end = _season_range(year, code)
    kind = _edge_kind(edge)
    if kind == "early":
        end = _shift_months(start, 1) - timedelta(days=1)
    elif kind == "late":
        start = _shift_months(start, 2)
    return TimexResolution(f"{year:04d}-{code}", "DATE", start, end, TimePrecision.MONTH, True)


@_rule(
    rf"(?:{_EDGE} )?(?:(?P<rel>last|this|next|past|previous|coming) |the )?"
    r"(?P<season>spring|summer|fall|autumn|winter)(?:,? (?:of )?(?P<year>\d{4}))?"
    r"|(?P<year2>\d{4}) (?P<season2>spring|summer|fall|autumn|winter)"
)
def _season_name(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    code = _SEASONS[match["season"] or match["season2"]]
    year_text = match["year"] or match["year2"]
    edge = match.groupdict().get("edge")
    if year_text:
        return _season(int(year_text), code, edge)
    if ctx.published is None:
        return _unplaced(f"XXXX-{code}")
    p = ctx.published
    seasons = [(y, _season_range(y, code)) for y in range(p.year - 2, p.year + 2)]
    rel = match["rel"]
    if rel in ("last", "past", "previous"):
        year = max(y for y, (_, end) in seasons if end < p)
    elif rel in ("next", "coming") or (rel is None and ctx.future):
        year = min(y for y, (start, end) in seasons if end >= p and (rel is None or start > p))
    elif rel == "this":
        year = next((y for y, (s, e) in seasons if s <= p <= e), p.year)
    else:
        year = max(y for y, (start, _) in seasons if start <= p)
    return _season(year, code, edge)


def _quarter(year: int, quarter: int) -> TimexResolution:
    start = date(year, 3 * quarter - 2, 1)
    end = _shift_months(start, 3) - timedelta(days=1)
    return TimexResolution(f"{year:04d}-Q{quarter}", "DATE", start, end, TimePrecision.MONTH, True)


@_rule(
    r"(?:the )?(?:fiscal )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"(?: of (?:fiscal )?(?P<year>\d{4}))?|q(?P<q>[1-4])(?: (?P<year2>\d{4}))?"
)
def _quarter_name(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    quarter = _ORDINALS[match["ord"]] if match["ord"] else int(match["q"])
    year_text = match["year"] or match["year2"]
    if year_text:
        return _quarter(int(year_text), quarter)
    if ctx.published is None:
        return _unplaced(f"XXXX-Q{quarter}")
    # Quarterly results report the latest quarter that has begun.
    p = ctx.published
    year = p.year if date(p.year, 3 * quarter - 2, 1) <= p or ctx.future else p.year - 1
    return _quarter(year, quarter)


@_rule(r"(?:the )?(?P<rel>last|this|next|previous|past|current) quarter")
def _quarter_relative(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    if ctx.published is None:
        return _unplaced("XXXX-QX")
    shift = {"last": -3, "previous": -3, "past": -3, "this": 0, "current": 0, "next": 3}[
        match["rel"]
    ]
    day = _shift_months(ctx.published, shift)
    return _quarter(day.year, (day.month - 1) // 3 + 1)


@_rule(rf"(?:(?P<rel>last|this|next|past|previous|coming) )?(?P<h>{_HOLIDAY_RE})(?:,? {_YEAR})?")
def _holiday(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    make = _HOLIDAYS[match["h"]]
    year = _year_of(match)
    if year is not None:
        return _day(make(year))
    if ctx.published is None:
        sample = make(2001)
        return _unplaced(f"XXXX-{sample.month:02d}-{sample.day:02d}")
    rel = match["rel"]
    p = ctx.published
    future = ctx.future or rel in ("next", "coming")
    if rel in ("last", "past", "previous"):
        p = p - timedelta(days=1)
    found = _nearest_year(make, p, future)
    return _day(found) if found else None


def _with_part(day: date, part: str | None) -> TimexResolution:
    """The day of "Friday night", "this morning".

    The part of the day is dropped from the value: events are coded by day, and
    TempEval's news gold mostly writes "Friday night" as the plain day too.
    """
    del part
    return _day(day)


@_rule(rf"{_PART} (?:of )?{_WD}")
def _part_of_weekday(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    return _weekday(match, ctx)


@_rule(
    rf"(?:(?P<rel>last|this|next|past|previous|coming|early|late) )?(?:on )?{_WD}"
    rf"(?: {_PART})?"
)
def _weekday(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    weekday = WEEKDAYS[match["wd"]]
    part = match["part"]
    if ctx.published is None:
        return _unplaced(f"XXXX-WXX-{weekday + 1}")
    rel = match.groupdict().get("rel")
    relation = None if rel in (None, "early", "late") else rel
    day = _weekday_date(weekday, ctx.published, relation=relation, future=ctx.future)
    return _with_part(day, part)


_TODAY_WORDS: dict[str, tuple[int, str | None]] = {
    "today": (0, None),
    "this morning": (0, "morning"),
    "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
    "tonight": (0, "night"),
    "yesterday": (-1, None),
    "last night": (-1, "night"),
    "overnight": (-1, "night"),
    "tomorrow": (1, None),
    "the day before yesterday": (-2, None),
    "the day after tomorrow": (2, None),
}


@_rule(
    r"(?:(?:early|late|earlier|later) )?(?P<w>today|this morning|this afternoon|this evening|"
    r"tonight|yesterday|last night|overnight|tomorrow|the day before yesterday|"
    r"the day after tomorrow)(?: (?P<part>morning|afternoon|evening|night))?"
)
def _today(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    offset, part = _TODAY_WORDS[match["w"]]
    part = match["part"] or part
    if ctx.published is None:
        return _unplaced("XXXX-XX-XX")
    return _with_part(ctx.published + timedelta(days=offset), part)


_PRESENT = (
    "now|right now|just now|currently|current|at present|presently|nowadays|these days|"
    "at the moment|at this moment|at this time|at the time of writing|the present|present"
)
_PAST = "recently|recent|lately|the past|in the past|previously|formerly|earlier|more recently"
_FUTURE = "the future|future|in the future|the near future|soon|shortly|in the coming days"


@_rule(rf"(?P<present>{_PRESENT})|(?P<past>{_PAST})|(?P<future>{_FUTURE})")
def _reference(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    if match["present"]:
        if ctx.published is None:
            return _unplaced("PRESENT_REF")
        p = ctx.published
        return TimexResolution("PRESENT_REF", "DATE", p, p, TimePrecision.DAY, True)
    return _unplaced("PAST_REF" if match["past"] else "FUTURE_REF")


@_rule(r"(?:in )?recent (?P<unit>day|week|month|year|decade)s")
def _recent_units(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    return _unplaced(_duration_value(None, _unit_of(match)))


def _unit_value(day: date, unit: str, *, relative: bool = False) -> TimexResolution:
    if unit == "week":
        return _week(day, relative=relative)
    if unit == "month":
        return _month(day.year, day.month, relative=relative)
    if unit == "quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)
    if unit == "decade":
        decade = day.year // 10
        return TimexResolution(
            str(decade),
            "DATE",
            date(decade * 10, 1, 1),
            date(decade * 10 + 9, 12, 31),
            TimePrecision.MONTH,
            True,
            relative,
        )
    return _year(day.year, relative=relative)


def _clip(result: TimexResolution, start: date | None, end: date | None) -> TimexResolution:
    """Narrow a unit's range ("earlier this month": the month up to publication)."""
    if result.start is None or result.end is None:
        return result
    new_start = max(result.start, start) if start else result.start
    new_end = min(result.end, end) if end else result.end
    if new_start > new_end:
        return result
    return TimexResolution(
        result.value, result.timex_type, new_start, new_end, result.precision, True, result.relative
    )


def _weekend(day: date) -> TimexResolution:
    saturday = _week_start(day) + timedelta(days=5)
    return TimexResolution(
        f"{_week_value(day)}-WE",
        "DATE",
        saturday,
        saturday + timedelta(days=1),
        TimePrecision.WEEK,
        True,
    )


@_rule(
    r"(?:(?P<edge>early|late|mid|earlier|later|the end of|the beginning of|the start of|"
    r"the middle of|end of|beginning of|start of)[- ])?"
    r"(?P<rel>last|this|next|past|previous|coming|the past|the current|the coming|the) "
    r"(?P<unit>week|weekend|month|year|decade)"
)
def _unit_relative(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    unit = match["unit"]
    rel = match["rel"].removeprefix("the ")
    edge = match["edge"]
    if rel in ("past", "coming") and match["rel"].startswith("the ") and not edge:
        # "the past week": the seven days before publication, a duration.
        return _past_units(1, unit, ctx, forward=rel == "coming")
    if rel == "the":
        if unit != "weekend":
            return None  # "the year", "the week": which one is for the context to say
        rel = "this"
    if ctx.published is None:
        placeholder = {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "year": "XXXX",
            "decade": "XXX",
        }[unit]
        return _unplaced(placeholder)
    p = ctx.published
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "next": 1,
        "coming": 1,
    }[rel]
    if unit == "weekend":
        if step == 0 and not ctx.future and p.weekday() < 4:
            step = -1  # "the weekend" in a Monday story is the one just gone
        return _weekend(p + timedelta(weeks=step))
    base = _unit_value(_shift(p, step, unit), unit)
    kind = _edge_kind(edge) if edge not in ("earlier", "later") else None
    if unit == "year" and kind is not None and base.start is not None:
        return _year_result(base.start.year, edge)
    if unit == "month" and kind is not None and base.start is not None:
        return _month_result(base.start.year, base.start.month, edge)
    if edge == "earlier" and step == 0:
        return _clip(base, None, p)
    if edge == "later" and step == 0:
        return _clip(base, p, None)
    return base


def _past_units(
    count: int | None, unit: str, ctx: _Context, *, forward: bool = False
) -> TimexResolution:
    value = _duration_value(count, unit)
    if ctx.published is None or count is None:
        return TimexResolution(value, "DURATION", None, None, None, False)
    p = ctx.published
    if _UNIT_CODES[unit].startswith("T"):
        hours = {"hour": count, "minute": count / 60, "second": count / 3600}[unit]
        days = max(1, round(hours / 24 + 0.49))
        other = p + timedelta(days=days if forward else -days)
    else:
        other = _shift(p, count if forward else -count, unit)
    start, end = (p, other) if forward else (other, p)
    # Precision follows the length of the stretch ("the past two weeks" is 14 days: WEEK),
    # not the count of calendar days it touches (15).
    length = (end - start).days
    if length <= 1:
        precision = TimePrecision.DAY
    elif length <= 14:
        precision = TimePrecision.WEEK
    else:
        precision = TimePrecision.MONTH
    return TimexResolution(value, "DURATION", start, end, precision, True)


@_rule(
    rf"(?:the |over the |in the |during the )?(?P<rel>past|last|previous|next|coming|"
    rf"following|first) {_NUM} {_UNIT}"
)
def _past_n_units(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    unit = _unit_of(match)
    count = _count(match)
    if count is None and match["num"].strip() not in _VAGUE_COUNTS:
        return None
    rel = match["rel"]
    if rel in ("first", "following"):
        return _duration(_duration_value(count, unit))
    if count is None:
        # "the past few days": about three units, for the range only.
        result = _past_units(3, unit, ctx, forward=rel in ("next", "coming"))
        return TimexResolution(
            _duration_value(None, unit),
            "DURATION",
            result.start,
            result.end,
            result.precision,
            result.anchored,
        )
    return _past_units(count, unit, ctx, forward=rel in ("next", "coming"))


@_rule(rf"(?:{_NUM} )?{_UNIT} ago")
def _ago(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    unit = _unit_of(match)
    count = _count(match) if match["num"] else None
    if count is None:
        return _unplaced("PAST_REF")
    if ctx.published is None:
        return _unplaced(
            {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX-XX-XX")
        )
    return _at_granularity(_shift(ctx.published, -count, unit), unit)


def _relative_to_anchor(count: int, unit: str, direction: int, ctx: _Context) -> TimexResolution:
    """``count`` units after (direction 1) or before (-1) the anchor day.

    Without an anchor, "earlier"/"before" count back from publication ("a year earlier"
    = a year before now), while "later"/"after" cannot be placed: the reference point
    must be in the text, and the news does not report the future (nor may an anchored
    result land after publication in a clause that is not future).
    """
    if ctx.anchor is not None:
        result = _at_granularity(_shift(ctx.anchor, direction * count, unit), unit, relative=True)
        published = ctx.published
        if published and result.start and result.start > published and not ctx.future:
            # Past news cannot count forward beyond its own date: the anchor was wrong.
            return _unplaced("XXXX-XX-XX")
        return result
    if direction < 0 and ctx.published is not None:
        return _at_granularity(_shift(ctx.published, -count, unit), unit)
    return _unplaced("XXXX-XX-XX")


@_rule(rf"{_NUM} {_UNIT} (?P<dir>after|later|afterwards|before|earlier|prior)")
def _n_units_after(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    count = _count(match)
    if count is None:
        return None
    direction = 1 if match["dir"] in ("after", "later", "afterwards") else -1
    return _relative_to_anchor(count, _unit_of(match), direction, ctx)


def _as_relative(result: TimexResolution, part: str | None = None) -> TimexResolution:
    if part and result.start is not None:
        result = _with_part(result.start, part)
    return TimexResolution(
        result.value,
        result.timex_type,
        result.start,
        result.end,
        result.precision,
        result.anchored,
        True,
    )


@_rule(r"(?:the |a |one )day (?P<dir>after|later|afterwards|before|earlier)")
def _day_after(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    direction = 1 if match["dir"] in ("after", "later", "afterwards") else -1
    return _relative_to_anchor(1, "day", direction, ctx)


@_rule(
    r"(?:the |that )?(?P<rel>next|following|previous|preceding) "
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
)
def _next_unit(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    """ "the next day", "the following week": one unit on from the anchor.

    Without an anchor "the previous week" counts back from publication, and "the next
    week" is the week ahead of publication (a duration).
    """
    unit = match["unit"]
    part = unit if unit in _PARTS_OF_DAY else None
    unit = "day" if part else unit
    direction = 1 if match["rel"] in ("next", "following") else -1
    if ctx.anchor is not None:
        result = _relative_to_anchor(1, unit, direction, ctx)
        return _as_relative(result, part) if part else result
    if direction > 0 and unit != "day":
        return _past_units(1, unit, ctx, forward=True)
    return _relative_to_anchor(1, unit, direction, ctx)


@_rule(
    r"(?:that|the same|that same|the very same|this same) "
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
)
def _same_unit(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    """ "that day", "the same week": the anchor's own day, week, month or year."""
    unit = match["unit"]
    part = unit if unit in _PARTS_OF_DAY else None
    if ctx.anchor is None:
        return _unplaced("XXXX-XX-XX")
    if part or unit == "day":
        return _as_relative(_day(ctx.anchor), part)
    return _at_granularity(ctx.anchor, unit, relative=True)


@_rule(
    rf"(?:for |a |an |the )?(?:(?P<pre>last|past|first|next|full|whole|entire|more) )?"
    rf"{_NUM}[- ](?:more )?{_UNIT}(?:[- ]long)?"
)
def _n_units(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    count = _count(match)
    word = match["num"].strip()
    if count is None and word not in _VAGUE_COUNTS:
        return None
    return _duration(_duration_value(count, _unit_of(match)))


@_rule(
    rf"(?:for |the )?(?:(?:last|past|next|first) )?{_NUM} (?:to|or|-) "
    rf"(?P<high>\d+|[a-z]+(?:-[a-z]+)?) {_UNIT}"
)
def _n_to_m_units(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    """ "two to three weeks": a duration of the lower count (TimeML's reading too)."""
    count = _count(match)
    if count is None or parse_number(match["high"]) is None:
        return None
    return _n_units(match, ctx)


@_rule(rf"(?:a |an |one |the )?{_UNIT}")
def _bare_unit(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    text = match.group(0)
    unit = _unit_of(match)
    if text.endswith("s") and not text.startswith(("a ", "an ", "one ", "the ")):
        return _duration(_duration_value(None, unit))  # "years", "hours"
    if text.startswith(("a ", "an ", "one ")):
        return _duration(_duration_value(1, unit))
    return None


_SETS: dict[str, str] = {
    "daily": "P1D",
    "every day": "P1D",
    "each day": "P1D",
    "nightly": "P1D",
    "every night": "P1D",
    "weekly": "P1W",
    "every week": "P1W",
    "each week": "P1W",
    "monthly": "P1M",
    "every month": "P1M",
    "each month": "P1M",
    "every quarter": "P1Q",
    "each quarter": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
    "every year": "P1Y",
    "each year": "P1Y",
}


@_rule(
    r"(?P<w>daily|every day|each day|nightly|every night|weekly|every week|each week|"
    r"monthly|every month|each month|every quarter|each quarter|annually|yearly|"
    r"every year|each year)"
)
def _set(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    return TimexResolution(_SETS[match["w"]], "SET", None, None, None, True)


@_rule(rf"(?:every|each) {_WD}")
def _set_weekday(match: re.Match[str], _ctx: _Context) -> TimexResolution | None:
    return TimexResolution(f"XXXX-WXX-{WEEKDAYS[match['wd']] + 1}", "SET", None, None, None, True)


_CLOCK = (
    r"(?:(?P<h>[0-2]?\d)(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>a\.?m|p\.?m)\.?"
    r"|(?P<h24>[0-2]?\d):(?P<m24>[0-5]\d)|(?P<noon>noon|midday|midnight))"
    r"(?: (?:local time|gmt|utc|[ecmp][sd]t|[a-z]{3,4}t))?"
)


@_rule(rf"(?:(?P<pre>.+?),? (?:at |around |about )?)?{_CLOCK}(?:,? (?:on )?(?P<post>.+))?")
def _clock(match: re.Match[str], ctx: _Context) -> TimexResolution | None:
    if match["noon"]:
        hour, minute = (24, 0) if match["noon"] == "midnight" else (12, 0)
    elif match["h24"]:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        hour, minute = int(match["h"]) % 12, int(match["m"] or 0)
        if match["ap"].startswith("p"):
            hour += 12
    if hour > 24:
        return None
    rest = match["pre"] or match["post"]
    if rest:
        inner = _resolve(rest, ctx)
        if inner is None or inner.precision != TimePrecision.DAY or inner.start is None:
            if inner is None or not inner.value.startswith("XXXX"):
                return None
            day_value = inner.value[:10]
            return _unplaced(f"{day_value}T{hour:02d}:{minute:02d}", "TIME")
        day: date = inner.start
    elif ctx.published is None:
        return _unplaced(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "TIME")
    else:
        day = ctx.published
    return TimexResolution(
        f"{day.isoformat()}T{hour:02d}:{minute:02d}", "TIME", day, day, TimePrecision.DAY, True
    )


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


_VAGUE_UNIT = re.compile(
    r"(?:(?:the|this|that|these|those|a|an|its|latest|current|same|full|whole|entire|fiscal|"
    r"calendar|year-ago|year-earlier|corresponding|comparable|previous|prior|first|second|"
    r"third|fourth|final|last|coming|recent|past|next|following|early|late|\d{4}) )*"
    r"(?P<unit>day|night|week|weekend|month|quarter|year|period|season|decade|"
    r"centur(?:y|ie)|hour|time)(?P<plural>s)?"
)
_VAGUE_PLACEHOLDERS: dict[str, str] = {
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "period": "XXXX",
    "season": "XXXX",
    "decade": "XXX",
    "centur": "XX",
}


def _vague(text: str) -> TimexResolution | None:
    """A placeholder for a time expression no rule places ("the year", "the latest quarter").

    Only used for spans a model has already called a date: the words alone are too loose.
    """
    match = _VAGUE_UNIT.fullmatch(text)
    if match is None:
        return None
    unit = match["unit"]
    if match["plural"] and unit in _UNIT_CODES:  # "coming weeks", "the years": how long
        return _unplaced(_duration_value(None, unit), "DURATION")
    return _unplaced(_VAGUE_PLACEHOLDERS.get(unit, "XXXX-XX-XX"))


def _resolve(text: str, ctx: _Context, *, fallback: bool = False) -> TimexResolution | None:
    variants = _variants(_clean(text))
    for variant in variants:
        for pattern, handler in _RULES:
            match = pattern.fullmatch(variant)
            if match is None:
                continue
            result = handler(match, ctx)
            if result is not None:
                return result
    if fallback:
        return next((r for v in variants if (r := _vague(v)) is not None), None)
    return None


def resolve_timex(
    text: str,
    published: date | None,
    *,
    anchor: date | None = None,
    future: bool = False,
    fallback: bool = False,
) -> TimexResolution | None:
    """Normalise the time expression ``text``; None when it is not one these rules read.

    ``published`` is the publication date (None: values keep TIMEX3 placeholders such as
    "XXXX-12-25"); ``anchor`` the day that "four days after" and "the next day" count from;
    ``future`` whether the clause speaks of the future ("will meet on Friday"), which turns
    yearless and weekday expressions forward instead of back.  ``fallback`` accepts, as a
    last resort, any phrase ending in a time unit ("the latest quarter") with a
    placeholder value: for spans that a model has already tagged as dates.
    """
    ctx = _Context(published=published, anchor=anchor, future=future)
    return _resolve(text, ctx, fallback=fallback)
