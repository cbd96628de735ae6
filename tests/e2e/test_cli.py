"""The CLI end to end, in-process: bundled examples into a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import EXIT_REJECTIONS, app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "reports", "events", "rejections")
        }


def test_cli_process_examples_then_rerun_is_idempotent(runner, sitrep_env, tmp_path):
    db = Path(sitrep_env["SITREP_DB_PATH"])
    first = runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env)
    assert first.exit_code == 0, first.output
    assert "5 articles" in first.output
    counts = _counts(db)
    assert counts["articles"] == 5
    assert counts["events"] > 5
    second = runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env)
    assert second.exit_code == 0, second.output
    assert "0 articles" in second.output and "5 duplicates" in second.output
    assert _counts(db) == counts


def test_cli_events_geojson_has_idlib(runner, sitrep_env):
    assert runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env).exit_code == 0
    result = runner.invoke(
        app, ["events", "--format", "geojson", "--country", "SY"], env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    names = {f["properties"]["place_name"] for f in collection["features"]}
    assert any(name and "Idlib" in name for name in names), names
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "table"])
def test_cli_events_formats(runner, sitrep_env, fmt):
    assert runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env).exit_code == 0
    result = runner.invoke(
        app, ["events", "--format", fmt, "--since", "2017-01-01"], env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_cli_events_unknown_format_is_usage_error(runner, sitrep_env):
    result = runner.invoke(app, ["events", "--format", "xml"], env=sitrep_env)
    assert result.exit_code == 2


def test_cli_process_output_prediction_shape(runner, sitrep_env, tmp_path):
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app,
        ["process", str(EXAMPLES), "--published", "2018-01-04", "--output", str(out), "--no-store"],
        env=sitrep_env,
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[0]["id"] == "idlib-2018-01-04"
    for line in lines:
        for key in ("toponyms", "timexes", "events", "casualties", "templates"):
            assert key in line
    idlib = lines[0]
    assert idlib["casualties"]["civilians"] == 43
    assert idlib["labels"]["event_type"]
    assert {"start", "end", "text", "kind", "lat", "lon"} <= set(idlib["toponyms"][0])


def test_cli_show_highlights_evidence(runner, sitrep_env):
    assert runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env).exit_code == 0
    db = Path(sitrep_env["SITREP_DB_PATH"])
    with sqlite3.connect(db) as connection:
        article_id = connection.execute(
            "SELECT id FROM articles WHERE external_id = 'idlib-2018-01-04'"
        ).fetchone()[0]
    result = runner.invoke(app, ["show", article_id[:8]], env=sitrep_env)
    assert result.exit_code == 0, result.output
    assert "Abu Dali" in result.output
    missing = runner.invoke(app, ["show", "ffffffffffff"], env=sitrep_env)
    assert missing.exit_code == 1


def test_cli_bad_inputs_are_named_counted_and_harmless(runner, sitrep_env, tmp_path):
    db = Path(sitrep_env["SITREP_DB_PATH"])
    assert runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env).exit_code == 0
    before = _counts(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (bad / "empty.txt").write_text("")
    (bad / "lines.jsonl").write_text('{"id": "a", "text": "Rebels shelled Aleppo."}\n{not json\n')
    (bad / "broken.html").write_text("<html><body><script>x</script></body></html>")
    result = runner.invoke(app, ["process", str(bad), "--quiet"], env=sitrep_env)
    assert result.exit_code == EXIT_REJECTIONS, result.output
    assert "binary.txt" in result.output and "lines.jsonl:2" in result.output
    assert "4 rejected" in result.output
    after = _counts(db)
    assert after["articles"] == before["articles"] + 1
    assert after["rejections"] == before["rejections"] + 4
    assert after["events"] >= before["events"]


def test_cli_process_stdin(runner, sitrep_env):
    text = "Troops captured the town of Saraqib in Idlib province on Monday, activists said.\n"
    result = runner.invoke(
        app, ["process", "-", "--published", "2020-02-05", "--quiet"], input=text, env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output


def test_cli_geocode_given_spans(runner, sitrep_env, tmp_path):
    text = "Fighting went on in Aleppo and in Idlib province, Syria."
    spans = [(20, 26), (34, 48), (50, 55)]
    record = {
        "id": "g1",
        "text": text,
        "toponyms": [
            {"start": s, "end": e, "text": text[s:e], "kind": "literal"} for s, e in spans
        ],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\nnot json\n")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["geocode", str(source), "--output", str(target)], env=sitrep_env)
    assert result.exit_code == EXIT_REJECTIONS, result.output
    toponyms = json.loads(target.read_text().splitlines()[0])["toponyms"]
    assert toponyms[0]["lat"] == pytest.approx(36.2, abs=0.1)
    assert toponyms[1]["country"] == "SY"
    assert toponyms[2]["country"] == "SY"


def test_cli_geocode_reads_the_publisher_from_the_url(runner, sitrep_env, tmp_path):
    text = "Two men were hurt in a fight in Richmond on Saturday night."
    start = text.index("Richmond")
    lines = []
    for url in (None, "https://www.cbc.ca/news/canada/british-columbia/fight-1.4"):
        record = {
            "id": "g",
            "text": text,
            "url": url,
            "toponyms": [{"start": start, "end": start + 8, "text": "Richmond"}],
        }
        lines.append(json.dumps(record))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["geocode", str(source), "--output", str(target)], env=sitrep_env)
    assert result.exit_code == 0, result.output
    plain, canadian = (json.loads(line)["toponyms"][0] for line in target.read_text().splitlines())
    assert plain["country"] == "US"
    assert canadian["country"] == "CA"


def test_cli_python_dash_m_help():
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("process", "events", "show", "geocode"):
        assert command in result.stdout


def test_cli_places_lists_candidates_with_reasons(runner, sitrep_env):
    result = runner.invoke(
        app, ["places", "Iblib", "--country", "SY", "--format", "json"], env=sitrep_env
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)  # stderr may say the gazetteer is being built
    assert rows[0]["name"] == "Idlib" and rows[0]["country"] == "SY"
    assert rows[0]["reasons"]


@pytest.mark.parametrize(
    ("args", "code"),
    [(["places", "Paris", "--country", "Narnia"], 2), (["places", "Paris", "--format", "xml"], 2)],
)
def test_cli_places_bad_options(runner, sitrep_env, args, code):
    assert runner.invoke(app, args, env=sitrep_env).exit_code == code


def test_cli_places_odd_name_has_no_candidate(runner, sitrep_env):
    result = runner.invoke(app, ["places", "\u200b\u200b"], env=sitrep_env)
    assert result.exit_code == 0
    assert "no candidate" in result.output


def test_cli_bad_outlet_table_is_one_clear_error_and_stores_nothing(runner, sitrep_env, tmp_path):
    db = Path(sitrep_env["SITREP_DB_PATH"])
    assert runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=sitrep_env).exit_code == 0
    before = _counts(db)
    table = tmp_path / "outlets.csv"
    table.write_text("host,country,admin1\nexample.org,France,\n", encoding="utf-8")
    env = {**sitrep_env, "SITREP_OUTLET_HOMES": str(table)}
    result = runner.invoke(app, ["process", str(EXAMPLES), "--quiet"], env=env)
    assert result.exit_code == 2, result.output
    assert "outlets.csv" in result.output and "not an ISO 3166 alpha-2 code" in result.output
    assert _counts(db) == before


def test_cli_geocode_uses_a_users_outlet_table(runner, sitrep_env, tmp_path):
    # A local paper the bundled table lacks: the analyst lists it, and its bare
    # "Richmond" is its own town.
    table = tmp_path / "outlets.csv"
    table.write_text(
        "host,country,admin1,home,geonameid,lat,lon\n"
        "richmondnews.example,CA,British Columbia,Richmond,6122085,49.17003,-123.13683\n",
        encoding="utf-8",
    )
    text = "Two men were hurt in a fight in Richmond on Saturday night."
    start = text.index("Richmond")
    record = {
        "id": "g",
        "text": text,
        "url": "https://www.richmondnews.example/local/fight-1",
        "toponyms": [{"start": start, "end": start + 8, "text": "Richmond"}],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n")
    target = tmp_path / "out.jsonl"
    for setting, country in (("off", "US"), (str(table), "CA")):
        env = {**sitrep_env, "SITREP_OUTLET_HOMES": setting}
        result = runner.invoke(app, ["geocode", str(source), "--output", str(target)], env=env)
        assert result.exit_code == 0, result.output
        assert json.loads(target.read_text())["toponyms"][0]["country"] == country
