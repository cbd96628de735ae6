"""Typos in news copy: a word one edit from a known one ("peole", "civillians").

A word is corrected only when it is no English word itself (WordNet's lemmas, the
gazetteer's list) and exactly one known word, of five letters or more, lies one edit
away (an insertion, a deletion, a substitution or two neighbours swapped): "policy"
stays "policy" though "police" is one edit from it.

    >>> corrected("peole", ["people", "police"])
    'people'
    >>> corrected("policy", ["people", "police"]) is None
    True
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.geo.lexicon import is_english_word

__all__ = ["corrected", "one_edit_apart"]

MIN_LENGTH = 5


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one edit (Damerau: a swap is one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def corrected(word: str, known: Iterable[str]) -> str | None:
    """The one known word ``word`` misspells, or None (see the module's rules)."""
    word = word.lower()
    if len(word) < MIN_LENGTH or not word.isalpha():
        return None
    singular = word[:-1] if word.endswith("s") else word
    if is_english_word(word) or is_english_word(singular):
        return None
    matches = {k for k in known if len(k) >= MIN_LENGTH and one_edit_apart(word, k)}
    return matches.pop() if len(matches) == 1 else None
