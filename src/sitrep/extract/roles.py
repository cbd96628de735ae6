"""Who did what to whom with what: the role fillers of one sentence, from its parse.

An event sentence names its perpetrators, victims, physical targets and weapons in the
grammatical roles of its violent predicates: the subject of an active "attacked" or the
"by" phrase of a passive "were killed" is a perpetrator; the object ("attacked an
electric power substation") or the passive subject ("a soldier ... was wounded") is a
victim or a target; "with dynamite", "a car bomb exploded" give the weapons::

    members of the FMLN attacked an electric power substation with rockets
    -> perpetrators ["members"], perpetrator groups ["FMLN"],
       targets ["electric power substation"], weapons ["rockets"]

Whether a noun phrase is a person, an organisation, an object or a weapon comes from its
head noun in ``data/role_nouns.csv``, then from its named-entity label, then from what
the predicate takes ("murdered" takes people, "dynamited" takes things).  Everything here
reads the spaCy parse kept in :class:`~sitrep.types.Annotation`; no patterns over words.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from sitrep.types import ARMED_ACTOR_TYPES, ActorMention, Annotation, Sentence, Token

NounKind = Literal["person", "group", "object", "weapon"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Predicates whose patient is a person, a thing, or either (the noun decides).
_HUMAN_PREDICATES = _word_set(
    """kill murder assassinate kidnap abduct wound injure execute massacre slay behead torture
    shoot machinegun machine-gun hurt rape strangle stab lynch hang disappear seize
    murder assassination killing kidnapping abduction execution massacre death slaying
    shooting torture rape disappearance"""
)
_OBJECT_PREDICATES = _word_set(
    """destroy burn bomb dynamite damage blow torch loot rob raid sabotage blast shell
    set hit ransack demolish bombing destruction burning arson robbery looting sabotage
    explosion blast"""
)
_EITHER_PREDICATES = _word_set("attack ambush target strike fire assault raid")
PREDICATES = _HUMAN_PREDICATES | _OBJECT_PREDICATES | _EITHER_PREDICATES
# Nouns whose possessor is the perpetrator ("the FMLN's attack"); for the others
# ("Galan's murder") the possessor is the victim.
_AGENTIVE_NOUNS = _word_set("attack ambush assault raid bombing offensive strike")
# Verbs whose subject is the weapon ("a car bomb exploded").
_WEAPON_SUBJECT_VERBS = _word_set("explode detonate go blast")
_PATIENT_PREPOSITIONS = frozenset({"on", "against", "at", "upon"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "nmod", "quantmod", "flat", "poss"})
_MAX_FILLER_TOKENS = 8
# ACLED's actor types of an organised armed group (not rioters, protesters, civilians).
ORGANISED_TYPES = ARMED_ACTOR_TYPES


def names_organisation(actor_type: str | None, name: str) -> bool:
    """An organised armed group by name, not a placeholder ("Unidentified Armed Group
    (Syria)")."""
    kind = (actor_type or "").strip().casefold()
    return kind in ORGANISED_TYPES and not name.casefold().startswith("unidentified")


@dataclass(frozen=True, slots=True)
class Roles:
    """The role fillers of one sentence, as the words of the text (lower-cased)."""

    perpetrators: tuple[str, ...] = ()  # people who did it ("guerrillas", "two men")
    perpetrator_groups: tuple[str, ...] = ()  # organisations that did it ("FMLN", "army")
    victims: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()


@functools.cache
def noun_kinds() -> dict[str, NounKind]:
    """The role-noun lexicon: lower-cased noun -> person, group, object or weapon."""
    text = resources.files("sitrep").joinpath("data/role_nouns.csv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    kinds: dict[str, NounKind] = {}
    for row in csv.DictReader(lines):
        kind = row["kind"]
        if kind in ("person", "group", "object", "weapon"):
            kinds[row["noun"].strip().casefold()] = kind  # type: ignore[assignment]
    return kinds


SLOTS = ("perpetrators", "perpetrator_groups", "victims", "targets", "weapons")


def sentence_roles(
    annotation: Annotation,
    children: Sequence[Sequence[int]],
    sentence: Sentence,
    actors: Sequence[ActorMention] = (),
) -> Roles:
    """The perpetrators, victims, targets and weapons of the violent predicates of
    ``sentence``.  ``children`` is the dependency child index of the annotation's tokens;
    ``actors`` are the sentence's dictionary actors (a named one is an organisation)."""
    reader = RoleReader(annotation, children, actors)
    return roles_from(reader, rule_fillers(reader, annotation, sentence))


def rule_fillers(
    reader: RoleReader, annotation: Annotation, sentence: Sentence
) -> list[tuple[str, Token]]:
    """The (slot, head token) pairs the parse rules find in ``sentence``, in order."""
    found: list[tuple[str, Token]] = []
    tokens = annotation.tokens[sentence.token_start : sentence.token_end]
    predicates = [t for t in tokens if _lemma(t) in PREDICATES and t.pos in ("VERB", "NOUN")]
    for predicate in predicates:
        found.extend(reader.roles_of(predicate))
    if predicates:
        found.extend(
            ("weapons", token)
            for token in tokens
            if reader.kind(token) == "weapon"
            and token.pos in ("NOUN", "PROPN")
            and not _inside_filler_head(annotation, token)
        )
    return found


def roles_from(reader: RoleReader, fillers: Sequence[tuple[str, Token]]) -> Roles:
    """``Roles`` holding the phrases of ``fillers`` (slot, head token), each once."""
    collected: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    for slot, head in fillers:
        collected[slot].append(reader.phrase(head))
    unique = {
        slot: tuple(dict.fromkeys(v for v in values if v)) for slot, values in collected.items()
    }
    return Roles(**unique)


def _lemma(token: Token) -> str:
    return token.lemma.casefold()


def human_predicate(token: Token) -> bool:
    """A predicate whose patient is a person ("murdered", "kidnapping")."""
    return _lemma(token) in _HUMAN_PREDICATES


def object_predicate(token: Token) -> bool:
    """A predicate whose patient is a thing ("dynamited", "arson")."""
    return _lemma(token) in _OBJECT_PREDICATES


def _inside_filler_head(annotation: Annotation, token: Token) -> bool:
    """A weapon noun that only modifies a weapon head ("car bomb": "car" is no weapon,
    but "bomb attack": "bomb" is one) is read as part of its head's phrase."""
    if token.dep != "compound" or not 0 <= token.head < len(annotation.tokens):
        return False
    head = annotation.tokens[token.head]
    return (
        noun_kinds().get(_lemma(head)) == "weapon"
        or noun_kinds().get(head.text.casefold()) == "weapon"
    )


class RoleReader:
    """Reads the roles of a sentence's predicates from the parse (see the module text)."""

    def __init__(
        self,
        annotation: Annotation,
        children: Sequence[Sequence[int]],
        actors: Sequence[ActorMention],
    ) -> None:
        self.tokens = annotation.tokens
        self.text = annotation.text
        self.children = children
        self.named_spans = [
            (m.span.start, m.span.end)
            for m in actors
            if names_organisation(m.actor.actor_type, m.actor.name)
        ]

    # -- what a noun names -------------------------------------------------

    def kind(self, token: Token) -> NounKind | None:
        lexicon = noun_kinds()
        found = lexicon.get(token.text.casefold()) or lexicon.get(_lemma(token))
        if found is not None:
            return found
        if any(start <= token.start < end for start, end in self.named_spans):
            return "group"
        if token.ent_type == "PERSON":
            return "person"
        if token.ent_type in ("ORG", "NORP"):
            return "group"
        if token.ent_type == "FAC":
            return "object"
        return None

    # -- the roles of one predicate ------------------------------------------

    def roles_of(self, predicate: Token) -> Iterator[tuple[str, Token]]:
        if predicate.pos == "VERB":
            yield from self._verb_roles(predicate)
        else:
            yield from self._noun_roles(predicate)
        for child in self._children(predicate):
            if child.dep == "prep" and child.text.casefold() == "with":
                for head in self._objects_of(child):
                    if self.kind(head) == "weapon":
                        yield "weapons", head

    def _verb_roles(self, verb: Token) -> Iterator[tuple[str, Token]]:
        deps = {c.dep for c in self._children(verb)}
        passive = "nsubjpass" in deps or "auxpass" in deps
        agents: list[Token] = []
        patients: list[Token] = []
        for child in self._children(verb):
            if child.dep == "nsubj" and not passive:
                agents.extend(self._conjoined(child))
            elif child.dep in ("dobj", "obj") or (child.dep == "nsubjpass"):
                patients.extend(self._conjoined(child))
            elif child.dep == "agent":
                for head in self._objects_of(child):
                    agents.extend(self._conjoined(head))
            elif (
                child.dep == "prep"
                and child.text.casefold() in _PATIENT_PREPOSITIONS
                and _lemma(verb) in _EITHER_PREDICATES
            ):
                for head in self._objects_of(child):
                    patients.extend(self._conjoined(head))
        if not agents and not passive and verb.dep in ("conj", "xcomp") and verb.head != verb.i:
            head_verb = self.tokens[verb.head]
            agents.extend(
                c for c in self._children(head_verb) if c.dep == "nsubj" for c in self._conjoined(c)
            )
        if _lemma(verb) in _WEAPON_SUBJECT_VERBS:
            for agent in agents:
                if self.kind(agent) == "weapon":
                    yield "weapons", agent
            agents = [a for a in agents if self.kind(a) != "weapon"]
        for agent in agents:
            yield from self._perpetrator(agent)
        for patient in patients:
            yield from self._patient(patient, verb)

    def _noun_roles(self, noun: Token) -> Iterator[tuple[str, Token]]:
        for child in self._children(noun):
            word = child.text.casefold()
            if child.dep == "prep" and (word == "of" or word in _PATIENT_PREPOSITIONS):
                for head in self._objects_of(child):
                    for patient in self._conjoined(head):
                        yield from self._patient(patient, noun)
            elif child.dep == "prep" and word == "by":
                for head in self._objects_of(child):
                    for agent in self._conjoined(head):
                        yield from self._perpetrator(agent)
            elif child.dep == "poss":
                if _lemma(noun) in _AGENTIVE_NOUNS:
                    yield from self._perpetrator(child)
                else:
                    yield from self._patient(child, noun)
            elif child.dep == "compound" and self.kind(child) == "weapon":
                yield "weapons", child

    def _perpetrator(self, token: Token) -> Iterator[tuple[str, Token]]:
        kind = self.kind(token)
        if kind == "group":
            yield "perpetrator_groups", token
        elif kind == "person" or (kind is None and token.pos == "PROPN"):
            yield "perpetrators", token
            # "members of the FMLN": the people, and the organisation they belong to.
            for child in self._children(token):
                if child.dep == "prep" and child.text.casefold() == "of":
                    for head in self._objects_of(child):
                        if self.kind(head) == "group" or head.pos == "PROPN":
                            yield "perpetrator_groups", head

    def _patient(self, token: Token, predicate: Token) -> Iterator[tuple[str, Token]]:
        if token.pos not in ("NOUN", "PROPN"):
            return
        kind = self.kind(token)
        if kind in ("person", "group"):
            yield "victims", token
        elif kind == "object":
            yield "targets", token
        elif kind is None:
            lemma = _lemma(predicate)
            if lemma in _HUMAN_PREDICATES:
                yield "victims", token
            elif lemma in _OBJECT_PREDICATES:
                yield "targets", token

    # -- the tree ------------------------------------------------------------

    def children_of(self, token: Token) -> list[Token]:
        return self._children(token)

    def _children(self, token: Token) -> list[Token]:
        if not 0 <= token.i < len(self.children):
            return []
        return [self.tokens[i] for i in self.children[token.i]]

    def _objects_of(self, preposition: Token) -> list[Token]:
        return [c for c in self._children(preposition) if c.dep in ("pobj", "pcomp")]

    def _conjoined(self, token: Token) -> list[Token]:
        """The token and the nouns coordinated with it ("a man and a woman")."""
        found = [token]
        for child in self._children(token):
            if child.dep == "conj" and child.pos in ("NOUN", "PROPN"):
                found.extend(self._conjoined(child))
        return found

    def phrase(self, head: Token) -> str:
        """The head noun with its modifiers to the left ("four powerful rockets"), without
        determiners; at most a few words, so a filler stays a name, not a clause."""
        members = {head.i}
        stack = [head]
        while stack:
            token = stack.pop()
            for child in self._children(token):
                if child.i < head.i and child.dep in _MODIFIER_DEPS and child.i not in members:
                    members.add(child.i)
                    stack.append(child)
        first = max(min(members), head.i - _MAX_FILLER_TOKENS + 1)
        while first < head.i and self.tokens[first].pos in ("DET", "PUNCT", "PART"):
            first += 1
        start, end = self.tokens[first].start, head.end
        return " ".join(self.text[start:end].split())
