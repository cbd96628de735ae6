"""The noun phrases of a sentence that could fill a role, and what the role scorer reads
of each.

A candidate is the head noun of a phrase ("substation" of "an electric power
substation"); nouns that only modify another noun ("power") are not candidates.  Its
features are strings: the head's lemma, named-entity label and lexicon kind, its
dependency path up to the predicate that governs it ("nsubjpass", "pobj<agent:by"), that
predicate and its class (takes people, things or either), the words around it, and the
slot the parse rules of :mod:`sitrep.extract.roles` gave it::

    >>> sorted(f for f in features_of_example() if f.startswith(("w=", "path=", "rule=")))
    ['path=nsubjpass', 'rule=victims', 'w=soldier']

The features are case-free (lemmas, lower-cased words): the training text (MUC-4) is
lower-cased, the text sitrep reads is not, and the same feature must mean the same on
both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.classify.role_model import RoleModel
from sitrep.extract.roles import (
    PREDICATES,
    RoleReader,
    human_predicate,
    object_predicate,
    rule_fillers,
)
from sitrep.types import Annotation, Sentence, Token

__all__ = ["Candidate", "candidates", "features_of_example", "scored_fillers"]

# A noun with one of these relations to its head only modifies it ("power substation").
_MODIFYING_DEPS = frozenset({"compound", "flat", "amod", "nummod", "quantmod", "npadvmod"})
# Relations walked up from a noun to the predicate that governs it.
_PATH_STEPS = 4
_NAMED_STEPS = frozenset({"prep", "agent"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One noun phrase head and its features."""

    head: Token
    features: tuple[str, ...]
    rule_slot: str | None  # the slot the parse rules gave it, None when none


def candidates(
    reader: RoleReader,
    annotation: Annotation,
    sentence: Sentence,
    rules: Sequence[tuple[str, Token]],
) -> list[Candidate]:
    """Every noun phrase head of ``sentence`` with its features; ``rules`` are the parse
    rules' (slot, head) pairs for the sentence (``roles.rule_fillers``).

    The sentence's place in the article is a feature (capped at 3): the lead names the
    main incident's roles more often than later sentences.
    """
    by_head: dict[int, str] = {}
    for slot, head in rules:
        by_head.setdefault(head.i, slot)
    tokens = annotation.tokens
    out: list[Candidate] = []
    for token in tokens[sentence.token_start : sentence.token_end]:
        if token.pos not in ("NOUN", "PROPN") or token.dep in _MODIFYING_DEPS:
            continue
        rule_slot = by_head.get(token.i)
        features = _features(reader, tokens, sentence, token, rule_slot)
        out.append(Candidate(token, tuple(features), rule_slot))
    return out


def _features(
    reader: RoleReader,
    tokens: Sequence[Token],
    sentence: Sentence,
    token: Token,
    rule_slot: str | None,
) -> list[str]:
    lemma = token.lemma.casefold()
    kind = reader.kind(token) or "-"
    path, governor = _path_to_predicate(tokens, token)
    governor_class = _predicate_class(governor)
    passive = any(c.dep in ("auxpass", "nsubjpass") for c in reader.children_of(governor))
    voice = "pass" if passive else "act"
    features = [
        f"w={lemma}",
        f"pos={token.pos}",
        f"ent={token.ent_type or '-'}",
        f"kind={kind}",
        f"dep={token.dep}",
        f"rule={rule_slot or '-'}",
        f"path={path}",
        f"path+voice={path}|{voice}",
        f"gov={governor.lemma.casefold()}",
        f"govclass={governor_class}",
        f"path+gov={path}|{governor.lemma.casefold()}",
        f"path+govclass={path}|{governor_class}|{voice}",
        f"kind+path={kind}|{path}",
        f"kind+govclass={kind}|{governor_class}",
        f"rule+kind={rule_slot or '-'}|{kind}",
        f"sentence={min(sentence.index, 3)}",
    ]
    for child in reader.children_of(token):
        if child.dep in ("amod", "compound", "nummod") and child.i < token.i:
            features.append(f"mod={child.lemma.casefold()}")
        elif child.dep == "prep" and child.text.casefold() == "of":
            for pobj in reader.children_of(child):
                if pobj.dep == "pobj":
                    features.append(f"of={pobj.lemma.casefold()}")
                    features.append(f"of_kind={reader.kind(pobj) or '-'}")
        elif child.dep == "appos":
            features.append(f"appos_kind={reader.kind(child) or '-'}")
    before = token.i - 1
    if before >= sentence.token_start:
        features.append(f"prev={tokens[before].lemma.casefold()}")
    after = token.i + 1
    if after < sentence.token_end:
        features.append(f"next={tokens[after].lemma.casefold()}")
    return features


def _path_to_predicate(tokens: Sequence[Token], token: Token) -> tuple[str, Token]:
    """The relations from ``token`` up to the verb or violent noun that governs it
    ("pobj<prep:by"), and that governor (the token itself at the root)."""
    steps: list[str] = []
    current = token
    for _ in range(_PATH_STEPS):
        if current.head == current.i or not 0 <= current.head < len(tokens):
            break
        named = current.dep in _NAMED_STEPS
        steps.append(f"{current.dep}:{current.text.casefold()}" if named else current.dep)
        current = tokens[current.head]
        if current.pos == "VERB" or current.lemma.casefold() in PREDICATES:
            break
    return "<".join(steps) or "root", current


def _predicate_class(token: Token) -> str:
    if human_predicate(token):
        return "human"
    if object_predicate(token):
        return "object"
    if token.lemma.casefold() in PREDICATES:
        return "either"
    return "verb" if token.pos == "VERB" else "other"


def features_of_example() -> tuple[str, ...]:
    """The features of "soldier" in "A soldier was wounded in the attack." (a doctest)."""
    words = ["A", "soldier", "was", "wounded", "in", "the", "attack", "."]
    tags = [
        ("DET", "det", 1, "a"),
        ("NOUN", "nsubjpass", 3, "soldier"),
        ("AUX", "auxpass", 3, "be"),
        ("VERB", "ROOT", 3, "wound"),
        ("ADP", "prep", 3, "in"),
        ("DET", "det", 6, "the"),
        ("NOUN", "pobj", 4, "attack"),
        ("PUNCT", "punct", 3, "."),
    ]
    tokens: list[Token] = []
    start = 0
    for i, (word, (pos, dep, head, lemma)) in enumerate(zip(words, tags, strict=True)):
        tokens.append(Token(i, start, start + len(word), word, lemma, pos, pos, dep, head, "", 0))
        start += len(word) + 1
    text = " ".join(words)
    sentence = Sentence(0, 0, len(text), text, 0, len(tokens))
    annotation = Annotation("example", text, (sentence,), tuple(tokens), (), "example")
    children = [[t.i for t in tokens if t.head == i and t.i != i] for i in range(len(tokens))]
    reader = RoleReader(annotation, children, ())
    found = candidates(reader, annotation, sentence, rule_fillers(reader, annotation, sentence))
    return next(c.features for c in found if c.head.text == "soldier")


def scored_fillers(
    reader: RoleReader,
    annotation: Annotation,
    sentence: Sentence,
    model: RoleModel,
    rules: Sequence[tuple[str, Token]],
) -> list[tuple[str, Token]]:
    """The (slot, head token) pairs the role scorer fills in ``sentence``; ``rules`` as
    for :func:`candidates`."""
    found = candidates(reader, annotation, sentence, rules)
    slots = model.slots([c.features for c in found])
    return [(slot, c.head) for c, slot in zip(found, slots, strict=True) if slot is not None]
