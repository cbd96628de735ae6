"""Figures given under a label, as situation reports and tables write them.

"Number of displaced: 452", "IDPs total 122 387", "Evacuation total people: 3,614",
"the number of displaced families is estimated to be 349": the figure stands after the
words that say what it counts, with no clause around it for the parse to follow. A label
is a displacement word (``LABEL_WORDS``), optionally after "number/total/count of" and
followed by unit words, and it must end right before the figure in one of three ways: a
colon, "total", or a copula ("is", "stands at", "is estimated to be", "reached").  A bare
word before a number ("displaced 452") is not a label: that is a clause the parse reads.

>>> from sitrep.types import Token
>>> words = "Number of displaced : 452".split()
>>> tokens = [Token(i, 0, 0, w, w, "NOUN", "NN", "dep", i, "", 0) for i, w in enumerate(words)]
>>> found = label_before(tokens, 4)
>>> (found.outcome, found.trigger.text, found.unit)
('displaced', 'displaced', 'people')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.types import Token

# The word of a label -> the outcome of the figure it heads.
LABEL_WORDS: dict[str, str] = {
    "displaced": "displaced",
    "idp": "displaced",
    "idps": "displaced",
    "evacuee": "displaced",
    "evacuees": "displaced",
    "evacuated": "displaced",
    "evacuation": "displaced",
    "evacuations": "displaced",
    "relocated": "displaced",
    "sheltered": "displaced",
    "homeless": "displaced",
    "refugees": "displaced",
    "returnees": "displaced",
}
_UNIT_WORDS: dict[str, str] = {
    "people": "people",
    "persons": "people",
    "individuals": "people",
    "families": "families",
    "households": "households",
}
_AGGREGATE_NOUNS = frozenset({"number", "total", "count", "tally", "figure", "estimate"})
_FILLER = frozenset({"the", "of", "newly", "internally", "in", "overall", "all"})
# Joints a table or a list writes ("Number of displaced: 452", "IDPs total 122 387"); the
# other joints are copulas, which need an aggregate noun in the label.
_TABLE_JOINTS = frozenset({":", "total", "totals", "totalled", "totaled"})
# What may stand between the label and the figure (read backwards from the figure).
_COPULAS: tuple[tuple[str, ...], ...] = (
    ("is", "estimated", "to", "be"),
    ("are", "estimated", "to", "be"),
    ("was", "estimated", "to", "be"),
    ("were", "estimated", "to", "be"),
    ("is", "estimated", "at"),
    ("was", "estimated", "at"),
    ("stands", "at"),
    ("stood", "at"),
    ("has", "risen", "to"),
    ("has", "reached"),
    ("rose", "to"),
    ("reached",),
    ("is",),
    ("was",),
    ("are",),
    ("were",),
    ("stands",),
    (":",),
    ("total",),
    ("totals",),
    ("totalled",),
    ("totaled",),
)
_LONGEST_JOINT = max(len(joint) for joint in _COPULAS)
_MAX_LABEL_WORDS = 7


@dataclass(frozen=True, slots=True)
class Label:
    outcome: str
    trigger: Token  # the label's displacement word
    unit: str  # people, families or households


def label_before(tokens: Sequence[Token], start: int) -> Label | None:
    """The label that ends right before the figure starting at token ``start``."""
    words = [t.text.lower() for t in tokens[max(0, start - _LONGEST_JOINT) : start]]
    joint = _joint_length(words)
    if joint is None:
        return None
    end = start - joint  # the label's words are tokens[... end]
    unit = "people"
    trigger: Token | None = None
    aggregate = False
    sentence = tokens[start].sent
    for k in range(end - 1, max(-1, end - 1 - _MAX_LABEL_WORDS), -1):
        token = tokens[k]
        if token.sent != sentence:
            break
        word = token.text.lower()
        if word in _UNIT_WORDS and trigger is None:
            unit = _UNIT_WORDS[word]
        elif word in LABEL_WORDS and trigger is None:
            trigger = token
        elif word in _AGGREGATE_NOUNS:
            aggregate = True
        elif word in _FILLER:
            pass
        else:
            break
    if trigger is None:
        return None
    copula_only = tokens[end].text.lower() not in _TABLE_JOINTS
    if copula_only and not aggregate:
        return None  # "those displaced were 300 km away": a clause, not a label
    return Label(LABEL_WORDS[trigger.text.lower()], trigger, unit)


def _joint_length(words: list[str]) -> int | None:
    """How many words before the figure join it to its label (None: no joint)."""
    for joint in _COPULAS:
        n = len(joint)
        if len(words) >= n and tuple(words[-n:]) == joint:
            return n
    return None
