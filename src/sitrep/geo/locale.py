"""Which country a story is written in, from its writing conventions.

Local news seldom names its own country: a council story from Mansfield, Texas says
"City Council", "$765,000" and "7 p.m.", never "Texas" or "United States".  Its
conventions still tell where it was written: the currency it counts in, American or
British spelling, and institutions (American, British, Canadian, Australian).
``locale_focus`` turns such cues into a small country weight that ``resolve`` adds to
the countries a story names, so that a bare "Mansfield" in an American council story is
an American town, and in a story priced in pounds a British one.  Each kind of cue
counts once however often it occurs, and the weight stays at about one mention of a
country by name (at most 1.2), so a story that names its countries is decided by them.

    >>> locale_focus("The council approved a $765,000 financing package.")
    {'US': 0.6}
    >>> locale_focus("Rents rose 5 per cent to £1,200, the council said.")
    {'GB': 1.05}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["LOCALE_CUES", "locale_focus"]

# Per country, (cue, weight) pairs; a cue is a regular expression matched anywhere.
LOCALE_CUES: Mapping[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    "US": (
        # Dollars without another country's mark (C$, A$, NZ$, HK$, S$ ...).
        (re.compile(r"(?<![A-Za-z])\$\s?\d"), 0.6),
        (
            re.compile(
                r"\b(?:percent|color|colors|favorite|neighbor|neighbors|neighborhood|"
                r"defense|theater|center|centers|traveled|gray)\b"
            ),
            0.3,
        ),
        (
            re.compile(
                r"\b(?:[Ss]heriff(?:'s|’s)? (?:[Oo]ffice|[Dd]epartment|[Dd]eputies)|"
                r"[Cc]ounty [Cc]ommission(?:ers?)?|[Tt]ownship [Tt]rustees|"
                r"[Ss]tate [Tt]rooper|Interstate \d+|[Hh]igh [Ss]chool|"
                r"\((?:R|D)-[A-Z][a-z.]+\)|Gov\. [A-Z]|Sen\. [A-Z]|Rep\. [A-Z])"
            ),
            0.45,
        ),
    ),
    "GB": (
        (re.compile(r"£\s?\d|\bpounds? sterling\b|\b\d+(?:\.\d+)?\s?(?:pence|p each)\b"), 0.75),
        (re.compile(r"\bper cent\b"), 0.3),
        (
            re.compile(
                r"\b(?:NHS|MPs?|Tory|Tories|Labour (?:MP|Party|leader)|"
                r"Metropolitan Police|Scotland Yard|Whitehall|Westminster|"
                r"Premier League|county council|borough council)\b"
            ),
            0.45,
        ),
    ),
    "CA": (
        (re.compile(r"\bC\$\s?\d|\b\d[\d,.]*\s?(?:Canadian dollars|loonies?)\b"), 0.6),
        (
            re.compile(
                r"\b(?:RCMP|OPP|MPPs?|Mounties|Crown (?:attorney|counsel)|Statistics Canada|"
                r"Canadian Press|CBC News|CTV News|(?:provincial|federal) Liberals?)\b|"
                r"\b(?:Const|S/Sgt)\. [A-Z]"
            ),
            0.45,
        ),
    ),
    "AU": (
        (re.compile(r"\bA\$\s?\d|\bAU\$\s?\d"), 0.6),
        (
            re.compile(
                r"\b(?:NSW Police|Victoria Police|Queensland Police|Labor (?:MP|Party|leader)|"
                r"the Coalition government|Centrelink|Medicare Australia)\b"
            ),
            0.45,
        ),
    ),
}
MAX_LOCALE_WEIGHT = 1.2


def locale_focus(text: str) -> dict[str, float]:
    """Country weights (ISO2 -> 0..1.2) from the conventions ``text`` is written in.

    A country whose cues are outweighed by another's gets nothing: American spelling
    in a story priced in pounds says less than the pounds.
    """
    weights: dict[str, float] = {}
    for country, cues in LOCALE_CUES.items():
        weight = sum(w for pattern, w in cues if pattern.search(text))
        if weight > 0:
            weights[country] = round(min(MAX_LOCALE_WEIGHT, weight), 3)
    if not weights:
        return {}
    top = max(weights.values())
    return {c: w for c, w in weights.items() if w == top or w > 0.5 * top}
