"""The FastAPI app: routes over the store, the web page, and the errors they answer with.

Routes are plain functions, which FastAPI runs on its thread pool; each thread reads and
writes through its own store connection (``ThreadStores``).  Processing articles loads
the NLP pipeline once, on the first ``POST /process``, and runs one request at a time.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from sitrep import __version__
from sitrep.config import Settings
from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.ingest.jsonl import article_from_record
from sitrep.ingest.rejections import rejection_from_error
from sitrep.serve.auth import AuthError, reviewer_for
from sitrep.serve.formats import UnknownFormatError, choose_format, render_events
from sitrep.serve.headers import security_headers
from sitrep.serve.stores import ThreadStores
from sitrep.serve.views import article_view, audit_view, event_item, event_view
from sitrep.store.base import Store
from sitrep.store.open import open_store
from sitrep.store.query import MAX_PAGE, BBox, EventQuery, QueryError, decode_cursor
from sitrep.store.review import ReviewError
from sitrep.types import Article, Rejection

__all__ = ["MAX_BODY_BYTES", "MAX_PROCESS_ARTICLES", "create_app"]

logger = logging.getLogger(__name__)

MAX_PROCESS_ARTICLES = 100
MAX_BODY_BYTES = 32 * 1024 * 1024
STATIC = resources.files("sitrep") / "serve" / "static"
BASEMAP = "/static/vendor/countries-50m.geojson"


# -- request bodies ------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article to process: the JSONL input's keys (docs/formats.md)."""

    model_config = ConfigDict(extra="forbid")
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    id: str | None = None


class ProcessBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_PROCESS_ARTICLES)


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "reject", "edit"]
    field: str | None = None
    value: Any = None
    note: str | None = Field(default=None, max_length=2000)


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


# -- the app -------------------------------------------------------------------------


def _writer(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The reviewer behind a write's bearer token; a dependency, so it is checked before
    the body is read or validated."""
    tokens: tuple[tuple[str, str], ...] = request.app.state.serve_tokens
    return reviewer_for(authorization, tokens)


Writer = Annotated[str, Depends(_writer)]


class _Processor:
    """The NLP pipeline, loaded on first use; one batch at a time (it is CPU-bound)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def run(self, items: list[Article | Rejection], store: Store) -> dict[str, Any]:
        from sitrep.pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self._settings)
            summary = self._pipeline.run_items(items, store=store, keep_results=True)
        return {
            "articles": summary.articles,
            "duplicates": summary.duplicates,
            "reports": summary.reports,
            "events": summary.events,
            "article_ids": [r.article.id for r in summary.results],
            "rejected": [
                {"origin": r.origin, "code": r.code, "message": r.message} for r in summary.rejected
            ],
        }


def _open_checked(settings: Settings) -> Callable[[], Store]:
    """A store opener; the database is opened once now so a bad one fails at start-up."""
    open_store(settings).close()
    return lambda: open_store(settings, check_same_thread=False)


