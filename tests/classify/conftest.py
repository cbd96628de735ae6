"""Small invented training sentences for the classifier tests."""

from __future__ import annotations

import pytest

from sitrep.classify.train import Example

_SENTENCES = {
    "Air/drone strike": [
        "Warplanes bombed the village of {p} at dawn.",
        "A drone strike hit a car near {p}.",
        "Jets carried out air strikes on {p}.",
        "Helicopter gunships struck positions around {p}.",
    ],
    "Peaceful protest": [
        "Hundreds of teachers marched through {p} over unpaid wages.",
        "Farmers staged a sit-in outside the governor's office in {p}.",
        "Students rallied peacefully in {p} against fee rises.",
        "Traders held a demonstration in {p} against new taxes.",
    ],
    "None": [
        "The minister said talks on {p} would resume next week.",
        "Floods displaced thousands of families near {p}.",
        "The court in {p} adjourned the trial until May.",
        "Officials in {p} pledged more aid for the region.",
    ],
}
_PLACES = ["Aleppo", "Kano", "Mosul", "Goma", "Gao"]


@pytest.fixture(scope="session")
def examples_fixture() -> list[Example]:
    return [
        Example(template.format(p=place), label, "news", f"mem:{i}")
        for label, templates in _SENTENCES.items()
        for i, template in enumerate(templates)
        for place in _PLACES
    ]
