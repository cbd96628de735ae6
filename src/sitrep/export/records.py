"""Every shared type to a JSON-able dict and back, in one place.

The store's JSON columns, the JSONL export and (later) the web API all call these
functions, so a file and the database can never disagree about what an event looks like::

    >>> from sitrep.types import Span
    >>> span_from_dict(span_to_dict(Span(0, 5, "Idlib")))
    Span(start=0, end=5, text='Idlib')

Conventions: dates are ISO strings (``"2018-01-02"``), enums are their values, tuples
are lists, absent objects are ``None``.  ``x_from_dict(x_to_dict(v)) == v`` for every
value ``v`` (the tests check it).  Readers use ``.get`` with the dataclass default for
optional keys, so a record written before a field was added still loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import IntEnum
from typing import Any, TypeVar

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
    FieldConfidence,
    FieldEvidence,
    GeoPrecision,
    Place,
    PlaceMention,
    PublishedSource,
    Quantity,
    Rejection,
    Report,
    Span,
    TimeMention,
    TimePrecision,
    ToponymKind,
)

__all__ = [
    "actor_from_dict",
    "actor_mention_from_dict",
    "actor_mention_to_dict",
    "actor_role_from_dict",
    "actor_role_to_dict",
    "actor_to_dict",
    "article_from_dict",
    "article_result_from_dict",
    "article_result_to_dict",
    "article_to_dict",
    "attribution_from_dict",
    "attribution_to_dict",
    "casualty_report_from_dict",
    "casualty_report_to_dict",
    "displacement_from_dict",
    "displacement_to_dict",
    "event_from_dict",
    "event_to_dict",
    "field_evidence_from_dict",
    "field_evidence_to_dict",
    "place_from_dict",
    "place_mention_from_dict",
    "place_mention_to_dict",
    "place_to_dict",
    "quantity_from_dict",
    "quantity_to_dict",
    "rejection_from_dict",
    "rejection_to_dict",
    "report_from_dict",
    "report_to_dict",
    "span_from_dict",
    "span_to_dict",
    "time_mention_from_dict",
    "time_mention_to_dict",
]

Record = dict[str, Any]
T = TypeVar("T")

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _date_out(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _code_out(value: IntEnum | None) -> int | None:
    """Precision codes travel as ACLED's plain integers."""
    return int(value) if value is not None else None


