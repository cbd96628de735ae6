"""Aggregate tolls and displacement figures, kept as their own records.

"43 civilians, 57 militants and 46 pro-regime forces have been killed since the offensive
began on Dec. 25" is not one event: it totals many.  Counting it as an event's fatalities
would double count every single strike it includes, so it becomes a ``CasualtyReport``.
"More than 5,000 families have fled" becomes a ``DisplacementReport`` (IDMC style: figure,
unit, a persons estimate, the term used, origin and destinations).

    >>> is_aggregate_sentence("Some 43 civilians have been killed since the offensive began.")
    True
"""

from __future__ import annotations

import re
from datetime import date

from sitrep.extract.context import ArticleContext, most_mentioned_place
from sitrep.extract.plausibility import plausible_count
from sitrep.types import (
    CasualtyReport,
    DisplacementReport,
    PlaceMention,
    Quantity,
    Span,
    TimeMention,
    ToponymKind,
)

# Average household size used to turn households/families into persons when the text
# gives no other figure (UN DESA's world average is about 4.9; IDMC uses country figures,
# which we do not ship yet).
AVERAGE_HOUSEHOLD_SIZE = 5.0

_AGGREGATE = re.compile(
    r"\bsince\b|\bso far\b|\bto date\b|\bdeath toll\b|\btoll\b|\bin total\b|\baltogether\b|"
    r"\bover the (?:past|last)\b|\bduring the (?:past|last)\b|\bthis year\b|"
    r"\bsince the (?:start|beginning)\b|"
    # one day's total over many places, which the article then breaks down by place
    r"\bacross the (?:country|province|region|governorate)\b|\bnationwide\b|"
    r"\bacross (?:several|many|various|different) (?:towns|cities|areas|provinces)\b",
    re.IGNORECASE,
)
_TERMS = (
    # IDMC's "in relief camp": sheltered in camps ("took shelter in six camps")
    (
        "in relief camp",
        r"(?:shelter\w*|housed|accommodated|living|staying|refuge)\s+(?:\w+\s+){0,2}?"
        r"(?:in|at)\s+(?:\w+\s+){0,2}?camps?\b|relief camps?\b",
    ),
    ("sheltered", r"shelter(?:ed|s)?\b|accommodated|housed\s+in"),
    ("evacuated", r"evacuat\w*"),
    ("homeless", r"homeless|lost\s+(?:their|his|her)\s+homes?"),
    ("returned", r"return(?:ed|ing)?"),
    ("refugees", r"refugees?"),
    ("fled", r"fled|flee(?:ing)?|flight"),
    ("displaced", r"displac\w*|uprooted|forced\s+from\s+their\s+homes|driven\s+from"),
    ("relocated", r"relocat\w*"),
)
_DESTINATION = re.compile(r"\b(?:to|toward|towards|into|in|for)\s+(?:the\s+)?$", re.I)
_FAMILY_UNITS = frozenset({"families", "households", "family", "household"})
# IDMC codes a destroyed home as a displaced household ("destroyed housing"), a damaged
# one as "partially destroyed housing".
_HOUSING_TERMS = {"destroyed": "destroyed housing", "damaged": "partially destroyed housing"}


def is_aggregate_sentence(text: str) -> bool:
    """True when the sentence reports a total over a period, not one incident."""
    return bool(_AGGREGATE.search(text))


# A war's running toll: "the conflict, which has killed more than 280,000 people",
# "the war has claimed the lives of". The subject is the whole war, not a day's fighting.
_CUMULATIVE_TOLL = re.compile(
    r"\b(?:war|conflict|civil war|uprising|insurgency|crisis|revolution)s?\b"
    r"[^.;]{0,60}?\b(?:has|have|had)\s+(?:so far\s+|already\s+|now\s+)?"
    r"(?:killed|claimed|left|cost)\b"
    r"|\b(?:have|has)\s+(?:died|been killed|lost their lives)\s+(?:in|during|since)\s+"
    r"(?:the|a|this|its)?\s*(?:[\w-]+\s+){0,3}?(?:war|conflict|uprising|insurgency)\b",
    re.I,
)


