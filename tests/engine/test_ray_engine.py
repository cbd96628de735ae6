"""--engine ray on a real local Ray cluster: same store as the local engine, rejections,
resume after kill -9, and the errors a user can make."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("ray")

import ray.cloudpickle
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.engine import LocalEngine, get_engine
from sitrep.engine.ray_engine import RayEngine
from sitrep.errors import ConfigError, EngineError
from sitrep.pipeline import EXTRACT_FAILED, Pipeline
from sitrep.store.sqlite import SQLiteStore

from . import flaky
from .conftest import EXAMPLES, FIXTURES, OFFLINE, distinct_articles, stored, stored_articles

SITREP = Path(sys.executable).with_name("sitrep")
# Ray Data reads its own deprecated settings when it copies a DataContext.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")


def _run(pipeline: Pipeline, inputs: list[str], db: Path, engine=None):
    with SQLiteStore(db) as store:
        return pipeline.run(inputs, store=store, engine=engine)


@pytest.mark.parametrize("window_batches", [1])
def test_ray_engine_stores_what_the_local_engine_stores(
    ray_cluster, pipeline, tmp_path, window_batches
):
    # Examples plus the ingest fixtures: 19 articles in 2 batches, 4 duplicates and 5
    # ingest rejections; one batch per window, so the windowing is exercised too.
    inputs = [str(EXAMPLES), str(FIXTURES)]
    local = _run(pipeline, inputs, tmp_path / "local.db")
    engine = RayEngine(workers=2, window_batches=window_batches)
    remote = _run(pipeline, inputs, tmp_path / "ray.db", engine)
    assert remote.counts() == local.counts()
    assert local.articles > 16 and local.rejected_count > 0
    expected, got = stored(tmp_path / "local.db"), stored(tmp_path / "ray.db")
    assert got["events"] and got == expected


def test_ray_engine_records_worker_side_rejections(ray_cluster, settings, tmp_path):
    ray.cloudpickle.register_pickle_by_value(flaky)  # the workers cannot import tests/
    docs = tmp_path / "in.jsonl"
    lines = [
        {"id": "x", "text": f"{flaky.MARK} goes the article about Aleppo"},
        *(json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()),
    ]
    docs.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = tmp_path / "flaky.db"
    summary = _run(flaky.FlakyPipeline(settings), [str(docs)], db, RayEngine(workers=1))
    assert summary.rejections == {EXTRACT_FAILED: 1}
    assert summary.articles == 5
    assert "extractor exploded" in summary.rejected[0].message
    rows = stored(db)
    assert [(r["stage"], r["code"]) for r in rows["rejections"]] == [("extract", EXTRACT_FAILED)]
    assert len(rows["articles"]) == 5


def test_ray_engine_resumes_a_killed_run(ray_cluster, pipeline, sitrep_env, tmp_path):
    articles = distinct_articles(tmp_path / "articles.jsonl", 40)
    db = tmp_path / "killed.db"
    env = {**os.environ, **sitrep_env, **OFFLINE, "SITREP_DB_PATH": str(db)}
    command = [str(SITREP), "process", str(articles), "--engine", "ray", "--workers", "2"]
    command += ["--quiet"]
    driver = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while stored_articles(db) == 0:
            assert driver.poll() is None, driver.communicate()[0].decode()[-2000:]
            assert time.monotonic() < deadline, "no article was stored in time"
            time.sleep(0.1)
        driver.send_signal(signal.SIGKILL)
        driver.wait(timeout=30)
    finally:
        if driver.poll() is None:
            driver.kill()
        if driver.stdout is not None:
            driver.stdout.close()
    killed_at = stored_articles(db, writer_alive=False)
    assert 0 < killed_at < 40, f"the run was not killed mid-way ({killed_at} stored)"
    rerun = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{40 - killed_at} articles" in rerun.stdout
    assert f"{killed_at} duplicates" in rerun.stdout  # stored ones were never re-parsed
    clean = tmp_path / "clean.db"
    _run(pipeline, [str(articles)], clean, LocalEngine())
    resumed, expected = stored(db), stored(clean)
    assert len({a["id"] for a in resumed["articles"]}) == len(resumed["articles"]) == 40
    assert resumed == expected


@pytest.mark.parametrize("workers", [0, -3])
def test_engine_worker_count_below_one_is_refused(workers):
    with pytest.raises(ConfigError, match="--workers must be 1 or more"):
        get_engine("ray", workers=workers)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "ray", "--workers", "0"], "--workers must be 1 or more"),
        (["--engine", "spark"], "unknown engine 'spark'"),
        (["--ray-address", "auto"], "--ray-address needs --engine ray"),
    ],
)
def test_cli_process_bad_engine_options_are_usage_errors(sitrep_env, args, message):
    result = CliRunner().invoke(app, ["process", str(EXAMPLES), *args], env=sitrep_env)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_cli_process_more_workers_than_cluster_cpus_fails_clearly(ray_cluster, sitrep_env):
    result = CliRunner().invoke(
        app, ["process", str(EXAMPLES), "--engine", "ray", "--workers", "64"], env=sitrep_env
    )
    assert result.exit_code == 1, result.output
    assert "--workers 64 needs 64 CPUs but the Ray cluster has 2" in result.output
    assert sqlite3.connect(sitrep_env["SITREP_DB_PATH"]).execute(
        "SELECT count(*) FROM articles"
    ).fetchone() == (0,)


def test_ray_engine_without_ray_names_the_install_command(monkeypatch, pipeline):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'sitrep-events\[ray\]'"):
        list(RayEngine(workers=1).process(pipeline, [[]]))
