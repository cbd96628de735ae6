"""JSON Lines: events one per line, and per-article records in the evaluation shape.

``events_to_jsonl`` writes ``records.event_to_dict`` per line (lossless: it reads back
with ``records.event_from_dict``).  ``prediction_record`` writes what ``sitrep eval``
scores: the "prediction shape" of ``../shared/eval/README.md``, whose document-level keys
(``casualties``, ``labels``, ``templates``) are derived here from the events so every
gold set can be scored from the same output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TextIO

from sitrep.export import records
from sitrep.export.fields import place_country, place_name
from sitrep.extract.actors import load_actor_dictionary
from sitrep.extract.casualty_sides import killed_by_side
from sitrep.extract.numbers import UNDESCRIBED_DEAD, without_restatements
from sitrep.extract.roles import names_organisation, noun_kinds
from sitrep.extract.tolls import cumulative_toll, superseded_toll
from sitrep.types import (
    ActorRole,
    ArticleResult,
    CasualtyReport,
    Event,
    PlaceMention,
    Quantity,
    Report,
    TimePrecision,
)

__all__ = [
    "CASUALTY_GROUPS",
    "casualties_by_group",
    "events_to_jsonl",
    "incident_type",
    "prediction_record",
    "predictions_to_jsonl",
]

# Document casualty groups -> the Quantity categories they add up.
CASUALTY_GROUPS: Mapping[str, frozenset[str]] = {
    "civilians": frozenset({"civilians", "children", "women"}),
    "non_civilians": frozenset({"militants", "government forces", "soldiers", "police", "rebels"}),
    "children": frozenset({"children"}),
    "women": frozenset({"women"}),
}


# ACLED sub-event type -> MUC-4 incident type.
_INCIDENT_BY_SUB_EVENT: Mapping[str, str] = {
    "armed clash": "ATTACK",
    "attack": "ATTACK",
    "remote explosive/landmine/ied": "BOMBING",
    "suicide bomb": "BOMBING",
    "shelling/artillery/missile attack": "BOMBING",
    "air/drone strike": "BOMBING",
    "grenade": "BOMBING",
    "abduction/forced disappearance": "KIDNAPPING",
}
_LOOTING = "looting/property destruction"
_ARSON_WORDS = re.compile(r"\b(?:burn\w*|torch\w*|arson\w*|ablaze|set\b.{0,30}?\bfire)", re.I)
# For sub-event types that do not decide (e.g. "Mob violence"), the trigger word does;
# first match wins, so the more specific kinds come first.
_INCIDENT_BY_TRIGGER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:kidnap|abduct|hostage)", re.I), "KIDNAPPING"),
    (_ARSON_WORDS, "ARSON"),
    (
        re.compile(
            r"\b(?:bomb|explo|blast|grenade|shell|mortar|rocket|missile|air ?strike|"
            r"drone strike|ied\b)",
            re.I,
        ),
        "BOMBING",
    ),
    (re.compile(r"\b(?:rob|loot|stole|steal|heist)", re.I), "ROBBERY"),
    (
        re.compile(
            r"\b(?:attack|ambush|assault|raid|shoot|shot|gunfire|kill|murder|massacr|"
            r"assassinat|clash)",
            re.I,
        ),
        "ATTACK",
    ),
)
# Event types whose triggers can name a MUC-4 incident; protests and strategic
# developments (other than looting) never do, whatever word announced them.
_VIOLENT_EVENT_TYPES = frozenset(
    {"battles", "explosions/remote violence", "violence against civilians", "riots"}
)


# ---------------------------------------------------------------------------
# Events, one per line
# ---------------------------------------------------------------------------


def events_to_jsonl(events: Iterable[Event], handle: TextIO) -> int:
    """Write one ``event_to_dict`` per line; returns the number of lines."""
    lines = 0
    for event in events:
        handle.write(_line(records.event_to_dict(event)))
        lines += 1
    return lines


def predictions_to_jsonl(results: Iterable[ArticleResult], handle: TextIO) -> int:
    """Write one ``prediction_record`` per article; returns the number of lines."""
    lines = 0
    for result in results:
        handle.write(_line(prediction_record(result)))
        lines += 1
    return lines


def _line(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


# ---------------------------------------------------------------------------
# The prediction shape
# ---------------------------------------------------------------------------


def prediction_record(result: ArticleResult) -> dict[str, Any]:
    """One article in the evaluation's prediction shape (see ``shared/eval/README.md``)."""
    article = result.article
    record: dict[str, Any] = {
        "id": article.external_id if article.external_id is not None else article.id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "outlet": article.outlet,
        "toponyms": [_toponym(m) for m in result.places],
        "timexes": [
            {
                "start": t.span.start,
                "end": t.span.end,
                "text": t.span.text,
                "type": t.timex_type,
                "value": t.value,
            }
            for t in result.times
        ],
        "entities": [
            {"start": a.span.start, "end": a.span.end, "text": a.span.text, "type": "Organisation"}
            for a in result.actors
        ],
        "events": [_event(e, article.id) for e in result.events],
        "casualties": casualties_by_group(result),
        "displacement": [
            {
                "figure": d.figure,
                "unit": d.unit,
                "persons": d.persons,
                "term": d.term,
                "location": place_name(d.origin),
                "country": place_country(d.origin),
                "evidence": d.sentence.text,
            }
            for d in result.displacement
        ],
        "templates": [t for t in (_template(e, article.id) for e in result.events) if t],
    }
    main = _main_event(result.events)
    if main is not None:
        record["labels"] = {"event_type": main.event_type, "sub_event_type": main.sub_event_type}
    return record


