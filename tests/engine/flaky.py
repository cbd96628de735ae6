"""A Pipeline whose extraction fails on one marked article: the worker-side rejection."""

from __future__ import annotations

from sitrep.pipeline import Pipeline
from sitrep.types import Annotation, Article, ArticleResult

MARK = "boom"


class FlakyPipeline(Pipeline):
    """Raises in ``extract`` for an article that mentions ``MARK``, as a buggy
    extractor would; Ray ships the class to its workers by value."""

    def extract(self, article: Article, annotation: Annotation) -> ArticleResult:
        if MARK in article.text:
            raise ValueError("extractor exploded")
        return super().extract(article, annotation)
