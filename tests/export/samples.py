"""Hand-built pipeline objects for the store and export tests (no model, no gazetteer).

Spans are cut from the article text with ``span_of`` so every offset is real.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.types import (
    Actor,
    ActorMention,
    ActorRole,
    Article,
    ArticleResult,
    Attribution,
    CasualtyReport,
    DisplacementReport,
    Event,
    FieldEvidence,
    GeoPrecision,
    Place,
    PlaceMention,
    PublishedSource,
    Quantity,
    Report,
    Span,
    TimeMention,
    TimePrecision,
    ToponymKind,
)

TEXT = (
    "Clashes in Abu Dali kill 12\n\n"
    "Syrian government forces clashed with Hayat Tahrir al-Sham fighters in Abu Dali on "
    "Tuesday, killing 12 militants, the Syrian Observatory said. "
    "Some 43 civilians, 57 militants and 46 pro-regime forces have been killed since Dec. 25. "
    "More than 5,000 families have fled Idlib."
)

IDLIB = Place(
    geonameid=169389,
    name="Idlib",
    lat=35.93062,
    lon=36.63393,
    country="SY",
    admin1="Idlib",
    feature_class="P",
    feature_code="PPLA",
    population=128840,
)
ABU_DALI = Place(
    geonameid=None,
    name="Abu Dali",
    lat=35.2711234567,
    lon=36.9456789012,
    country="SY",
    admin1="Hama",
    feature_class="P",
    feature_code="PPL",
    source="test",
)
MOSUL = Place(
    geonameid=99072,
    name="Mosul",
    lat=36.335,
    lon=43.11889,
    country="IQ",
    admin1="Nineveh",
    feature_class="P",
    feature_code="PPLA",
)


def span_of(text: str, words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words), words)


def _maybe_span(text: str, words: str) -> Span | None:
    return span_of(text, words) if words in text else None


def make_article(
    text: str = TEXT,
    article_id: str = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
    **fields: Any,
) -> Article:
    base = Article(
        id=article_id,
        text=text,
        title="Clashes in Abu Dali kill 12",
        url="https://example.org/abu-dali",
        outlet="Example News",
        published=date(2018, 1, 3),
        published_source=PublishedSource.METADATA,
        origin="tests/abu-dali.txt",
        external_id="gwn-17",
        boilerplate="Subscribe now.",
    )
    return replace(base, **fields)


def quantity(text: str, words: str, value: int | None, category: str, **kw: Any) -> Quantity:
    return Quantity(
        span=span_of(text, words),
        value=value,
        low=kw.get("low", value),
        high=kw.get("high", value),
        unit=str(kw.get("unit", "people")),
        category=category,
        outcome=str(kw.get("outcome", "killed")),
        qualifier=kw.get("qualifier"),
    )


def place_mention(text: str, words: str, place: Place | None, **kw: Any) -> PlaceMention:
    return PlaceMention(
        span=span_of(text, words),
        kind=kw.get("kind", ToponymKind.LITERAL),
        place=place,
        geo_precision=GeoPrecision.EXACT if place else None,
        score=0.9 if place else 0.0,
        reason="test" if place else "no candidate",
    )


def make_report(
    article: Article,
    *,
    trigger: str = "clashed",
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    place: PlaceMention | None = None,
    day: date | None = date(2018, 1, 2),
    killed: tuple[Quantity, ...] = (),
    is_background: bool = False,
    confidence: float = 0.8,
    **fields: Any,
) -> Report:
    text = article.text
    trigger_span = span_of(text, trigger)
    sentence_start = text.rfind(". ", 0, trigger_span.start)
    sentence_start = sentence_start + 2 if sentence_start >= 0 else text.find("\n\n") + 2
    sentence_end = text.find(". ", trigger_span.end)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    sentence = Span(sentence_start, sentence_end, text[sentence_start:sentence_end])
    actor1_span = _maybe_span(text, "Syrian government forces")
    actor2_span = _maybe_span(text, "Hayat Tahrir al-Sham")
    source_span = _maybe_span(text, "Syrian Observatory")
    report = Report(
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        trigger=trigger_span,
        sentence=sentence,
        actor1=ActorRole("Military Forces of Syria", "state forces", actor1_span, "SY")
        if actor1_span
        else None,
        actor2=ActorRole("Hayat Tahrir al-Sham", "rebel group", actor2_span, "SY")
        if actor2_span
        else None,
        place=place,
        date_start=day,
        date_end=day,
        time_precision=TimePrecision.DAY if day else None,
        fatalities=sum(q.value or 0 for q in killed) if killed else None,
        fatalities_qualifier=None,
        killed=killed,
        injured=None,
        victims=(),
        targets=(),
        weapons=(),
        is_background=is_background,
        source=Attribution(source_span, "Syrian Observatory", "monitor") if source_span else None,
        confidence=confidence,
        evidence=tuple(
            FieldEvidence(name, span)
            for name, span in (
                ("event_type", trigger_span),
                ("actor1", actor1_span),
                ("actor2", actor2_span),
            )
            if span is not None
        ),
    )
    return replace(report, **fields)


def make_event(event_id: str, reports: tuple[Report, ...], **fields: Any) -> Event:
    first = reports[0]
    best = max((r.fatalities for r in reports if r.fatalities is not None), default=None)
    event = Event(
        id=event_id,
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        actor1=first.actor1,
        actor2=first.actor2,
        place=first.place,
        date_start=first.date_start,
        date_end=first.date_end,
        time_precision=first.time_precision,
        fatalities_low=best,
        fatalities_best=best,
        fatalities_high=best,
        is_background=first.is_background,
        confidence=first.confidence,
        reports=reports,
    )
    return replace(event, **fields)


def make_result(article: Article | None = None, event_id: str = "ev-abu-dali") -> ArticleResult:
    """A full result: places (one unresolved), times, numbers, actors, a report, an event,
    an aggregate toll (43 civilians, 57 militants, 46 pro-regime forces) and displacement."""
    article = article or make_article()
    text = article.text
    abu_dali = place_mention(text, "Abu Dali", ABU_DALI)
    idlib = place_mention(text, "Idlib", IDLIB)
    unresolved = place_mention(text, "Syrian", None, kind=ToponymKind.DEMONYM)
    twelve = quantity(text, "12 militants", 12, "militants")
    report = make_report(article, place=abu_dali, killed=(twelve,))
    toll = CasualtyReport(
        article_id=article.id,
        killed=(
            quantity(text, "43 civilians", 43, "civilians", qualifier="some"),
            quantity(text, "57 militants", 57, "militants"),
            quantity(text, "46 pro-regime forces", 46, "government forces"),
        ),
        total=146,
        qualifier="some",
        period_start=date(2017, 12, 25),
        period_end=date(2018, 1, 3),
        place=None,
        source=None,
        sentence=span_of(
            text,
            "Some 43 civilians, 57 militants and 46 pro-regime forces have "
            "been killed since Dec. 25.",
        ),
    )
    families = quantity(
        text,
        "More than 5,000 families",
        5000,
        "people",
        unit="families",
        outcome="displaced",
        qualifier="more than",
        high=None,
    )
    displacement = DisplacementReport(
        article_id=article.id,
        figure=5000,
        unit="families",
        persons=25000,
        term="fled",
        qualifier="more than",
        origin=idlib,
        destinations=(),
        period_days=None,
        source=None,
        quantity=families,
        sentence=span_of(text, "More than 5,000 families have fled Idlib."),
    )
    tuesday = TimeMention(
        span=span_of(text, "Tuesday"),
        value="2018-01-02",
        timex_type="DATE",
        start=date(2018, 1, 2),
        end=date(2018, 1, 2),
        precision=TimePrecision.DAY,
        anchored=True,
    )
    hts = ActorMention(
        span=span_of(text, "Hayat Tahrir al-Sham"),
        actor=Actor("Hayat Tahrir al-Sham", "rebel group", "SY", None, ("HTS", "Tahrir al-Sham")),
    )
    return ArticleResult(
        article=article,
        places=(abu_dali, idlib, unresolved),
        times=(tuesday,),
        quantities=(twelve, *toll.killed, families),
        actors=(hts,),
        attributions=(report.source,) if report.source else (),
        reports=(report,),
        events=(make_event(event_id, (report,)),),
        casualty_reports=(toll,),
        displacement=(displacement,),
    )
