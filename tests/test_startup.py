"""`raqib run` failing at start, as an operator meets it: every failure ends with one line saying why and
its own exit status, and the bot token appears nowhere, in any output or any file the bot wrote."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.runtime import AlreadyRunning, hold_instance_lock
from tests.conftest import BOT_TOKEN, PROJECT_ROOT

SECRET = BOT_TOKEN.split(":", 1)[1]


def config_file(tmp_path: Path, base_url: str, extra: str = "") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[bot]\nlog_level = "DEBUG"\n[storage]\ndatabase = "{tmp_path / "raqib.db"}"\n'
        f'[telegram]\nbase_url = "{base_url}"\n{extra}',
        encoding="utf-8",
    )
    return config


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(config: Path, tmp_path: Path) -> subprocess.Popen:
    out, err = (tmp_path / "stdout.txt").open("w"), (tmp_path / "stderr.txt").open("w")
    with out, err:  # the child keeps its own copies
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", "--config", str(config), "--sample", "no"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )


def assert_token_nowhere(tmp_path: Path) -> None:
    """Neither the token, nor its secret half, nor its URL-quoted form, in any file under `tmp_path`."""
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for form in (BOT_TOKEN, SECRET, quote(BOT_TOKEN, safe="")):
                assert form.encode() not in data, f"token in {path.name}"


def last_line(tmp_path: Path) -> str:
    stderr = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert "Traceback" not in stderr
    return stderr.strip().splitlines()[-1]


def test_a_token_telegram_rejects_stops_with_one_redacted_line(tmp_path, telegram_emulator):
    telegram_emulator.configure(revoked_tokens=[BOT_TOKEN])
    process = start(config_file(tmp_path, telegram_emulator.bot_base_url), tmp_path)
    assert process.wait(timeout=60) == 4
    assert last_line(tmp_path) == (
        f"raqib: Telegram refused the bot token at {telegram_emulator.bot_base_url}: check TELEGRAM_BOT_TOKEN"
    )
    assert telegram_emulator.calls("getMe")[-1]["status"] == 401
    assert_token_nowhere(tmp_path)


def test_an_unreachable_api_is_waited_out_without_the_token(tmp_path):
    process = start(config_file(tmp_path, f"http://127.0.0.1:{closed_port()}/bot"), tmp_path)
    log = tmp_path / "stderr.txt"
    deadline = time.monotonic() + 30
    while "starting Telegram long polling" not in log.read_text(encoding="utf-8"):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    time.sleep(2)  # bootstrap retries against the closed port
    assert process.poll() is None
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    assert_token_nowhere(tmp_path)


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ("[delivery]\nsends_per_second = nan\n", "delivery.sends_per_second must be a finite number"),
        ("[chat]\nbase_url = 1\n", "chat.base_url is not a setting"),
    ],
)
def test_a_bad_config_stops_with_one_line_and_status_2(tmp_path, extra, line):
    config = config_file(tmp_path, f"http://127.0.0.1:{closed_port()}/bot", extra)
    process = start(config, tmp_path)
    assert process.wait(timeout=30) == 2
    assert last_line(tmp_path).startswith(f"raqib: {config}: {line}")
    assert_token_nowhere(tmp_path)


def test_a_config_value_holding_the_token_is_redacted_in_the_error(tmp_path):
    config = config_file(tmp_path, f"api.telegram.org/bot{BOT_TOKEN}")
    process = start(config, tmp_path)
    assert process.wait(timeout=30) == 2
    assert (
        last_line(tmp_path)
        == f"raqib: {config}: telegram.base_url must be an http(s) URL, got 'api.telegram.org/bot<token>'"
    )
    config.unlink()  # the operator's own file holds it; the bot's output must not
    assert_token_nowhere(tmp_path)


def test_a_locked_database_stops_with_status_3(tmp_path):
    with (tmp_path / "raqib.db.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another Raqib, as far as the bot can tell
        process = start(config_file(tmp_path, f"http://127.0.0.1:{closed_port()}/bot"), tmp_path)
        assert process.wait(timeout=30) == 3
    assert last_line(tmp_path) == f"raqib: another Raqib is already running on {tmp_path / 'raqib.db'}"
    assert_token_nowhere(tmp_path)


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symlink_to_the_database_is_the_same_lock_as_its_real_path(tmp_path, link):
    real = tmp_path / "data" / "raqib.db"
    real.parent.mkdir()
    real.touch()
    if link == "file":
        other = tmp_path / "alias.db"
        other.symlink_to(real)
    else:
        (tmp_path / "alias").symlink_to(real.parent, target_is_directory=True)
        other = tmp_path / "alias" / "raqib.db"
    with hold_instance_lock(real):
        with pytest.raises(AlreadyRunning, match=f"that is, {real}"):
            hold_instance_lock(other)
    with hold_instance_lock(other):  # and the other way round
        with pytest.raises(AlreadyRunning):
            hold_instance_lock(real)


def test_a_second_bot_through_a_symlink_refuses_to_start(tmp_path, telegram_emulator):
    first_home, second_home = tmp_path / "first", tmp_path / "second"
    first_home.mkdir()
    second_home.mkdir()
    first = start(config_file(first_home, telegram_emulator.bot_base_url), first_home)
    try:
        telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
        (second_home / "raqib.db").symlink_to(first_home / "raqib.db")
        second = start(config_file(second_home, telegram_emulator.bot_base_url), second_home)
        assert second.wait(timeout=30) == 3
        assert last_line(second_home) == (
            f"raqib: another Raqib is already running on {second_home / 'raqib.db'} "
            f"(that is, {first_home / 'raqib.db'})"
        )
        assert first.poll() is None
    finally:
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=15) == 0