def _date_in(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _opt_out(value: T | None, convert: Callable[[T], Record]) -> Record | None:
    return convert(value) if value is not None else None


def _opt_in(value: Any, convert: Callable[[Mapping[str, Any]], T]) -> T | None:
    return convert(value) if value is not None else None


def _many_in(values: Any, convert: Callable[[Mapping[str, Any]], T]) -> tuple[T, ...]:
    return tuple(convert(v) for v in values or ())


def _time_precision_in(value: Any) -> TimePrecision | None:
    return TimePrecision(value) if value is not None else None


def _geo_precision_in(value: Any) -> GeoPrecision | None:
    return GeoPrecision(value) if value is not None else None


def _opt_int(value: Any) -> int | None:
    return int(value) if value is not None else None


# ---------------------------------------------------------------------------
# Spans, places, times, numbers
# ---------------------------------------------------------------------------


def span_to_dict(span: Span) -> Record:
    return {"start": span.start, "end": span.end, "text": span.text}


def span_from_dict(data: Mapping[str, Any]) -> Span:
    return Span(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


def place_to_dict(place: Place) -> Record:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "population": place.population,
        "source": place.source,
    }


def place_from_dict(data: Mapping[str, Any]) -> Place:
    return Place(
        geonameid=_opt_int(data.get("geonameid")),
        name=str(data["name"]),
        lat=float(data["lat"]),
        lon=float(data["lon"]),
        country=data.get("country"),
        admin1=data.get("admin1"),
        feature_class=str(data.get("feature_class", "")),
        feature_code=str(data.get("feature_code", "")),
        population=int(data.get("population", 0)),
        source=str(data.get("source", "geonames")),
    )


def place_mention_to_dict(mention: PlaceMention) -> Record:
    return {
        "span": span_to_dict(mention.span),
        "kind": mention.kind.value,
        "place": _opt_out(mention.place, place_to_dict),
        "geo_precision": _code_out(mention.geo_precision),
        "score": mention.score,
        "reason": mention.reason,
    }


def place_mention_from_dict(data: Mapping[str, Any]) -> PlaceMention:
    return PlaceMention(
        span=span_from_dict(data["span"]),
        kind=ToponymKind(data.get("kind", ToponymKind.LITERAL.value)),
        place=_opt_in(data.get("place"), place_from_dict),
        geo_precision=_geo_precision_in(data.get("geo_precision")),
        score=float(data.get("score", 0.0)),
        reason=str(data.get("reason", "")),
    )


def time_mention_to_dict(mention: TimeMention) -> Record:
    return {
        "span": span_to_dict(mention.span),
        "value": mention.value,
        "timex_type": mention.timex_type,
        "start": _date_out(mention.start),
        "end": _date_out(mention.end),
        "precision": _code_out(mention.precision),
        "anchored": mention.anchored,
    }


def time_mention_from_dict(data: Mapping[str, Any]) -> TimeMention:
    return TimeMention(
        span=span_from_dict(data["span"]),
        value=str(data["value"]),
        timex_type=str(data["timex_type"]),
        start=_date_in(data.get("start")),
        end=_date_in(data.get("end")),
        precision=_time_precision_in(data.get("precision")),
        anchored=bool(data.get("anchored", True)),
    )


def quantity_to_dict(quantity: Quantity) -> Record:
    return {
        "span": span_to_dict(quantity.span),
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "unit": quantity.unit,
        "category": quantity.category,
        "outcome": quantity.outcome,
        "qualifier": quantity.qualifier,
        "part_of_previous": quantity.part_of_previous,
    }


def quantity_from_dict(data: Mapping[str, Any]) -> Quantity:
    return Quantity(
        span=span_from_dict(data["span"]),
        value=_opt_int(data.get("value")),
        low=_opt_int(data.get("low")),
        high=_opt_int(data.get("high")),
        unit=str(data.get("unit", "")),
        category=str(data.get("category", "")),
        outcome=str(data.get("outcome", "")),
        qualifier=data.get("qualifier"),
        part_of_previous=bool(data.get("part_of_previous", False)),
    )


# ---------------------------------------------------------------------------
# Actors and sources
# ---------------------------------------------------------------------------


def actor_to_dict(actor: Actor) -> Record:
    return {
        "name": actor.name,
        "actor_type": actor.actor_type,
        "country": actor.country,
        "parent": actor.parent,
        "aliases": list(actor.aliases),
    }


def actor_from_dict(data: Mapping[str, Any]) -> Actor:
    return Actor(
        name=str(data["name"]),
        actor_type=str(data["actor_type"]),
        country=data.get("country"),
        parent=data.get("parent"),
        aliases=tuple(str(a) for a in data.get("aliases") or ()),
    )


def actor_mention_to_dict(mention: ActorMention) -> Record:
    return {"span": span_to_dict(mention.span), "actor": actor_to_dict(mention.actor)}


def actor_mention_from_dict(data: Mapping[str, Any]) -> ActorMention:
    return ActorMention(span=span_from_dict(data["span"]), actor=actor_from_dict(data["actor"]))


def actor_role_to_dict(role: ActorRole) -> Record:
    return {
        "name": role.name,
        "actor_type": role.actor_type,
        "span": _opt_out(role.span, span_to_dict),
        "country": role.country,
    }


def actor_role_from_dict(data: Mapping[str, Any]) -> ActorRole:
    return ActorRole(
        name=str(data["name"]),
        actor_type=data.get("actor_type"),
        span=_opt_in(data.get("span"), span_from_dict),
        country=data.get("country"),
    )


def attribution_to_dict(attribution: Attribution) -> Record:
    return {
        "span": span_to_dict(attribution.span),
        "source": attribution.source,
        "kind": attribution.kind,
    }


def attribution_from_dict(data: Mapping[str, Any]) -> Attribution:
    return Attribution(
        span=span_from_dict(data["span"]), source=str(data["source"]), kind=str(data["kind"])
    )


# ---------------------------------------------------------------------------
# Reports and events
# ---------------------------------------------------------------------------


def field_evidence_to_dict(evidence: FieldEvidence) -> Record:
    """Flat (``field`` beside the span's keys): the shape the web view highlights from."""
    return {"field": evidence.field, **span_to_dict(evidence.span)}


def field_evidence_from_dict(data: Mapping[str, Any]) -> FieldEvidence:
    return FieldEvidence(field=str(data["field"]), span=span_from_dict(data))


def field_confidence_to_dict(confidence: FieldConfidence) -> Record:
    return {"field": confidence.field, "score": confidence.score, "reason": confidence.reason}


def field_confidence_from_dict(data: Mapping[str, Any]) -> FieldConfidence:
    return FieldConfidence(
        field=str(data["field"]), score=float(data["score"]), reason=str(data.get("reason", ""))
    )


def report_to_dict(report: Report) -> Record:
    return {
        "article_id": report.article_id,
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "trigger": span_to_dict(report.trigger),
        "sentence": span_to_dict(report.sentence),
        "actor1": _opt_out(report.actor1, actor_role_to_dict),
        "actor2": _opt_out(report.actor2, actor_role_to_dict),
        "associated": [actor_role_to_dict(a) for a in report.associated],
        "place": _opt_out(report.place, place_mention_to_dict),
        "date_start": _date_out(report.date_start),
        "date_end": _date_out(report.date_end),
        "time_precision": _code_out(report.time_precision),
        "fatalities": report.fatalities,
        "fatalities_qualifier": report.fatalities_qualifier,
        "killed": [quantity_to_dict(q) for q in report.killed],
        "injured": report.injured,
        "perpetrators": list(report.perpetrators),
        "perpetrator_groups": list(report.perpetrator_groups),
        "victims": list(report.victims),
        "targets": list(report.targets),
        "weapons": list(report.weapons),
        "is_background": report.is_background,
        "source": _opt_out(report.source, attribution_to_dict),
        "confidence": report.confidence,
        "evidence": [field_evidence_to_dict(e) for e in report.evidence],
        "field_confidence": [field_confidence_to_dict(c) for c in report.field_confidence],
    }


def report_from_dict(data: Mapping[str, Any]) -> Report:
    return Report(
        article_id=str(data["article_id"]),
        event_type=str(data["event_type"]),
        sub_event_type=str(data["sub_event_type"]),
        trigger=span_from_dict(data["trigger"]),
        sentence=span_from_dict(data["sentence"]),
        actor1=_opt_in(data.get("actor1"), actor_role_from_dict),
        actor2=_opt_in(data.get("actor2"), actor_role_from_dict),
        associated=_many_in(data.get("associated"), actor_role_from_dict),
        place=_opt_in(data.get("place"), place_mention_from_dict),
        date_start=_date_in(data.get("date_start")),
        date_end=_date_in(data.get("date_end")),
        time_precision=_time_precision_in(data.get("time_precision")),
        fatalities=_opt_int(data.get("fatalities")),
        fatalities_qualifier=data.get("fatalities_qualifier"),
        killed=_many_in(data.get("killed"), quantity_from_dict),
        injured=_opt_int(data.get("injured")),
        perpetrators=tuple(str(v) for v in data.get("perpetrators") or ()),
        perpetrator_groups=tuple(str(v) for v in data.get("perpetrator_groups") or ()),
        victims=tuple(str(v) for v in data.get("victims") or ()),
        targets=tuple(str(v) for v in data.get("targets") or ()),
        weapons=tuple(str(v) for v in data.get("weapons") or ()),
        is_background=bool(data.get("is_background", False)),
        source=_opt_in(data.get("source"), attribution_from_dict),
        confidence=float(data.get("confidence", 0.5)),
        evidence=_many_in(data.get("evidence"), field_evidence_from_dict),
        field_confidence=_many_in(data.get("field_confidence"), field_confidence_from_dict),
    )


def event_to_dict(event: Event) -> Record:
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _opt_out(event.actor1, actor_role_to_dict),
        "actor2": _opt_out(event.actor2, actor_role_to_dict),
        "place": _opt_out(event.place, place_mention_to_dict),
        "date_start": _date_out(event.date_start),
        "date_end": _date_out(event.date_end),
        "time_precision": _code_out(event.time_precision),
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "is_background": event.is_background,
        "confidence": event.confidence,
        "reports": [report_to_dict(r) for r in event.reports],
    }


