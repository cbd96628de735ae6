"""Two typers in a cascade: a cheap one for every sentence, a better one where it counts.

The MiniLM typer is the more accurate on news unlike its training sentences (CASE 2021,
docs/events.md) but costs about 15 ms a sentence on one core, twice spaCy's parse; most
news sentences report no event and name no event word.  ``CascadeTyper`` asks the TF-IDF
typer about every sentence and the MiniLM typer only about those ``escalate`` picks (in
the pipeline: a sentence with an event word, or one the first typer takes for an event),
so the second typer's cost follows the share of eventful sentences, not the text's length.
The setting ``event_typer = "cascade"`` builds it (``Pipeline.event_typer``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sitrep.classify.typer import TypeGuess

__all__ = ["CascadeTyper", "SentenceTyper"]


class SentenceTyper(Protocol):
    """Anything that answers ``TypeGuess`` per sentence (``EventTyper``, a cascade)."""

    def guess(self, texts: Sequence[str]) -> list[TypeGuess]: ...


@dataclass(frozen=True, slots=True)
class CascadeTyper:
    first: SentenceTyper
    second: SentenceTyper
    escalate: Callable[[str, TypeGuess], bool]

    def guess(self, texts: Sequence[str]) -> list[TypeGuess]:
        guesses = self.first.guess(texts)
        picked = [
            i
            for i, (text, g) in enumerate(zip(texts, guesses, strict=True))
            if self.escalate(text, g)
        ]
        if picked:
            better = self.second.guess([texts[i] for i in picked])
            for i, guess in zip(picked, better, strict=True):
                guesses[i] = guess
        return guesses
