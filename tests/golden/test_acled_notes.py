"""Golden test on ACLED-style event notes (``tests/fixtures/events``): the shape of text
the held-out ACLED set measures, written for this project from the codebook.

Each note must give one event coded as ACLED's codebook codes it: sub-event type, date,
place name, the two actor types and fatalities.  Notes whose ``known_gap`` names what is
still wrong are strict expected failures, so a fix shows as an unexpected pass.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.types import Event

NOTES = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "acled_style_notes.jsonl"
PUBLISHED = date(2025, 12, 1)  # an archive read years after some of the events


def _notes() -> list[Any]:
    params = []
    for line in NOTES.read_text(encoding="utf-8").splitlines():
        note = json.loads(line)
        marks = (
            [pytest.mark.xfail(strict=True, reason=note["known_gap"])] if note["known_gap"] else []
        )
        params.append(pytest.param(note, id=note["id"], marks=marks))
    return params


def _coded(event: Event) -> dict[str, Any]:
    return {
        "sub": event.sub_event_type,
        "date": event.date_start.isoformat() if event.date_start else None,
        "place": event.place.span.text if event.place is not None else None,
        "types": [a.actor_type if a else None for a in (event.actor1, event.actor2)],
        "fatalities": event.fatalities_best,
    }


@pytest.mark.issue(11)
@pytest.mark.parametrize("note", _notes())
def test_acled_notes_one_event_coded_as_acled_codes_it(pipeline, note):
    result = pipeline.process_text(note["text"], published=PUBLISHED)
    assert [_coded(e) for e in result.events] == [note["expected"]]