def event_from_dict(data: Mapping[str, Any]) -> Event:
    return Event(
        id=str(data["id"]),
        event_type=str(data["event_type"]),
        sub_event_type=str(data["sub_event_type"]),
        actor1=_opt_in(data.get("actor1"), actor_role_from_dict),
        actor2=_opt_in(data.get("actor2"), actor_role_from_dict),
        place=_opt_in(data.get("place"), place_mention_from_dict),
        date_start=_date_in(data.get("date_start")),
        date_end=_date_in(data.get("date_end")),
        time_precision=_time_precision_in(data.get("time_precision")),
        fatalities_low=_opt_int(data.get("fatalities_low")),
        fatalities_best=_opt_int(data.get("fatalities_best")),
        fatalities_high=_opt_int(data.get("fatalities_high")),
        is_background=bool(data.get("is_background", False)),
        confidence=float(data.get("confidence", 0.5)),
        reports=_many_in(data.get("reports"), report_from_dict),
    )


def casualty_report_to_dict(report: CasualtyReport) -> Record:
    return {
        "article_id": report.article_id,
        "killed": [quantity_to_dict(q) for q in report.killed],
        "total": report.total,
        "qualifier": report.qualifier,
        "period_start": _date_out(report.period_start),
        "period_end": _date_out(report.period_end),
        "place": _opt_out(report.place, place_mention_to_dict),
        "source": _opt_out(report.source, attribution_to_dict),
        "sentence": span_to_dict(report.sentence),
    }


