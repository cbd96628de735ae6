"""The Ray engine: ``Pipeline.process_batch`` in a pool of Ray Data workers.

    >>> engine = RayEngine(workers=4)                            # doctest: +SKIP
    >>> Pipeline(settings).run(["archive/"], store=store, engine=engine)  # doctest: +SKIP

What runs where:

- the driver (this process) reads the inputs, drops duplicates and articles already
  stored (``Pipeline._admit``), and ships batches of ``BATCH_SIZE`` new articles;
- each worker is one actor of a ``map_batches`` actor pool (``BatchWorker``): it builds
  a ``Pipeline`` from the driver's settings and loads the model, gazetteer, actor
  dictionary and typers once, then runs ``process_batch`` (annotate, extract, merge
  within the article) on every batch it is given;
- the driver stores what comes back, in input order, through ``Pipeline._record``: the
  same writer, merge with stored events and ``RunSummary`` as the local engine.

The inputs are streamed in windows of ``WINDOW_BATCHES_PER_WORKER`` batches per worker:
one Ray Data dataset per window, so the driver holds at most one window of articles
however large the archive.  Each window starts its own actor pool, so the workers load
their resources once per window (a few seconds against minutes of parsing).  Batches
travel pickled in an Arrow binary column: the stage types are nested frozen dataclasses
that Arrow cannot hold as columns.

DOCS: docs/engines.md
"""

from __future__ import annotations

import heapq
import logging
import os
import pickle
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError, EngineError
from sitrep.pipeline import Pipeline

if TYPE_CHECKING:
    import pyarrow as pa

    from sitrep.config import Settings
    from sitrep.types import Article, ArticleResult, Rejection

__all__ = ["WINDOW_BATCHES_PER_WORKER", "BatchWorker", "RayEngine", "import_ray"]

logger = logging.getLogger(__name__)

# Batches (of BATCH_SIZE articles) per worker in one window: 2,048 articles a worker,
# minutes of parsing, so a worker's start-up (model load, ~5 s) is a few per cent.
WINDOW_BATCHES_PER_WORKER = 128
INSTALL_HINT = "pip install 'sitrep-events[ray]'"
# Ray reports usage statistics to its authors unless told not to; sitrep runs offline.
_OFFLINE_ENV = {"RAY_USAGE_STATS_ENABLED": "0"}


def import_ray() -> ModuleType:
    """``ray`` with Ray Data, or an ``EngineError`` that names the install command."""
    for name, value in _OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise EngineError(
            f"--engine ray needs Ray Data, which is not installed: {INSTALL_HINT}"
        ) from err
    return ray


class BatchWorker:
    """One Ray Data actor: a ``Pipeline`` loaded once, run on every batch it gets.

    A class rather than a function because Ray Data constructs a callable class once
    per actor: the spaCy model and the gazetteer are loaded in ``__init__``, not per
    batch.
    """

    def __init__(self, settings: Settings, pipeline_type: type[Pipeline] = Pipeline) -> None:
        # The driver's own class, so that a Pipeline subclass runs the same in a worker.
        self.pipeline = pipeline_type(settings)
        self.pipeline.load()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        seqs = batch.column("seq").to_pylist()
        outcomes = [
            pickle.dumps(
                self.pipeline.process_batch(pickle.loads(blob))
            )  # our own driver's batches
            for blob in batch.column("articles").to_pylist()
        ]
        return pa.table(
            {"seq": pa.array(seqs, pa.int64()), "outcomes": pa.array(outcomes, pa.binary())}
        )


@dataclass(frozen=True, slots=True)
class RayEngine:
    """``workers`` Ray Data actors; ``address`` joins a running cluster instead of
    starting a local one (``ray.init(num_cpus=workers)``, shut down at the end).

    A Ray runtime already initialised in this process (a notebook, the tests) is used
    as it is and left running.
    """

    workers: int
    address: str | None = None
    window_batches: int | None = None  # default: WINDOW_BATCHES_PER_WORKER * workers

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"--workers must be 1 or more, got {self.workers}")
        if self.window_batches is not None and self.window_batches < 1:
            raise ConfigError(f"window_batches must be 1 or more, got {self.window_batches}")

    def process(
        self, pipeline: Pipeline, batches: Iterable[Sequence[Article]]
    ) -> Generator[ArticleResult | Rejection, None, None]:
        ray = import_ray()
        window = self.window_batches or WINDOW_BATCHES_PER_WORKER * self.workers
        with _cluster(ray, self.workers, self.address):
            _check_cpus(ray, self.workers)
            # A progress bar per window would interleave with the CLI's own.
            ray.data.DataContext.get_current().enable_progress_bars = False
            pending = iter(batches)
            first = 0
            while rows := _window_rows(pending, first, window):
                yield from self._run_window(ray, pipeline, rows)
                first += len(rows)

    def _run_window(
        self, ray: ModuleType, pipeline: Pipeline, rows: list[dict[str, Any]]
    ) -> Iterator[ArticleResult | Rejection]:
        """One dataset: the window's batches through the actor pool, back in order."""
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            BatchWorker,
            batch_size=1,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(rows))),
            num_cpus=1,
            fn_constructor_kwargs={"settings": pipeline.settings, "pipeline_type": type(pipeline)},
        )
        try:
            for blob in _in_order(dataset.iter_rows(), rows[0]["seq"]):
                yield from pickle.loads(blob)  # our own workers' results
        except ray.exceptions.RayError as err:
            raise EngineError(f"a Ray worker failed: {_first_line(err)}") from err


def _window_rows(
    batches: Iterator[Sequence[Article]], first: int, size: int
) -> list[dict[str, Any]]:
    """The next ``size`` batches as dataset rows: a sequence number and the pickle."""
    return [
        {"seq": first + n, "articles": pickle.dumps(list(batch))}
        for n, batch in enumerate(islice(batches, size))
    ]


def _in_order(rows: Iterable[dict[str, Any]], first: int) -> Iterator[bytes]:
    """The rows' outcomes by sequence number, each as soon as its turn comes.

    Ray Data keeps the order when ``preserve_order`` is set, which costs throughput (a
    slow batch holds back the rest); reordering here costs only the rows that arrive
    early, so the writer still sees articles in input order and the merges come out as
    the local engine's.
    """
    waiting: list[tuple[int, bytes]] = []
    expected = first
    for row in rows:
        heapq.heappush(waiting, (int(row["seq"]), bytes(row["outcomes"])))
        while waiting and waiting[0][0] == expected:
            yield heapq.heappop(waiting)[1]
            expected += 1
    if waiting:
        raise EngineError(f"the Ray workers returned no result for batch {expected}")


@contextmanager
def _cluster(ray: ModuleType, workers: int, address: str | None) -> Iterator[None]:
    """A Ray runtime for the run: the one already initialised, a joined cluster, or a
    local one with ``workers`` CPUs that is shut down when the run ends."""
    if ray.is_initialized():
        yield
        return
    options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING}
    try:
        if address is not None:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, **options)
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
        raise EngineError(f"cannot start {where}: {_first_line(err)}") from err
    try:
        yield
    finally:
        ray.shutdown()


def _check_cpus(ray: ModuleType, workers: int) -> None:
    """Refuse a pool the cluster cannot place: Ray would wait for the CPUs forever."""
    cpus = int(ray.cluster_resources().get("CPU", 0))
    if workers > cpus:
        raise ConfigError(
            f"--workers {workers} needs {workers} CPUs but the Ray cluster has {cpus}; "
            f"give --workers {max(cpus, 1)} or fewer, or join a larger cluster (--ray-address)"
        )


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
