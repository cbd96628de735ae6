"""Name keys: how a toponym as written is turned into the key the gazetteer is indexed by.

Two keys, from strict to loose::

    >>> name_key("Khān Shaykhūn"), name_key("St. Louis")
    ('khan shaykhun', 'st louis')
    >>> translit_key("Khan Sheikhoun") == translit_key("Khān Shaykhūn")
    True
    >>> translit_key("al-Raqqah") == translit_key("Raqqa")
    True

``name_key`` only folds what never distinguishes two places in English news: accents,
case, punctuation and spacing.  ``translit_key`` also folds the spelling variation of
romanised Arabic, Persian, Russian and Ukrainian names (al-/el-, kh/ch/sh/q, ou/oo/u,
ei/ay/ey/e, doubled letters, the vowels themselves): it is lossy on purpose and is only
consulted when the strict key finds nothing, so its collisions cost little.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "DIVISION_SUFFIXES",
    "FIRST_LEVEL_SUFFIXES",
    "SECOND_LEVEL_SUFFIXES",
    "has_latin_letter",
    "is_acronym",
    "name_key",
    "river_town_short_name",
    "split_division_suffix",
    "strip_division_suffix",
    "translit_key",
]

# Apostrophes and ayn/hamza marks are deleted (Ma'arrat = Maarrat); every other
# non-alphanumeric character separates words ("Khan-Sheikhoun" = "Khan Sheikhoun").
_DELETE = str.maketrans("", "", "'’‘`´ʿʾʻʼ")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII.
_EXTRA_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)

# Generic words for a division, stripped to index the bare name ("Idlib Governorate" is
# also "Idlib").  First-level words ask for the division, not its namesake town ("Hama
# province"); second-level words for a division below it (precision 2).
FIRST_LEVEL_SUFFIXES = frozenset(
    {
        *("autonomous republic", "autonomous region", "autonomous community"),
        *("autonomous province", "special administrative region", "capital territory"),
        *("federal district", "union territory", "governorate", "muhafazah", "province"),
        *("provincia", "oblast", "oblast'", "krai", "kray", "okrug", "region", "state"),
        *("prefecture", "department", "departamento", "departement", "canton"),
        *("voivodeship", "territory", "emirate", "wilayah", "vilayet"),
    }
)
SECOND_LEVEL_SUFFIXES = frozenset(
    {
        *("district", "county", "parish", "municipality", "division"),
        *("local government area", "lga", "municipal district", "township", "twp"),
    }
)
DIVISION_SUFFIXES = FIRST_LEVEL_SUFFIXES | SECOND_LEVEL_SUFFIXES
_SUFFIX_RE = re.compile(
    r"^(?P<base>.+?)[\s,-]+(?P<suffix>"
    + "|".join(re.escape(s) for s in sorted(DIVISION_SUFFIXES, key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
# "Province of Hama", "Governorate of Idlib", "Region of Murcia".
_PREFIX_RE = re.compile(
    r"^(?P<suffix>province|governorate|region|state|district|department|prefecture|county|"
    r"oblast|municipality|canton|territory|emirate)\s+of\s+(?:the\s+)?(?P<base>.+)$",
    re.IGNORECASE,
)

# Arabic article forms that precede a name ("al-Raqqah", "Deir ez-Zor", "Abu az Zuhur").
_ARTICLES = frozenset(
    {"al", "el", "ad", "as", "ar", "an", "at", "az", "ash", "ed", "es", "ez", "ul", "ud", "ur"}
)
# Abbreviations of generic name parts.
_ABBREVIATIONS = {
    "st": "saint",
    "ste": "sainte",
    "ft": "fort",
    "mt": "mount",
    "pt": "point",
}
# Consonant spellings that romanisations use for one sound, applied in order.
_CONSONANTS: tuple[tuple[str, str], ...] = (
    ("tch", "k"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "k"),
    ("ch", "k"),
    ("sh", "k"),
    ("ck", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("x", "ks"),
)
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def has_latin_letter(text: str) -> bool:
    """True when ``text`` holds at least one Latin letter (accented ones included)."""
    return _LATIN.search(text) is not None


def is_acronym(text: str) -> bool:
    """Capitals, four characters at most once full stops are dropped ("UN", "P.A.")."""
    bare = text.replace(".", "")
    return bare.isupper() and len(bare) <= 4


@functools.lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The strict key: ASCII-folded, lower-case, punctuation dropped, spaces collapsed.

    Characters with no ASCII decomposition (Arabic, Cyrillic, CJK) vanish, so a name in
    another script has an empty key and is not indexed: news in English writes place
    names in Latin letters.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.translate(_DELETE)
    return _NON_ALNUM.sub(" ", ascii_text).strip()


@functools.lru_cache(maxsize=200_000)
def translit_key(text: str) -> str:
    """The loose key: ``name_key`` with romanisation variants folded together.

    Steps, each a habit of transliteration rather than of one place: drop Arabic article
    words ("al", "el", "ad", "ash"...) that stand before another word; expand "St", "Ft",
    "Mt"; join the words; fold consonant digraphs (kh/ch/sh/q -> k, gh -> g, dh -> d,
    th -> t, ph -> f, zh/dj -> j, w -> v); collapse doubled letters; turn every run of
    vowels into one "a" (Idlib/Idleb, Homs/Hims, Kiev/Kyiv differ only there); drop a
    final "h" after a vowel (Raqqah/Raqqa, Hasakeh/Hasaka).
    """
    key = name_key(text)
    if not key:
        return ""
    words = key.split()
    words = [_ABBREVIATIONS.get(w, w) for w in words]
    if len(words) > 1:
        kept = [w for i, w in enumerate(words) if not (w in _ARTICLES and i < len(words) - 1)]
        words = kept or words
    joined = "".join(words)
    for source, target in _CONSONANTS:
        joined = joined.replace(source, target)
    joined = _DOUBLED.sub(r"\1", joined)
    joined = _VOWEL_RUN.sub("a", joined)
    if len(joined) > 2 and joined.endswith("ah"):
        joined = joined[:-1]
    return _DOUBLED.sub(r"\1", joined)


def split_division_suffix(text: str) -> tuple[str, str | None]:
    """Split a generic division word off a name: ("Hama", "province") for "Hama province".

    Works on either side ("Province of Hama").  Returns ``(text, None)`` when there is no
    such word or nothing would be left of the name.
    """
    stripped = text.strip()
    match = _SUFFIX_RE.match(stripped) or _PREFIX_RE.match(stripped)
    if match is None:
        return stripped, None
    base = match.group("base").strip(" ,-")
    if not base or not has_latin_letter(base):
        return stripped, None
    return base, match.group("suffix").lower()


def strip_division_suffix(text: str) -> str:
    """``text`` without a generic division word ("Idlib Governorate" -> "Idlib")."""
    return split_division_suffix(text)[0]


# "Newcastle upon Tyne", "Stoke-on-Trent", "Rostov-on-Don", "Frankfurt am Main": towns
# named for their river, which news shortens to the first part ("Newcastle", "Burton").
_RIVER_TOWN = re.compile(
    r"^(?P<short>[^\W\d][\w'.]*(?:[ -][\w'.]+)??)"
    r"(?:[ -](?:upon|on|under)[ -]|[ ](?:am|an der)[ ])(?:the[ -])?[A-Z]",
)


def river_town_short_name(name: str) -> str | None:
    """The short name news uses for a town named after its river, or None.

    >>> river_town_short_name("Newcastle upon Tyne"), river_town_short_name("Rostov-on-Don")
    ('Newcastle', 'Rostov')
    >>> river_town_short_name("Bourton-on-the-Water"), river_town_short_name("Boston")
    ('Bourton', None)
    """
    found = _RIVER_TOWN.match(name)
    if found is None:
        return None
    short = found.group("short")
    return short if len(short) >= 4 else None
