"""Engines: where the stages up to merge run; reading and storing never move.

    >>> engine = get_engine("ray", workers=2)                  # doctest: +SKIP
    >>> Pipeline(settings).run(["articles/"], store=store, engine=engine)  # doctest: +SKIP

``Pipeline.run`` reads the inputs, drops duplicates and articles already stored, and
hands batches of new articles to an engine; the engine returns one ``ArticleResult`` or
``Rejection`` per article, in input order, and the pipeline stores them through one
writer.  ``local`` runs ``Pipeline.process_batch`` in this process; ``ray`` runs the same
method in a pool of Ray Data workers (``ray_engine.py``).  A new engine is one more
module and one more entry in ``ENGINES``.

DOCS: docs/engines.md
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline
    from sitrep.types import Article, ArticleResult, Rejection

__all__ = ["ENGINES", "Engine", "LocalEngine", "default_workers", "get_engine"]


class Engine(Protocol):
    """Runs ``pipeline.process_batch`` over batches; yields outcomes in input order.

    A generator, so that the pipeline can close it (and the engine free its workers)
    when the run stops early.
    """

    def process(
        self, pipeline: Pipeline, batches: Iterable[Sequence[Article]]
    ) -> Generator[ArticleResult | Rejection, None, None]: ...


@dataclass(frozen=True, slots=True)
class LocalEngine:
    """This process, one batch after another: what ``Pipeline.run`` does by default."""

    def process(
        self, pipeline: Pipeline, batches: Iterable[Sequence[Article]]
    ) -> Generator[ArticleResult | Rejection, None, None]:
        for batch in batches:
            yield from pipeline.process_batch(batch)


def default_workers() -> int:
    """The CPUs this process may use (its affinity, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _local(workers: int, address: str | None) -> Engine:
    if address is not None:
        raise ConfigError("--ray-address needs --engine ray")
    del workers  # one process: the local engine has no pool to size
    return LocalEngine()


def _ray(workers: int, address: str | None) -> Engine:
    from sitrep.engine.ray_engine import RayEngine

    return RayEngine(workers=workers, address=address)


ENGINES: dict[str, Callable[[int, str | None], Engine]] = {"local": _local, "ray": _ray}


def get_engine(name: str, *, workers: int | None = None, address: str | None = None) -> Engine:
    """The engine called ``name`` with ``workers`` workers (default: the CPU count).

    Raises ``ConfigError`` for an unknown name or a worker count below 1, and
    ``EngineError`` when the engine's library (Ray) is not installed.
    """
    try:
        make = ENGINES[name]
    except KeyError:
        known = ", ".join(ENGINES)
        raise ConfigError(f"unknown engine {name!r}; choose one of: {known}") from None
    count = default_workers() if workers is None else workers
    if count < 1:
        raise ConfigError(f"--workers must be 1 or more, got {count}")
    return make(count, address)