def casualty_report_from_dict(data: Mapping[str, Any]) -> CasualtyReport:
    return CasualtyReport(
        article_id=str(data["article_id"]),
        killed=_many_in(data.get("killed"), quantity_from_dict),
        total=_opt_int(data.get("total")),
        qualifier=data.get("qualifier"),
        period_start=_date_in(data.get("period_start")),
        period_end=_date_in(data.get("period_end")),
        place=_opt_in(data.get("place"), place_mention_from_dict),
        source=_opt_in(data.get("source"), attribution_from_dict),
        sentence=span_from_dict(data["sentence"]),
    )


def displacement_to_dict(report: DisplacementReport) -> Record:
    return {
        "article_id": report.article_id,
        "figure": report.figure,
        "unit": report.unit,
        "persons": report.persons,
        "term": report.term,
        "qualifier": report.qualifier,
        "origin": _opt_out(report.origin, place_mention_to_dict),
        "destinations": [place_mention_to_dict(p) for p in report.destinations],
        "period_days": report.period_days,
        "source": _opt_out(report.source, attribution_to_dict),
        "quantity": quantity_to_dict(report.quantity),
        "sentence": span_to_dict(report.sentence),
    }


def displacement_from_dict(data: Mapping[str, Any]) -> DisplacementReport:
    return DisplacementReport(
        article_id=str(data["article_id"]),
        figure=_opt_int(data.get("figure")),
        unit=str(data["unit"]),
        persons=_opt_int(data.get("persons")),
        term=str(data["term"]),
        qualifier=data.get("qualifier"),
        origin=_opt_in(data.get("origin"), place_mention_from_dict),
        destinations=_many_in(data.get("destinations"), place_mention_from_dict),
        period_days=_opt_int(data.get("period_days")),
        source=_opt_in(data.get("source"), attribution_from_dict),
        quantity=quantity_from_dict(data["quantity"]),
        sentence=span_from_dict(data["sentence"]),
    )


# ---------------------------------------------------------------------------
# Articles, rejections, whole results
# ---------------------------------------------------------------------------


def article_to_dict(article: Article) -> Record:
    return {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "language": article.language,
        "published": _date_out(article.published),
        "published_source": article.published_source.value,
        "origin": article.origin,
        "external_id": article.external_id,
        "boilerplate": article.boilerplate,
    }


def article_from_dict(data: Mapping[str, Any]) -> Article:
    return Article(
        id=str(data["id"]),
        text=str(data["text"]),
        title=data.get("title"),
        url=data.get("url"),
        outlet=data.get("outlet"),
        language=data.get("language", "en"),
        published=_date_in(data.get("published")),
        published_source=PublishedSource(
            data.get("published_source", PublishedSource.MISSING.value)
        ),
        origin=data.get("origin"),
        external_id=data.get("external_id"),
        boilerplate=str(data.get("boilerplate", "")),
    )


def rejection_to_dict(rejection: Rejection) -> Record:
    return {
        "origin": rejection.origin,
        "stage": rejection.stage,
        "code": rejection.code,
        "message": rejection.message,
        "article_id": rejection.article_id,
        "raw": rejection.raw,
    }


def rejection_from_dict(data: Mapping[str, Any]) -> Rejection:
    return Rejection(
        origin=str(data["origin"]),
        stage=str(data["stage"]),
        code=str(data["code"]),
        message=str(data["message"]),
        article_id=data.get("article_id"),
        raw=data.get("raw"),
    )


def _many_out(values: Sequence[T], convert: Callable[[T], Record]) -> list[Record]:
    return [convert(v) for v in values]


def article_result_to_dict(result: ArticleResult) -> Record:
    return {
        "article": article_to_dict(result.article),
        "places": _many_out(result.places, place_mention_to_dict),
        "times": _many_out(result.times, time_mention_to_dict),
        "quantities": _many_out(result.quantities, quantity_to_dict),
        "actors": _many_out(result.actors, actor_mention_to_dict),
        "attributions": _many_out(result.attributions, attribution_to_dict),
        "reports": _many_out(result.reports, report_to_dict),
        "events": _many_out(result.events, event_to_dict),
        "casualty_reports": _many_out(result.casualty_reports, casualty_report_to_dict),
        "displacement": _many_out(result.displacement, displacement_to_dict),
    }


def article_result_from_dict(data: Mapping[str, Any]) -> ArticleResult:
    return ArticleResult(
        article=article_from_dict(data["article"]),
        places=_many_in(data.get("places"), place_mention_from_dict),
        times=_many_in(data.get("times"), time_mention_from_dict),
        quantities=_many_in(data.get("quantities"), quantity_from_dict),
        actors=_many_in(data.get("actors"), actor_mention_from_dict),
        attributions=_many_in(data.get("attributions"), attribution_from_dict),
        reports=_many_in(data.get("reports"), report_from_dict),
        events=_many_in(data.get("events"), event_from_dict),
        casualty_reports=_many_in(data.get("casualty_reports"), casualty_report_from_dict),
        displacement=_many_in(data.get("displacement"), displacement_from_dict),
    )
