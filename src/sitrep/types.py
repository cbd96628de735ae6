"""The nouns every stage shares.

The flow is one direction (see ``DESIGN.md``)::

    ingest -> Article
    annotate -> Annotation (sentences, tokens, entities: plain offsets, no spaCy objects)
    extract -> PlaceMention, TimeMention, Quantity, ActorMention, Attribution,
               Report, CasualtyReport, DisplacementReport
    merge -> Event (many reports, possibly from many articles)

Every mention keeps the character span it came from (offsets into ``Article.text``), so
every coded field can be traced to the sentence that says it.  All types are frozen and
slotted; collections are tuples so that values hash and compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

# ---------------------------------------------------------------------------
# Enumerations
# ---------------------------------------------------------------------------


class PublishedSource(StrEnum):
    """How an article's publication date was known."""

    GIVEN = "given"  # supplied by the caller (--published, the API's published=)
    METADATA = "metadata"  # feed item, HTML meta tags, JSONL "published"
    TEXT = "text"  # a dateline in the text
    INFERRED = "inferred"  # guessed from the dates the text mentions
    MISSING = "missing"


class GeoPrecision(IntEnum):
    """ACLED's geo-precision code."""

    EXACT = 1  # the town or the exact spot
    NEAR = 2  # near a place, part of a region
    REGION = 3  # a province or larger


class TimePrecision(IntEnum):
    """ACLED's time-precision code."""

    DAY = 1
    WEEK = 2
    MONTH = 3  # a month or longer


class ToponymKind(StrEnum):
    LITERAL = "literal"  # a place as a place
    METONYMIC = "metonymic"  # a place for its government or people ("Russia said")
    MODIFIER = "modifier"  # "Britain-based"
    DEMONYM = "demonym"  # "Syrian"
    NON_TOPONYM = "non_toponym"


ACTOR_TYPES: tuple[str, ...] = (
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
)
# The actor types of an organised armed group (not rioters, protesters or civilians).
ARMED_ACTOR_TYPES: frozenset[str] = frozenset(
    {
        "state forces",
        "rebel group",
        "political militia",
        "identity militia",
        "external/other forces",
    }
)

# ---------------------------------------------------------------------------
# Ingest
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested.

    ``text`` is what every offset points into.  For plain text and JSONL input it is the
    input text exactly, title line included, minus boilerplate cut from the end (so
    offsets into ``text`` are also offsets into the original).  For HTML and feeds it is
    ``title + "\\n\\n" + body``.  ``boilerplate`` keeps what was cut.
    """

    id: str  # hash of the normalised text (ingest.ids.article_id)
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = "en"
    published: date | None = None
    published_source: PublishedSource = PublishedSource.MISSING
    origin: str | None = None  # where it was read: path, "path:line", URL, "<stdin>"
    external_id: str | None = None  # the input's own id (JSONL "id")
    boilerplate: str = ""  # text cut from the end of the story


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used; stored next to whatever raw input there was.

    ``code`` is stable and documented in ``docs/rejections.md``.
    """

    origin: str  # file, "file:line" or URL
    stage: str  # "ingest", "annotate", "extract", "store"
    code: str  # e.g. "E101-unreadable"
    message: str  # one line naming the problem and, where possible, the fix
    article_id: str | None = None
    raw: str | None = None


# ---------------------------------------------------------------------------
# Annotate
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    i: int  # index in the document
    start: int  # character offsets into Article.text
    end: int
    text: str
    lemma: str
    pos: str  # Universal POS tag
    tag: str  # fine-grained tag
    dep: str  # dependency label
    head: int  # index of the head token (itself for the root)
    ent_type: str  # "" when outside an entity
    sent: int  # index of its sentence


