"""The local engine as a user runs it, in real processes on a real SQLite file:
``kill -9`` mid-batch then a rerun, and two processes writing one store at once.

The articles are copies of the bundled examples (``distinct_articles``), so the copies
report the same events: both runs must merge them across articles exactly as one clean
run does, which is what the merge inside the write transaction guarantees.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sitrep.engine import LocalEngine
from sitrep.pipeline import Pipeline
from sitrep.store.sqlite import SQLiteStore

from .conftest import distinct_articles, stored, stored_articles

SITREP = Path(sys.executable).with_name("sitrep")
COUNT = 40


def _clean_run(pipeline: Pipeline, articles: Path, db: Path) -> dict[str, list[dict[str, Any]]]:
    with SQLiteStore(db) as store:
        pipeline.run([str(articles)], store=store, engine=LocalEngine())
    return stored(db)


def _event_shape(contents: dict[str, list[dict[str, Any]]]) -> list[tuple[Any, ...]]:
    """Events as what they say and how many reports back them, without their ids (which
    depend on which article's report came first)."""
    backing: dict[str, int] = {}
    for report in contents["reports"]:
        backing[report["event_id"]] = backing.get(report["event_id"], 0) + 1
    return sorted(
        (
            e["event_type"],
            e["sub_event_type"],
            e["date_start"],
            e["fatalities_best"],
            backing[e["id"]],
        )
        for e in contents["events"]
    )


def _process(articles: Path) -> list[str]:
    return [str(SITREP), "process", str(articles), "--quiet"]


def test_kill_9_mid_batch_then_rerun_loses_and_duplicates_nothing(
    pipeline: Pipeline, sitrep_env: dict[str, str], tmp_path: Path
) -> None:
    articles = distinct_articles(tmp_path / "articles.jsonl", COUNT)
    db = tmp_path / "killed.db"
    env = {**os.environ, **sitrep_env, "SITREP_DB_PATH": str(db)}
    command = _process(articles)
    run = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while stored_articles(db) == 0:
            assert run.poll() is None, run.communicate()[0].decode()[-2000:]
            assert time.monotonic() < deadline, "no article was stored in time"
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
        if run.stdout is not None:
            run.stdout.close()
    killed_at = stored_articles(db, writer_alive=False)
    assert 0 < killed_at < COUNT, f"the run was not killed mid-way ({killed_at} stored)"
    rerun = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{COUNT - killed_at} articles" in rerun.stdout
    assert f"{killed_at} duplicates" in rerun.stdout
    resumed = stored(db)
    expected = _clean_run(pipeline, articles, tmp_path / "clean.db")
    assert len({a["id"] for a in resumed["articles"]}) == len(resumed["articles"]) == COUNT
    assert resumed["rejections"] == expected["rejections"] == []
    assert resumed == expected


def test_two_writers_on_one_store_store_each_article_once_and_merge_as_one_run(
    pipeline: Pipeline, sitrep_env: dict[str, str], tmp_path: Path
) -> None:
    articles = distinct_articles(tmp_path / "articles.jsonl", COUNT)
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:30]), encoding="utf-8")  # articles 1-30
    second.write_text("".join(reversed(lines[10:])), encoding="utf-8")  # 40 down to 11
    db = tmp_path / "shared.db"
    env = {**os.environ, **sitrep_env, "SITREP_DB_PATH": str(db)}
    runs = [
        subprocess.Popen(
            _process(part), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for part in (first, second)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
    shared = stored(db)
    expected = _clean_run(pipeline, articles, tmp_path / "clean.db")
    assert sorted(a["id"] for a in shared["articles"]) == sorted(
        a["id"] for a in expected["articles"]
    )
    assert len(shared["articles"]) == COUNT
    assert shared["rejections"] == []
    report_ids = [r["id"] for r in shared["reports"]]
    assert len(report_ids) == len(set(report_ids)) == len(expected["reports"])
    assert {r["event_id"] for r in shared["reports"]} == {e["id"] for e in shared["events"]}
    assert _event_shape(shared) == _event_shape(expected)
