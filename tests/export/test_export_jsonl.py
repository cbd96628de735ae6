from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from sitrep.errors import ConfigError
from sitrep.export import FORMATS, UnknownFormatError, get_exporter
from sitrep.export.jsonl import (
    casualties_by_group,
    events_to_jsonl,
    incident_type,
    prediction_record,
)
from sitrep.export.records import event_from_dict
from sitrep.types import ActorRole, ArticleResult, Event, Span, TimePrecision

from .samples import make_article, make_event, make_report, make_result, quantity

RESULT = make_result()
EVENT = RESULT.events[0]


def test_jsonl_events_round_trip() -> None:
    out = io.StringIO()
    assert events_to_jsonl([EVENT, replace(EVENT, id="ev-2")], out) == 2
    lines = out.getvalue().splitlines()
    assert [event_from_dict(json.loads(line)) for line in lines] == [
        EVENT,
        replace(EVENT, id="ev-2"),
    ]


@pytest.mark.parametrize("result", [RESULT])
def test_jsonl_prediction_record_aggregate_toll(result: ArticleResult) -> None:
    (event,) = result.events
    # An event not dated to the day: its 12 militants are within the toll's 57, so the
    # aggregate wins, not the sum.
    month = replace(event, time_precision=TimePrecision.MONTH)
    record = prediction_record(replace(result, events=(month,)))
    assert record["casualties"] == {
        "civilians": 43,
        "non_civilians": 103,
        "children": 0,
        "women": 0,
    }
    # "Clashes in Abu Dali kill 12" dated to the day is the news; the toll "since Dec. 25"
    # (nine days) is its context.
    assert event.time_precision == TimePrecision.DAY
    assert prediction_record(result)["casualties"]["non_civilians"] == 12


def test_jsonl_prediction_record_document_keys() -> None:
    record = prediction_record(RESULT)
    assert record["id"] == "gwn-17"
    assert record["title"] == "Clashes in Abu Dali kill 12"
    assert record["published"] == "2018-01-03"
    assert record["labels"] == {"event_type": "Battles", "sub_event_type": "Armed clash"}
    json.dumps(record, allow_nan=False)


def test_jsonl_prediction_record_id_falls_back_to_article_id() -> None:
    result = replace(RESULT, article=replace(RESULT.article, external_id=None))
    assert prediction_record(result)["id"] == RESULT.article.id


def test_jsonl_prediction_record_toponyms() -> None:
    toponyms = prediction_record(RESULT)["toponyms"]
    assert toponyms[0] == {
        "start": RESULT.places[0].span.start,
        "end": RESULT.places[0].span.end,
        "text": "Abu Dali",
        "kind": "literal",
        "geonameid": None,
        "lat": 35.2711234567,
        "lon": 36.9456789012,
        "country": "SY",
        "admin1": "Hama",
    }
    unresolved = toponyms[2]
    assert unresolved["kind"] == "demonym"
    assert [unresolved[k] for k in ("geonameid", "lat", "lon", "country", "admin1")] == [None] * 5


def test_jsonl_prediction_record_timexes_entities_displacement() -> None:
    record = prediction_record(RESULT)
    assert record["timexes"] == [
        {
            "start": RESULT.times[0].span.start,
            "end": RESULT.times[0].span.end,
            "text": "Tuesday",
            "type": "DATE",
            "value": "2018-01-02",
        }
    ]
    assert record["entities"][0]["text"] == "Hayat Tahrir al-Sham"
    assert record["entities"][0]["type"] == "Organisation"
    displacement = record["displacement"][0]
    assert (displacement["figure"], displacement["unit"], displacement["term"]) == (
        5000,
        "families",
        "fled",
    )
    assert (displacement["location"], displacement["country"]) == ("Idlib", "SY")
    assert displacement["evidence"] == "More than 5,000 families have fled Idlib."


