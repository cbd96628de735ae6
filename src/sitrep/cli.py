"""The command line: thin wrappers over the library, one command per function.

Exit codes: 0 success; 1 an error stopped the command (message on stderr); 2 bad usage;
3 the run finished but some inputs were rejected (each named on stderr, all counted in
the closing line and stored in the database's ``rejections`` table).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from sitrep import __version__
from sitrep.config import SETTINGS, Settings, load_settings
from sitrep.errors import ConfigError, SitrepError
from sitrep.types import ArticleResult, Event

if TYPE_CHECKING:
    from sitrep.engine import Engine

EXIT_REJECTIONS = 3

app = typer.Typer(
    name="sitrep",
    help="Turn conflict news into evidence-linked event data (ACLED taxonomy), offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
# soft_wrap: an error line is never broken at the terminal width, so a path in it stays
# whole and greppable (issue 13); one-line results on stdout (the closing tally) print
# with soft_wrap=True for the same reason, while tables and articles still fit the width.
err = Console(stderr=True, soft_wrap=True)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="A TOML settings file (see docs/settings.md).")
]
# A str, not a Path: a Path would fold a URL's "//" (postgresql://host/db).
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite database file or postgresql:// URL (default: sitrep.db in the user data "
        "dir; docs/postgres.md).",
    ),
]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config_file=config, overrides=overrides)
    except SitrepError as error:
        raise typer.BadParameter(str(error)) from error


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"{option} expects YYYY-MM-DD, got {value!r}") from error


def _fail(error: Exception) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(str(error))}")
    return typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}", soft_wrap=True)
        raise typer.Exit


@app.callback()
def main_callback(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    version: Annotated[  # noqa: ARG001 - handled by its eager callback
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """sitrep reads articles (files, folders, HTML, RSS/Atom, JSONL, URLs, stdin) and
    writes events with the sentence behind every field."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def process(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.", show_default=False)
    ],
    db: DbOpt = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write one prediction line per article (JSONL)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for every input, overriding metadata."),
    ] = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not write to the database.")
    ] = False,
    fetch: Annotated[
        bool | None, typer.Option("--fetch/--no-fetch", help="Allow fetching URLs and feed pages.")
    ] = None,
    show_events: Annotated[
        bool, typer.Option("--show/--quiet", help="Print the events found.")
    ] = True,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="Where extraction runs: local (this process) or ray (Ray Data)."
        ),
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Ray workers, one CPU each (default: this machine's CPU count).",
            show_default=False,
        ),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="Join this Ray cluster (auto, or HOST:6379); default: start a local one.",
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Read articles, extract events and store them (idempotent: re-runs change nothing;
    a killed run resumes where the database ends, see docs/engines.md)."""
    from sitrep.export.jsonl import prediction_record
    from sitrep.pipeline import Pipeline
    from sitrep.store.open import open_store

    settings = _settings(config, db_path=str(db) if db else None, allow_fetch=fetch)
    published_date = _parse_date(published, "--published")
    run_engine = _engine(engine, workers, ray_address)
    _announce_gazetteer_build(settings)
    pipeline = Pipeline(settings)
    found: list[Event] = []
    with ExitStack() as stack:
        store = None
        if not no_store:
            try:
                store = stack.enter_context(open_store(settings))
            except SitrepError as error:
                raise _fail(error) from error
        sink = stack.enter_context(output.open("w", encoding="utf-8")) if output else None

        def on_result(result: ArticleResult) -> None:
            found.extend(result.events)
            if sink is not None:
                sink.write(json.dumps(prediction_record(result), ensure_ascii=False) + "\n")

        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        with progress:
            task = progress.add_task("processing", total=None)
            try:
                summary = pipeline.run(
                    inputs,
                    store=store,
                    published=published_date,
                    stdin=sys.stdin,
                    on_result=on_result,
                    on_progress=lambda n: progress.update(task, completed=n),
                    engine=run_engine,
                )
            except SitrepError as error:
                raise _fail(error) from error
    for rejection in summary.rejected:
        err.print(f"[yellow]rejected[/] {escape(rejection.code)}: {escape(rejection.message)}")
    if show_events and found:
        out.print(_events_table(found))
    where = "not stored" if no_store else f"database: {settings.database}"
    out.print(f"{escape(summary.line())}; {escape(where)}", soft_wrap=True)
    if output is not None:
        out.print(f"predictions: {escape(str(output))}", soft_wrap=True)
    if summary.rejected_count:
        raise typer.Exit(EXIT_REJECTIONS)


def _engine(name: str, workers: int | None, address: str | None) -> Engine | None:
    """The engine ``--engine`` names; None for local (the pipeline's own loop)."""
    from sitrep.engine import get_engine

    if name == "local" and workers is None and address is None:
        return None
    try:
        return get_engine(name, workers=workers, address=address)
    except ConfigError as error:
        raise typer.BadParameter(str(error)) from error
    except SitrepError as error:
        raise _fail(error) from error


def _announce_gazetteer_build(settings: Settings) -> None:
    from sitrep.geo.gazetteer import index_path

    path = index_path(settings.cache_dir)
    if not path.exists():
        err.print(f"building the gazetteer index in {escape(str(path.parent))} (first run only)")


def _events_table(events: list[Event]) -> Table:
    table = Table(title=f"{len(events)} events", show_lines=False)
    for column in ("date", "type", "actor1", "actor2", "place", "killed", "bg"):
        table.add_column(column)
    for event in events:
        place = event.place
        place_text = ""
        if place is not None:
            name = place.place.name if place.place else place.span.text
            place_text = f"{name} ({place.place.country})" if place.place else f"{name} (?)"
        dates = event.date_start.isoformat() if event.date_start else "?"
        if event.date_end and event.date_end != event.date_start:
            dates += f"..{event.date_end.isoformat()}"
        # Text() renders untrusted strings literally (no markup interpretation).
        table.add_row(
            Text(dates),
            Text(event.sub_event_type),
            Text(event.actor1.name if event.actor1 else ""),
            Text(event.actor2.name if event.actor2 else ""),
            Text(place_text),
            Text("" if event.fatalities_best is None else str(event.fatalities_best)),
            Text("yes" if event.is_background else ""),
        )
    return table


@app.command()
def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(help="Feed URLs, or files listing one URL a line.", show_default=False),
    ],
    interval: Annotated[
        float, typer.Option(help="Seconds between two polls of a feed.", min=1.0)
    ] = 900.0,
    once: Annotated[
        bool, typer.Option("--once", help="Poll each feed once (unless backing off), then exit.")
    ] = False,
    state: Annotated[
        Path | None,
        typer.Option("--state", help="Watch state file (default: beside the database)."),
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Poll RSS/Atom feeds and process new articles into the store, skipping exact and near
    duplicates; one line per poll (docs/watch.md).  Ctrl-C stops after the current feed."""
    from sitrep.pipeline import Pipeline
    from sitrep.store.open import open_store
    from sitrep.watch import (
        PollResult,
        Watcher,
        WatchState,
        default_state_path,
        read_feed_list,
        stop_on_signals,
    )

    settings = _settings(config, db_path=str(db) if db else None)
    try:
        urls = read_feed_list(feeds)
    except SitrepError as error:
        raise typer.BadParameter(str(error), param_hint="FEEDS") from error
    _announce_gazetteer_build(settings)
    errors = 0

    def on_poll(result: PollResult) -> None:
        nonlocal errors
        errors += result.errors
        for rejection in result.rejections:
            err.print(f"[yellow]rejected[/] {escape(rejection.code)}: {escape(rejection.message)}")
        if result.error is not None:
            err.print(f"[bold red]error:[/] {escape(result.error)}")
        out.print(Text(result.line()), soft_wrap=True)

    try:
        with (
            WatchState(state or default_state_path(settings)) as watch_state,
            open_store(settings) as store,
        ):
            watcher = Watcher(
                settings,
                state=watch_state,
                store=store,
                pipeline=Pipeline(settings),
                interval=interval,
            )
            with stop_on_signals(watcher):
                watcher.run(urls, once=once, on_poll=on_poll)
    except SitrepError as error:
        raise _fail(error) from error
    if once and errors:
        raise typer.Exit(EXIT_REJECTIONS)


@app.command()
def events(
    db: DbOpt = None,
    country: Annotated[str | None, typer.Option(help="ISO code or country name.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Events ending on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events starting on or before (YYYY-MM-DD).")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type.")
    ] = None,
    background: Annotated[
        bool, typer.Option("--background/--no-background", help="Include background events.")
    ] = True,
    rejected: Annotated[
        bool,
        typer.Option(
            "--rejected/--no-rejected", help="Include events a reviewer rejected (sitrep serve)."
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, json, jsonl, csv, geojson, plover or parquet."),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the export to this file (replaced whole, only once complete).",
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """List stored events, filtered, in a table or an export format (reviewed values win)."""
    from sitrep.export import get_exporter, is_binary
    from sitrep.store.open import open_store

    settings = _settings(config, db_path=str(db) if db else None)
    if fmt != "table" and not is_binary(fmt):
        try:
            get_exporter(fmt)
        except (SitrepError, KeyError, ValueError) as error:
            raise typer.BadParameter(str(error), param_hint="--format") from error
    if fmt == "table" and output is not None:
        raise typer.BadParameter("-o needs an export format (-f)", param_hint="--output")
    if is_binary(fmt) and output is None and sys.stdout.isatty():
        raise typer.BadParameter(f"{fmt} is binary: give -o FILE", param_hint="--output")
    try:
        with open_store(settings) as store:
            found = store.query_events(
                country=country,
                since=_parse_date(since, "--since"),
                until=_parse_date(until, "--until"),
                event_type=event_type,
                include_background=background,
                include_rejected=rejected,
                limit=limit,
            )
    except SitrepError as error:
        raise _fail(error) from error
    if fmt == "table":
        out.print(_events_table(found))
        return
    from sitrep.export.files import export_events

    try:
        export_events(found, fmt, output)
    except BrokenPipeError:
        # The reader stopped (``| head``): not an error.  Point stdout at devnull so the
        # interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except (SitrepError, OSError) as error:
        raise _fail(error) from error


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of 6+).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print an article with the evidence of each coded field highlighted."""
    from sitrep.store.open import open_store

    settings = _settings(config, db_path=str(db) if db else None)
    try:
        with open_store(settings) as store:
            stored = store.get_article(article_id)
    except SitrepError as error:
        raise _fail(error) from error
    if stored is None:
        raise _fail(SitrepError(f"no stored article with id {article_id!r} in {settings.database}"))
    article = stored.article
    out.print(Text(f"{article.title or '(no title)'}", style="bold"))
    meta = f"id {article.id}  published {article.published or '?'} ({article.published_source})"
    out.print(Text(f"{meta}  origin {article.origin or '?'}", style="dim"))
    text = Text(article.text)
    styles = {
        "event_type": "bold red",
        "actor1": "bold magenta",
        "actor2": "magenta",
        "place": "bold green",
        "date": "bold cyan",
        "fatalities": "bold yellow",
        "injured": "yellow",
        "source": "underline",
    }
    spans = stored.evidence
    for field_name, span in spans:
        text.stylize(styles.get(field_name, "reverse"), span.start, span.end)
    out.print(text)
    legend = Text("  ".join(f"{name}" for name in styles))
    for name, style in styles.items():
        start = legend.plain.find(name)
        legend.stylize(style, start, start + len(name))
    out.print(legend)
    out.print(_events_table(list(stored.events)) if stored.events else "no events")


@app.command()
def geocode(
    input_file: Annotated[Path, typer.Argument(help="JSONL with text and toponym spans.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the JSONL.")],
    config: ConfigOpt = None,
) -> None:
    """Resolve the toponym spans given in each line (coordinates are ignored and filled).

    A line's "url" (else "outlet") is its publisher: a country-code domain is a cue.

    So is the home of a local outlet listed in the outlet_homes table.
    """
    from sitrep.geocode import geocode_jsonl

    settings = _settings(config)
    _announce_gazetteer_build(settings)
    try:
        tally = geocode_jsonl(input_file, output, settings)
    except SitrepError as error:
        raise _fail(error) from error
    out.print(escape(tally.line()), soft_wrap=True)
    if tally.rejected:
        raise typer.Exit(EXIT_REJECTIONS)


@app.command("settings")
def settings_command() -> None:
    """List every setting with its help (set them in a TOML file, SITREP_<NAME>, or flags)."""
    table = Table("name", "type", "help")
    for spec in SETTINGS:
        table.add_row(spec.name, spec.kind.__name__, Text(spec.help))
    out.print(table)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 for every interface.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve the REST API and the web map over the database (docs/api.md).

    Writes (POST /process, reviews) need a bearer token from the serve_tokens setting;
    without tokens the server is read-only.
    """
    try:
        import uvicorn

        from sitrep.serve import create_app
    except ImportError as error:
        err.print(
            f"[bold red]error:[/] sitrep serve needs the serve extra ({escape(str(error))}): "
            "pip install 'sitrep-events[serve]'"
        )
        raise typer.Exit(1) from error
    settings = _settings(config, db_path=str(db) if db else None)
    try:
        web_app = create_app(settings)
    except SitrepError as error:
        raise _fail(error) from error
    mode = f"{len(settings.serve_tokens)} writer token(s)" if settings.serve_tokens else "read-only"
    err.print(f"sitrep serve: {escape(settings.database)} on http://{host}:{port}/ ({mode})")
    uvicorn.run(web_app, host=host, port=port, log_level="info", server_header=False)


@app.command()
def report(
    country: Annotated[str, typer.Option(help="ISO code or country name.")],
    since: Annotated[str, typer.Option(help="First day of the period (YYYY-MM-DD).")],
    until: Annotated[
        str | None,
        typer.Option(help="Last day (YYYY-MM-DD); default: the newest event's, else today."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html or pdf.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (needed for pdf); default stdout."),
    ] = None,
    top: Annotated[
        int, typer.Option(help="How many top events, actors and places to list.", min=1)
    ] = 10,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write a situation report: map, charts, top events with evidence, change, narrative.

    The narrative is made only from the stored events' figures (docs/report.md).  For md
    with --output, the map is written beside it as <output>.map.svg.
    """
    from sitrep.report import FORMATS, build_report, render_report, report_map
    from sitrep.store.open import open_store

    key = fmt.strip().lower()
    if key not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if key == "pdf" and output is None:
        raise typer.BadParameter("a PDF needs --output FILE", param_hint="--output")
    settings = _settings(config, db_path=str(db) if db else None)
    start = _parse_date(since, "--since")
    end = _parse_date(until, "--until")
    if start is None:  # typer makes --since required; this keeps mypy sure of it
        raise typer.BadParameter("--since is required")
    try:
        with open_store(settings) as store:
            built = build_report(store, country=country, since=start, until=end, top=top)
        map_href = None
        if key == "md" and output is not None:
            map_file = output.with_name(output.name + ".map.svg")
            map_file.write_text(report_map(built), encoding="utf-8")
            map_href = map_file.name
        body = render_report(built, key, map_href=map_href)
        if output is None:
            sys.stdout.write(body.decode("utf-8"))
        else:
            output.write_bytes(body)
    except SitrepError as error:
        raise _fail(error) from error
    except OSError as error:
        raise _fail(SitrepError(f"cannot write {output}: {error.strerror}")) from error
    if output is not None:
        err.print(f"report: {built.total.events} events in {built.country_name} -> {output}")


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (the shape of shared/eval/README.md).")],
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Score this prediction JSONL instead of running sitrep."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the figures as one JSON object, last.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N gold documents.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Score sitrep against a gold file: every metric the gold has keys for (docs/accuracy.md)."""
    from sitrep.evaluate import evaluate_file
    from sitrep.evaluate.report import report_json, report_table
    from sitrep.pipeline import Pipeline

    pipeline = None
    if pred is None:
        settings = _settings(config)
        _announce_gazetteer_build(settings)
        pipeline = Pipeline(settings)
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    try:
        with progress:
            task = progress.add_task("evaluating", total=limit)
            report = evaluate_file(
                gold,
                pipeline=pipeline,
                pred_path=pred,
                limit=limit,
                on_progress=lambda n: progress.update(task, completed=n),
            )
    except SitrepError as error:
        raise _fail(error) from error
    for failure in report["failures"]:
        err.print(f"[yellow]failed[/] {escape(failure)}")
    out.print(report_table(report))
    if as_json:
        # print(), not Rich: the JSON line must not be wrapped or styled.
        print(report_json(report), flush=True)


@app.command()
def places(
    query: Annotated[str, typer.Argument(help="A place name as written in a text.")],
    country: Annotated[
        str | None, typer.Option(help="Rank as in a text about this country (ISO code or name).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many candidates.")] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    config: ConfigOpt = None,
) -> None:
    """List the gazetteer's candidates for a place name, with their scores and why."""
    from sitrep.countries import country_code
    from sitrep.geo.explain import explain_place
    from sitrep.geo.gazetteer import Gazetteer

    if fmt not in ("table", "json"):
        raise typer.BadParameter("expected table or json", param_hint="--format")
    code = None
    if country:
        code = country_code(country)
        if code is None:
            raise typer.BadParameter(f"unknown country {country!r}", param_hint="--country")
    settings = _settings(config)
    _announce_gazetteer_build(settings)
    try:
        candidates = explain_place(
            query, Gazetteer.open(settings.cache_dir), country=code, limit=limit
        )
    except SitrepError as error:
        raise _fail(error) from error
    if fmt == "json":
        rows = [
            {
                "geonameid": c.place.geonameid,
                "name": c.place.name,
                "lat": c.place.lat,
                "lon": c.place.lon,
                "country": c.place.country,
                "admin1": c.place.admin1,
                "feature_code": c.place.feature_code,
                "population": c.place.population,
                "source": c.place.source,
                "score": round(c.score, 3),
                "reasons": list(c.reasons),
            }
            for c in candidates
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    if not candidates:
        out.print(Text(f"no candidate for {query!r}"))
        return
    table = Table("score", "name", "country", "admin1", "feature", "population", "lat, lon", "why")
    for candidate in candidates:
        place = candidate.place
        table.add_row(
            f"{candidate.score:.2f}",
            Text(place.name),
            Text(place.country or ""),
            Text(place.admin1 or ""),
            place.feature_code,
            f"{place.population:,}",
            f"{place.lat:.3f}, {place.lon:.3f}",
            Text("; ".join(candidate.reasons)),
        )
    out.print(table)


def main() -> None:
    app()
