"""The backend-neutral helpers for reading an article back (prefixes, one match)."""

from __future__ import annotations

import pytest

from sitrep.errors import StoreError
from sitrep.store.article_rows import MIN_PREFIX, only_match, prefix_bounds


def test_prefix_bounds_hold_every_id_with_the_prefix() -> None:
    low, high = prefix_bounds("a1b2c3")  # type: ignore[misc]
    assert low <= "a1b2c3ffff" < high
    assert not low <= "a1b2c4" < high


def test_a_short_prefix_is_refused_with_the_minimum() -> None:
    with pytest.raises(StoreError, match=f"at least {MIN_PREFIX} characters"):
        prefix_bounds("a" * (MIN_PREFIX - 1))


def test_a_prefix_ending_in_the_last_code_point_has_no_range() -> None:
    assert prefix_bounds("abcde\U0010ffff") is None


def test_only_match_names_what_an_ambiguous_prefix_matched() -> None:
    rows = [{"id": f"abcdef{i}"} for i in range(7)]
    with pytest.raises(StoreError, match=r"abcdef0, .*abcdef4 and more"):
        only_match("abcdef", rows)
    assert only_match("abcdef", rows[:1]) == {"id": "abcdef0"}
    assert only_match("abcdef", []) is None
