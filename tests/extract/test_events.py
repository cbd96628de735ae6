"""Report building on hand-written sentences, through the real small pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.types import ArticleResult

PUBLISHED = date(2020, 3, 10)  # a Tuesday


@pytest.fixture(scope="module")
def run(pipeline):
    def process(text: str, published: date | None = PUBLISHED) -> ArticleResult:
        return pipeline.process_text(text, published=published)

    return process


def _types(result: ArticleResult) -> list[str]:
    return [r.sub_event_type for r in result.reports]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Russian air strikes hit the town of Saraqib in Idlib province on Monday.",
            "Air/drone strike",
        ),
        (
            "Government troops captured the village of Kafr Nabl on Sunday.",
            "Government regains territory",
        ),
        (
            "Regime forces captured rebel-held parts of the city of Aleppo.",
            "Government regains territory",
        ),
        (
            "Islamic State militants seized control of the town of Palmyra on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Gunmen killed 12 civilians in a village near Maiduguri on Sunday.", "Attack"),
        ("Hundreds of protesters marched in Khartoum on Monday.", "Peaceful protest"),
        (
            "Police fired tear gas to disperse protesters in Nairobi on Monday.",
            "Protest with intervention",
        ),
        (
            "A car bomb exploded in Mogadishu on Monday, killing five people.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_events_sub_event_type(run, text, sub_event_type):
    assert sub_event_type in _types(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "A full-blown offensive could cause large-scale destruction in Idlib.",
        "The army is expected to attack the town of Saraqib next week.",
        "Rebels threatened to shell the city of Aleppo.",
        "The minister visited Baghdad on Monday.",
    ],
)
def test_events_unreal_or_absent_give_no_report(run, text):
    assert run(text).reports == ()


def test_events_capture_of_equipment_is_not_territory(run):
    result = run("Islamic State militants captured 14 tanks near Palmyra on Monday.")
    assert "Non-state actor overtakes territory" not in _types(result)


def test_events_fields_and_evidence(run):
    text = "Syrian government troops captured the town of Saraqib in Idlib province on Monday."
    result = run(text)
    report = next(r for r in result.reports if r.sub_event_type == "Government regains territory")
    assert report.actor1 is not None and report.actor1.name == "Military Forces of Syria"
    assert report.date_start == report.date_end == date(2020, 3, 9)
    assert report.place is not None and report.place.span.text.startswith("Saraqib")
    fields = {e.field for e in report.evidence}
    assert {"event_type", "actor1", "place", "date"} <= fields
    for evidence in report.evidence:
        assert text[evidence.span.start : evidence.span.end] == evidence.span.text


def test_events_background_when_long_before_publication(run):
    result = run("In December 2016, regime forces captured the eastern districts of Aleppo.")
    capture = next(r for r in result.reports if r.sub_event_type == "Government regains territory")
    assert capture.is_background


def test_events_undated_event_takes_the_week_before_publication(run):
    result = run("Government troops captured the town of Saraqib.")
    report = result.reports[0]
    assert (report.date_start, report.date_end) == (date(2020, 3, 4), PUBLISHED)
    assert report.time_precision == 2


def test_events_outcome_word_folds_into_specific_event(run):
    text = (
        "A suicide bomber struck a market in Kabul on Monday. "
        "The attack killed at least 20 people, police said."
    )
    result = run(text)
    assert _types(result) == ["Suicide bomb"]
    assert result.reports[0].fatalities == 20


def test_events_aggregate_toll_is_not_an_event_toll(run):
    text = (
        "Some 43 civilians, 57 militants and 46 soldiers have been killed in Idlib "
        "since the offensive began on Dec. 25, the Observatory said."
    )
    result = run(text, published=date(2018, 1, 4))
    assert len(result.casualty_reports) == 1
    assert all(r.fatalities is None for r in result.reports)


def test_events_without_publication_date_stay_undated(run):
    result = run("Government troops captured the town of Saraqib on Monday.", published=None)
    assert result.reports and result.reports[0].date_start is None


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # ACLED's convention: a report that names no death codes 0, not "unknown" ...
        ("Police fired tear gas to disperse protesters in Nairobi on Monday.", 0),
        ("Russian air strikes hit the town of Saraqib in Idlib province on Monday.", 0),
        # ... deaths without a figure are unknown ...
        ("Russian air strikes killed several people in Saraqib in Idlib province on Monday.", None),
        # ... and a figure is the figure.
        ("Gunmen killed 12 civilians in a village near Maiduguri on Sunday.", 12),
        # A breakdown is inside its figure: 56, not 56 + 19.
        ("Coalition warplanes killed 56 civilians including 19 children in Manbij on Monday.", 56),
    ],
)
def test_events_fatalities_follow_acled_convention(run, text, fatalities):
    result = run(text)
    assert result.reports
    assert result.reports[0].fatalities == fatalities
    assert result.events[0].fatalities_best == fatalities


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 2019-03-12 civilians in a village near Maiduguri on Sunday.",
        "Gunmen killed 0803-1234567 civilians in a village near Maiduguri on Sunday.",
        "Gunmen killed 20190312 civilians in a village near Maiduguri on Sunday.",
        "Gunmen killed -5 civilians in a village near Maiduguri on Sunday.",
        # more than Syria's population (GeoNames: about 17 million)
        "Rebels killed 23,000,000 soldiers near Homs in Syria on Sunday.",
    ],
)
def test_events_absurd_figures_are_never_fatalities(run, text):
    result = run(text)
    assert result.reports
    assert all(r.fatalities is None for r in result.reports)


@pytest.mark.issue(11)
def test_events_every_field_has_a_confidence_and_a_reason(run):
    result = run("Russian air strikes killed 12 civilians in Saraqib in Idlib province on Monday.")
    report = result.reports[0]
    fields = {c.field: c for c in report.field_confidence}
    assert {"event_type", "actor1", "place", "date", "fatalities"} <= set(fields)
    assert all(0.0 <= c.score <= 1.0 and c.reason for c in report.field_confidence)
    assert "Saraqib" in fields["place"].reason
    assert fields["date"].score > 0.5  # "on Monday" is in the sentence
    assert fields["fatalities"].reason == "a killed figure in the sentence"


@pytest.mark.issue(11)
def test_events_statements_and_plans_are_no_events(run):
    for text in (
        "The foreign minister condemned the air strikes on Idlib and called for restraint.",
        "The army is preparing an offensive to retake the city of Idlib next month.",
    ):
        assert not run(text).reports, text


def test_events_since_opens_a_period_not_the_event_date(run):
    text = (
        "Troops captured more than 80 villages in Hama province and entered Idlib for "
        "the first time since mid-2015."
    )
    report = run(text, published=date(2018, 1, 3)).reports[0]
    assert report.date_start == date(2015, 1, 1)  # from mid-2015 ...
    assert report.date_end == date(2018, 1, 3)  # ... to publication, not "2015"
    assert report.time_precision == 3


def test_events_since_without_publication_date_is_undated(run):
    text = "Troops captured the town of Saraqib for the first time since mid-2015."
    report = run(text, published=None).reports[0]
    assert report.date_start is None


def test_events_object_of_a_control_verb_is_the_actor(run):
    text = "Rebel advances forced the army to launch air strikes on Saraqib on Monday."
    strike = next(r for r in run(text).reports if r.sub_event_type == "Air/drone strike")
    assert strike.actor1 is not None and strike.actor1.span.text == "army"


def test_events_an_ally_is_never_actor2(run):
    text = (
        "Over the past two months, troops backed by Russian air strikes have captured "
        "more than 80 villages in the northern parts of Hama province."
    )
    for report in run(text, published=date(2018, 1, 3)).reports:
        names = {report.actor1 and report.actor1.name, report.actor2 and report.actor2.name}
        assert names != {"Military Forces of Syria", "Military Forces of Russia"}


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "In December 2016, Syrian forces captured rebel-held parts of the city of Aleppo.",
            "Rebel groups (Syria)",
        ),
        (
            "Syrian troops retook IS-controlled villages near Deir ez-Zor on Monday.",
            "Islamic State",
        ),
    ],
)
def test_events_the_holder_of_captured_ground_is_actor2(run, text, actor2):
    capture = next(
        r for r in run(text).reports if r.sub_event_type == "Government regains territory"
    )
    assert capture.actor2 is not None and capture.actor2.name == actor2


def test_events_holder_allied_to_the_taker_is_not_actor2(run):
    text = "Syrian troops took over regime-held checkpoints near Hama on Monday."
    for report in run(text).reports:
        assert report.actor2 is None or report.actor2.name != "Military Forces of Syria"


def test_events_battle_opponent_from_the_article_has_low_confidence(run):
    text = (
        "Al Shabaab fighters attacked an army base near Kismayo on Sunday. "
        "Al Shabaab said it held the base for hours.\n\n"
        "On Monday, Somali troops captured the village of Bula Gudud."
    )
    capture = next(
        r for r in run(text).reports if r.sub_event_type == "Government regains territory"
    )
    assert capture.actor2 is not None and capture.actor2.name == "Al Shabaab"
    confidence = {f.field: f for f in capture.field_confidence}["actor2"]
    assert confidence.score < 0.5 and "article" in confidence.reason


def test_events_no_article_opponent_when_two_tie(run):
    text = (
        "Al Shabaab attacked the town. Islamic State attacked the town.\n\n"
        "On Monday, Somali troops captured the village of Bula Gudud."
    )
    capture = next(
        r for r in run(text).reports if r.sub_event_type == "Government regains territory"
    )
    assert capture.actor2 is None


def test_events_years_back_is_background_without_a_publication_date(run):
    text = "A sarin attack killed more than 90 people in Khan Sheikhoun last year."
    reports = run(text, published=None).reports
    assert reports and all(r.is_background for r in reports)
    assert not any(r.is_background for r in run("A sarin attack killed 90 people.", None).reports)


def test_events_what_a_speaker_says_would_happen_is_no_event(run):
    text = (
        "Activists said it is highly unlikely that regime forces would march toward "
        "the provincial capital of Idlib."
    )
    assert run(text).reports == ()


def test_events_civilians_are_never_the_other_side_of_a_battle(run):
    text = "Government troops captured the village of Kafr Nabl, forcing civilians to flee."
    for report in run(text).reports:
        if report.event_type == "Battles":
            assert report.actor2 is None or report.actor2.actor_type != "civilians"


def test_events_a_headline_run_into_its_lede_gives_its_toll_once(run):
    text = (
        "Coalition raids kill 21 civilians in Manbij Air strikes by the US-led coalition "
        "killed at least 21 civilians near Manbij on Monday, a monitor said."
    )
    tolls = [r.fatalities for r in run(text).reports if r.fatalities]
    assert tolls and set(tolls) == {21}


@pytest.mark.parametrize(
    "text",
    [
        "The war, which has killed more than 280,000 people, began with protests in 2011.",
        "More than 200,000 people have died in the Syrian conflict since 2011.",
    ],
)
def test_events_a_wars_running_toll_is_background(run, text):
    reports = run(text).reports
    assert all(r.is_background for r in reports)


def test_events_a_days_strike_is_not_a_running_toll(run):
    reports = run("Air strikes killed 17 civilians in a market in Idlib on Monday.").reports
    assert reports and not any(r.is_background for r in reports)


@pytest.mark.parametrize(
    "text",
    [
        "The town was calm.",
        "Images showed footage of the city burning last night.",
        "This seems like a new low.",
    ],
)
def test_events_the_typer_alone_needs_an_actor_or_a_place(run, text):
    # No trigger word, no actor, no place: the typer's flat probabilities are no event.
    assert run(text).reports == ()


def test_events_a_typer_only_report_says_so_in_its_confidence(run):
    result = run("Army units discovered an underground depot holding a large amount of weapons.")
    typed = [
        c.reason for r in result.reports for c in r.field_confidence if c.field == "event_type"
    ]
    assert typed and all("no trigger word; the typer alone" in reason for reason in typed)


def test_events_a_text_without_a_country_still_has_generic_actors(run):
    reports = run("Dozens of militants opened fire on residents of the village.").reports
    assert reports
    assert reports[0].actor1 is not None and reports[0].actor1.actor_type == "rebel group"
    assert reports[0].actor1.name == "Rebel groups"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # ACLED: demonstrators clashing with police or burning barricades riot
        (
            "Protesters clashed with police in Nairobi on Monday and set tyres on fire.",
            "Violent demonstration",
        ),
        (
            "Protesters hurled stones at police in Lagos on Monday before being dispersed.",
            "Violent demonstration",
        ),
        ("Hundreds of protesters marched peacefully in Khartoum on Monday.", "Peaceful protest"),
        # arms seized or found, not ground taken
        ("Police seized seven illegal firearms in Nairobi on Monday.", "Disrupted weapons use"),
        (
            "234 pistols and 17,000 bullets were captured in Addis Ababa on Monday.",
            "Disrupted weapons use",
        ),
        # a surrender is an agreement (ACLED's codebook)
        (
            "More than 150 Islamic State fighters surrendered to government forces in "
            "Jawzjan on Monday.",
            "Agreement",
        ),
    ],
)
def test_events_codebook_sub_types(run, text, sub_event_type):
    assert sub_event_type in _types(run(text))


def test_events_a_peaceful_march_is_no_riot(run):
    types = _types(run("Hundreds of protesters marched peacefully in Khartoum on Monday."))
    assert types == ["Peaceful protest"]


@pytest.mark.parametrize(
    "text",
    [
        "US-led strikes on the province of Raqqa killed more than 20 jihadists on Monday.",
        "Russian jets hit an outpost in Idlib province on Sunday.",
        "New strikes killed at least 25 civilians in Aleppo on Saturday.",
    ],
)
def test_events_strikes_by_armed_states_are_air_strikes(run, text):
    assert "Air/drone strike" in _types(run(text))


def test_events_a_labour_strike_is_no_air_strike(run):
    assert "Air/drone strike" not in _types(run("Workers went on strike in Paris on Monday."))


def test_events_the_agent_after_a_noun_trigger_is_actor1(run):
    text = "Air strikes by Syrian regime war planes in Aleppo on Sunday killed 32 civilians."
    reports = [r for r in run(text).reports if r.sub_event_type == "Air/drone strike"]
    assert reports and reports[0].actor1 is not None
    assert reports[0].actor1.name == "Military Forces of Syria"


@pytest.mark.parametrize(
    "text",
    [
        "Israeli soldiers on Sunday violently suppressed a peaceful protest in Beit Jala.",
        "Security forces used excessive force against demonstrators in Nablus on Monday.",
    ],
)
def test_events_protests_met_with_excessive_force(run, text):
    assert "Excessive force against protesters" in _types(run(text))


def test_events_an_attempted_capture_is_an_armed_clash(run):
    text = (
        "An Islamic State attack to capture the army's positions near Deir Ezzor airbase "
        "was fended off by the Syrian army on Monday."
    )
    types = _types(run(text))
    assert "Armed clash" in types
    assert "Non-state actor overtakes territory" not in types


def test_events_a_ceasefire_named_as_the_setting_is_no_agreement(run):
    text = "Russian jets in violation of a cease-fire hit an outpost in Idlib province on Sunday."
    types = _types(run(text))
    assert "Air/drone strike" in types
    assert "Agreement" not in types
    assert "Agreement" in _types(run("The army and rebels signed a ceasefire in Aleppo on Monday."))


def test_events_ground_only_tried_for_is_not_taken(run):
    types = _types(run("Rebels tried to seize the town of Kafr Nabl on Sunday."))
    assert "Non-state actor overtakes territory" not in types


@pytest.mark.parametrize(
    "text",
    [
        "A tsunami following a volcanic eruption killed 222 people in Indonesia on Monday.",
        "Six people were killed when a chemical plant exploded in Kralupy on Thursday.",
        "A dozen people were killed in a plane crash in central Colombia on Sunday.",
    ],
)
def test_events_disasters_and_accidents_are_no_conflict_events(run, text):
    assert run(text).reports == ()


def test_events_a_crash_caused_by_fighting_is_still_read(run):
    text = "A car bomb exploded near a crashed bus in Mogadishu on Monday, killing five people."
    assert "Remote explosive/landmine/IED" in _types(run(text))


@pytest.mark.issue(11)
def test_events_they_stands_for_the_subject_named_before(run):
    text = (
        "Al-Shabaab fighters stormed a village near Afgooye on Sunday. "
        "Later they abducted five civilians in the village."
    )
    abducted = [r for r in run(text).reports if r.trigger.text == "abducted"]
    assert abducted and abducted[0].actor1 is not None
    assert abducted[0].actor1.name == "Al Shabaab"
    # a subject that names no actor stands between: "they" is the authorities
    said = run("The authorities said they arrested two suspects in Kano on Monday.")
    assert all(r.actor1 is None or r.actor1.name != "Civilians (Nigeria)" for r in said.reports)


@pytest.mark.issue(11)
def test_events_victims_of_a_passive_killing_are_not_its_actor(run):
    text = (
        "Soldiers clashed with JNIM militants near Djibo on Monday. "
        "12 soldiers and an unknown number of militants were killed."
    )
    result = run(text)
    assert [(e.sub_event_type, e.fatalities_best) for e in result.events] == [("Armed clash", 12)]


@pytest.mark.issue(11)
def test_events_rioters_fight_no_battle(run):
    result = run("Two rioters were killed in clashes with police in Lagos on Monday.")
    assert {(r.event_type, r.sub_event_type) for r in result.reports} == {
        ("Riots", "Violent demonstration")
    }
    assert [e.fatalities_best for e in result.events] == [2]


@pytest.mark.issue(11)
def test_events_a_demonstration_told_in_steps_is_one_event(run):
    text = (
        "Around 300 people protested in Khartoum on Monday demanding civilian rule. "
        "Police fired tear gas to disperse them."
    )
    events = run(text).events
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    event = events[0]
    assert event.actor1 is not None and event.actor1.name == "Protesters (Sudan)"
    assert event.actor2 is not None and event.actor2.actor_type == "state forces"


@pytest.mark.issue(11)
def test_events_what_is_to_be_ended_is_no_event(run):
    text = "The government and the STC signed an agreement in Riyadh to end fighting in Aden."
    assert _types(run(text)) == ["Agreement"]
    assert "Armed clash" in _types(run("Troops ended the fighting in Tripoli on Monday."))


@pytest.mark.issue(11)
def test_events_actor2_is_not_actor1_named_again(run):
    text = "Myanmar's military opened fire on protesters in Yangon on Friday, killing 6 protesters."
    (event,) = run(text).events
    names = {
        event.actor1.name if event.actor1 else None,
        event.actor2.name if event.actor2 else None,
    }
    assert "Military Forces of Myanmar" in names


@pytest.mark.issue(11)
def test_events_a_demonstration_names_its_demonstrators_by_convention(run):
    (report,) = run("A protest was held in Lagos on Monday.").reports
    assert report.actor1 is not None and report.actor1.name == "Protesters (Nigeria)"
    assert report.actor1.span is None  # named by no words
    actor_confidence = next(f for f in report.field_confidence if f.field == "actor1")
    assert actor_confidence.score == 0.4


@pytest.mark.issue(11)
def test_events_victims_of_no_stated_status_are_civilians(run):
    (report,) = run("A mob lynched a man in Sokoto on Monday.").reports
    assert report.sub_event_type == "Mob violence" and report.fatalities == 1
    assert report.actor2 is not None and report.actor2.name == "Civilians (Nigeria)"
    assert report.actor2.span is not None and report.actor2.span.text == "a man"


@pytest.mark.issue(11)
def test_events_a_deadly_abduction_is_an_attack(run):
    text = "Militants attacked a village near Gwoza on Monday, killing 3 civilians and abducting 7."
    assert [(e.sub_event_type, e.fatalities_best) for e in run(text).events] == [("Attack", 3)]
    kept = run("Gunmen abducted 12 students in Kaduna on Monday.")
    assert _types(kept) == ["Abduction/forced disappearance"]


@pytest.mark.issue(11)
def test_events_riot_police_report_no_riot(run):
    types = _types(run("Riot police patrolled the streets of Nairobi on Monday."))
    assert "Violent demonstration" not in types
