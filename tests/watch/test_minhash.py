"""MinHash estimates, LSH candidates, and the threshold on the test articles."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sitrep.watch.minhash import (
    NEAR_DUPLICATE_THRESHOLD,
    NUM_PERMUTATIONS,
    LSHIndex,
    MinHasher,
    estimate_jaccard,
    jaccard,
    shingles,
)

from .articles import (
    CLASH,
    CONVOY,
    MARKET,
    MARKET_COPY,
    MARKET_COPY_TITLE,
    MARKET_TITLE,
)

HASHER = MinHasher()
ORIGINAL = f"{MARKET_TITLE}\n\n{MARKET}"
COPY = f"{MARKET_COPY_TITLE}\n\n{MARKET_COPY}"
# An update of the same story: a higher toll and two new sentences (kept, not a copy).
UPDATE = (
    ORIGINAL.replace("seven", "twelve").replace("20 wounded", "35 wounded")
    + " Five of the wounded died overnight in hospital, raising the toll to twelve, the"
    " medical official said on Friday. Funerals were held in the afternoon under the sound"
    " of drones, and the council declared three days of mourning."
)


@pytest.mark.parametrize("text", [MARKET, "one two", "Seven killed."])
def test_minhash_identical_texts_estimate_one(text: str) -> None:
    assert estimate_jaccard(HASHER.signature(text), HASHER.signature(text)) == 1.0


@pytest.mark.parametrize(("first", "second"), [(MARKET, CONVOY), (CONVOY, CLASH)])
def test_minhash_disjoint_texts_estimate_about_zero(first: str, second: str) -> None:
    assert jaccard(shingles(first), shingles(second)) == 0.0
    assert estimate_jaccard(HASHER.signature(first), HASHER.signature(second)) < 0.03


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_minhash_estimate_within_tolerance_of_true_jaccard(seed: int) -> None:
    """Random set pairs across the whole range: errors stay within the binomial spread."""
    rng = random.Random(seed)
    errors = []
    for _ in range(40):
        shared = rng.randint(0, 300)
        only = rng.randint(0 if shared else 1, 300)
        first = {f"w{i}" for i in range(shared + only)}
        second = {f"w{i}" for i in range(shared)} | {f"x{i}" for i in range(rng.randint(0, 300))}
        if not second - first and not first - second:
            continue
        true = jaccard(first, second)
        estimate = estimate_jaccard(HASHER.signature_of(first), HASHER.signature_of(second))
        sigma = max((true * (1 - true) / NUM_PERMUTATIONS) ** 0.5, 0.01)
        assert abs(estimate - true) <= 4 * sigma, (true, estimate)
        errors.append(abs(estimate - true))
    assert float(np.mean(errors)) < 0.03


@pytest.mark.parametrize("text", [MARKET])
def test_minhash_signatures_are_stable_across_instances(text: str) -> None:
    """Signatures are stored and compared by the next process: same seed, same values."""
    assert np.array_equal(MinHasher().signature(text), HASHER.signature(text))
    assert not np.array_equal(MinHasher(seed=99).signature(text), HASHER.signature(text))
    assert HASHER.signature(text).dtype == np.uint32
    assert HASHER.signature(text).shape == (NUM_PERMUTATIONS,)


def test_minhash_threshold_separates_a_copy_from_an_update_and_other_stories() -> None:
    copy = jaccard(shingles(ORIGINAL), shingles(COPY))
    update = jaccard(shingles(ORIGINAL), shingles(UPDATE))
    assert copy == pytest.approx(0.78, abs=0.01)  # the figures docs/watch.md gives
    assert update == pytest.approx(0.69, abs=0.01)
    original = HASHER.signature(ORIGINAL)
    assert estimate_jaccard(original, HASHER.signature(COPY)) >= NEAR_DUPLICATE_THRESHOLD
    assert estimate_jaccard(original, HASHER.signature(UPDATE)) < NEAR_DUPLICATE_THRESHOLD
    assert estimate_jaccard(original, HASHER.signature(CLASH)) < 0.1


def test_minhash_lsh_finds_the_copy_and_nothing_for_a_new_story() -> None:
    index: LSHIndex[str] = LSHIndex()
    for key, text in (("market", ORIGINAL), ("convoy", CONVOY)):
        index.add(key, HASHER.signature(text))
    twin = index.nearest(HASHER.signature(COPY))
    assert twin is not None and twin[0] == "market"
    assert twin[1] >= NEAR_DUPLICATE_THRESHOLD
    assert index.nearest(HASHER.signature(CLASH)) is None
    assert index.nearest(HASHER.signature(UPDATE)) is None  # a candidate, then refused
    assert "market" in index.candidates(HASHER.signature(UPDATE))


@pytest.mark.parametrize("capacity", [2])
def test_minhash_lsh_forgets_the_oldest_beyond_capacity(capacity: int) -> None:
    index: LSHIndex[str] = LSHIndex(capacity=capacity)
    for key, text in (("market", ORIGINAL), ("convoy", CONVOY), ("clash", CLASH)):
        index.add(key, HASHER.signature(text))
    assert len(index) == capacity
    assert index.nearest(HASHER.signature(ORIGINAL)) is None
    assert index.nearest(HASHER.signature(CLASH)) == ("clash", 1.0)
    index.remove("clash")
    assert index.candidates(HASHER.signature(CLASH)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seven killed, 20 hurt.", {"seven killed 20", "killed 20 hurt"}),
        ("Two words", {"two words"}),
        ("", set()),
    ],
)
def test_minhash_shingles(text: str, expected: set[str]) -> None:
    assert shingles(text) == expected


def test_minhash_rejects_signatures_of_another_size() -> None:
    with pytest.raises(ValueError, match="signatures of 256 and 64"):
        estimate_jaccard(HASHER.signature(MARKET), MinHasher(permutations=64).signature(MARKET))