def test_jsonl_prediction_record_event() -> None:
    event = prediction_record(RESULT)["events"][0]
    assert event["place"] == {
        "name": "Abu Dali",
        "lat": 35.2711234567,
        "lon": 36.9456789012,
        "admin1": "Hama",
        "country": "SY",
        "geo_precision": 1,
    }
    assert event["actor1_text"] == "Syrian government forces"
    assert event["actor2_text"] == "Hayat Tahrir al-Sham"
    assert event["fatalities"] == 12
    sentence = RESULT.reports[0].sentence
    assert event["evidence"] == sentence.text
    assert event["evidence_span"] == {"start": sentence.start, "end": sentence.end}
    text = RESULT.article.text
    for span in event["field_evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_jsonl_prediction_record_no_main_event_no_labels() -> None:
    background = replace(RESULT, events=(replace(EVENT, is_background=True),))
    assert "labels" not in prediction_record(background)


def _result_with_killed(*killed_sets: tuple[tuple[str, int | None], ...]) -> ArticleResult:
    article = make_article(text="x " * 50 + "dozens killed 5 dead 7 people 9 others")
    events = []
    for i, killed in enumerate(killed_sets):
        quantities = tuple(
            replace(quantity(article.text, "dozens", value, category, low=value, high=value))
            for category, value in killed
        )
        report = make_report(
            article,
            trigger="killed",
            killed=quantities,
            actor1=None,
            actor2=None,
            source=None,
            evidence=(),
        )
        events.append(make_event(f"ev-{i}", (report,)))
    return ArticleResult(article=article, events=tuple(events))


@pytest.mark.parametrize(
    ("killed_sets", "expected"),
    [
        ((), {"civilians": 0, "non_civilians": 0, "children": 0, "women": 0}),
        ((((("civilians", 5),),)), {"civilians": 5, "non_civilians": 0, "children": 0, "women": 0}),
        (
            ((("children", 2), ("women", 3), ("soldiers", 4)), (("police", 1),)),
            {"civilians": 5, "non_civilians": 5, "children": 2, "women": 3},
        ),
        (
            ((("civilians", None),),),
            {"civilians": None, "non_civilians": 0, "children": 0, "women": 0},
        ),
        (((("people", 9),),), {"civilians": 0, "non_civilians": 0, "children": 0, "women": 0}),
    ],
)
def test_jsonl_casualties_by_group(
    killed_sets: tuple[tuple[tuple[str, int | None], ...], ...], expected: dict[str, int | None]
) -> None:
    assert casualties_by_group(_result_with_killed(*killed_sets)) == expected


def test_jsonl_casualties_ignore_background_events() -> None:
    result = _result_with_killed((("civilians", 5),))
    result = replace(result, events=(replace(result.events[0], is_background=True),))
    assert casualties_by_group(result)["civilians"] == 0


def _event(
    sub_event_type: str,
    trigger: str,
    event_type: str = "Violence against civilians",
    text: str = "Men set the shops on fire and torched cars and looted a bank.",
) -> Event:
    article = make_article(text=text)
    report = make_report(
        article,
        trigger=trigger,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=None,
        actor2=None,
        source=None,
        evidence=(),
    )
    return make_event("ev", (report,))


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (_event("Armed clash", "set", "Battles"), "ATTACK"),
        (_event("Attack", "looted"), "ATTACK"),
        (_event("Suicide bomb", "set", "Explosions/Remote violence"), "BOMBING"),
        (_event("Air/drone strike", "set", "Explosions/Remote violence"), "BOMBING"),
        (_event("Abduction/forced disappearance", "set"), "KIDNAPPING"),
        (_event("Looting/property destruction", "torched", "Strategic developments"), "ARSON"),
        (_event("Looting/property destruction", "set", "Strategic developments"), "ARSON"),
        (_event("Looting/property destruction", "looted", "Strategic developments"), "ROBBERY"),
        (_event("Mob violence", "looted", "Riots"), "ROBBERY"),
        (_event("Peaceful protest", "torched", "Protests"), None),
        (_event("Arrests", "set", "Strategic developments"), None),
    ],
)
def test_jsonl_incident_type(event: Event, expected: str | None) -> None:
    assert incident_type(event) == expected


def _template(text: str, actor1: ActorRole, **fields: Any) -> dict[str, Any]:
    """The MUC-4 template of one attack report on ``text``."""
    article = make_article(text=text)
    report = make_report(
        article,
        trigger="attacked",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=actor1,
        actor2=None,
        source=None,
        evidence=(),
        **fields,
    )
    result = ArticleResult(article=article, events=(make_event("ev", (report,)),))
    template: dict[str, Any] = prediction_record(result)["templates"][0]
    return template


