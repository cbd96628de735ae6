"""The binary and PLOVER exports from the command line, and output a pipe or a narrow
terminal must not break: ``| head``, a terminal on stdout, COLUMNS=40."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
SITREP = Path(sys.executable).with_name("sitrep")


@pytest.fixture
def filled_env(sitrep_env: dict[str, str]) -> dict[str, str]:
    result = CliRunner().invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env)
    assert result.exit_code == 0, result.output
    return sitrep_env


def _jsonl_ids(env: dict[str, str]) -> list[str]:
    result = CliRunner().invoke(app, ["events", "-f", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_events_parquet_to_a_file_holds_every_event(filled_env, tmp_path):
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(app, ["events", "-f", "parquet", "-o", str(out)], env=filled_env)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    ids = _jsonl_ids(filled_env)
    assert len(ids) > 5
    assert table.column("id").to_pylist() == ids


def test_events_plover_to_a_file_is_one_json_record_per_line(filled_env, tmp_path):
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["events", "-f", "plover", "-o", str(out)], env=filled_env)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = set(_jsonl_ids(filled_env))
    assert records and {record["id"] for record in records} <= ids
    assert all(record["event"] and record["acled_event_type"] for record in records)


def _run_with_terminal_stdout(command: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    main, side = pty.openpty()
    try:
        run = subprocess.run(
            command,
            env=env,
            stdout=side,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
        os.close(side)
        side = -1
        written = b""
        try:
            while chunk := os.read(main, 65536):
                written += chunk
        except OSError:  # the terminal's other end is closed: all read
            pass
        return run.returncode, written.decode("utf-8", "replace"), run.stderr
    finally:
        os.close(main)
        if side != -1:
            os.close(side)


def test_events_parquet_refuses_a_terminal(filled_env):
    env = {**os.environ, **filled_env}
    code, written, errors = _run_with_terminal_stdout([str(SITREP), "events", "-f", "parquet"], env)
    assert code == 2
    assert "parquet is binary: give -o FILE" in errors
    assert "PAR1" not in written


def test_events_into_a_closed_pipe_exits_quietly(filled_env):
    env = {**os.environ, **filled_env}
    run = subprocess.Popen(
        [str(SITREP), "events", "-f", "jsonl"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # the reader is gone before the first line is written (| head -0)
    with run.stderr:
        errors = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_errors_and_tallies_are_never_wrapped_in_a_narrow_terminal(filled_env, tmp_path):
    folder = tmp_path / "a-rather-long-folder-name-for-the-articles-of-one-week"
    folder.mkdir()
    missing = folder / "dispatch-from-the-north-western-front-2019-12-24.jsonl"
    env = {**os.environ, **filled_env, "COLUMNS": "40"}
    run = subprocess.run(
        [str(SITREP), "process", str(EXAMPLES), str(missing)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode != 0
    error_lines = [line for line in run.stderr.splitlines() if str(missing) in line]
    assert error_lines, run.stderr  # the whole path on one line: greppable
    tally = [line for line in run.stdout.splitlines() if "duplicates" in line]
    assert len(tally) == 1 and "articles" in tally[0], run.stdout
