"""`sitrep serve` as a user starts it: a real process on a free port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import _free_port

SITREP = [sys.executable, "-m", "sitrep"]


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("my notes, not a database\n", encoding="utf-8")
    done = subprocess.run(
        [*SITREP, "serve", "--db", str(bad), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert str(bad) in done.stderr and "not a SQLite database" in done.stderr
    assert bad.read_text(encoding="utf-8") == "my notes, not a database\n"  # untouched


def test_serve_starts_read_only_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "SITREP_SERVE_TOKENS": ""}
    with subprocess.Popen(
        [*SITREP, "serve", "--db", str(tmp_path / "new.db"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as server:
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    health = httpx.get(f"{url}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "sitrep serve did not start"
                    assert server.poll() is None, server.stderr.read() if server.stderr else ""
                    time.sleep(0.1)
            assert health.json() == {"status": "ok", "events": 0}
            assert httpx.get(f"{url}/events").json() == {"events": [], "next_cursor": None}
            assert httpx.get(f"{url}/ui-config").json()["writable"] is False
        finally:
            server.terminate()
            _, stderr = server.communicate(timeout=20)
    assert "read-only" in stderr
