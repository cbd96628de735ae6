"""Hand-built events for the report tests: one article per event, spans cut from its text.

December 2017 in Syria (five events, 43 fatalities), November 2017 (two events, 14
fatalities), an Iraqi event that no Syrian report may show, and one event whose names and
sentence are hostile markup (``HOSTILE_*``)::

    id        day         type / sub-event       place     actor1             killed
    sy-clash  2017-12-02  Battles / Armed clash  Abu Dali  Forces of Syria    12 militants, 3 gov.
    sy-air    2017-12-10  Explosions / Air       Idlib     Forces of Russia   20 civilians
    sy-shell  2017-12-10  Explosions / Shelling  Idlib     Forces of Syria    5 civilians
    sy-is     2017-12-20  VAC / Attack           (none)    Islamic State      2 civilians
    sy-xss    2017-12-28  Battles / Armed clash  HOSTILE   HOSTILE_ACTOR      1 people
    sy-nov1   2017-11-15  Battles / Armed clash  Idlib     Forces of Syria    4 militants
    sy-nov2   2017-11-20  Explosions / Air       Idlib     Forces of Russia   10 civilians
    iq-mosul  2017-12-05  Explosions / Suicide   Mosul     Islamic State      30 civilians
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from export.samples import (
    IDLIB,
    MOSUL,
    make_article,
    make_event,
    make_report,
    place_mention,
    quantity,
)
from sitrep.types import ActorRole, ArticleResult, Event, Place, PlaceMention, Quantity

HOSTILE_PLACE = "<script>alert(1)</script>"
HOSTILE_ACTOR = "<img src=x onerror=alert(2)>"
HOSTILE_SENTENCE_MARK = "| `rm -rf` [click](javascript:alert(3)) # not a heading"

ABU_DALI = Place(None, "Abu Dali", 35.27, 36.95, "SY", "Hama", "P", "PPL", source="test")
HOSTILE = Place(None, HOSTILE_PLACE, 36.2, 37.1, "SY", "Aleppo", "P", "PPL", source="test")

AIR_SENTENCE = (
    "An airstrike hit a market in Idlib, killing 20 civilians, the Syrian Observatory said."
)


@dataclass(frozen=True)
class Spec:
    event_id: str
    day: date
    text: str
    trigger: str
    event_type: str
    sub_event_type: str
    place_words: str | None
    place: Place | None
    actor1: tuple[str, str] | None
    killed: tuple[tuple[str, int | None, str], ...]  # (words, value, category)


SPECS: tuple[Spec, ...] = (
    Spec(
        "sy-clash",
        date(2017, 12, 2),
        "Clashes in Abu Dali\n\nSyrian government forces clashed with Hayat Tahrir al-Sham "
        "in Abu Dali, killing 12 militants and 3 soldiers, the Syrian Observatory said.",
        "clashed",
        "Battles",
        "Armed clash",
        "Abu Dali",
        ABU_DALI,
        ("Military Forces of Syria", "state forces"),
        (("12 militants", 12, "militants"), ("3 soldiers", 3, "government forces")),
    ),
    Spec(
        "sy-air",
        date(2017, 12, 10),
        f"Market hit\n\n{AIR_SENTENCE}",
        "airstrike",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Idlib",
        IDLIB,
        ("Military Forces of Russia", "external/other forces"),
        (("20 civilians", 20, "civilians"),),
    ),
    Spec(
        "sy-shell",
        date(2017, 12, 10),
        "Shelling\n\nGovernment artillery shelled Idlib, killing 5 civilians.",
        "shelled",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Idlib",
        IDLIB,
        ("Military Forces of Syria", "state forces"),
        (("5 civilians", 5, "civilians"),),
    ),
    Spec(
        "sy-is",
        date(2017, 12, 20),
        "Attack\n\nIslamic State fighters attacked a village, killing 2 civilians.",
        "attacked",
        "Violence against civilians",
        "Attack",
        None,
        None,
        ("Islamic State", "rebel group"),
        (("2 civilians", 2, "civilians"),),
    ),
    Spec(
        "sy-xss",
        date(2017, 12, 28),
        f"{HOSTILE_PLACE}\n\nFighters clashed in {HOSTILE_PLACE} {HOSTILE_SENTENCE_MARK}, "
        "killing 1 person.",
        "clashed",
        "Battles",
        "Armed clash",
        HOSTILE_PLACE,
        HOSTILE,
        (HOSTILE_ACTOR, "rebel group"),
        (("1 person", 1, "people"),),
    ),
    Spec(
        "sy-nov1",
        date(2017, 11, 15),
        "November clash\n\nSyrian government forces clashed with rebels near Idlib, "
        "killing 4 militants.",
        "clashed",
        "Battles",
        "Armed clash",
        "Idlib",
        IDLIB,
        ("Military Forces of Syria", "state forces"),
        (("4 militants", 4, "militants"),),
    ),
    Spec(
        "sy-nov2",
        date(2017, 11, 20),
        "November strike\n\nAn airstrike on Idlib killed 10 civilians.",
        "airstrike",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Idlib",
        IDLIB,
        ("Military Forces of Russia", "external/other forces"),
        (("10 civilians", 10, "civilians"),),
    ),
    Spec(
        "iq-mosul",
        date(2017, 12, 5),
        "Mosul bomb\n\nA suicide bomber struck Mosul, killing 30 civilians.",
        "struck",
        "Explosions/Remote violence",
        "Suicide bomb",
        "Mosul",
        MOSUL,
        ("Islamic State", "rebel group"),
        (("30 civilians", 30, "civilians"),),
    ),
)


def sample_result(spec: Spec) -> ArticleResult:
    """One article holding one report and its event, as the pipeline would store it."""
    article_id = hashlib.sha1(spec.text.encode(), usedforsecurity=False).hexdigest()
    article = make_article(
        text=spec.text,
        article_id=article_id,
        title=spec.text.split("\n", 1)[0],
        published=spec.day,
        external_id=spec.event_id,
    )
    text = article.text
    place: PlaceMention | None = (
        place_mention(text, spec.place_words, spec.place) if spec.place_words else None
    )
    killed: tuple[Quantity, ...] = tuple(
        quantity(text, words, value, category) for words, value, category in spec.killed
    )
    report = make_report(
        article,
        trigger=spec.trigger,
        event_type=spec.event_type,
        sub_event_type=spec.sub_event_type,
        place=place,
        day=spec.day,
        killed=killed,
    )
    if spec.actor1 is not None:
        report = replace(report, actor1=ActorRole(spec.actor1[0], spec.actor1[1]))
    event = make_event(spec.event_id, (report,))
    return ArticleResult(
        article=article, places=(place,) if place else (), reports=(report,), events=(event,)
    )


def sample_events(*ids: str) -> list[Event]:
    """The events of the named specs (all when none is named)."""
    wanted = set(ids)
    return [sample_result(s).events[0] for s in SPECS if not wanted or s.event_id in wanted]


DECEMBER = ("sy-clash", "sy-air", "sy-shell", "sy-is", "sy-xss")
NOVEMBER = ("sy-nov1", "sy-nov2")
