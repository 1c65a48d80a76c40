"""Writes the database refuses for a while (docs/reliability.md §5 G49): another process holding the write lock
past the busy timeout, a full database. The outcome of a send is known, so its settle is retried until
it is written and no chat waits behind a `sending` row; a poll whose commit is refused is stored at the
next tick, once. Real SQLite files, another process for the lock, the real PTB Bot against the emulator,
the real poller against a local feed server."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from alerts.pacing import Pacer
from feeds.fetch import make_client
from ingest.poller import FeedPoller
from storage.db import REFUSED, database_fault, open_database, write_transaction
from storage.feeds import list_feeds, upsert_feed
from storage.subscriptions import Target, add_subscription, ensure_chat
from tests.auxil.db_faults import WriteLock
from tests.conftest import BOT_TOKEN, LOOPBACK_ALLOWED, PROJECT_ROOT, write_bot_config
from tests.feed_builders import rss, seed_item
from tests.outbox_helpers import NOW, deliver, incident_ids, queue_alerts

LOCKED_S = 8.0  # longer than the bot's 5 s busy timeout: its writes fail, not wait


def test_a_settle_refused_by_a_locked_database_is_retried_and_holds_no_chat(db, db_path, telegram_emulator):
    queue_alerts(db, [1101, 1102], 3)
    telegram_emulator.fault(method="sendMessage", chat_id=1101, accept_then_delay=1.5)
    lock = WriteLock(db_path)

    def lock_across_the_first_send() -> None:
        telegram_emulator.wait_for_calls("sendMessage", 1, chat_id=1101, timeout=20)  # stored, not answered
        lock.take()
        time.sleep(LOCKED_S)
        lock.release()

    holder = threading.Thread(target=lock_across_the_first_send)
    holder.start()
    try:  # three seconds between a chat's messages: the lock lands while only the settle writes
        deliver(db, telegram_emulator, 45, pacer=Pacer(private_interval_s=3.0))
    finally:
        holder.join()
        lock.release()
    for chat in (1101, 1102):
        messages = telegram_emulator.messages(chat)
        assert incident_ids(messages) == [1, 2, 3]  # all of them, once each, in order, without a restart
        assert not any("Re-sent" in m["text"] for m in messages)
    assert db.execute("SELECT DISTINCT status FROM alerts").fetchall() == [("sent",)]


def test_a_poll_whose_commit_is_refused_is_stored_once_at_the_next_tick(httpserver, db, db_path, gazetteer):
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item("seed-003"), seed_item("seed-005")]), content_type="application/rss+xml"
    )
    upsert_feed(db, httpserver.url_for("/feed"), "test", 3600)  # a poll recorded as failed waits 2 h
    for chat in (1, 2):
        ensure_chat(db, chat, "private", None, NOW)
    add_subscription(db, 1, Target("town", "عشاره", "العشارة"), NOW)
    add_subscription(
        db, 2, Target("type", "looting/property destruction", "Looting/property destruction"), NOW
    )
    lock = WriteLock(db_path)
    lock.take()
    release = threading.Timer(LOCKED_S, lock.release)

    async def poll_until_stored() -> None:
        async with make_client(LOOPBACK_ALLOWED) as client:
            poller = FeedPoller(db, client, gazetteer)
            deadline = time.monotonic() + 30
            release.start()
            while time.monotonic() < deadline and not _count(db, "articles"):
                poller.tick()
                await asyncio.sleep(0.2)
            await asyncio.sleep(1)
            await poller.stop()

    try:
        asyncio.run(poll_until_stored())
    finally:
        release.cancel()
        lock.release()
    assert _count(db, "articles") == 2 and _count(db, "incidents") == 2  # everything, once
    rows = db.execute("SELECT chat_id, count(*) FROM alerts GROUP BY chat_id ORDER BY chat_id").fetchall()
    assert rows == [(1, 1), (2, 1)]
    [feed] = list_feeds(db)
    assert (feed["error_count"], feed["last_error"]) == (0, None)  # the database's trouble, not the feed's
    assert len(httpserver.log) >= 2  # fetched again, not recorded as polled


def test_a_write_refused_by_a_full_database_says_so_and_the_connection_goes_on(db):
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full (catalogue G49)
    with pytest.raises(sqlite3.OperationalError) as refused, write_transaction(db) as conn:
        for n in range(100):
            conn.execute(
                "INSERT INTO chats (id, type, title, created_at) VALUES (?, 'private', ?, ?)",
                (n, "x" * 3000, NOW),
            )
    # SQLite rolled back by itself: the error is SQLITE_FULL, not "cannot rollback - no transaction"
    assert refused.value.sqlite_errorname == "SQLITE_FULL"
    assert database_fault(refused.value) == REFUSED
    assert not db.conn.in_transaction
    db.conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space comes back
    ensure_chat(db, 1, "private", None, NOW)
    assert _count(db, "chats") == 1


def _count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_writes_refused_at_every_tick_are_logged_once_with_a_count(tmp_path, telegram_emulator, httpserver):
    """For ten seconds the running bot may not grow any file (RLIMIT_FSIZE, set on its process from
    outside): each write that needs room fails with "disk I/O error", as on a full disk, while alerts
    are due, so every attempt (each chat about once a second) is refused. One line says so, and one the
    count; then every alert arrives once."""
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    bot_table = '[bot]\ndefault_language = "en"\n'
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, delivery_s=0.1, bot_table=bot_table)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--config", str(config), "--sample", "no"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,  # a pipe: the file size limit must not stop the log itself
        text=True,
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)
    reader.start()
    try:
        telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
        wal = tmp_path / "raqib.db-wal"
        resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (wal.stat().st_size, resource.RLIM_INFINITY))
        db = open_database(tmp_path / "raqib.db")  # this process may grow the WAL; the bot may not
        queue_alerts(db, [1301, 1302], 2)
        db.conn.close()
        time.sleep(10)
        resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        for chat in (1301, 1302):
            assert incident_ids(telegram_emulator.wait_for_messages(chat, 2, timeout=30)) == [1, 2]
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=15)
        reader.join(timeout=5)
        process.stderr.close()
    assert status == 0
    refusals = [line for line in log if "refuses to claim an alert (disk I/O error)" in line]
    assert len(refusals) == 2, refusals  # the first in full, then the count (at exit)
    repeated = int(refusals[1].split("… repeated ")[1].split()[0])
    assert repeated >= 10  # each chat tried about once a second (its pace) for 10 s, in one line
    assert not any("Traceback" in line for line in log)
    for chat in (1301, 1302):
        assert len(telegram_emulator.messages(chat)) == 2  # none repeated
