"""Cut the boilerplate that trails a news story: related links, share prompts, bylines.

The cut is always a suffix, so offsets into the story are offsets into the input::

    >>> story, cut = split_boilerplate(
    ...     "Shells hit the market in Northtown on Thursday, killing seven people.\\n\\n"
    ...     "Related\\nAid convoy reaches Southvale\\nTalks stall in Eastport\\n"
    ... )
    >>> story
    'Shells hit the market in Northtown on Thursday, killing seven people.'
    >>> cut.split()[0]
    'Related'

The rules are general, not tuned to one site.  A trailing block starts at the earliest
line in the last 60% of the text that is either

- a marker line ("Source :", "Related articles", "Read more: ...", "Share this",
  "Follow us on ...", "Copyright © ...", "Tags: ...", "(Reporting by ...)", "— By X,
  Staff writer", a row of share buttons) followed only by lines that are not prose
  paragraphs, or
- the first of a run of at least three headline-like lines that ends the text.

Text flattened to one line hides the block inside the last paragraph, so a marker
phrase right after a sentence end ("... said. (Reporting by X; Editing by Y)", "...
on Friday. related stories: ...", "... Copyright 2018 The Associated Press.") starts a
block too, when what follows it is short (1,000 characters at most) and holds no prose
sentence.  Nothing is cut when the story left would be empty, and never more than 60%
of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The cut may start no earlier than this share of the text (so at most 60% is cut).
MIN_STORY_SHARE = 0.4
# A marker line is at most this long; longer lines are prose that happens to match.
MARKER_MAX_CHARS = 200
# Lines after a marker may be this long and still count as boilerplate (teasers, links).
BLOCK_LINE_MAX_CHARS = 200
# A line with this many words that ends a sentence is a prose paragraph.
PROSE_MIN_WORDS = 15
# Headline-like lines: shorter than this, between 3 and 20 words ("Sichuan Province" or
# "Injured: 74" are list items or figures, not headlines).
HEADLINE_MAX_CHARS = 120
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 20
# At least this many headline-like lines must end the text to count as a list.
MIN_HEADLINE_RUN = 3
# The run's capitalised share of content words must reach this ("mostly title case").
MIN_TITLE_CASE_SHARE = 0.5

_TRAIL = r"[\s:：\-–—»›>.…|]*"  # what may follow a bare marker: colon, arrow, dots
_BARE_MARKERS = (
    r"sources?",
    r"related(?:\s+(?:articles?|stories|story|posts?|coverage|content|news|links|"
    r"topics|reading|videos?|items))?",
    r"(?:read|see)\s+(?:more|also)",
    r"also\s+(?:read|see)",
    r"more\s+(?:on\s+this\s+(?:story|topic)|stories|news|coverage)",
    r"(?:most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories)",
    r"(?:latest\s+news|editor'?s\s+picks?|don'?t\s+miss)",
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)",
    r"recommended(?:\s+(?:for\s+you|stories|articles|reading))?",
    r"share(?:\s+this(?:\s+(?:article|story|page|post))?)?",
    r"(?:advertisement|comments?|leave\s+a\s+(?:comment|reply))",
    r"(?:tags|topics|keywords|categories|filed\s+under)",
    r"(?:follow\s+us|subscribe|sign\s+up|newsletter)",
)
_PREFIX_MARKERS = (
    r"sources?\s*:",  # "Source: AFP" (a colon, so "Sources said ..." is prose)
    r"(?:related|tags|topics|keywords|categories)\s*:",
    r"filed\s+under\b",
    r"(?:read|see)\s+(?:more|also)\b",
    r"also\s+(?:read|see)\b",
    r"more\s+from\b",
    r"share\s+(?:this|on|via)\b",
    r"like\s+us\s+on\b",  # not "Like me, many residents ..."
    r"follow\s+(?:us|me)\b(?!,)",
    r"follow\s+@",
    r"this\s+(?:web)?site\s+uses\s+cookies\b",
    r"our\s+standards\s*:",
    r"subscribe\s+(?:to|now|for|today)\b",
    r"sign\s+up\s+(?:for|to)\b",
    r"copyright\s*(?:©|\(c\)|\d{4})",
    r"©",
    r"\(c\)\s*(?:copyright|\d{4})",
    r".{0,120}\ball\s+rights\s+reserved\b",
    # bylines and credits: "Reporting by X; Editing by Y", "(Reporting by ...)"
    r"\(?\s*(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|written)"
    r"\s+by\b",
    r"[—–-]{1,2}\s*by\s+\S",  # "— By X, Staff writer"
)
_MARKER = re.compile(
    r"(?:(?:"
    + "|".join(_BARE_MARKERS)
    + r")"
    + _TRAIL
    + r"$|(?:"
    + "|".join(_PREFIX_MARKERS)
    + "))",
    re.IGNORECASE,
)
# "By Jane Doe" or "By Jane Doe, Staff writer" alone on a line (case-sensitive names).
_BYLINE = re.compile(r"[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,[^.!?]{0,60})?$")
# A line of share buttons: "Facebook Twitter Linkedin Mail".
# fmt: off
_SOCIAL_WORDS = frozenset((
    "facebook", "twitter", "linkedin", "mail", "email", "e-mail", "whatsapp", "print",
    "share", "reddit", "pinterest", "telegram", "instagram", "youtube", "tumblr", "messenger",
    "copy", "link", "google+", "flipboard", "pocket", "sms",
))
# fmt: on
# Marker phrases inside a line, right after a sentence end (group 1 starts the block).
_INLINE_MARKER = re.compile(
    r"(?<=[.!?\"”’)])\s*("
    r"\(?(?i:additional\s+)?(?i:reporting|writing|editing)\s+(?i:by)\s+[A-Z]"
    r"|(?i:related\s+(?:stories|story|articles?|coverage|links|reading)\b)"
    r"|(?i:read\s+more\s*(?::|»|at\b|on\b))"
    r"|(?i:copyright\s*(?:©|\(c\)|\d{4}))|©\s*\d{4}"
    r"|(?i:all\s+rights\s+reserved\b)"
    r"|(?i:our\s+standards\s*:)"
    r"|(?i:(?:like|follow)\s+us\s+on\b)"
    r"|(?i:this\s+(?:web)?site\s+uses\s+cookies\b)"
    r")"
)
# What may follow an inline marker.
MAX_INLINE_TAIL_CHARS = 1000
# Where a tail splits into sentences: line breaks and sentence ends.
_SENTENCE_BREAK = re.compile(r"\s*\n\s*|(?<=[.!?])\s+(?=[\"“‘(]?[A-Z])")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# fmt: off
_MINOR_WORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "is",
    "are", "was", "were", "be", "as", "by", "from", "with", "into", "over", "after", "before",
    "about", "amid", "than", "vs",
))
# fmt: on


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the line's first character
    text: str  # the line without its line break, stripped


def split_boilerplate(text: str) -> tuple[str, str]:
    """Split ``text`` into ``(story, cut)`` with ``story + cut == text``."""
    lines = _lines(text)
    if not lines:
        return text, ""
    min_start = int(len(text) * MIN_STORY_SHARE)
    candidates = [
        start
        for start in (
            _marker_start(lines, min_start),
            _headline_run_start(lines, min_start),
            _inline_marker_start(text, min_start),
        )
        if start is not None
    ]
    if not candidates:
        return text, ""
    start = min(candidates)
    while start > min_start and text[start - 1].isspace():
        start -= 1
    story = text[:start]
    if not story.strip():
        return text, ""
    return story, text[start:]


def _lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` with their offsets."""
    lines: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lines.append(_Line(offset + raw.index(stripped[0]), stripped))
        offset += len(raw)
    return lines


