"""Near-duplicate articles: MinHash signatures over word shingles, found through LSH bands.

    >>> hasher = MinHasher()
    >>> story = hasher.signature("Shelling killed seven people at the market on Thursday")
    >>> shouted = hasher.signature("SHELLING killed seven people at the market, on Thursday!")
    >>> estimate_jaccard(story, shouted)
    1.0
    >>> index = LSHIndex[str]()
    >>> index.add("article-1", story)
    >>> index.nearest(hasher.signature("Shelling killed seven people at the market on Thursday"))
    ('article-1', 1.0)

Wire services are copied: the same story comes back from ten outlets with a new headline,
a dateline, a changed word or two.  Each copy is a new article (its text hash differs)
but not news: coding it again costs a parse and adds a report that says nothing new.
Two texts are near duplicates when the Jaccard similarity of their sets of word
``SHINGLE_WORDS``-grams is at least ``NEAR_DUPLICATE_THRESHOLD``.

A signature keeps, for each of ``NUM_PERMUTATIONS`` seeded hash functions
``h(x) = (a x + b) mod p`` over the shingles' 32-bit hashes, the smallest value; the
share of positions where two signatures agree estimates the Jaccard similarity (standard
error ``sqrt(J (1 - J) / 256)``: at most 0.031).  To find candidates without comparing
against every stored article, the signature is cut into ``BANDS`` bands of ``ROWS`` rows;
articles sharing a whole band are candidates, and only candidates are compared.  With
64 bands of 4 rows, a pair at J = 0.7 becomes a candidate with probability 1 - 2e-8,
at J = 0.5 with 0.98, and at J = 0.2 with 0.10 (then rejected by the comparison); two
unrelated news stories score about 0 and are almost never compared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

__all__ = [
    "BANDS",
    "NEAR_DUPLICATE_THRESHOLD",
    "NUM_PERMUTATIONS",
    "ROWS",
    "LSHIndex",
    "MinHasher",
    "Signature",
    "estimate_jaccard",
    "jaccard",
    "shingles",
]

SHINGLE_WORDS = 3
NUM_PERMUTATIONS = 256
BANDS = 64
ROWS = NUM_PERMUTATIONS // BANDS
# Jaccard similarity of word 3-shingles at or above which two articles are the same story
# told twice.  A second outlet's copy of a story (a new headline and dateline, a word
# changed, the last sentence cut) scores 0.78; an update that changes the toll and adds
# two sentences 0.69, and is kept; different stories about 0 (tests/watch/test_minhash.py).
NEAR_DUPLICATE_THRESHOLD = 0.7
SEED = 13
# A prime just below 2**32: (a x + b) stays exact in uint64 for x, a, b < 2**32.
_PRIME = np.uint64(4294967291)
_WORD = re.compile(r"\w+", re.UNICODE)

Signature = npt.NDArray[np.uint32]
Key = TypeVar("Key", bound=Hashable)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word runs of ``text``, lower-cased, punctuation dropped.

    A text shorter than ``size`` words is one shingle (its words), so it still compares.
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(first: set[str], second: set[str]) -> float:
    """The exact Jaccard similarity of two sets (1.0 for two empty sets)."""
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True, slots=True)
class MinHasher:
    """Signatures from ``permutations`` seeded hash functions: the same seed, the same
    functions, so signatures stored by one process compare with the next one's."""

    permutations: int = NUM_PERMUTATIONS
    seed: int = SEED
    _a: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)
    _b: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        prime = int(_PRIME)
        a = rng.integers(1, prime, size=(self.permutations, 1), dtype=np.uint64)
        b = rng.integers(0, prime, size=(self.permutations, 1), dtype=np.uint64)
        object.__setattr__(self, "_a", a)
        object.__setattr__(self, "_b", b)

    def signature(self, text: str) -> Signature:
        """The signature of ``text``'s shingles (all ``2**32 - 1`` for an empty text)."""
        return self.signature_of(shingles(text))

    def signature_of(self, items: Iterable[str]) -> Signature:
        hashes = np.fromiter((_hash32(item) for item in items), dtype=np.uint64)
        if hashes.size == 0:
            return np.full(self.permutations, np.iinfo(np.uint32).max, dtype=np.uint32)
        permuted = (self._a * hashes[np.newaxis, :] + self._b) % _PRIME
        signature: Signature = permuted.min(axis=1).astype(np.uint32)
        return signature


def _hash32(item: str) -> int:
    """A stable 32-bit hash (Python's ``hash`` changes between processes)."""
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=4).digest(), "big")


def estimate_jaccard(first: Signature, second: Signature) -> float:
    """The share of signature positions that agree: an unbiased Jaccard estimate."""
    if first.shape != second.shape:
        raise ValueError(f"signatures of {first.size} and {second.size} permutations")
    return float(np.count_nonzero(first == second)) / first.size


@dataclass(slots=True)
class LSHIndex(Generic[Key]):
    """Signatures by band: ``candidates`` finds keys sharing a band, ``nearest`` checks them.

    In memory; ``watch.state`` stores the signatures and the poller rebuilds the index
    from them on start.  Re-adding a key makes it the newest.
    """

    bands: int = BANDS
    rows: int = ROWS
    threshold: float = NEAR_DUPLICATE_THRESHOLD
    capacity: int | None = None  # beyond it, the oldest signature added is forgotten
    _buckets: list[dict[bytes, set[Key]]] = field(default_factory=list)
    _signatures: dict[Key, Signature] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._buckets = [{} for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._signatures)

    def _band_keys(self, signature: Signature) -> list[bytes]:
        if signature.size != self.bands * self.rows:
            raise ValueError(
                f"a signature of {signature.size} values in {self.bands} bands of {self.rows}"
            )
        return [signature[i * self.rows : (i + 1) * self.rows].tobytes() for i in range(self.bands)]

    def add(self, key: Key, signature: Signature) -> None:
        self.remove(key)
        self._signatures[key] = signature
        for bucket, band in zip(self._buckets, self._band_keys(signature), strict=True):
            bucket.setdefault(band, set()).add(key)
        while self.capacity is not None and len(self._signatures) > self.capacity:
            self.remove(next(iter(self._signatures)))  # dicts keep insertion order

    def remove(self, key: Key) -> None:
        signature = self._signatures.pop(key, None)
        if signature is None:
            return
        for bucket, band in zip(self._buckets, self._band_keys(signature), strict=True):
            keys = bucket.get(band)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del bucket[band]

    def candidates(self, signature: Signature) -> set[Key]:
        found: set[Key] = set()
        for bucket, band in zip(self._buckets, self._band_keys(signature), strict=True):
            found |= bucket.get(band, set())
        return found

    def nearest(self, signature: Signature) -> tuple[Key, float] | None:
        """The most similar stored key at or above ``threshold``, with its estimate."""
        best: tuple[Key, float] | None = None
        for key in self.candidates(signature):
            similarity = estimate_jaccard(signature, self._signatures[key])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (key, similarity)
        return best
