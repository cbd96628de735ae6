"""Actors: find the dictionary's actors in a text, by alias, with their country.

The dictionary (``data/actors.csv``) has two kinds of row.  Named actors ("Islamic State",
aliases Daesh, ISIS, ISIL ...) match by alias.  Generic actors ("Military Forces of
{country}", aliases troops, regime forces, police ...) take their country from a demonym
or country name right before them ("Syrian troops", "Russia's air force") or, failing
that, from the article's country focus::

    >>> dictionary = load_actor_dictionary()
    >>> [m.actor.name for m in find_actors("Daesh fighters fled as Syrian troops advanced.",
    ...     dictionary, focus=("SY",))]
    ['Islamic State', 'Military Forces of Syria']

Acronyms (all capitals) match case-sensitively, so "IS" is not "is".  An alias starting
with ``*`` in the file needs a country word before it ("Russian air strikes"): on its own
it names no one.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sitrep.countries import country_name, country_name_in_text, demonym_countries
from sitrep.types import ARMED_ACTOR_TYPES, Actor, ActorMention, Span

COUNTRY_SLOT = "{country}"


@dataclass(frozen=True, slots=True)
class AliasEntry:
    alias: str
    actor: Actor  # for generic actors the name still holds "{country}"
    generic: bool
    needs_country: bool


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """The loaded dictionary, with one compiled pattern per case mode."""

    actors: tuple[Actor, ...]
    by_alias: Mapping[str, AliasEntry]  # key: alias as written (acronyms) or casefolded
    acronym_pattern: re.Pattern[str] | None
    word_pattern: re.Pattern[str] | None

    def entry(self, matched: str) -> AliasEntry | None:
        return self.by_alias.get(matched) or self.by_alias.get(matched.casefold())


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(alias) <= 8


def _units(alias: str) -> list[str]:
    """The alias as regex pieces: a space matches spaces or hyphens, an apostrophe
    either quote."""
    return [r"[\s\-]+" if c == " " else "['’]" if c == "'" else re.escape(c) for c in alias]


_END = ""  # trie key marking that an alias ends here


def _trie_pattern(node: dict[str, Any]) -> str:
    """A regex for every alias of the trie below ``node``: one alternation per branching
    point, so matching walks a prefix tree rather than trying 2,000 aliases in turn.
    Longer aliases are tried first (an optional group is greedy)."""
    branches = [unit + _trie_pattern(child) for unit, child in node.items() if unit != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _compile(aliases: Sequence[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    trie: dict[str, Any] = {}
    for alias in sorted(set(aliases)):
        key = alias.casefold() if flags & re.IGNORECASE else alias
        node = trie
        for unit in _units(key):
            node = node.setdefault(unit, {})
        node[_END] = {}
    return re.compile(rf"(?<![\w\-'’])(?:{_trie_pattern(trie)})(?![\w\-])", flags)


def parse_actor_rows(rows: Sequence[Mapping[str, str]]) -> ActorDictionary:
    actors: list[Actor] = []
    by_alias: dict[str, AliasEntry] = {}
    acronyms: list[str] = []
    words: list[str] = []
    for row in rows:
        name = row["name"].strip()
        raw_aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        actor = Actor(
            name=name,
            actor_type=row["actor_type"].strip(),
            country=(row.get("country") or "").strip() or None,
            parent=(row.get("parent") or "").strip() or None,
            aliases=tuple(a.lstrip("*") for a in raw_aliases),
        )
        actors.append(actor)
        generic = COUNTRY_SLOT in name
        for raw in [name, *raw_aliases] if not generic else raw_aliases:
            needs_country = raw.startswith("*")
            alias = raw.lstrip("*")
            entry = AliasEntry(alias, actor, generic, needs_country)
            if _is_acronym(alias):
                by_alias.setdefault(alias, entry)
                acronyms.append(alias)
            else:
                by_alias.setdefault(alias.casefold(), entry)
                words.append(alias)
    return ActorDictionary(
        actors=tuple(actors),
        by_alias=by_alias,
        acronym_pattern=_compile(acronyms, 0),
        word_pattern=_compile(words, re.IGNORECASE),
    )


@functools.cache
def load_actor_dictionary() -> ActorDictionary:
    """The dictionary shipped in the package (``sitrep/data/actors.csv``)."""
    text = resources.files("sitrep").joinpath("data/actors.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return parse_actor_rows(list(csv.DictReader(lines)))


_COUNTRY_WORD = re.compile(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)(?:['’]s)?\s*$")


def _country_before(text: str, start: int) -> str | None:
    """The country named by the words just before ``start`` ("Syrian", "Russia's")."""
    window = text[max(0, start - 40) : start]
    # "the Syrian regime", "Russia's air force", "pro-Syrian": take the last capitalised
    # word or pair before the alias.
    match = _COUNTRY_WORD.search(window.rstrip())
    if not match:
        return None
    phrase = match.group(1)
    countries = demonym_countries()
    for candidate in (phrase, phrase.split()[-1]):
        code = countries.get(candidate.casefold())
        if code:
            return code
    return None


def _generic_actor(entry: AliasEntry, country: str) -> Actor:
    # ACLED writes "Military Forces of the United States" but "Civilians (United
    # States)": the article only where the name runs on as text.
    name = entry.actor.name.replace(f"({COUNTRY_SLOT})", f"({country_name(country) or country})")
    return Actor(
        name=name.replace(COUNTRY_SLOT, country_name_in_text(country)),
        actor_type=entry.actor.actor_type,
        country=country,
        parent=entry.actor.parent,
        aliases=entry.actor.aliases,
    )


def _countryless_actor(entry: AliasEntry) -> Actor:
    """A generic actor in a text that names no country ("the police seized seven
    firearms"): its kind is known, its country is not, so the name says no country
    ("Police Forces", "Rebel groups")."""
    name = entry.actor.name.replace(f" ({COUNTRY_SLOT})", "").replace(f" of {COUNTRY_SLOT}", "")
    return Actor(
        name=name.replace(COUNTRY_SLOT, "").strip(),
        actor_type=entry.actor.actor_type,
        country=None,
        parent=entry.actor.parent,
        aliases=entry.actor.aliases,
    )


def generic_actor(dictionary: ActorDictionary, alias: str, country: str | None) -> Actor | None:
    """The generic actor an alias names ("protesters", "civilians"), for ``country``,
    or with no country in its name when there is none: "Protesters (Sudan)",
    "Civilians"."""
    entry = dictionary.entry(alias)
    if entry is None or not entry.generic:
        return None
    return _generic_actor(entry, country) if country else _countryless_actor(entry)


# Generic actors that, right after a named group, are its members ("Daesh fighters");
# "Brotherhood protesters" stay protesters, as ACLED codes them.
_MEMBER_TYPES = ARMED_ACTOR_TYPES - {"external/other forces"}


def find_actors(
    text: str, dictionary: ActorDictionary, *, focus: Sequence[str] = ()
) -> tuple[ActorMention, ...]:
    """Actor mentions in ``text``, longest match first, non-overlapping, in text order."""
    found: list[tuple[int, int, AliasEntry]] = []
    for pattern in (dictionary.acronym_pattern, dictionary.word_pattern):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            written = match.group(0).replace("’", "'")
            entry = dictionary.entry(re.sub(r"[\s\-]+", " ", written)) or dictionary.entry(written)
            if entry is not None and not _in_capitals(text, match.start(), match.end(), entry):
                found.append((match.start(), match.end(), entry))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    mentions: list[ActorMention] = []
    last_end = -1
    named_before = False  # the last mention is a named (not a generic) actor
    for start, end, entry in found:
        if start < last_end:
            continue
        actor = entry.actor
        if (
            entry.generic
            and named_before
            and entry.actor.actor_type in _MEMBER_TYPES
            and text[last_end:start] in (" ", "-")
        ):
            # "Daesh fighters", "Houthi rebels": the named group's members, one actor
            previous = mentions[-1]
            mentions[-1] = ActorMention(
                Span(previous.span.start, end, text[previous.span.start : end]), previous.actor
            )
            last_end = end
            continue
        if entry.generic:
            country = _country_before(text, start)
            if country is None and entry.needs_country:
                continue
            if country is None and _unmapped_modifier_before(text, start):
                # "Kurdish forces", "Wagner troops": a named group we do not know;
                # better no actor than the wrong country's army.
                continue
            country = country or (focus[0] if focus else None)
            actor = _generic_actor(entry, country) if country else _countryless_actor(entry)
        mentions.append(ActorMention(Span(start, end, text[start:end]), actor))
        last_end = end
        named_before = not entry.generic
    return tuple(mentions)


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _in_capitals(text: str, start: int, end: int, entry: AliasEntry) -> bool:
    """An acronym inside a run of capitals ("THIS IS WAR") is a shouted word, not a name."""
    if not _is_acronym(entry.alias):
        return False
    before = _WORD.findall(text[max(0, start - 30) : start])
    after = _WORD.findall(text[end : end + 30])
    neighbours = before[-1:] + after[:1]
    return any(len(word) > 1 and word.isupper() for word in neighbours)


_MODIFIER_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s*$")
_HARMLESS_CAPITALS = frozenset({"The", "A", "An", "Pro", "Anti", "Some", "Many", "Two", "Three"})


# Endings of the adjectives of peoples ("Kurdish", "Tigrayan", "Alawite"); the sure ones
# stay adjectives even opening a sentence, where "-an" or "-ic" may be any word.
_PEOPLE_ENDING = re.compile(r"(?:ish|ian|an|ese|i|ite|ic)$")
_SURE_PEOPLE_ENDING = re.compile(r"(?:ish|ian|ese|ite)$")


def _unmapped_modifier_before(text: str, start: int) -> bool:
    match = _MODIFIER_BEFORE.search(text[max(0, start - 30) : start])
    if not match:
        return False
    word = match.group(1)
    # Only adjectives of peoples ("Kurdish", "Tigrayan", "Alawite") name another group;
    # a person's name ("the Asad regime") still means the state.
    if not _PEOPLE_ENDING.search(word):
        return False
    # Sentence-initial capitals are not always modifiers ("Urban fighters ..."), but the
    # endings of peoples' names are ("Kurdish forces attacked ...").
    before = text[max(0, start - 30) : start][: match.start(1)].rstrip()
    sentence_initial = not before or before.endswith((".", "!", "?", "\n", "“", '"'))
    if sentence_initial and not _SURE_PEOPLE_ENDING.search(word):
        return False
    return word not in _HARMLESS_CAPITALS
