from __future__ import annotations

import pytest

from sitrep.extract.sources import find_attributions


@pytest.mark.parametrize(
    ("sentence", "source", "kind"),
    [
        (
            "The Britain-based Syrian Observatory for Human Rights, which monitors the war, "
            "says that some 43 civilians were killed.",
            "Syrian Observatory for Human Rights",
            "monitor",
        ),
        (
            "Pro-opposition media say that more than 5,000 families have fled.",
            "Pro-opposition media",
            "media",
        ),
        (
            "At least 12 people died, according to the Interior Ministry.",
            "Interior Ministry",
            "government",
        ),
        ("Three soldiers were killed, the army said on Monday.", "army", "military"),
        (
            "Opposition activists say the target is the airbase.",
            "Opposition activists",
            "activists",
        ),
    ],
)
def test_sources_found_with_kind(sentence, source, kind):
    found = find_attributions(sentence)
    assert [(a.source, a.kind) for a in found][:1] == [(source, kind)]
    assert sentence[found[0].span.start : found[0].span.end] == found[0].span.text


def test_sources_offset_shifts_spans():
    found = find_attributions("Officials said two died.", offset=100)
    assert all(a.span.start >= 100 for a in found)


@pytest.mark.parametrize("sentence", ["He said nothing.", "The town fell."])
def test_sources_pronouns_and_none(sentence):
    assert [a.source for a in find_attributions(sentence)] == []
