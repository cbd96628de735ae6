"""``sitrep eval`` in-process: the table, the JSON last line, --pred, --limit, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

from .test_runner import GOLD


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    second = {**GOLD[0], "id": "hand-2"}
    path.write_text("".join(json.dumps(r) + "\n" for r in (GOLD[0], second)), encoding="utf-8")
    return path


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def test_cli_eval_pred_gold_against_itself_is_perfect(gold_file, sitrep_env):
    result = CliRunner().invoke(
        app, ["eval", str(gold_file), "--pred", str(gold_file), "--json"], env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    report = _last_json(result.output)
    assert report["predictions"] == str(gold_file)
    assert report["metrics"]["toponym_recognition"]["f1"] == 1.0
    assert report["metrics"]["casualties"]["civilians"]["exact"] == 1.0
    assert "Toponym recognition" in result.output


@pytest.mark.model
def test_cli_eval_runs_the_pipeline_with_limit(gold_file, sitrep_env):
    result = CliRunner().invoke(
        app, ["eval", str(gold_file), "--json", "--limit", "1"], env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    report = _last_json(result.output)
    assert report["documents"] == 1
    assert "toponym_resolution_gold_spans" in report["metrics"]


def test_cli_eval_bad_gold_line_names_the_line(tmp_path, sitrep_env):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path), "--pred", str(path)], env=sitrep_env)
    assert result.exit_code == 1
    assert f"{path}:2" in result.output