def test_jsonl_templates_fillers_are_lists_of_one_string_lists() -> None:
    text = "FMLN guerrillas attacked the farm with rifles and killed a peasant."
    role = ActorRole(
        "Farabundo Marti National Liberation Front", "rebel group", Span(0, 15, "FMLN guerrillas")
    )
    template = _template(
        text,
        role,
        victims=("peasant",),
        targets=("farm",),
        weapons=("rifles",),
    )
    # "guerrillas" are people described, the individuals; the name before them is the
    # organisation (MUC-4's two slots, both filled from one phrase).
    assert template == {
        "incident_type": "ATTACK",
        "perp_individual": [["FMLN guerrillas"]],
        "perp_organization": [["FMLN"]],
        "phys_target": [["farm"]],
        "hum_target": [["peasant"]],
        "instrument": [["rifles"]],
    }


def test_jsonl_templates_generic_actor_is_an_individual() -> None:
    text = "Gunmen attacked the farm."
    role = ActorRole(
        "Unidentified armed group (Guatemala)", "political militia", Span(0, 6, "Gunmen")
    )
    template = _template(text, role)
    assert template["perp_individual"] == [["Gunmen"]]
    assert template["perp_organization"] == []


@pytest.mark.parametrize(
    ("words", "group"), [("fmln terrorists", "fmln"), ("urban guerrillas", None)]
)
def test_jsonl_templates_a_lowercase_acronym_before_the_people_is_their_group(
    words: str, group: str | None
) -> None:
    role = ActorRole("Rebel groups (El Salvador)", "rebel group", Span(0, len(words), words))
    template = _template(f"{words} attacked the farm.", role)
    assert template["perp_organization"] == ([[group]] if group else [])


def test_jsonl_templates_named_organisation_and_parse_roles() -> None:
    text = "The army and members of the Shining Path attacked the bank, a bomb said to be nearby."
    role = ActorRole("Military Forces of Peru", "state forces", Span(0, 8, "The army"))
    template = _template(
        text,
        role,
        perpetrators=("members",),
        perpetrator_groups=("Shining Path",),
        weapons=("explosive", "bomb"),
    )
    assert template["perp_individual"] == [["members"]]
    assert template["perp_organization"] == [["Shining Path"], ["The army"]]
    # A weapon class the text does not word ("explosive") is no MUC-4 filler.
    assert template["instrument"] == [["bomb"]]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_registry_formats_write(name: str) -> None:
    out = io.StringIO(newline="")
    assert get_exporter(name)([EVENT], out) == 1
    assert out.getvalue()


@pytest.mark.parametrize("name", ["xml", "", "shapefile"])
def test_export_registry_unknown_format_lists_known(name: str) -> None:
    with pytest.raises(UnknownFormatError) as info:
        get_exporter(name)
    assert isinstance(info.value, ConfigError)
    for known in ("csv", "geojson", "json", "jsonl"):
        assert known in str(info.value)


def test_jsonl_casualties_a_breakdown_is_not_added_to_its_figure() -> None:
    result = _result_with_killed((("civilians", 56), ("children", 19)))
    (event,) = result.events
    (report,) = event.reports
    civilians, children = report.killed
    broken_down = replace(report, killed=(civilians, replace(children, part_of_previous=True)))
    result = replace(result, events=(replace(event, reports=(broken_down,)),))
    assert casualties_by_group(result) == {
        "civilians": 56,
        "non_civilians": 0,
        "children": 19,
        "women": 0,
    }


def test_jsonl_casualties_a_vague_figure_adds_nothing_to_a_known_one() -> None:
    # "at least 22 civilians" and, elsewhere in the statement, "hundreds of thousands".
    result = _result_with_killed((("civilians", 22), ("civilians", None)))
    assert casualties_by_group(result)["civilians"] == 22


@pytest.mark.parametrize(
    ("event_type", "civilians"),
    [("Explosions/Remote violence", 9), ("Violence against civilians", 9), ("Battles", 0)],
)
def test_jsonl_casualties_unnamed_dead_of_one_sided_violence_are_civilians(
    event_type: str, civilians: int
) -> None:
    result = _result_with_killed((("people", 9),))
    (event,) = result.events
    result = replace(result, events=(replace(event, event_type=event_type),))
    assert casualties_by_group(result)["civilians"] == civilians


