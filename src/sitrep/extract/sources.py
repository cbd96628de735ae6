"""Sources: who claims it ("says the Syrian Observatory", "activists said", "according to X").

An attribution is found per sentence from reporting verbs and "according to"; its kind
tells an analyst how to weigh it::

    >>> [a.source for a in find_attributions(
    ...     "The Syrian Observatory for Human Rights says 43 civilians were killed.")]
    ['Syrian Observatory for Human Rights']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.types import Attribution, Span

_REPORTING = (
    r"said|says|say|reported|reports|report|told|claimed|claims|claim|announced|announces|"
    r"confirmed|confirms|stated|states|added|estimated|estimates|counted|documented|tallied"
)
# A source: optional article, then up to eight name words (capitalised words with their
# connectors: "Syrian Observatory for Human Rights"), or a generic source noun phrase.
_NAME = r"(?:the\s+)?(?:[A-Z][\w’'\-.]*(?:\s+(?:for|of|the|and|de|al|al-)?\s*[A-Z][\w’'\-.]*){0,7})"
_GENERIC = (
    r"(?:(?i:pro-opposition|opposition|local|state|state-run|official|Syrian|Russian|Iranian|"
    r"Turkish|Iraqi|Israeli|Ukrainian|Kurdish|pro-government|government|independent|western|"
    r"activist|rebel|military|medical|hospital|health|security|police|army|witnesses|"
    r"[A-Z][a-z]+)\s+)?"
    r"(?:media|activists|officials|sources|witnesses|residents|medics|doctors|monitors|"
    r"spokesman|spokeswoman|spokesperson|ministry|observatory|rescuers|news agency|"
    r"television|TV|police|army|military|authorities|hospital officials|health officials)"
)
_SOURCE = rf"(?P<src>{_GENERIC}|{_NAME})"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\baccording to\s+{_SOURCE}"),
    re.compile(rf"{_SOURCE}(?:,[^,]{{1,80}},)?\s+(?:{_REPORTING})\b"),
    re.compile(rf"(?:,|”|\")\s*(?:{_REPORTING})\s+{_SOURCE}"),
)

_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"observatory|monitor|airwars|acled|ocha|human rights watch|amnesty|"
            r"white helmets|civil defen[cs]e|rights group",
            re.I,
        ),
        "monitor",
    ),
    (
        re.compile(
            r"ministry|government|official|authorities|governor|president|minister|"
            r"spokes",
            re.I,
        ),
        "government",
    ),
    (re.compile(r"army|military|command|forces|centcom|pentagon|coalition", re.I), "military"),
    (
        re.compile(
            r"media|news|agency|television|\btv\b|reuters|associated press|\bap\b|afp|"
            r"sana|al jazeera|bbc|cnn|newspaper",
            re.I,
        ),
        "media",
    ),
    (re.compile(r"activist", re.I), "activists"),
    (re.compile(r"witness|resident|medic|doctor|hospital|rescuer", re.I), "witnesses"),
)

# Words that a name-shaped match may start with but that name no source.
_NOT_SOURCES = frozenset(
    {
        "He",
        "She",
        "They",
        "It",
        "We",
        "I",
        "This",
        "That",
        "There",
        "The",
        "A",
        "An",
        "But",
        "And",
        "Reports",
        "Report",
        "Some",
        "Officials",
        "Media",
    }
)


def _kind(source: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.search(source):
            return kind
    if re.fullmatch(r"(?:[A-Z][a-z’'\-]+\s+){1,3}[A-Z][a-z’'\-]+", source):
        return "person"
    return "other"


def _clean(source: str) -> str:
    source = source.strip(' ,.;:“”"')
    source = re.sub(r"^(?:the|The)\s+", "", source)
    source = re.sub(r"^[\w’'.-]+-based\s+", "", source)
    return re.sub(r"['’]s$", "", source).strip()


def find_attributions(text: str, offset: int = 0) -> tuple[Attribution, ...]:
    """Attributions in ``text`` (one sentence), spans shifted by ``offset``."""
    found: list[Attribution] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            raw = match.group("src")
            source = _clean(raw)
            if not source or source in _NOT_SOURCES or len(source) < 2:
                continue
            start = match.start("src") + raw.find(source) if source in raw else match.start("src")
            end = start + len(source)
            span = Span(offset + start, offset + end, text[start:end])
            if any(a.span.start < span.end and span.start < a.span.end for a in found):
                continue
            found.append(Attribution(span=span, source=source, kind=_kind(source)))
    found.sort(key=lambda a: a.span.start)
    return tuple(found)


def attributions_by_sentence(
    text: str, sentence_bounds: Sequence[tuple[int, int]]
) -> tuple[tuple[Attribution, ...], ...]:
    """``find_attributions`` for each (start, end) sentence of ``text``."""
    return tuple(find_attributions(text[s:e], offset=s) for s, e in sentence_bounds)
