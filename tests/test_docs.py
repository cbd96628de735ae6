"""The docs stay true: every command has help and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_docs_commands_found():
    assert {"process", "events", "show", "geocode", "places", "eval", "settings"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_help_and_is_in_readme(name):
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), name
    assert f"sitrep {name}" in (ROOT / "README.md").read_text(encoding="utf-8"), name


@pytest.mark.parametrize(
    "code", ["E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E201", "E301"]
)
def test_docs_rejection_codes_documented(code):
    assert f"`{code}-" in (ROOT / "docs" / "rejections.md").read_text(encoding="utf-8")