def test_jsonl_casualties_month_dated_context_is_not_added_to_a_dated_event() -> None:
    # The news: "a bomb killed 48 people on Wednesday"; its context: "In July a suicide
    # bomb killed 16 civilians" (dated only to the month).
    result = _result_with_killed((("civilians", 48),), (("civilians", 16),))
    news, context = result.events
    news = replace(news, time_precision=TimePrecision.DAY, fatalities_best=48)
    context = replace(context, time_precision=TimePrecision.MONTH, fatalities_best=16)
    assert casualties_by_group(replace(result, events=(news, context)))["civilians"] == 48
    undated_news = replace(news, time_precision=TimePrecision.MONTH)
    both = replace(result, events=(undated_news, context))
    assert casualties_by_group(both)["civilians"] == 64


def test_jsonl_casualties_an_aggregate_since_a_date_is_not_the_news_of_a_dated_event() -> None:
    result = make_result()
    (event,) = result.events
    day = date(2018, 1, 2)
    dated = replace(
        event, time_precision=TimePrecision.DAY, date_start=day, date_end=day, fatalities_best=3
    )
    (toll,) = result.casualty_reports
    since = replace(toll, period_start=date(2017, 12, 25), period_end=day)
    assert since.total == 146
    counted = casualties_by_group(replace(result, events=(dated,), casualty_reports=(since,)))
    alone = casualties_by_group(replace(result, events=(dated,), casualty_reports=()))
    assert counted == alone  # the aggregate "since Dec. 25" adds nothing
    assert alone["civilians"] != 43
    # Without a day-dated deadly event, the aggregate is all the article says: kept.
    undated = replace(dated, time_precision=TimePrecision.MONTH)
    kept = casualties_by_group(replace(result, events=(undated,), casualty_reports=(since,)))
    assert kept["civilians"] == 43


@pytest.mark.issue(11)
def test_jsonl_casualties_who_some_of_the_dead_were_adds_no_dead(pipeline):
    text = (
        "At least 25 civilians were killed in air strikes on Aleppo on Saturday, the "
        "Observatory said. Among the dead were seven people killed by a bomb as they "
        "queued at a market in the Bustan al-Qasr neighbourhood, the monitoring group said."
    )
    casualties = casualties_by_group(pipeline.process_text(text, published=date(2016, 9, 24)))
    assert casualties["civilians"] == 25


@pytest.mark.issue(11)
def test_jsonl_casualties_a_toll_told_with_a_bombing_counts_people_as_civilians(pipeline):
    text = (
        "The death toll in a car bomb attack on buses carrying evacuees west of Aleppo "
        "has risen to 112 people, a monitoring group said on Sunday."
    )
    casualties = casualties_by_group(pipeline.process_text(text, published=date(2017, 4, 16)))
    assert casualties["civilians"] == 112


def test_jsonl_casualties_a_wars_running_toll_is_never_the_news(pipeline):
    # The aggregate toll of the whole war (here with its civilians and children) is the
    # article's context: only the day's strike counts.
    text = (
        "An air strike killed 20 civilians in Aleppo on Monday, the Observatory said. "
        "The war has claimed more than 300,000 lives including some 87,000 civilians - "
        "15,000 of them children - according to the Observatory."
    )
    casualties = casualties_by_group(pipeline.process_text(text, published=date(2016, 9, 20)))
    assert casualties["civilians"] == 20
    assert casualties["children"] == 0


def test_jsonl_casualties_a_toll_with_no_event_of_its_own_counts_the_story_events_dead(pipeline):
    # The toll sentence reports no event; the story's chemical attack before it makes its
    # undescribed dead civilians.
    text = (
        "A suspected chemical attack hit the town of Khan Sheikhoun in Idlib on Tuesday. "
        "The World Health Organization said in a statement putting the death toll at at "
        "least 70."
    )
    casualties = casualties_by_group(pipeline.process_text(text, published=date(2017, 4, 5)))
    assert casualties["civilians"] == 70


def test_jsonl_casualties_a_toll_since_replaced_is_not_counted(pipeline):
    text = (
        "Rebels shelled an election rally in Daraa on Thursday, killing 21 people, "
        "the Observatory said on Friday. It had initially given a death toll of 22."
    )
    casualties = casualties_by_group(pipeline.process_text(text, published=date(2014, 5, 23)))
    assert casualties["civilians"] == 21
