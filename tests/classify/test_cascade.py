"""The cascade of two typers: the second answers only where ``escalate`` says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from sitrep.classify.cascade import CascadeTyper
from sitrep.classify.typer import TypeGuess
from sitrep.extract.learned import worth_second_look
from sitrep.taxonomy import NOT_AN_EVENT


def _guess(label: str, probability: float) -> TypeGuess:
    rest = 1.0 - probability
    return TypeGuess(
        label=label,
        probability=probability,
        event_probability=rest if label == NOT_AN_EVENT else probability,
        distribution=((label, probability), ("Other", rest)),
    )


@dataclass
class _Fixed:
    """A typer that answers one label and records what it was asked."""

    label: str
    probability: float = 0.9
    asked: list[str] = field(default_factory=list)

    def guess(self, texts: Sequence[str]) -> list[TypeGuess]:
        self.asked.extend(texts)
        return [_guess(self.label, self.probability) for _ in texts]


def test_cascade_second_typer_reads_only_the_escalated_sentences():
    first, second = _Fixed(NOT_AN_EVENT), _Fixed("Air/drone strike")
    cascade = CascadeTyper(first, second, escalate=lambda text, guess: "bombed" in text)
    texts = ["It rained in Aleppo.", "Jets bombed Saraqib.", "Talks resume on Monday."]
    labels = [g.label for g in cascade.guess(texts)]
    assert labels == [NOT_AN_EVENT, "Air/drone strike", NOT_AN_EVENT]
    assert first.asked == texts
    assert second.asked == ["Jets bombed Saraqib."]


def test_cascade_with_nothing_escalated_never_calls_the_second():
    first, second = _Fixed(NOT_AN_EVENT), _Fixed("Attack")
    cascade = CascadeTyper(first, second, escalate=lambda text, guess: False)
    assert [g.label for g in cascade.guess(["A.", "B."])] == [NOT_AN_EVENT, NOT_AN_EVENT]
    assert second.asked == []


@pytest.mark.parametrize(
    ("text", "guess", "escalate"),
    [
        ("Warplanes struck the town.", _guess(NOT_AN_EVENT, 0.2), True),  # an event word
        ("The talks ended.", _guess("Agreement", 0.5), True),  # the first typer's event
        ("The talks ended.", _guess("Agreement", 0.1), False),  # unsure, no event word
        ("The weather was cold.", _guess(NOT_AN_EVENT, 0.4), False),
    ],
)
def test_cascade_worth_second_look(text, guess, escalate):
    assert worth_second_look(text, guess) is escalate
