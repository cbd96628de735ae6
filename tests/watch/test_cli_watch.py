"""sitrep watch as a command, in-process: one line per poll on stdout, errors on stderr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import EXIT_REJECTIONS, app

from .conftest import FeedServer, Resource
from .test_poller import FEED, _serve_first_feed

LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (?P<feed>\S+): (?P<new>\d+) new, (?P<dup>\d+) duplicates, "
    r"(?P<near>\d+) near-duplicates, (?P<events>\d+) events, (?P<errors>\d+) errors"
)


@pytest.fixture
def watch_env(sitrep_env: dict[str, str]) -> dict[str, str]:
    return {**sitrep_env, "SITREP_ALLOW_FETCH": "true", "SITREP_ALLOW_PRIVATE_URLS": "true"}


def test_cli_watch_once_then_again(
    watch_env: dict[str, str], tmp_path: Path, feed_server: FeedServer
) -> None:
    _serve_first_feed(feed_server)
    feed_server.resources["/down.rss"] = Resource(b"", status=503)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# desks\n{feed_server.url('/down.rss')}\n", encoding="utf-8")
    state = tmp_path / "watch-state.db"
    args = ["watch", feed_server.url(FEED), str(listing), "--once", "--state", str(state)]
    runner = CliRunner()

    first = runner.invoke(app, args, env=watch_env)
    assert first.exit_code == EXIT_REJECTIONS, first.output  # the feed that is down
    lines = first.stdout.splitlines()
    assert len(lines) == 2, first.stdout
    good, down = (LINE.match(line) for line in lines)
    assert good is not None and down is not None
    assert (good["feed"], good["new"], good["errors"]) == (feed_server.url(FEED), "2", "0")
    assert down["errors"] == "1" and "retry at" in lines[1]
    assert f"error: {feed_server.url('/down.rss')}: HTTP error 503" in first.stderr
    assert state.is_file()

    second = runner.invoke(app, args, env=watch_env)
    assert second.exit_code == 0, second.output
    lines = second.stdout.splitlines()
    assert lines[0].endswith(
        "0 new, 0 duplicates, 0 near-duplicates, 0 events, 0 errors (not modified)"
    )
    assert "skipped, backing off until" in lines[1]
    assert feed_server.paths().count("/down.rss") == 1


@pytest.mark.parametrize(
    ("argument", "message"), [("nowhere.txt", "neither a feed URL"), ("ftp://x/y", "not an http")]
)
def test_cli_watch_bad_feed_argument_is_usage_error(
    argument: str, message: str, watch_env: dict[str, str]
) -> None:
    result = CliRunner().invoke(app, ["watch", argument, "--once"], env=watch_env)
    assert result.exit_code == 2
    assert message in result.stderr