def cumulative_toll(sentence: str) -> bool:
    """The sentence gives a war's running toll, which is context, never an event.

    >>> cumulative_toll("The conflict, which has killed more than 280,000 people, began in 2011.")
    True
    >>> cumulative_toll("More than 200,000 people have died in the conflict since 2011.")
    True
    >>> cumulative_toll("Air strikes killed 17 civilians in a market on Monday.")
    False
    """
    return _CUMULATIVE_TOLL.search(sentence) is not None


# A toll the source has since replaced: the adverb dates the giving, not the toll.
_SUPERSEDED = re.compile(
    r"\b(?:initially|previously|originally|first|earlier)\s+(?:given|gave|put|reported|said|"
    r"announced|estimated|stated|counted)\b",
    re.I,
)


def superseded_toll(sentence: str) -> bool:
    """The sentence gives a toll its source has since replaced.

    >>> superseded_toll("It had initially given a death toll of 22.")
    True
    >>> superseded_toll("Thirteen were killed, the monitor said, updating an earlier toll.")
    False
    """
    return _SUPERSEDED.search(sentence) is not None


def _killed_in(ctx: ArticleContext, start: int, end: int) -> list[Quantity]:
    return [q for q in ctx.quantities if start <= q.span.start < end and q.outcome == "killed"]


def _period(ctx: ArticleContext, start: int, end: int) -> tuple[date | None, date | None]:
    times = [t for t in ctx.times if start <= t.span.start < end and t.start is not None]
    if not times:
        return None, None
    first: TimeMention = times[0]
    text = ctx.text[max(start, first.span.start - 12) : first.span.start].lower()
    if "since" in ctx.text[start : first.span.start].lower() or "since" in text:
        return first.start, ctx.article.published
    return first.start, first.end


def _is_destination(ctx: ArticleContext, mention: PlaceMention) -> bool:
    """A place the sentence sends people to ("toward the border with Turkey")."""
    sentence = ctx.annotation.sentence_at(mention.span.start)
    begin = sentence.start if sentence is not None else 0
    before = ctx.text[max(begin, mention.span.start - 60) : mention.span.start]
    return bool(re.search(r"\b(?:to|toward|towards|into|including|reach(?:ed)?)\b", before, re.I))


def _place_near(ctx: ArticleContext, start: int, end: int) -> PlaceMention | None:
    here = [
        p
        for p in ctx.places
        if start <= p.span.start < end
        and p.kind is ToponymKind.LITERAL
        and p.place is not None
        and not _is_destination(ctx, p)
    ]
    if here:
        return here[0]
    paragraph = ctx.paragraph_start(start)
    earlier = [
        p
        for p in ctx.places
        if p.kind is ToponymKind.LITERAL
        and p.place is not None
        and paragraph <= p.span.start < start
        and not _is_destination(ctx, p)
    ]
    return earlier[-1] if earlier else None


def extract_casualty_reports(ctx: ArticleContext) -> tuple[CasualtyReport, ...]:
    """One record per sentence that gives an aggregate toll."""
    records: list[CasualtyReport] = []
    for sentence in ctx.annotation.sentences:
        killed = _killed_in(ctx, sentence.start, sentence.end)
        if not killed:
            continue
        categories = {q.category for q in killed}
        if not (is_aggregate_sentence(sentence.text) or len(categories) >= 3):
            continue
        known = [q.value for q in killed if q.value is not None]
        period_start, period_end = _period(ctx, sentence.start, sentence.end)
        sources = [a for a in ctx.attributions if sentence.start <= a.span.start < sentence.end]
        records.append(
            CasualtyReport(
                article_id=ctx.article.id,
                killed=tuple(killed),
                total=sum(known) if known else None,
                qualifier=killed[0].qualifier,
                period_start=period_start,
                period_end=period_end,
                place=_place_near(ctx, sentence.start, sentence.end),
                source=sources[0] if sources else None,
                sentence=Span(sentence.start, sentence.end, sentence.text),
            )
        )
    return tuple(records)


