"""Text features for the event typer: TF-IDF of word unigrams and bigrams.

Words are lower-cased, digits folded to ``0`` and a light suffix stem applied, so that
"shelled", "shelling" and "shells" share a feature and "43" and "57" are one number::

    >>> terms("Russian jets shelled 43 villages")
    ['russian', 'jet', 'shell', '0', 'village', 'russian jet', 'jet shell', 'shell 0', \
'0 village']

The vocabulary (terms seen in at least ``min_df`` training sentences, their inverse
document frequencies) is part of the trained model file; vectors are sub-linear TF times
IDF, L2-normalised.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sitrep.classify.softmax import Rows

__all__ = ["Vocabulary", "build_vocabulary", "terms"]

FloatArray = npt.NDArray[np.float32]

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d[\d,.]*")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


def _stem(word: str) -> str:
    if word[0].isdigit():
        return "0"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if (
                suffix in ("ing", "ed")
                and len(stem) > 3
                and stem[-1] == stem[-2]
                and stem[-1] not in "lsfz"
            ):
                stem = stem[:-1]  # "stabbed" -> "stab"; "shelled" stays "shell"
            return stem
    return word


def terms(text: str) -> list[str]:
    """The unigrams then the bigrams of ``text``, normalised."""
    words = [_stem(w.replace("’", "'")) for w in _WORD.findall(text.casefold())]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    index: Mapping[str, int]
    idf: FloatArray  # one weight per term, in index order

    def __len__(self) -> int:
        return len(self.index)

    def rows(self, texts: Sequence[str], dense: FloatArray | None = None) -> Rows:
        """L2-normalised TF-IDF rows of ``texts`` (a text of no known term: an empty
        row), with ``dense`` (one row per text) appended when given."""
        row: list[int] = []
        column: list[int] = []
        value: list[float] = []
        for r, text in enumerate(texts):
            counts = Counter(i for t in terms(text) if (i := self.index.get(t)) is not None)
            weights = {i: (1.0 + math.log(n)) * float(self.idf[i]) for i, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for i, w in sorted(weights.items()):
                row.append(r)
                column.append(i)
                value.append(w / norm)
        block = dense if dense is not None else np.zeros((len(texts), 0), dtype=np.float32)
        return Rows(
            n=len(texts),
            n_sparse=len(self.index),
            row=np.array(row, dtype=np.int64),
            column=np.array(column, dtype=np.int64),
            value=np.array(value, dtype=np.float32),
            dense=block.astype(np.float32),
        )

    def vectorize(self, texts: Sequence[str]) -> FloatArray:
        """The TF-IDF rows as a dense array (for inspection and tests)."""
        rows = self.rows(texts)
        out = np.zeros((rows.n, rows.n_sparse), dtype=np.float32)
        out[rows.row, rows.column] = rows.value
        return out


def build_vocabulary(texts: Iterable[str], *, min_df: int = 2) -> Vocabulary:
    """The terms of ``texts`` found in at least ``min_df`` of them, with smoothed IDF."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(set(terms(text)))
        n += 1
    kept = sorted(t for t, c in df.items() if c >= min_df)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
    return Vocabulary({t: i for i, t in enumerate(kept)}, idf)