@dataclass(frozen=True, slots=True)
class EntitySpan:
    label: str  # spaCy NER label: GPE, LOC, FAC, ORG, NORP, PERSON, DATE, CARDINAL...
    start: int  # character offsets
    end: int
    text: str
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Annotation:
    """The linguistic view of one article, as plain data (no spaCy objects)."""

    article_id: str
    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[EntitySpan, ...]
    model: str  # the spaCy pipeline that made it, "name-version"

    def sentence_at(self, char: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= char < sentence.end:
                return sentence
        return None


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int | None  # None for entries from sources without GeoNames ids
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # first-level division name
    feature_class: str  # GeoNames class: P populated place, A admin division, ...
    feature_code: str  # GeoNames code: PPLA, ADM1, PCLI, ...
    population: int = 0
    source: str = "geonames"  # which data package it came from


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    place: Place
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text, and where it resolved to (if anywhere)."""

    span: Span
    kind: ToponymKind = ToponymKind.LITERAL
    place: Place | None = None
    geo_precision: GeoPrecision | None = None
    score: float = 0.0
    reason: str = ""  # why this place, or why unresolved


# ---------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression resolved against the publication date.

    ``value`` is the TIMEX3 normalisation ("2017-12-29", "2018-W01", "2017-12",
    "P2W", "PRESENT_REF"); ``start``/``end`` the date range it covers (None when it is
    a duration or cannot be anchored).
    """

    span: Span
    value: str
    timex_type: str  # DATE, TIME, DURATION, SET
    start: date | None
    end: date | None
    precision: TimePrecision | None
    anchored: bool  # False when resolution needed a publication date that was missing


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted figure: "some 43 civilians ... killed", "more than 5,000 families fled".

    ``outcome`` says what happened to them: killed, injured, displaced, missing,
    kidnapped, arrested, captured (villages), or "" when the number states no outcome.
    ``category`` is what they are: civilians, militants, government forces, children,
    women, people, soldiers, police, ...; ``unit`` what is counted (people, families,
    households, villages, towns).
    """

    span: Span
    value: int | None  # None for "dozens", "hundreds" without a bound
    low: int | None
    high: int | None
    unit: str
    category: str
    outcome: str
    qualifier: str | None = None  # "at least", "more than", "some", "about", "up to"
    # A breakdown of the figure before it in the sentence ("56 civilians, including 19
    # children"): already inside that figure, never added to it.
    part_of_previous: bool = False


# ---------------------------------------------------------------------------
# Actors and sources
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """A dictionary actor: one canonical name, many aliases."""

    name: str  # canonical, ACLED style: "Military Forces of Syria", "Islamic State"
    actor_type: str  # one of ACTOR_TYPES
    country: str | None = None  # ISO2 of the actor's home country
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    actor: Actor


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says it: "says the Syrian Observatory", "activists said"."""

    span: Span  # the source's name as written
    source: str  # normalised name
    kind: str  # "monitor", "government", "military", "media", "activists", "person", "other"


# ---------------------------------------------------------------------------
# Reports and events
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldEvidence:
    """The span that supports one coded field of a report."""

    field: str  # "event_type", "actor1", "place", "date", "fatalities", ...
    span: Span


@dataclass(frozen=True, slots=True)
class FieldConfidence:
    """How sure one coded field of a report is (0-1), and why."""

    field: str  # "event_type", "actor1", "actor2", "place", "date", "fatalities"
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class ActorRole:
    """An actor in a report: the dictionary actor if known, and the words used."""

    name: str  # canonical name, or a generic one ("Unidentified armed group (Syria)")
    actor_type: str | None
    span: Span | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One claim about one event in one article."""

    article_id: str
    event_type: str  # ACLED event type
    sub_event_type: str
    trigger: Span  # the word that signals the event
    sentence: Span  # the sentence behind the report
    actor1: ActorRole | None = None
    actor2: ActorRole | None = None
    associated: tuple[ActorRole, ...] = ()  # actor1's allies named beside it (ACLED assoc_actor_1)
    place: PlaceMention | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: TimePrecision | None = None
    fatalities: int | None = None  # total killed this report claims (None: not stated)
    fatalities_qualifier: str | None = None
    killed: tuple[Quantity, ...] = ()  # the killed figures by category
    injured: int | None = None
    # Role fillers from the sentence's parse (extract/roles.py), as the text words them.
    perpetrators: tuple[str, ...] = ()  # people who did it ("guerrillas", "two men")
    perpetrator_groups: tuple[str, ...] = ()  # organisations that did it ("FMLN")
    victims: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    is_background: bool = False
    source: Attribution | None = None
    confidence: float = 0.5
    evidence: tuple[FieldEvidence, ...] = ()
    field_confidence: tuple[FieldConfidence, ...] = ()


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    """An aggregate toll ("43 civilians, 57 militants and 46 pro-regime forces killed since
    Dec. 25"): kept as its own record so it is never counted as a single event."""

    article_id: str
    killed: tuple[Quantity, ...]
    total: int | None
    qualifier: str | None
    period_start: date | None
    period_end: date | None
    place: PlaceMention | None
    source: Attribution | None
    sentence: Span


@dataclass(frozen=True, slots=True)
class DisplacementReport:
    """IDMC-style displacement figure: "more than 5,000 families have fled"."""

    article_id: str
    figure: int | None
    unit: str  # people, households, families
    persons: int | None  # estimate in persons (households x average size)
    term: str  # fled, displaced, evacuated, returned, homeless, refugees, ...
    qualifier: str | None
    origin: PlaceMention | None
    destinations: tuple[PlaceMention, ...]
    period_days: int | None
    source: Attribution | None
    quantity: Quantity
    sentence: Span


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: the merge of the reports about it.

    ``id`` hashes the key fields (type, place, day range, actors) so that a re-run upserts.
    Fatalities are low/best/high when reports disagree.
    """

    id: str
    event_type: str
    sub_event_type: str
    actor1: ActorRole | None
    actor2: ActorRole | None
    place: PlaceMention | None
    date_start: date | None
    date_end: date | None
    time_precision: TimePrecision | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    is_background: bool
    confidence: float
    reports: tuple[Report, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything sitrep found in one article."""

    article: Article
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    reports: tuple[Report, ...] = ()
    events: tuple[Event, ...] = ()
    casualty_reports: tuple[CasualtyReport, ...] = ()
    displacement: tuple[DisplacementReport, ...] = ()
