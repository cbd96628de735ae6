"""Full pipeline against spaCy's parse alone, on the same real articles, one thread.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 200] [--repeats 3]

Each repeat runs three passes over the same articles, interleaved chunk by chunk (20
articles) so that machine noise hits them alike:

1. spaCy alone: ``nlp.pipe(texts)`` with the model the pipeline loads (the baseline);
2. the pipeline: ``Pipeline.process_article`` on each article (the headline);
3. the same calls with a timer around each stage (``timed_process_article``).

``timed_process_article`` repeats the call sequence of ``Pipeline.process_article``
(src/sitrep/pipeline.py) with timers: when that method changes, change this function
too.  The check at the end compares the events and reports both produce, and the sum of
the stage times with pass 2, so a drift shows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench_common import (
    Row,
    chunks,
    median,
    pin_threads,
    real_documents,
    spread,
    write_jsonl,
)

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline
    from sitrep.types import Article, ArticleResult

# Articles per interleaving step (nlp.pipe batches within a chunk).
CHUNK = 20
# Stage names in the order process_article runs them.
STAGES = (
    "annotate: spaCy parse",
    "annotate: to Annotation",
    "places",
    "context: country focus",
    "dates",
    "numbers",
    "actors",
    "sources",
    "context: children",
    "event typer",
    "events",
    "merge",
    "tolls",
)


@dataclass(slots=True)
class PipelineFigures:
    articles: int
    sentences: int
    words: int
    chars: int
    model: str
    spacy_s: list[float] = field(default_factory=list)
    pipeline_s: list[float] = field(default_factory=list)
    timed_s: list[float] = field(default_factory=list)
    stage_s: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    events: int = 0
    timed_events: int = 0


def load_articles(pipeline: Pipeline, count: int) -> list[Article]:
    """Real articles read exactly as `sitrep process x.jsonl` reads them (ingest)."""
    from sitrep.ingest import read_inputs
    from sitrep.types import Article

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_jsonl(path, real_documents(count))
        items = list(read_inputs([str(path)], settings=pipeline.settings))
    return [item for item in items if isinstance(item, Article)]


def timed_process_article(
    pipeline: Pipeline, article: Article, stage_s: dict[str, float]
) -> ArticleResult:
    """``Pipeline.process_article`` with a timer around each stage (keep in sync)."""
    from sitrep.annotate import _to_annotation
    from sitrep.extract.actors import find_actors
    from sitrep.extract.context import ArticleContext, build_children, country_focus
    from sitrep.extract.dates import extract_times
    from sitrep.extract.events import extract_reports
    from sitrep.extract.numbers import extract_quantities
    from sitrep.extract.places import extract_places
    from sitrep.extract.sources import find_attributions
    from sitrep.extract.tolls import extract_casualty_reports, extract_displacement
    from sitrep.merge import merge_reports
    from sitrep.types import ArticleResult, ToponymKind

    clock = time.perf_counter
    annotator = pipeline.annotator

    t0 = clock()
    doc = annotator._nlp(article.text)  # what Annotator.annotate does, in two timed halves
    t1 = clock()
    annotation = _to_annotation(article.id, article.text, doc, annotator.model_id)
    t2 = clock()
    places = extract_places(
        annotation, pipeline.gazetteer, fuzzy_min_score=pipeline.settings.fuzzy_min_score
    )
    t3 = clock()
    demonyms = tuple(
        p.place.country
        for p in places
        if p.kind is ToponymKind.DEMONYM and p.place is not None and p.place.country
    )
    focus = country_focus(places, demonyms)
    t4 = clock()
    times = extract_times(annotation, article.published)
    t5 = clock()
    quantities = extract_quantities(annotation)
    t6 = clock()
    actors = find_actors(article.text, pipeline.actors, focus=focus)
    t7 = clock()
    attributions = tuple(
        a
        for sentence in annotation.sentences
        for a in find_attributions(sentence.text, offset=sentence.start)
    )
    t8 = clock()
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
    )
    t9 = clock()
    ctx = replace(ctx, sentence_types=pipeline.type_sentences(annotation))
    t9b = clock()
    reports = extract_reports(ctx)
    t10 = clock()
    events = merge_reports(reports)
    t11 = clock()
    casualty_reports = extract_casualty_reports(ctx)
    displacement = extract_displacement(ctx)
    t12 = clock()
    marks = (t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t9b, t10, t11, t12)
    for name, start, end in zip(STAGES, marks, marks[1:], strict=False):
        stage_s[name] += end - start
    return ArticleResult(
        article=article,
        places=places,
        times=times,
        quantities=quantities,
        actors=actors,
        attributions=attributions,
        reports=reports,
        events=events,
        casualty_reports=casualty_reports,
        displacement=displacement,
    )


def measure(count: int, repeats: int, model: str | None = None) -> PipelineFigures:
    from sitrep.config import load_settings
    from sitrep.pipeline import Pipeline

    overrides = {"model": model} if model else None
    pipeline = Pipeline(load_settings(overrides=overrides))
    articles = load_articles(pipeline, count)
    nlp = pipeline.annotator._nlp
    texts = [a.text for a in articles]
    # Load everything and fill the lazy caches (gazetteer key lists, country names)
    # before any timing.
    for article in articles[:10]:
        pipeline.process_article(article)
    sentences = words = 0
    for doc in nlp.pipe(texts):
        sentences += sum(1 for _ in doc.sents)
        words += len(doc)
    figures = PipelineFigures(
        articles=len(articles),
        sentences=sentences,
        words=words,
        chars=sum(len(t) for t in texts),
        model=pipeline.annotator.model_id,
    )
    for repeat in range(repeats):
        print(f"  pipeline: repeat {repeat + 1}/{repeats}", file=sys.stderr, flush=True)
        spacy_s = pipeline_s = timed_s = 0.0
        stage_s: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        events = timed_events = 0
        # The three passes alternate chunk by chunk, so that a burst of load from
        # other processes falls on all three alike.
        for chunk in chunks(articles, CHUNK):
            chunk_texts = [a.text for a in chunk]
            started = time.perf_counter()
            for _doc in nlp.pipe(chunk_texts):
                pass
            spacy_s += time.perf_counter() - started

            started = time.perf_counter()
            results = [pipeline.process_article(a) for a in chunk]
            pipeline_s += time.perf_counter() - started
            events += sum(len(r.events) for r in results)

            started = time.perf_counter()
            timed = [timed_process_article(pipeline, a, stage_s) for a in chunk]
            timed_s += time.perf_counter() - started
            timed_events += sum(len(r.events) for r in timed)
        figures.spacy_s.append(spacy_s)
        figures.pipeline_s.append(pipeline_s)
        figures.timed_s.append(timed_s)
        figures.events, figures.timed_events = events, timed_events
        for name, seconds in stage_s.items():
            figures.stage_s[name].append(seconds)
    return figures


def rows(f: PipelineFigures) -> list[Row]:
    spacy_s, pipe_s, timed_s = median(f.spacy_s), median(f.pipeline_s), median(f.timed_s)
    n = f.articles
    ratios = [p / s for p, s in zip(f.pipeline_s, f.spacy_s, strict=True)]

    def rate(x: float) -> str:
        return f"{x:.1f}"

    section = "pipeline (1 thread)"
    out = [
        Row(
            section,
            "texts",
            f"{n} articles",
            f"{f.sentences} sentences, {f.words} words, {f.chars / n:.0f} chars/article",
        ),
        Row(
            section,
            "**pipeline / spaCy time (headline)**",
            f"**{median(ratios):.2f}x**",
            "median of the per-run ratios; " + spread(ratios, lambda x: f"{x:.2f}x"),
        ),
        Row(
            section,
            "spaCy alone (nlp.pipe): articles/s",
            rate(n / spacy_s),
            spread([n / s for s in f.spacy_s], rate),
        ),
        Row(section, "spaCy alone: sentences/s", rate(f.sentences / spacy_s), ""),
        Row(section, "spaCy alone: words/s", f"{f.words / spacy_s:.0f}", ""),
        Row(
            section,
            "full pipeline (process_article): articles/s",
            rate(n / pipe_s),
            spread([n / s for s in f.pipeline_s], rate),
        ),
        Row(section, "full pipeline: sentences/s", rate(f.sentences / pipe_s), ""),
        Row(section, "full pipeline: ms/article", f"{1000 * pipe_s / n:.1f}", ""),
    ]
    stage = "stages (ms/article)"
    for name in STAGES:
        seconds = median(f.stage_s[name])
        out.append(
            Row(
                stage,
                name,
                f"{1000 * seconds / n:.2f}",
                f"{100 * seconds / timed_s:.1f} % of the timed pass",
            )
        )
    summed = sum(median(f.stage_s[name]) for name in STAGES)
    in_sync = "same events" if f.events == f.timed_events else "EVENTS DIFFER: re-sync"
    out.append(
        Row(
            stage,
            "sum of stages / process_article",
            f"{1000 * summed / n:.2f} / {1000 * pipe_s / n:.2f}",
            f"{in_sync} ({f.events} events)",
        )
    )
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: settings)")
    args = parser.parse_args(argv)
    pin_threads()
    for row in rows(measure(args.articles, args.repeats, args.model)):
        print(f"{row.metric:45} {row.value:>22}  {row.note}")


if __name__ == "__main__":
    main()
