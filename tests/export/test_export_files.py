"""Exports to a file appear whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.export import get_exporter
from sitrep.export.files import export_events
from sitrep.types import Event

from .samples import make_result

EVENT = make_result().events[0]


def test_text_and_binary_exports_to_files(tmp_path: Path) -> None:
    jsonl = tmp_path / "events.jsonl"
    assert export_events([EVENT], "jsonl", jsonl) == 1
    assert json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])["id"] == EVENT.id
    parquet = tmp_path / "events.parquet"
    assert export_events([EVENT], "parquet", parquet) == 1
    assert parquet.read_bytes()[:4] == b"PAR1"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_a_failed_export_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    target.write_text("previous\n", encoding="utf-8")

    def exploding() -> list[Event]:
        raise RuntimeError("disk full")

    class Boom:
        def __iter__(self):  # type: ignore[no-untyped-def]
            yield EVENT
            exploding()

    with pytest.raises(RuntimeError, match="disk full"):
        export_events(Boom(), "jsonl", target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]


def test_a_folder_is_not_an_export_target(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        export_events([EVENT], "csv", tmp_path)


def test_binary_format_through_the_text_lookup_says_so() -> None:
    with pytest.raises(ConfigError, match="writes binary"):
        get_exporter("parquet")