def _toponym(mention: PlaceMention) -> dict[str, Any]:
    place = mention.place
    return {
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.text,
        "kind": mention.kind.value,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
    }


def _own_reports(event: Event, article_id: str) -> tuple[Report, ...]:
    """The event's reports from this article: other articles' offsets mean nothing here."""
    own = tuple(r for r in event.reports if r.article_id == article_id)
    return own or event.reports


def _killed_by_side(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Per side and category, the largest figure any report of the article gives (two
    reports of one event repeat a toll, they do not add to it)."""
    best: dict[tuple[str, str], int | None] = {}
    for report in reports:
        for toll in killed_by_side(report):
            key = (toll.side, toll.category)
            known = best.get(key)
            if key not in best or (toll.killed is not None and (known or 0) < toll.killed):
                best[key] = toll.killed
    return [{"side": s, "category": c, "killed": n} for (s, c), n in best.items()]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _actor_text(reports: Sequence[Report], which: str) -> str | None:
    """The words this article uses for an actor: the first of its reports with a span.

    Not the event's own span, which may come from another article's text.
    """
    for report in reports:
        role = report.actor1 if which == "actor1" else report.actor2
        if role is not None and role.span is not None:
            return role.span.text
    return None


def _event(event: Event, article_id: str) -> dict[str, Any]:
    reports = _own_reports(event, article_id)
    first = reports[0] if reports else None
    place = event.place.place if event.place is not None else None
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "time_precision": int(event.time_precision) if event.time_precision is not None else None,
        "place": (
            {
                "name": place_name(event.place),
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "admin1": place.admin1 if place else None,
                "country": place.country if place else None,
                "geo_precision": (
                    int(event.place.geo_precision)
                    if event.place.geo_precision is not None
                    else None
                ),
            }
            if event.place is not None
            else None
        ),
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "actor1_type": event.actor1.actor_type if event.actor1 else None,
        "actor2_type": event.actor2.actor_type if event.actor2 else None,
        "actor1_text": _actor_text(reports, "actor1"),
        "actor2_text": _actor_text(reports, "actor2"),
        "fatalities": event.fatalities_best,
        "is_background": event.is_background,
        "evidence": first.sentence.text if first else None,
        "evidence_span": (
            {"start": first.sentence.start, "end": first.sentence.end} if first else None
        ),
        "field_evidence": [records.field_evidence_to_dict(e) for r in reports for e in r.evidence],
        "killed_by_side": _killed_by_side(reports),
        "perpetrators": _unique(p for r in reports for p in r.perpetrators),
        "perpetrator_groups": _unique(g for r in reports for g in r.perpetrator_groups),
        "weapons": _unique(w for r in reports for w in r.weapons),
        "targets": _unique(t for r in reports for t in r.targets),
        "victims": _unique(v for r in reports for v in r.victims),
        "confidence": event.confidence,
        "field_confidence": (
            [records.field_confidence_to_dict(c) for c in first.field_confidence] if first else []
        ),
    }


def _main_event(events: Sequence[Event]) -> Event | None:
    """The non-background event with the highest confidence (the first on a tie)."""
    main: Event | None = None
    for event in events:
        if not event.is_background and (main is None or event.confidence > main.confidence):
            main = event
    return main


# ---------------------------------------------------------------------------
# Casualties by group
# ---------------------------------------------------------------------------


# Event types whose unnamed dead ("a bomb killed six people") casualty recorders count as
# civilians unless the report says they were fighters: violence from afar or at
# unarmed people.  In a battle the dead are as likely fighters: no group.
_PEOPLE_ARE_CIVILIANS = frozenset({"explosions/remote violence", "violence against civilians"})


def _group_sums(
    killed: Sequence[Quantity], *, people_are_civilians: bool = False
) -> dict[str, int | None]:
    """Per group, the sum of the figures in one statement; None when its only figures
    are of unknown size ("dozens", "hundreds of thousands"), which add nothing to a
    figure beside them.  A lower bound ("more than 50") counts as itself.

    Groups the statement does not mention are absent.  With ``people_are_civilians``,
    dead the statement does not describe ("people") are civilians.
    """
    known: dict[str, int] = {}
    vague: set[str] = set()
    parent = ""  # the category of the last figure that is no breakdown
    for quantity in without_restatements(killed):
        category = quantity.category.strip().casefold()
        if people_are_civilians and category in UNDESCRIBED_DEAD:
            category = "civilians"
        if not quantity.part_of_previous:
            parent = category
        for group, categories in CASUALTY_GROUPS.items():
            if category not in categories:
                continue
            if quantity.part_of_previous and parent in categories:
                continue  # "56 civilians, including 19 children": 56 civilians, not 75
            if quantity.part_of_previous and not parent and len(categories) > 1:
                # "Among the dead were seven children": part of a toll another statement
                # gave; they are children, but not more civilians
                continue
            if quantity.value is None:
                vague.add(group)
            else:
                known[group] = known.get(group, 0) + quantity.value
    sums: dict[str, int | None] = dict.fromkeys(vague - known.keys())
    sums.update(known)
    return sums


SUMMARY_DAYS = 2
"""Beside an event dated to the day, an aggregate toll over a longer period ("since the
offensive began on Dec. 25", "in the past two weeks") sums many events: the article's
context, not its news.  (Events are not filtered by their span: an undated event gets
the week before publication, which is no summary.)"""


def _spans_days(start: date | None, end: date | None) -> int:
    """Days from ``start`` to ``end``; 0 when either is unknown."""
    if start is None or end is None:
        return 0
    return (end - start).days


def _told_with_one_sided_violence(result: ArticleResult, toll: CasualtyReport) -> bool:
    """The toll's sentence reports violence from afar or at civilians ("Death toll in bomb
    attack on evacuees rises to 112"): its undescribed dead are civilians, as an event's.
    A toll sentence that reports no event of its own ("WHO put the death toll at 70")
    counts the dead of the nearest event told before it (else after it)."""
    span = toll.sentence
    told = [
        (r.sentence.start, event)
        for event in result.events
        if not event.is_background
        for r in _own_reports(event, result.article.id)
    ]
    own = [event for start, event in told if span.start <= start < span.end]
    if not own:
        before = [(start, event) for start, event in told if start < span.start]
        after = [(start, event) for start, event in told if start >= span.end]
        nearest = max(before, key=lambda item: item[0]) if before else None
        nearest = nearest or (min(after, key=lambda item: item[0]) if after else None)
        own = [nearest[1]] if nearest is not None else []
    return any(event.event_type.strip().casefold() in _PEOPLE_ARE_CIVILIANS for event in own)


def casualties_by_group(result: ArticleResult) -> dict[str, int | None]:
    """Killed per group (civilians, non_civilians, children, women) in one article.

    Per group: the events' total (non-background events; per event the largest figure
    any of its reports from this article gives, so two reports of one event are not
    added up), compared with the largest aggregate toll (``CasualtyReport``) for the
    group, and the larger kept, so an aggregate toll and the single events it sums are
    not counted twice.  When the article dates a deadly event to the day, an aggregate
    over a longer period is left out (``SUMMARY_DAYS``), and a war's running toll
    always is (``cumulative_toll``).  0 when nothing of the group is
    reported killed; None when only figures of unknown size ("dozens") are.
    """
    article_id = result.article.id
    event_total: dict[str, int] = {}
    unknown: set[str] = set()
    # When the article dates a deadly event to the day or week, events it dates only to a
    # month or more ("In July a suicide bomb killed 16") are its context, not its news.
    dated = any(
        not e.is_background
        and e.time_precision is not None
        and e.time_precision < TimePrecision.MONTH
        and (e.fatalities_best or 0) > 0
        for e in result.events
    )
    for event in result.events:
        if event.is_background:
            continue
        if dated and (event.time_precision is None or event.time_precision >= TimePrecision.MONTH):
            continue
        best: dict[str, int] = {}
        one_sided = event.event_type.strip().casefold() in _PEOPLE_ARE_CIVILIANS
        for report in _own_reports(event, article_id):
            for group, value in _group_sums(report.killed, people_are_civilians=one_sided).items():
                if value is None:
                    unknown.add(group)
                else:
                    best[group] = max(best.get(group, 0), value)
        for group, value in best.items():
            event_total[group] = event_total.get(group, 0) + value
    aggregate: dict[str, int] = {}
    for toll in result.casualty_reports:
        if cumulative_toll(toll.sentence.text):
            continue  # "the war has killed more than 280,000 people": context, not news
        if superseded_toll(toll.sentence.text):
            continue  # "it had initially given a death toll of 22": replaced by the news
        period_end = toll.period_end or result.article.published
        if dated and _spans_days(toll.period_start, period_end) > SUMMARY_DAYS:
            continue  # "since the offensive began", "last month": a summary, not the news
        one_sided = _told_with_one_sided_violence(result, toll)
        for group, value in _group_sums(toll.killed, people_are_civilians=one_sided).items():
            if value is None:
                unknown.add(group)
            else:
                aggregate[group] = max(aggregate.get(group, 0), value)
    out: dict[str, int | None] = {}
    for group in CASUALTY_GROUPS:
        known = [totals[group] for totals in (event_total, aggregate) if group in totals]
        if known:
            out[group] = max(known)
        elif group in unknown:
            out[group] = None
        else:
            out[group] = 0
    return out


# ---------------------------------------------------------------------------
# MUC-4 templates
# ---------------------------------------------------------------------------


def incident_type(event: Event) -> str | None:
    """The MUC-4 incident type of an event (ATTACK, BOMBING, ...), or None if none fits."""
    sub_event = event.sub_event_type.strip().casefold()
    if sub_event in _INCIDENT_BY_SUB_EVENT:
        return _INCIDENT_BY_SUB_EVENT[sub_event]
    triggers = [_trigger_context(r) for r in event.reports]
    if sub_event == _LOOTING:
        return "ARSON" if any(_ARSON_WORDS.search(t) for t in triggers) else "ROBBERY"
    if event.event_type.strip().casefold() not in _VIOLENT_EVENT_TYPES:
        return None
    for pattern, kind in _INCIDENT_BY_TRIGGER:
        if any(pattern.search(t) for t in triggers):
            return kind
    return None


def _trigger_context(report: Report) -> str:
    """The trigger word, and for a bare "set" the words after it ("set ... on fire")."""
    text = report.trigger.text
    if text.strip().casefold() in {"set", "sets", "setting"}:
        offset = report.trigger.start - report.sentence.start
        if 0 <= offset <= len(report.sentence.text):
            return report.sentence.text[offset : offset + 40]
    return text


def _is_organisation(role: ActorRole, words: str | None) -> bool:
    """An organisation ("the FMLN", "the army"), not people described ("guerrillas",
    "two gunmen"): MUC-4 keeps the two in different slots."""
    if not names_organisation(role.actor_type, role.name):
        return False
    head = (words or "").casefold().split()[-1:] or [""]
    return noun_kinds().get(head[0]) != "person"


def _named_group(words: str) -> str | None:
    """The organisation named before the people of a perpetrator filler ("fmln
    terrorists", "Taliban fighters" -> "fmln", "Taliban"): MUC-4 fills both slots from
    such a phrase. Found in the actor dictionary whatever the case, an acronym too; a
    generic actor ("rebels", "police") names no organisation."""
    parts = words.split()
    if len(parts) < 2:
        return None
    dictionary = load_actor_dictionary()
    modifiers = parts[:-1]
    for size in range(len(modifiers), 0, -1):
        for start in range(len(modifiers) - size + 1):
            text = " ".join(modifiers[start : start + size])
            entry = dictionary.entry(text) or dictionary.entry(text.upper())
            if entry is not None and not entry.generic:
                return text
    return None


def _fillers(values: Iterable[str]) -> list[list[str]]:
    """MUC-4 slot fillers: each a list of alternative strings, here always one."""
    return [[value] for value in _unique(values)]


def _template(event: Event, article_id: str) -> dict[str, Any] | None:
    kind = incident_type(event)
    if kind is None:
        return None
    reports = _own_reports(event, article_id)
    people = [p for r in reports for p in r.perpetrators]
    groups = [g for r in reports for g in r.perpetrator_groups]
    if event.actor1 is not None:
        words = _actor_text(reports, "actor1")
        if words is None and not event.actor1.name.casefold().startswith("unidentified"):
            words = event.actor1.name
        if words:
            (groups if _is_organisation(event.actor1, words) else people).append(words)
    groups.extend(g for g in map(_named_group, people) if g is not None)
    return {
        "incident_type": kind,
        "perp_individual": _fillers(people),
        "perp_organization": _fillers(groups),
        "phys_target": _fillers(t for r in reports for t in r.targets),
        "hum_target": _fillers(v for r in reports for v in r.victims),
        # The words of the text only: a trigger's weapon class ("explosive" for a blast)
        # is sitrep's coding, not a filler.
        "instrument": _fillers(
            w for r in reports for w in r.weapons if w.casefold() in r.sentence.text.casefold()
        ),
    }
