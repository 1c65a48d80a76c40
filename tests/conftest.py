"""Shared fixtures: a real SQLite file, the project's gazetteer, corpus folders, feed servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from extraction.gazetteer import Gazetteer, load_gazetteer
from feeds.guard import AddressPolicy
from storage.db import open_database

pytest_plugins = ["tests.auxil.emulator_fixture"]

# As the bot sets it: RetryAfter.retry_after as a timedelta, without PTB's deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")

# Tests serve feeds from loopback (pytest-httpserver, HostileServer), which the default policy refuses:
# they say so explicitly, as an operator would with [fetch] allow_private_addresses = true.
LOOPBACK_ALLOWED = AddressPolicy(allow_private=True)

TESTS_DIR = Path(__file__).parent
PROJECT_ROOT = TESTS_DIR.parent
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The project's gazetteer, loaded once."""
    return load_gazetteer()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "raqib.db"


@pytest.fixture
def db(db_path: Path):
    """A migrated database in a real file."""
    database = open_database(db_path)
    yield database
    database.conn.close()


def corpus_cases(folder: Path) -> list[Path]:
    """The .txt files of a corpus folder that have an annotation beside them."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.txt")) if p.with_suffix(".json").is_file()]


BOT_TOKEN = "123456789:AAEmulatorTestToken_abcdefghijklmno"


def write_bot_config(tmp_path, telegram_emulator, httpserver, delivery_s=0.2, bot_table="", telegram_keys=""):
    """config.toml for a bot on a database in `tmp_path`, talking to the emulator (`telegram_keys`: more
    lines for [telegram]) and polling `/feed` on the local server (loopback, allowed by the config) every
    second; returns its path."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'{bot_table}[storage]\ndatabase = "{tmp_path / "raqib.db"}"\n'
        f"[polling]\ntick_seconds = 0.2\n[delivery]\ninterval_seconds = {delivery_s}\n"
        "[fetch]\nallow_private_addresses = true\n"
        f'[telegram]\nbase_url = "{telegram_emulator.bot_base_url}"\n'
        f'base_file_url = "{telegram_emulator.file_base_url}"\n{telegram_keys}'
        f'[[feeds]]\nname = "local"\nurl = "{httpserver.url_for("/feed")}"\ninterval_seconds = 1\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture
def bot_process(tmp_path, telegram_emulator, httpserver):
    """The bot (a real process, real PTB) against the emulator, polling `/feed` on the local server,
    which starts empty; yields (process, log path)."""
    from tests.feed_builders import rss

    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(tmp_path, telegram_emulator, httpserver)
    yield from run_bot(config, tmp_path / "bot.log", telegram_emulator)


def run_bot(config, log, telegram_emulator):
    """Start `raqib run --config config` with a token, wait until it has set its menus, yield
    (process, log path), then SIGTERM it."""
    with log.open("w") as stderr:
        process = spawn_bot(config, stderr)
        try:
            telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
            yield process, log
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def ask_line(ctx, asker, line: str):
    """answer_line from a synchronous test (it is async: some answers fetch)."""
    import asyncio

    from answers.commands import answer_line

    return asyncio.run(answer_line(ctx, asker, line))


def spawn_bot(config, stderr) -> subprocess.Popen:
    """The bot as a real process on `config`, talking to the emulator with the test token; its log
    goes to `stderr` (a file or subprocess.PIPE)."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--config", str(config), "--sample", "no"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


ADMIN = 7001  # the bot admin of `admin_bot`
USER = 7002  # a user who is not


@pytest.fixture
def admin_bot(tmp_path, telegram_emulator, httpserver):
    """The bot with ADMIN in bot.admins, polling an empty `/feed` (feed #1, from the config); ADMIN's
    and USER's private chats speak English (button presses carry no app language)."""
    from tests.feed_builders import rss

    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(
        tmp_path, telegram_emulator, httpserver, bot_table=f"[bot]\nadmins = [{ADMIN}]\n"
    )
    for started in run_bot(config, tmp_path / "bot.log", telegram_emulator):
        for user in (ADMIN, USER):
            before = len(telegram_emulator.messages(user))
            telegram_emulator.send_message(user, "/lang en", user_id=user, language_code="en")
            telegram_emulator.wait_for_messages(user, before + 1, timeout=30)
        yield started
