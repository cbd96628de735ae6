"""What the report builders read: one article's mentions, indexed by sentence.

Built once per article by the pipeline; the report, toll and displacement builders only
read it.  ``focus`` ranks the countries the article is about (literal places and
demonyms), which decides whose "troops" and "civilians" these are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sitrep.classify.role_model import RoleModel
from sitrep.classify.typer import TypeGuess
from sitrep.extract.sides import Sides, load_sides
from sitrep.types import (
    ActorMention,
    Annotation,
    Article,
    Attribution,
    PlaceMention,
    Quantity,
    Sentence,
    Span,
    TimeMention,
    Token,
    ToponymKind,
)


class HasSpan(Protocol):
    @property
    def span(self) -> Span: ...


SpanT = TypeVar("SpanT", bound=HasSpan)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    article: Article
    annotation: Annotation
    places: tuple[PlaceMention, ...]
    times: tuple[TimeMention, ...]
    quantities: tuple[Quantity, ...]
    actors: tuple[ActorMention, ...]
    attributions: tuple[Attribution, ...]
    focus: tuple[str, ...]
    children: tuple[tuple[int, ...], ...] = field(default=())
    # The learned typer's answer per sentence index (empty when the typer is off).
    sentence_types: Mapping[int, TypeGuess] = field(default_factory=dict)
    sides: Sides = field(default_factory=load_sides)
    # The learned role scorer (None: the parse rules alone find the role fillers).
    role_model: RoleModel | None = None

    @property
    def text(self) -> str:
        return self.article.text

    def in_sentence(self, items: Sequence[SpanT], sentence: Sentence) -> list[SpanT]:
        return [x for x in items if sentence.start <= x.span.start < sentence.end]

    def paragraph_start(self, char: int) -> int:
        """Start of the paragraph (text after the last blank line) holding ``char``."""
        cut = self.text.rfind("\n\n", 0, char)
        return 0 if cut < 0 else cut + 2


def country_focus(
    places: Sequence[PlaceMention], demonym_countries: Sequence[str] = ()
) -> tuple[str, ...]:
    """Countries ranked by how much the article is about them.

    Literal places count 2 (their country), metonymic ones and demonyms 1: "Russia said"
    is about Russia's role, not a place where things happen.
    """
    votes: Counter[str] = Counter()
    for mention in places:
        if mention.place is None or not mention.place.country:
            continue
        weight = 2 if mention.kind is ToponymKind.LITERAL else 1
        votes[mention.place.country] += weight
    for code in demonym_countries:
        votes[code] += 1
    return tuple(code for code, _ in votes.most_common())


def most_mentioned_place(
    places: Sequence[PlaceMention], *, allow_country: bool = True
) -> PlaceMention | None:
    """The first mention of the resolved literal place named most often, preferring places
    below country level (a country only when ``allow_country`` and nothing smaller is
    named); ties go to the place named first."""
    groups: dict[object, list[PlaceMention]] = {}
    for mention in places:
        if mention.kind is not ToponymKind.LITERAL or mention.place is None:
            continue
        key = mention.place.geonameid or (mention.place.name, mention.place.country)
        groups.setdefault(key, []).append(mention)
    below_country = [
        group
        for group in groups.values()
        if group[0].place is not None and not group[0].place.feature_code.startswith("PCL")
    ]
    pool = below_country or (list(groups.values()) if allow_country else [])
    if not pool:
        return None
    return max(pool, key=lambda group: (len(group), -group[0].span.start))[0]


def build_children(tokens: Sequence[Token]) -> tuple[tuple[int, ...], ...]:
    children: list[list[int]] = [[] for _ in tokens]
    for token in tokens:
        if token.head != token.i and 0 <= token.head < len(tokens):
            children[token.head].append(token.i)
    return tuple(tuple(c) for c in children)