def is_marker_line(line: str) -> bool:
    """Whether ``line`` (stripped) opens a boilerplate block or is a credit line."""
    if len(line) > MARKER_MAX_CHARS:
        return False
    if _MARKER.match(line) or _BYLINE.match(line):
        return True
    words = line.casefold().split()
    return bool(words) and all(word.strip(",;|·•") in _SOCIAL_WORDS for word in words)


def _is_prose(line: str) -> bool:
    return len(line) > BLOCK_LINE_MAX_CHARS or (
        len(line.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line))
    )


def _marker_start(lines: list[_Line], min_start: int) -> int | None:
    # Walk back from the end while lines could belong to a trailing block; the earliest
    # marker inside that stretch starts the block.
    earliest: int | None = None
    for line in reversed(lines):
        marker = is_marker_line(line.text)
        if line.start < min_start or (not marker and _is_prose(line.text)):
            break
        if marker:
            earliest = line.start
    return earliest


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        len(line) < HEADLINE_MAX_CHARS
        and HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘-–—•*")
        and line[-1] not in ".,;:"
    )


def _title_case_share(lines: list[_Line]) -> float:
    content: list[str] = [
        word
        for line in lines
        for word in _WORD.findall(line.text)
        if word.casefold() not in _MINOR_WORDS
    ]
    if not content:
        return 0.0
    return sum(word[0].isupper() for word in content) / len(content)


def _headline_run_start(lines: list[_Line], min_start: int) -> int | None:
    run: list[_Line] = []
    for line in reversed(lines):
        if line.start < min_start or not _is_headline(line.text):
            break
        run.append(line)
    if len(run) < MIN_HEADLINE_RUN or _title_case_share(run) < MIN_TITLE_CASE_SHARE:
        return None
    return run[-1].start


def _inline_marker_start(text: str, min_start: int) -> int | None:
    for match in _INLINE_MARKER.finditer(text, min_start):
        start = match.start(1)
        tail = text[start:]
        if len(tail) > MAX_INLINE_TAIL_CHARS:
            continue
        later = [part.strip() for part in _SENTENCE_BREAK.split(tail)[1:]]
        if not any(_is_prose(part) for part in later if part and not is_marker_line(part)):
            return start
    return None
