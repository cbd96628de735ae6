"""What the map and the charts share: escaping, the event-type palette, number formats.

Every string that reaches an SVG goes through ``esc`` (``html.escape`` with quotes), as
actor, place and type names come from news articles.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> type_colour("Battles"), type_colour("something else")
    ('#d55e00', '#8c8c8c')
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from sitrep.taxonomy import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC

__all__ = [
    "FONT",
    "OTHER_COLOUR",
    "SVG_NAMESPACE",
    "TYPE_COLOURS",
    "esc",
    "num",
    "shorten",
    "type_colour",
]

# Okabe-Ito colours (told apart with the common colour-vision deficiencies).
TYPE_COLOURS: Mapping[str, str] = {
    BATTLES: "#d55e00",
    EXPLOSIONS: "#0072b2",
    VAC: "#cc79a7",
    PROTESTS: "#009e73",
    RIOTS: "#e69f00",
    STRATEGIC: "#56b4e9",
}
OTHER_COLOUR = "#8c8c8c"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # a name, never fetched
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def esc(text: object) -> str:
    """``text`` safe inside SVG/HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def type_colour(event_type: str) -> str:
    """The colour of an ACLED event type; grey for any other value."""
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def num(value: float) -> str:
    """A number for an SVG attribute: at most one decimal, no trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (before escaping)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
