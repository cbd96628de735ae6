"""The pipeline: the only place the stages meet.

    source -> ingest -> annotate -> extract -> merge -> store

``Pipeline`` loads the spaCy model, the gazetteer and the actor dictionary once, then runs
articles through the stages in order::

    >>> pipeline = Pipeline(load_settings())
    >>> result = pipeline.process_text(text, published=date(2018, 1, 4))
    >>> summary = pipeline.run(["articles/"], store=SQLiteStore(path))

One bad article never stops a batch: ``run`` records a ``Rejection`` (in the store and the
summary) and carries on.  ``process_text`` raises, as a library call should.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

from sitrep.annotate import Annotator, load_annotator
from sitrep.classify.cascade import CascadeTyper, SentenceTyper
from sitrep.classify.role_model import RoleModel, load_role_model
from sitrep.classify.typer import TypeGuess, load_event_typer
from sitrep.config import SECRET_SETTINGS, Settings, load_settings
from sitrep.cross_merge import family_of, merge_into
from sitrep.errors import SitrepError
from sitrep.extract.actors import ActorDictionary, find_actors, load_actor_dictionary
from sitrep.extract.context import ArticleContext, build_children, country_focus
from sitrep.extract.dates import extract_times
from sitrep.extract.events import extract_reports
from sitrep.extract.learned import worth_second_look
from sitrep.extract.numbers import extract_quantities
from sitrep.extract.places import extract_places
from sitrep.extract.sources import find_attributions
from sitrep.extract.tolls import extract_casualty_reports, extract_displacement
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.outlets import OutletHomes, load_outlet_homes
from sitrep.ingest import read_inputs
from sitrep.ingest.boilerplate import split_boilerplate
from sitrep.ingest.ids import article_id
from sitrep.merge import merge_reports
from sitrep.types import (
    Annotation,
    Article,
    ArticleResult,
    Event,
    PublishedSource,
    Rejection,
    ToponymKind,
)

if TYPE_CHECKING:
    from sitrep.engine import Engine
    from sitrep.store.base import CandidateLookup, Store

logger = logging.getLogger(__name__)

EXTRACT_FAILED = "E201-extract-failed"
BATCH_SIZE = 16  # articles parsed together by spaCy in Pipeline.run
STORE_FAILED = "E301-store-failed"


@dataclass(slots=True)
class RunSummary:
    """What a batch did; ``line()`` is the closing tally a run prints."""

    articles: int = 0  # read and processed (new)
    duplicates: int = 0  # skipped: same text seen in this run or already stored
    reports: int = 0
    events: int = 0  # events written (new or grown by a merge)
    rejections: Counter[str] = field(default_factory=Counter)
    results: list[ArticleResult] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rejected_count(self) -> int:
        return sum(self.rejections.values())

    def line(self) -> str:
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.rejections.items()))
        rejected = f"{self.rejected_count} rejected" + (f" ({codes})" if codes else "")
        return (
            f"{self.articles} articles, {self.events} events, {self.reports} reports, "
            f"{self.duplicates} duplicates, {rejected} in {self.seconds:.1f} s"
        )

    def counts(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "duplicates": self.duplicates,
            "reports": self.reports,
            "events": self.events,
            "rejections": dict(self.rejections),
        }


class Pipeline:
    """Runs articles through the stages; loads each resource once, on first use."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()

    @cached_property
    def annotator(self) -> Annotator:
        return load_annotator(self.settings.model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.open(self.settings.cache_dir)

    @cached_property
    def outlet_homes(self) -> OutletHomes:
        return load_outlet_homes(self.settings.outlet_homes)

    @cached_property
    def actors(self) -> ActorDictionary:
        return load_actor_dictionary()

    @cached_property
    def event_typer(self) -> SentenceTyper | None:
        kind = self.settings.event_typer
        if kind == "off":
            return None
        if kind == "cascade":
            return CascadeTyper(
                load_event_typer("tfidf"), load_event_typer("minilm"), escalate=worth_second_look
            )
        return load_event_typer(kind)

    @cached_property
    def role_model(self) -> RoleModel | None:
        return load_role_model() if self.settings.role_filler == "learned" else None

    # -- one article ------------------------------------------------------------------

    def process_article(self, article: Article) -> ArticleResult:
        """Annotate and extract one article; events are merged within the article only."""
        return self.extract(article, self.annotator.annotate(article.id, article.text))

    def extract(self, article: Article, annotation: Annotation) -> ArticleResult:
        """Every stage after annotation, for one article."""
        places = extract_places(
            annotation,
            self.gazetteer,
            fuzzy_min_score=self.settings.fuzzy_min_score,
            publisher=article.url or article.outlet,
            outlets=self.outlet_homes,
        )
        demonyms = tuple(
            p.place.country
            for p in places
            if p.kind is ToponymKind.DEMONYM and p.place is not None and p.place.country
        )
        focus = country_focus(places, demonyms)
        times = extract_times(annotation, article.published)
        quantities = extract_quantities(annotation)
        actors = find_actors(article.text, self.actors, focus=focus)
        attributions = tuple(
            a
            for sentence in annotation.sentences
            for a in find_attributions(sentence.text, offset=sentence.start)
        )
        ctx = ArticleContext(
            article=article,
            annotation=annotation,
            places=places,
            times=times,
            quantities=quantities,
            actors=actors,
            attributions=attributions,
            focus=focus,
            children=build_children(annotation.tokens),
            sentence_types=self.type_sentences(annotation),
            role_model=self.role_model,
        )
        reports = extract_reports(ctx)
        return ArticleResult(
            article=article,
            places=places,
            times=times,
            quantities=quantities,
            actors=actors,
            attributions=attributions,
            reports=reports,
            events=merge_reports(reports),
            casualty_reports=extract_casualty_reports(ctx),
            displacement=extract_displacement(ctx),
        )

    def type_sentences(self, annotation: Annotation) -> dict[int, TypeGuess]:
        """The typer's answer for every sentence; none when the typer is off."""
        typer = self.event_typer
        if typer is None:
            return {}
        sentences = annotation.sentences
        guesses = typer.guess([s.text for s in sentences])
        return {s.index: g for s, g in zip(sentences, guesses, strict=True)}

    def process_text(
        self, text: str, *, title: str | None = None, published: date | None = None
    ) -> ArticleResult:
        if not text.strip():
            raise SitrepError("process_text: the text is empty")
        story, boilerplate = split_boilerplate(text)
        article = Article(
            id=article_id(story),
            text=story,
            boilerplate=boilerplate,
            title=title,
            published=published,
            published_source=PublishedSource.GIVEN if published else PublishedSource.MISSING,
            origin="<text>",
        )
        return self.process_article(article)

    # -- batches ----------------------------------------------------------------------

    def run(
        self,
        inputs: Sequence[str],
        *,
        store: Store | None = None,
        published: date | None = None,
        stdin: TextIO | None = None,
        keep_results: bool = False,
        on_result: Callable[[ArticleResult], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
        engine: Engine | None = None,
    ) -> RunSummary:
        """Process every article the inputs hold, storing as it goes.

        ``engine`` runs the stages up to merge somewhere else (``sitrep.engine``: a Ray
        cluster); reading, de-duplicating and storing stay here.  None runs them in
        this process.
        """
        items: Iterable[Article | Rejection] = read_inputs(
            inputs, settings=self.settings, published=published, stdin=stdin
        )
        return self.run_items(
            items,
            store=store,
            keep_results=keep_results,
            on_result=on_result,
            on_progress=on_progress,
            engine=engine,
        )

    def run_items(
        self,
        items: Iterable[Article | Rejection],
        *,
        store: Store | None = None,
        keep_results: bool = False,
        on_result: Callable[[ArticleResult], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
        engine: Engine | None = None,
    ) -> RunSummary:
        """Process articles already read (rejections are recorded), storing as it goes.

        What ``run`` does after reading its inputs; the web API's POST /process uses it
        for articles that arrive in a request body.
        """
        started = time.perf_counter()
        summary = RunSummary()
        run_id = store.start_run(_settings_record(self.settings)) if store is not None else None
        batches = self._admit(items, summary, store, on_progress)
        outcomes = (
            engine.process(self, batches)
            if engine is not None
            else (outcome for batch in batches for outcome in self.process_batch(batch))
        )
        with closing(outcomes):
            for outcome in outcomes:
                self._record(outcome, summary, store, keep_results, on_result)
        summary.seconds = time.perf_counter() - started
        if store is not None and run_id is not None:
            store.finish_run(run_id, summary.counts())
        return summary

    def _admit(
        self,
        items: Iterable[Article | Rejection],
        summary: RunSummary,
        store: Store | None,
        on_progress: Callable[[int], None] | None,
    ) -> Iterator[list[Article]]:
        """The new articles in batches of ``BATCH_SIZE``; rejections and duplicates are
        counted here, on the caller's side, before any article reaches an engine.

        This is the resume checkpoint: an article already in the store is skipped before
        it is parsed, so a rerun of a killed run starts where the store ends.
        """
        seen: set[str] = set()
        batch: list[Article] = []
        for done, item in enumerate(items, start=1):
            if isinstance(item, Rejection):
                self._reject(item, summary, store)
            elif item.id in seen or (store is not None and store.has_article(item.id)):
                summary.duplicates += 1
            else:
                seen.add(item.id)
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    yield batch
                    batch = []
            if on_progress is not None:
                on_progress(done)
        if batch:
            yield batch

    def load(self) -> None:
        """Load every resource now rather than on first use (an engine's worker calls
        this once, so that its first batch is not slower than the rest)."""
        _ = (
            self.annotator,
            self.gazetteer,
            self.outlet_homes,
            self.actors,
            self.event_typer,
            self.role_model,
        )

    def process_batch(self, batch: Sequence[Article]) -> list[ArticleResult | Rejection]:
        """Every stage up to merge for a batch: one result or one rejection per article.

        spaCy parses the batch with its batching (about 15 % faster than one by one, see
        docs/performance.md); extraction then runs per article, so one bad article is
        rejected on its own.  Nothing here touches a store, which is why an engine can
        run it in a worker process.
        """
        try:
            annotations: list[Annotation | None] = list(
                self.annotator.annotate_many((a.id, a.text) for a in batch)
            )
        except (ValueError, RuntimeError, MemoryError):
            # One article the parser cannot take spoils the batch: retry one by one so
            # that only that article is rejected.
            logger.debug("batched parse failed; retrying one by one", exc_info=True)
            annotations = [None] * len(batch)
        return [
            self._process_one(article, annotation)
            for article, annotation in zip(batch, annotations, strict=True)
        ]

    def _process_one(
        self, article: Article, annotation: Annotation | None
    ) -> ArticleResult | Rejection:
        origin = article.origin or article.id
        try:
            if annotation is None:
                return self.process_article(article)
            return self.extract(article, annotation)
        except (SitrepError, ValueError, RuntimeError, KeyError, IndexError) as err:
            # A bug or an input the extractors cannot handle: record it with the
            # traceback's last line and go on with the batch.
            logger.debug("extraction failed for %s", origin, exc_info=True)
            detail = traceback.format_exception_only(err)[-1].strip()
            return Rejection(origin, "extract", EXTRACT_FAILED, f"{origin}: {detail}", article.id)

    def _record(
        self,
        outcome: ArticleResult | Rejection,
        summary: RunSummary,
        store: Store | None,
        keep_results: bool,
        on_result: Callable[[ArticleResult], None] | None,
    ) -> None:
        """The one writer: store a result (or record a rejection) and count it.

        Every engine's outcomes come back here, in input order, on the caller's side,
        so the merge with stored events sees articles in the same order whichever
        engine extracted them.
        """
        if isinstance(outcome, Rejection):
            self._reject(outcome, summary, store)
            return
        if store is not None:
            try:
                events_written = self._store(outcome, store)
            except SitrepError as err:
                origin = outcome.article.origin or outcome.article.id
                self._reject(
                    Rejection(origin, "store", STORE_FAILED, str(err), outcome.article.id),
                    summary,
                    store,
                )
                return
            summary.events += events_written
        else:
            summary.events += len(outcome.events)
        summary.articles += 1
        summary.reports += len(outcome.reports)
        if keep_results:
            summary.results.append(outcome)
        if on_result is not None:
            on_result(outcome)

    def _store(self, result: ArticleResult, store: Store) -> int:
        """Merge the article's events with stored ones and save them, in one transaction
        (the candidates are read under the write lock: see ``Store.save_merged``)."""

        def plan(lookup: CandidateLookup) -> tuple[list[Event], list[str]]:
            final: dict[str, Event] = {}
            absorbed: list[str] = []
            for event in result.events:
                stored = lookup(family_of(event.event_type), event.date_start, event.date_end)
                candidates = [*stored, *[e for e in final.values() if e.id != event.id]]
                merged, gone = merge_into(event, candidates)
                for stale in gone:
                    final.pop(stale, None)
                absorbed.extend(gone)
                final[merged.id] = merged
            return list(final.values()), absorbed

        return store.save_merged(result, plan).events_written

    def _reject(self, rejection: Rejection, summary: RunSummary, store: Store | None) -> None:
        summary.rejections[rejection.code] += 1
        summary.rejected.append(rejection)
        logger.warning("%s", rejection.message)
        if store is not None:
            store.save_rejection(rejection)


def _settings_record(settings: Settings) -> dict[str, Any]:
    """The settings a run is stored with; secrets (tokens, a URL's password) never are."""
    record = asdict(settings)
    record["db_url"] = settings.database if settings.db_url is not None else None
    return {
        key: "<redacted>" if key in SECRET_SETTINGS and value else str(value)
        for key, value in record.items()
    }
