"""Fixtures shared by every test folder: one gazetteer cache and one pipeline per session.

The real gazetteer index is built once per test session into a temporary cache (the same
folder the geo tests use), so no test touches the user's own cache or database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.config import Settings, load_settings
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


@pytest.fixture(scope="session")
def session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "sitrep-gazetteer-cache"


@pytest.fixture(scope="session")
def settings(session_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("db") / "session.db"
    return load_settings(
        overrides={"cache_dir": str(session_cache_dir), "db_path": str(db), "allow_fetch": False},
        environ={},
    )


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


@pytest.fixture(scope="session")
def example_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def sitrep_env(session_cache_dir: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for CLI runs: the session's gazetteer cache, a fresh database."""
    yield {
        "SITREP_CACHE_DIR": str(session_cache_dir),
        "SITREP_DB_PATH": str(tmp_path / "cli.db"),
        "SITREP_ALLOW_FETCH": "false",
    }
