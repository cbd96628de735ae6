"""The CLI over PostgreSQL, end to end: the bundled examples processed into a real server
give the very events SQLite gets, and a bad --db URL is one line that hides its password."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store.postgres import PostgresStore

from .postgres_server import PASSWORD, free_port

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"


def _events(runner: CliRunner, env: dict[str, str], *db: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["events", *db, "-f", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.model
def test_postgres_cli_process_then_events_equal_sqlite(
    pg_url: str, sitrep_env: dict[str, str]
) -> None:
    """The same input processed by the CLI into SQLite and into PostgreSQL: ``sitrep
    events`` must print the same records from both."""
    runner = CliRunner()
    lite = runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env)
    assert lite.exit_code == 0, lite.output
    pg = runner.invoke(app, ["process", str(EXAMPLES), "--db", pg_url, "--quiet"], env=sitrep_env)
    assert pg.exit_code == 0, pg.output
    assert "5 articles" in pg.output and "database: postgresql://sitrep@/" in pg.output
    expected = _events(runner, sitrep_env)
    assert len(expected) > 5
    assert _events(runner, sitrep_env, "--db", pg_url) == expected
    with PostgresStore(pg_url) as store:
        prefix = store.search_articles("Idlib")[0].article_id[:8]
    shown = runner.invoke(app, ["show", prefix, "--db", pg_url], env=sitrep_env)
    assert shown.exit_code == 0 and "Idlib" in shown.output, shown.output


@pytest.mark.parametrize("command", [["events"], ["show", "abcdef"], ["process", "-"]])
def test_postgres_cli_unreachable_server_is_one_line_exit_1(
    command: list[str], sitrep_env: dict[str, str]
) -> None:
    url = f"postgresql://sitrep:{PASSWORD}@127.0.0.1:{free_port()}/db"
    result = CliRunner().invoke(app, [*command, "--db", url], env=sitrep_env, input="")
    assert result.exit_code == 1, result.output
    # (process may first say it builds the gazetteer index: a line of its own)
    lines = [line for line in result.output.splitlines() if "postgresql" in line]
    assert len(lines) == 1 and lines[0].startswith("error: database postgresql://sitrep:***@")
    assert "cannot connect" in lines[0]
    assert PASSWORD not in result.output