def create_app(
    settings: Settings, *, db_path: Path | None = None, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The app over the settings' store (SQLite or PostgreSQL), or the SQLite ``db_path``.

    Request bodies over ``max_body_bytes`` are refused (413) before they are read.

    Raises ``StoreError`` now, not on the first request, when the database is unusable.
    """
    if db_path is not None:
        settings = dataclasses.replace(settings, db_path=db_path, db_url=None)
    stores = ThreadStores(_open_checked(settings))
    processor = _Processor(settings)
    headers = security_headers(settings.tiles_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        stores.close()

    app = FastAPI(
        title="sitrep",
        version=__version__,
        summary="Conflict events from news, with the evidence behind every field.",
        # The interactive docs pages load scripts from a CDN, which the CSP (and an
        # offline machine) refuses; /openapi.json is the schema.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.serve_tokens = settings.serve_tokens
    _install_middleware(app, headers, max_body_bytes)
    _install_error_handlers(app)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "events": stores.get().counts()["events"]}

    @app.get("/ui-config")
    def ui_config() -> dict[str, Any]:
        return {
            "tiles_url": settings.tiles_url,
            "tiles_attribution": settings.tiles_attribution,
            "basemap": BASEMAP,
            "writable": bool(settings.serve_tokens),
            "version": __version__,
        }

    @app.get("/events", response_model=None)
    def list_events(
        request: Request,
        country: str | None = None,
        admin1: str | None = None,
        bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        fatalities_min: Annotated[int | None, Query(ge=0)] = None,
        fatalities_max: Annotated[int | None, Query(ge=0)] = None,
        q: Annotated[str | None, Query(max_length=500)] = None,
        background: Literal["include", "exclude", "only"] = "include",
        status: Literal["active", "all", "unreviewed", "confirmed", "edited", "rejected"] = (
            "active"
        ),
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
        format: Annotated[
            str | None, Query(description="json, csv, geojson, jsonl, plover or parquet")
        ] = None,
        accept: Annotated[str | None, Header()] = None,
    ) -> Response | dict[str, Any]:
        """One page of events, newest first; the format by ``format=`` or ``Accept``."""
        try:
            fmt = choose_format(format, accept)
        except UnknownFormatError as err:
            raise QueryError(str(err)) from err
        query = EventQuery(
            country=country,
            admin1=admin1,
            bbox=BBox.parse(bbox) if bbox else None,
            since=since,
            until=until,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            fatalities_min=fatalities_min,
            fatalities_max=fatalities_max,
            text=q,
            background=background,
            status=status,
            limit=limit,
            after=decode_cursor(cursor) if cursor else None,
        )
        page = stores.get().find_events(query)
        if fmt.name == "json":
            # Serialised here, not by FastAPI's encoder: the page is plain JSON already,
            # and the encoder's walk over it cost more than the query (docs/performance.md).
            answer = {
                "events": [event_item(e) for e in page.events],
                "next_cursor": page.next_cursor,
            }
            return Response(
                json.dumps(answer, ensure_ascii=False, allow_nan=False),
                media_type="application/json",
            )
        body = render_events([e.event for e in page.events], fmt)
        extra: dict[str, str] = {}
        if page.next_cursor is not None:
            link = request.url.include_query_params(cursor=page.next_cursor)
            extra = {"Link": f'<{link}>; rel="next"', "X-Next-Cursor": page.next_cursor}
        return Response(body, media_type=fmt.media_type, headers=extra)

    @app.get("/events/{event_id}")
    def get_event(event_id: str) -> dict[str, Any]:
        stored = stores.get().get_event(event_id)
        if stored is None:
            raise HTTPException(404, f"there is no event {event_id!r}")
        return event_view(stored)

    @app.get("/articles/{article_id}")
    def get_article(article_id: str) -> dict[str, Any]:
        stored = stores.get().get_article(article_id, exact=True)
        if stored is None:
            raise HTTPException(404, f"there is no article {article_id!r}")
        return article_view(stored)

    @app.get("/audit")
    def audit(
        event_id: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100
    ) -> dict[str, Any]:
        return {"entries": [audit_view(e) for e in stores.get().audit_log(event_id, limit)]}

    @app.post("/events/{event_id}/review")
    def review(
        event_id: str,
        body: ReviewBody,
        reviewer: Writer,
    ) -> dict[str, Any]:
        store = stores.get()
        if store.get_event(event_id) is None:
            raise HTTPException(404, f"there is no event {event_id!r}")
        stored = store.review_event(
            event_id,
            body.action,
            reviewer=reviewer,
            field=body.field,
            value=body.value,
            note=body.note,
        )
        return event_view(stored)

    @app.post("/events/{event_id}/merge")
    def merge(
        event_id: str,
        body: MergeBody,
        reviewer: Writer,
    ) -> dict[str, Any]:
        store = stores.get()
        for wanted in (event_id, body.other):
            if store.get_event(wanted) is None:
                raise HTTPException(404, f"there is no event {wanted!r}")
        stored = store.merge_events(event_id, body.other, reviewer=reviewer, note=body.note)
        return event_view(stored)

    @app.post("/process")
    def process(body: ProcessBody, reviewer: Writer) -> dict[str, Any]:
        items: list[Article | Rejection] = []
        for number, given in enumerate(body.articles, start=1):
            origin = f"POST /process article {number}"
            try:
                items.append(
                    article_from_record(
                        given.model_dump(exclude_none=True), origin=origin, settings=settings
                    )
                )
            except InputError as err:
                items.append(rejection_from_error(err))
        logger.info("POST /process by %s: %d articles", reviewer, len(items))
        return processor.run(items, stores.get())

    _install_page(app)
    return app


def _install_middleware(app: FastAPI, headers: dict[str, str], max_body_bytes: int) -> None:
    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        response: Response
        if length is not None and (not length.isdigit() or int(length) > max_body_bytes):
            response = JSONResponse(
                {"detail": f"the body is over the limit of {max_body_bytes:,} bytes"},
                status_code=413,
            )
        elif length is None and "transfer-encoding" in request.headers:
            # A streamed body has no length to check up front: refuse it.
            response = JSONResponse(
                {"detail": "send the body with a Content-Length"}, status_code=411
            )
        else:
            response = await call_next(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


def _install_error_handlers(app: FastAPI) -> None:
    def detail(status: int, message: str, extra: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse({"detail": message}, status_code=status, headers=extra)

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, err: QueryError) -> JSONResponse:
        return detail(400, str(err))

    @app.exception_handler(ReviewError)
    async def bad_review(_: Request, err: ReviewError) -> JSONResponse:
        return detail(422, str(err))

    @app.exception_handler(AuthError)
    async def refused(_: Request, err: AuthError) -> JSONResponse:
        extra = {"WWW-Authenticate": 'Bearer realm="sitrep"'} if err.status == 401 else None
        return detail(err.status, str(err), extra)

    @app.exception_handler(StoreError)
    async def store_failed(_: Request, err: StoreError) -> JSONResponse:
        logger.error("%s", err)
        return detail(500, str(err))

    @app.exception_handler(SitrepError)
    async def failed(_: Request, err: SitrepError) -> JSONResponse:
        return detail(400, str(err))


def _install_page(app: FastAPI) -> None:
    """The web page at / and its files under /static (docs/api.md, "The web page")."""
    static = Path(str(STATIC))
    built = (static / "vendor" / "leaflet.js").is_file() and (static / "index.html").is_file()

    @app.get("/", include_in_schema=False, response_model=None)
    def page() -> Response:
        if not built:
            return PlainTextResponse(
                "The web page's assets are not built: run `make web` (npm) and restart.",
                status_code=503,
            )
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
