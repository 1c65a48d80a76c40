"""`raqib health` against a real bot process: 0 while its polling and delivery run, 1 and why after."""

from __future__ import annotations

import subprocess
import time

from tests.conftest import run_bot, write_bot_config
from tests.feed_builders import rss
from tests.test_cli import raqib


def health(*args: str) -> subprocess.CompletedProcess:
    """`raqib health ARGS` as a real process."""
    return raqib("health", *args)


def test_health_is_ok_while_the_bot_runs_and_fails_once_it_has_stopped(
    tmp_path, telegram_emulator, httpserver
):
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(tmp_path, telegram_emulator, httpserver)
    database = str(tmp_path / "raqib.db")
    for _started in run_bot(config, tmp_path / "bot.log", telegram_emulator):
        deadline = time.monotonic() + 30
        while (done := health("--config", str(config))).returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok: polling and delivery are running"
    time.sleep(2.5)
    done = health("--db", database, "--max-age", "2")
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("raqib: health: polling last ran ") and "(more than 2 s)" in line


def test_health_of_a_bot_that_never_ran_says_so(tmp_path):
    done = health("--db", str(tmp_path / "none.db"), "--max-age", "60")
    assert done.returncode == 1
    assert done.stderr.strip() == f"raqib: health: {tmp_path / 'none.db'}: no such database file"
