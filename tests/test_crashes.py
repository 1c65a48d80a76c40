"""Crash and restart (docs/reliability.md §5 group B): the bot process is SIGKILLed at named points and at random
moments while it delivers, then restarted on the same database. Afterwards every chat has every alert,
in order; a second copy exists only where an attempt's outcome was unknown, and it carries the mark."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from storage.db import open_database
from tests.conftest import BOT_TOKEN, PROJECT_ROOT, write_bot_config
from tests.feed_builders import rss, seed_item
from tests.outbox_helpers import incident_ids, queue_alerts

REPEAT_MARK = "Re-sent after a fault"


@pytest.fixture
def home(tmp_path, telegram_emulator, httpserver):
    """A config for a bot with a quiet feed; yields a function starting the bot with extra env."""
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    bot_table = '[bot]\ndefault_language = "en"\n'
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, delivery_s=0.1, bot_table=bot_table)
    processes: list[subprocess.Popen] = []

    def start(**env: str) -> subprocess.Popen:
        with (tmp_path / f"bot-{len(processes)}.log").open("w") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--config", str(config), "--sample", "no"],
                cwd=PROJECT_ROOT,
                env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN, **env},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        processes.append(process)
        return process

    start.db_path = tmp_path / "raqib.db"
    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0


def wait_until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def settled(db_path) -> bool:
    db = open_database(db_path)
    try:
        return not db.execute(
            "SELECT 1 FROM alerts WHERE status IN ('pending', 'sending') LIMIT 1"
        ).fetchone()
    finally:
        db.conn.close()


def audit(db_path, emulator, chats: list[int]) -> tuple[int, int]:
    """(lost, repeated) over all chats, asserting order and that every repeat is marked and allowed."""
    db = open_database(db_path)
    lost = repeated = 0
    for chat in chats:
        rows = db.execute("SELECT incident_id, ambiguous FROM alerts WHERE chat_id = ? ORDER BY id", (chat,))
        expected = {incident: bool(ambiguous) for incident, ambiguous in rows}
        messages = emulator.messages(chat)
        ids = incident_ids(messages)
        assert ids == sorted(ids), f"chat {chat} out of order: {ids}"
        lost += len(set(expected) - set(ids))
        for incident in set(ids):
            copies = [m for m in messages if incident_ids([m]) == [incident]]
            repeated += len(copies) - 1
            if len(copies) > 1:
                assert expected[incident], f"incident {incident} repeated in chat {chat} without ambiguity"
                assert all(REPEAT_MARK in m["text"] for m in copies[1:])
            assert REPEAT_MARK not in copies[0]["text"] or expected[incident]
    db.conn.close()
    return lost, repeated


@pytest.mark.parametrize(
    ("point", "copies_of_second"),
    [("sender.after_claim", 1), ("sender.after_send", 2), ("sender.after_commit", 1)],
)
def test_a_kill_at_each_sender_point(home, telegram_emulator, point, copies_of_second):
    db = open_database(home.db_path)
    queue_alerts(db, [2101], 3)
    db.conn.close()
    crashed = home(RAQIB_CRASHPOINT=f"{point}:2")
    assert crashed.wait(timeout=60) == -signal.SIGKILL
    process = home()
    wait_until(lambda: settled(home.db_path), 60)
    stop(process)
    ids = incident_ids(telegram_emulator.messages(2101))
    assert ids.count(2) == copies_of_second and ids.count(1) == ids.count(3) == 1
    assert audit(home.db_path, telegram_emulator, [2101]) == (0, copies_of_second - 1)


def test_a_kill_inside_the_ingest_transaction_leaves_nothing_half_written(
    home, telegram_emulator, httpserver
):
    db = open_database(home.db_path)
    queue_alerts(db, [2201], 0)  # subscribed to battles, nothing queued yet
    db.conn.close()
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item("seed-003")]), content_type="application/rss+xml"
    )
    crashed = home(RAQIB_CRASHPOINT="ingest.before_commit:1")
    assert crashed.wait(timeout=60) == -signal.SIGKILL
    db = open_database(home.db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # rolled back whole
    db.conn.close()
    process = home()
    telegram_emulator.wait_for_messages(2201, 1, timeout=30)
    time.sleep(1.5)  # a second poll must not store or alert again
    stop(process)
    db = open_database(home.db_path)
    incidents = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    assert incidents >= 1 and db.execute("SELECT count(*) FROM alerts").fetchone()[0] == incidents
    assert len(telegram_emulator.messages(2201)) == incidents


def test_a_kill_before_a_subscribe_commits_never_makes_two(home, telegram_emulator):
    crashed = home(RAQIB_CRASHPOINT="command.before_commit:1")
    telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
    telegram_emulator.send_message(2301, "/subscribe town دير الزور", user_id=2301)
    assert crashed.wait(timeout=30) == -signal.SIGKILL
    process = home()  # the update was never confirmed: Telegram gives it again
    telegram_emulator.wait_for_messages(2301, 1, timeout=30)
    time.sleep(1.0)
    stop(process)
    db = open_database(home.db_path)
    assert db.execute("SELECT count(*) FROM subscriptions WHERE chat_id = 2301").fetchone()[0] == 1
    assert len(telegram_emulator.messages(2301)) == 1


def test_random_kills_while_delivering_lose_nothing(home, telegram_emulator):
    chats = [2401, 2402, 2403, 2404, -2405]
    planned = int(os.environ.get("RAQIB_SOAK_KILLS", "6"))
    db = open_database(home.db_path)
    queue_alerts(db, chats, max(6, planned))
    db.conn.close()
    # Slow answers (stored at once, answered 0.4 s later) widen the window a kill can fall into.
    telegram_emulator.fault(method="sendMessage", accept_then_delay=0.4, times=100_000)
    rng = random.Random(7)
    kills = 0
    while kills < planned and not settled(home.db_path):
        process = home()
        before = len(telegram_emulator.calls("sendMessage"))
        wait_until(lambda before=before: len(telegram_emulator.calls("sendMessage")) > before, 60)
        time.sleep(rng.uniform(0.0, 2.5))
        process.kill()
        process.wait(timeout=10)
        kills += 1
    menus = len(telegram_emulator.calls("setMyCommands"))
    process = home()
    telegram_emulator.wait_for_calls("setMyCommands", menus + 3, timeout=30)  # up, signals handled
    wait_until(lambda: settled(home.db_path), 180)
    stop(process)
    lost, repeated = audit(home.db_path, telegram_emulator, chats)
    db = open_database(home.db_path)
    unknown = db.execute("SELECT count(*) FROM alerts WHERE ambiguous = 1").fetchone()[0]
    alerts = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
    assert lost == 0
    # Only alerts whose outcome was unknown are repeated (audit checks each one), and a kill can fall
    # inside at most one send per chat (one in flight per chat): at most one extra copy per chat per kill.
    assert repeated <= kills * len(chats) and unknown <= kills * len(chats)
    print(
        f"soak: {alerts} alerts, {kills} kills, {lost} lost, {repeated} repeated, {unknown} unknown outcomes"
    )


def test_a_second_bot_on_the_same_database_refuses_to_start(home, telegram_emulator):
    first = home()
    telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
    second = home()
    assert second.wait(timeout=20) == 3
    assert first.poll() is None
    stop(first)


def test_telegram_unreachable_at_start_is_waited_out(home, telegram_emulator):
    db = open_database(home.db_path)
    queue_alerts(db, [2501], 2)
    db.conn.close()
    telegram_emulator.outage(6, mode="close")
    process = home()
    telegram_emulator.wait_for_messages(2501, 2, timeout=60)
    assert process.poll() is None
    stop(process)
    assert incident_ids(telegram_emulator.messages(2501)) == [1, 2]


def test_sigterm_in_a_fanout_finishes_what_is_in_flight_and_repeats_nothing(home, telegram_emulator):
    chats = list(range(2601, 2641))
    db = open_database(home.db_path)
    queue_alerts(db, chats, 2)
    db.conn.close()
    telegram_emulator.fault(method="sendMessage", accept_then_delay=0.3, times=100_000)
    process = home()
    telegram_emulator.wait_for_calls("sendMessage", 10, timeout=30)
    asked = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    print(f"SIGTERM to exit: {time.monotonic() - asked:.2f} s")
    db = open_database(home.db_path)
    states = dict(db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall())
    unknown = db.execute("SELECT count(*) FROM alerts WHERE ambiguous = 1").fetchone()[0]
    db.conn.close()
    assert "sending" not in states and unknown == 0  # every answer that came was recorded
    assert 0 < states.get("sent", 0) < len(chats) * 2  # it stopped in the middle
    process = home()
    wait_until(lambda: settled(home.db_path), 120)
    stop(process)
    assert audit(home.db_path, telegram_emulator, chats) == (0, 0)
