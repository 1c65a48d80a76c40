"""A database damaged while the bot runs ("database disk image is malformed"): the admins are told once,
delivery and polling stop with one log line instead of one per tick, and the bot ends with status 2
and the one line that says to restore a backup. The real bot process against the emulator; the pages
are damaged on disk under it."""

from __future__ import annotations

import signal

import pytest

from storage.db import open_database
from tests.auxil.db_faults import damage_table
from tests.conftest import spawn_bot, write_bot_config
from tests.feed_builders import rss
from tests.outbox_helpers import ADMIN, queue_alerts

RESTORE = "restore it from a backup (docs/operations.md)"


@pytest.mark.parametrize(
    ("table", "finder"),
    [("alerts", "alerts.sender"), ("feeds", "ingest.poller")],
    ids=["delivery", "polling"],
)
def test_a_database_damaged_at_run_time_stops_the_bot_once_and_tells_the_admins(
    tmp_path, telegram_emulator, httpserver, table, finder
):
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    bot_table = f'[bot]\ndefault_language = "en"\nadmins = [{ADMIN}]\n'
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, delivery_s=0.1, bot_table=bot_table)
    database = tmp_path / "raqib.db"
    db = open_database(database)
    queue_alerts(db, [1201, 1202], 2)
    db.conn.close()
    log = tmp_path / "bot.log"
    with log.open("w") as stderr:
        process = spawn_bot(config, stderr)
    try:
        for chat in (1201, 1202):
            telegram_emulator.wait_for_messages(chat, 2, timeout=30)  # the bot works
        assert damage_table(database, table) > 0
        status = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)
    assert status == 2
    [notice] = telegram_emulator.messages(ADMIN)
    assert "database is damaged" in notice["text"] and "backup" in notice["text"]
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert output.count("malformed") <= 3  # one log line, the last line, not one per tick
    [found] = [line for line in output.splitlines() if "CRITICAL" in line]
    assert f"{finder}: the database is damaged (database disk image is malformed)" in found
    assert output.strip().splitlines()[-1] == (
        f"raqib: {database}: is damaged (database disk image is malformed): {RESTORE}"
    )
