"""Read numbers written in words or digits: "three", "twenty-four", "1,200", "1.5 million".

Both ``numbers`` (counted figures) and ``dates`` ("four days after", "the past two weeks")
need the same reading of cardinal numbers, so it lives here once::

    >>> parse_number("two million")
    2000000
    >>> parse_number("1.5 million")
    1500000
    >>> parse_number("a dozen")
    12
    >>> parse_number("dozens") is None  # vague: see VAGUE_NUMBERS
    True

Vague counts ("dozens", "hundreds", "tens of thousands") have no value, only a lower bound
(``VAGUE_NUMBERS``): "dozens" means at least two dozen, "hundreds" at least two hundred.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_WORDS", "VAGUE_NUMBERS", "parse_number", "vague_lower_bound"]

_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
_ARTICLES: dict[str, int] = {"a": 1, "an": 1, "dozen": 12, "couple": 2, "pair": 2}

# Every word that can be part of a written number (for building patterns elsewhere).
NUMBER_WORDS: frozenset[str] = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES)

# Vague counts and the lower bound each implies ("hundreds" = at least two hundred).
VAGUE_NUMBERS: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
}

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


def _digits_value(text: str) -> float | None:
    if not _DIGITS.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def parse_number(text: str) -> int | None:
    """The value of a written cardinal, or None when ``text`` is not one.

    Accepts digits ("1,200", "1.5"), words ("two hundred and five", "twenty-four"),
    digits with a scale word ("1.5 million"), and "a dozen", "a couple of", "a hundred".
    Fractions are rounded to the nearest integer.
    """
    words = [w for w in re.split(r"[\s-]+", text.strip().lower().replace("\u2019", "'")) if w]
    if words and words[-1] == "of":  # "a couple of", "a dozen of"
        words = words[:-1]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for index, word in enumerate(words):
        digits = _digits_value(word)
        if digits is not None:
            current += digits
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1.0) * scale
            if scale >= 1_000:
                total += current
                current = 0.0
        elif word in _ARTICLES and word in ("dozen", "couple", "pair"):
            current = (current or 1.0) * _ARTICLES[word]
        elif word in ("a", "an") and index == 0 and len(words) > 1:
            continue  # "a hundred", "a dozen": the article is the 1 the scale takes
        elif word == "and" and seen:
            continue
        else:
            return None
        seen = True
    if not seen:
        return None
    return round(total + current)


def vague_lower_bound(text: str) -> int | None:
    """The lower bound of a vague count ("dozens" -> 24), or None if it is not one."""
    return VAGUE_NUMBERS.get(" ".join(text.lower().split()))