_TERM_BEFORE_CHARS = 40  # how far before the figure its verb may stand


def displacement_term(sentence_text: str, quantity_offset: int) -> str:
    """The displacement word nearest the figure: after it ("5,000 families have fled"),
    or before it when nearer ("floods have displaced around 2,000 people ... and moved to
    relief camps": displaced)."""
    after = sentence_text[quantity_offset:]
    before = sentence_text[max(0, quantity_offset - _TERM_BEFORE_CHARS) : quantity_offset]
    best: tuple[int, str] | None = None
    for term, pattern in _TERMS:
        found = re.search(pattern, after, re.IGNORECASE)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), term)
        for earlier in re.finditer(pattern, before, re.IGNORECASE):
            distance = len(before) - earlier.end()
            if best is None or distance < best[0]:
                best = (distance, term)
    if best is not None:
        return best[1]
    for term, pattern in _TERMS:
        if re.search(pattern, sentence_text, re.IGNORECASE):
            return term
    return "displaced"


def _period_days(ctx: ArticleContext, start: int, end: int) -> int | None:
    for time in ctx.times:
        if (
            start <= time.span.start < end
            and time.start is not None
            and time.end is not None
            and re.search(r"past|last|over", time.span.text, re.I)
        ):
            return (time.end - time.start).days
    return None


def _destinations(ctx: ArticleContext, start: int, end: int) -> tuple[PlaceMention, ...]:
    found: list[PlaceMention] = []
    for place in ctx.places:
        if start <= place.span.start < end and place.kind is ToponymKind.LITERAL:
            before = ctx.text[max(start, place.span.start - 40) : place.span.start]
            if _DESTINATION.search(before) or re.search(r"\b(?:toward|towards|to)\b", before, re.I):
                found.append(place)
    return tuple(found)


def extract_displacement(ctx: ArticleContext) -> tuple[DisplacementReport, ...]:
    records: list[DisplacementReport] = []
    for quantity in ctx.quantities:
        housing = _HOUSING_TERMS.get(quantity.outcome) if quantity.category == "homes" else None
        if quantity.outcome != "displaced" and housing is None:
            continue
        sentence = ctx.annotation.sentence_at(quantity.span.start)
        if sentence is None:
            continue
        offset = quantity.span.start - sentence.start
        persons: int | None = quantity.value
        households = (
            quantity.unit in _FAMILY_UNITS or housing is not None or quantity.category == "homes"
        )
        if quantity.value is not None and households:
            persons = round(quantity.value * AVERAGE_HOUSEHOLD_SIZE)
        unit = "households" if households else quantity.unit or "people"
        sources = [a for a in ctx.attributions if sentence.start <= a.span.start < sentence.end]
        destinations = _destinations(ctx, quantity.span.end, sentence.end)
        origin = _place_near(ctx, sentence.start, sentence.end)
        if origin is not None and origin in destinations:
            earlier = _place_near(ctx, ctx.paragraph_start(sentence.start), sentence.start)
            origin = earlier or _focus_place(ctx)
        origin = origin or _focus_place(ctx)
        where = origin.place.country if origin is not None and origin.place is not None else None
        if not plausible_count(quantity, where, persons=persons):
            continue
        records.append(
            DisplacementReport(
                article_id=ctx.article.id,
                figure=quantity.value,
                unit=unit,
                persons=persons,
                term=housing or displacement_term(sentence.text, offset),
                qualifier=quantity.qualifier,
                origin=origin,
                destinations=destinations,
                period_days=_period_days(ctx, sentence.start, sentence.end),
                source=sources[0] if sources else None,
                quantity=quantity,
                sentence=Span(sentence.start, sentence.end, sentence.text),
            )
        )
    return tuple(records)


def _focus_place(ctx: ArticleContext) -> PlaceMention | None:
    """The article's most mentioned place below country level: where people fled from
    when the sentence does not say."""
    return most_mentioned_place(ctx.places, allow_country=False)
