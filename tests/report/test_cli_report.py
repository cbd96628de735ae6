"""`sitrep report` as a user runs it: a real SQLite file, a real process, real PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitrep.store.sqlite import SQLiteStore

from .samples import AIR_SENTENCE, HOSTILE_ACTOR, SPECS, sample_result

SITREP = [sys.executable, "-m", "sitrep", "report"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "events.db"
    with SQLiteStore(path) as store:
        for spec in SPECS:
            result = sample_result(spec)
            store.save_article(result, result.events)
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SITREP, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_report_markdown_to_stdout(db: Path) -> None:
    done = run("--db", str(db), "--country", "Syria", "--since", "2017-12-01")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Situation report: Syria")
    assert "4 events were recorded in Syria" in done.stdout
    assert "<img" not in done.stdout  # the hostile actor is escaped
    assert "&lt;img src=x onerror=alert(2)&gt;" in done.stdout


def test_report_markdown_file_writes_its_map_beside_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "sy.md"
    done = run("--db", str(db), "--country", "SY", "--since", "2017-12-01", "-o", str(out))
    assert done.returncode == 0, done.stderr
    svg = tmp_path / "sy.md.map.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "sy.md.map.svg" in out.read_text(encoding="utf-8")
    assert HOSTILE_ACTOR not in svg.read_text(encoding="utf-8")


def test_report_html_and_pdf(db: Path, tmp_path: Path) -> None:
    html = tmp_path / "sy.html"
    pdf = tmp_path / "sy.pdf"
    base = ["--db", str(db), "--country", "SY", "--since", "2017-12-01", "--until", "2017-12-31"]
    assert run(*base, "-f", "html", "-o", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and HOSTILE_ACTOR not in page
    done = run(*base, "-f", "pdf", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Syria" in text
    assert " ".join(AIR_SENTENCE.split())[:60] in text
    assert "events were recorded in Syria" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "Atlantis", "--since", "2017-12-01"], "Atlantis"),
        (["--country", "SY", "--since", "yesterday"], "--since"),
        (["--country", "SY", "--since", "2017-12-01", "-f", "docx"], "--format"),
        (["--country", "SY", "--since", "2017-12-01", "-f", "pdf"], "--output"),
        (["--country", "SY", "--since", "2017-12-31", "--until", "2017-12-01"], "2017-12"),
    ],
)
def test_report_bad_requests_are_clear_errors(db: Path, args: list[str], message: str) -> None:
    done = run("--db", str(db), *args)
    assert done.returncode in (1, 2)
    assert message in done.stderr
