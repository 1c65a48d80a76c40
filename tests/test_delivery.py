"""Delivery under Telegram's faults (docs/reliability.md §5 group A): the real outbox on a real SQLite file,
the real PTB Bot and TelegramSender, over HTTP to the Bot API emulator scripted to fail.

Invariants checked after each scenario: nothing lost, per-chat order kept, a second copy only where
the first attempt's outcome was unknown, and that copy marked."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time

import pytest

from alerts.pacing import GLOBAL_PER_SECOND, GROUP_INTERVAL_S, PRIVATE_INTERVAL_S, Pacer
from storage.articles import NewArticle, store_article
from storage.outbox import reactivate_chat
from tests.auxil.tcp_proxy import TcpProxy
from tests.outbox_helpers import (
    ADMIN,
    NOW,
    deliver,
    incident,
    incident_ids,
    open_alerts,
    queue_alerts,
)


def assert_complete_and_ordered(db, emulator, chat: int, count: int) -> list[dict]:
    messages = emulator.messages(chat)
    ids = incident_ids(messages)
    assert sorted(set(ids)) == ids or ids == sorted(ids), ids  # per-chat order
    expected = [
        r[0] for r in db.execute("SELECT incident_id FROM alerts WHERE chat_id = ? ORDER BY id", (chat,))
    ]
    assert sorted(set(ids)) == expected and len(expected) == count  # nothing lost
    return messages


def test_every_alert_arrives_once_in_order_with_html(db, telegram_emulator):
    queue_alerts(db, [101, 102], 3)
    deliver(db, telegram_emulator, 20)
    for chat in (101, 102):
        messages = assert_complete_and_ordered(db, telegram_emulator, chat, 3)
        assert len(messages) == 3
        assert any(e["type"] == "bold" for e in messages[0]["entities"])  # sent as HTML, parsed
    sends = telegram_emulator.calls("sendMessage", chat_id=101)
    assert all(b["t"] - a["t"] >= 0.9 for a, b in zip(sends, sends[1:], strict=False))  # ≤ 1/s per chat


def test_a_burst_within_telegrams_limits_draws_no_429(db, telegram_emulator):
    """Catalogue A3: 200 chats at once, 30 alerts for one private chat and one group. The emulator
    enforces Telegram's limits on a clock 10× faster; the pacer runs 10× faster too."""
    scale = 10.0
    telegram_emulator.configure(enforce_limits=True, time_scale=scale)
    queue_alerts(db, [-431, 432], 29)
    queue_alerts(db, [-431, 432, *range(1000, 1200)], 1)
    pacer = Pacer(
        GLOBAL_PER_SECOND * scale, PRIVATE_INTERVAL_S / scale, GROUP_INTERVAL_S / scale, second=1 / scale
    )
    deliver(db, telegram_emulator, 60, pacer=pacer)
    assert telegram_emulator.stats()["http_429"] == 0
    assert open_alerts(db) == 0
    for chat in (-431, 432):
        assert_complete_and_ordered(db, telegram_emulator, chat, 30)
    private = [c["clock"] for c in telegram_emulator.calls("sendMessage", chat_id=432)]
    assert min(b - a for a, b in itertools.pairwise(private)) >= 1.0  # as they arrive (emulator seconds)
    group = [c["clock"] for c in telegram_emulator.calls("sendMessage", chat_id=-431)]
    assert max(sum(1 for t in group if start <= t < start + 60) for start in group) <= 20
    assert all(len(telegram_emulator.messages(chat)) == 1 for chat in range(1000, 1200))


def test_429_for_one_chat_waits_retry_after_for_that_chat_only(db, telegram_emulator):
    queue_alerts(db, [201, 202], 2)
    telegram_emulator.fault(method="sendMessage", chat_id=201, status=429, retry_after=3)
    deliver(db, telegram_emulator, 30)
    refused, *later = telegram_emulator.calls("sendMessage", chat_id=201)
    assert refused["status"] == 429
    assert later[0]["t"] - refused["t"] >= 3.0
    assert len(telegram_emulator.messages(201)) == 2  # resent once, nothing lost
    other = telegram_emulator.calls("sendMessage", chat_id=202)
    assert other[0]["t"] - refused["t"] < 1.0  # the other chat did not wait
    assert_complete_and_ordered(db, telegram_emulator, 201, 2)


def test_a_429_storm_loses_nothing_and_does_not_spin(db, telegram_emulator):
    queue_alerts(db, [301, 302, 303], 2)
    telegram_emulator.fault(method="sendMessage", status=429, retry_after=2, times=6)
    deliver(db, telegram_emulator, 40)
    for chat in (301, 302, 303):
        assert len(telegram_emulator.messages(chat)) == 2
        assert_complete_and_ordered(db, telegram_emulator, chat, 2)
    assert len(telegram_emulator.calls("sendMessage")) == 6 + 6  # each refusal waited, no tight loop


def test_a_blocked_chat_stops_its_subscriptions_and_admins_hear_once(db, telegram_emulator):
    queue_alerts(db, [401, 402], 3)
    telegram_emulator.set_chat(401, gone=True)
    deliver(db, telegram_emulator, 20)
    assert len(telegram_emulator.calls("sendMessage", chat_id=401)) == 1  # no request after the 403
    assert len(telegram_emulator.messages(402)) == 3  # the other chat is unaffected
    assert db.execute("SELECT active, gone_reason FROM chats WHERE id = 401").fetchone()[0] == 0
    assert (
        db.execute("SELECT count(*) FROM subscriptions WHERE chat_id = 401 AND active = 1").fetchone()[0] == 0
    )
    dead = db.execute("SELECT count(*) FROM alerts WHERE chat_id = 401 AND error_class = 'chat_gone'")
    assert dead.fetchone()[0] == 3
    [notice] = telegram_emulator.messages(ADMIN)
    assert "401" in notice["text"] and "blocked" in notice["text"]
    # The user unblocks the bot and writes to it: what was suspended comes back, and only that.
    assert reactivate_chat(db, 401) == 1
    assert (
        db.execute("SELECT count(*) FROM subscriptions WHERE chat_id = 401 AND active = 1").fetchone()[0] == 1
    )


@pytest.mark.parametrize(
    ("chat", "status", "description"),
    [
        (411, 403, "Forbidden: user is deactivated"),
        (-412, 403, "Forbidden: bot was kicked from the supergroup chat"),
        (-413, 400, "Bad Request: chat not found"),
        (-414, 403, "Forbidden: bot is not a member of the channel chat"),
    ],
)
def test_every_way_a_chat_goes_away_stops_it_once(db, telegram_emulator, chat, status, description):
    queue_alerts(db, [chat, 415], 2)
    telegram_emulator.set_chat(chat, gone=True, status=status, description=description)
    deliver(db, telegram_emulator, 20)
    assert len(telegram_emulator.calls("sendMessage", chat_id=chat)) == 1
    assert len(telegram_emulator.messages(415)) == 2
    assert db.execute("SELECT active FROM chats WHERE id = ?", (chat,)).fetchone()[0] == 0
    dead = db.execute("SELECT count(*) FROM alerts WHERE chat_id = ? AND error_class = 'chat_gone'", (chat,))
    assert dead.fetchone()[0] == 2
    assert [str(chat) in m["text"] for m in telegram_emulator.messages(ADMIN)] == [True]


def test_a_closed_forum_topic_stops_that_topic_only(db, telegram_emulator):
    queue_alerts(db, [-421], 2, threads=(7, 9))
    telegram_emulator.set_chat(-421, closed_topics=[7])
    deliver(db, telegram_emulator, 20)
    threads = [
        c["params"].get("message_thread_id") for c in telegram_emulator.calls("sendMessage", chat_id=-421)
    ]
    assert sorted(str(t) for t in threads) == ["7", "9", "9"]  # one refusal in topic 7, then nothing there
    active = db.execute("SELECT thread_id, active FROM subscriptions WHERE chat_id = -421 ORDER BY thread_id")
    assert active.fetchall() == [(7, -1), (9, 1)]
    assert db.execute("SELECT active FROM chats WHERE id = -421").fetchone()[0] == 1
    assert len(telegram_emulator.messages(ADMIN)) == 1


def test_a_group_that_became_a_supergroup_gets_its_alerts_at_the_new_id(db, telegram_emulator):
    queue_alerts(db, [-501], 2)
    telegram_emulator.set_chat(-501, migrated_to=-100501)
    deliver(db, telegram_emulator, 20)
    assert telegram_emulator.messages(-501) == []
    moved = telegram_emulator.messages(-100501)
    assert incident_ids(moved) == [1, 2]  # each exactly once, in order
    subscribed = db.execute("SELECT chat_id FROM subscriptions WHERE active = 1").fetchall()
    assert subscribed == [(-100501,)]


def test_a_refused_payload_falls_back_to_plain_text_once(db, telegram_emulator):
    queue_alerts(db, [601], 2)
    telegram_emulator.fault(
        method="sendMessage", chat_id=601, status=400, description="Bad Request: can't parse entities"
    )
    deliver(db, telegram_emulator, 20)
    first, fallback, *_ = telegram_emulator.calls("sendMessage", chat_id=601)
    assert first["params"].get("parse_mode") == "HTML" and fallback["params"].get("parse_mode") is None
    assert incident_ids(telegram_emulator.messages(601)) == [1, 2]


def test_a_payload_refused_twice_dies_and_the_queue_goes_on(db, telegram_emulator):
    queue_alerts(db, [602], 2)
    telegram_emulator.fault(
        method="sendMessage", chat_id=602, status=400, description="Bad Request: message is too long", times=2
    )
    deliver(db, telegram_emulator, 20)
    assert incident_ids(telegram_emulator.messages(602)) == [2]
    assert db.execute("SELECT status, error_class FROM alerts WHERE incident_id = 1").fetchone() == (
        "dead",
        "payload",
    )
    assert "refused" in telegram_emulator.messages(ADMIN)[0]["text"]


def test_an_answer_that_never_comes_gives_one_marked_repeat(db, telegram_emulator):
    queue_alerts(db, [701], 1)
    telegram_emulator.fault(method="sendMessage", chat_id=701, accept_then_delay=4)
    deliver(db, telegram_emulator, 30, read_timeout_s=1.0)
    first, second = telegram_emulator.messages(701)  # exactly two stored copies, never three
    assert "Re-sent after a fault" not in first["text"]
    assert "Re-sent after a fault" in second["text"]
    assert db.execute("SELECT status, ambiguous FROM alerts").fetchone() == ("sent", 1)


@pytest.mark.parametrize("fault", ["accept_then_drop", "accept_then_reset"], ids=["closed", "reset"])
def test_a_connection_lost_after_the_message_was_stored_gives_one_marked_repeat(db, telegram_emulator, fault):
    """The request was fully written, then the connection closed (RemoteProtocolError) or was reset
    (ReadError) before the answer: unknown, as after a read timeout."""
    queue_alerts(db, [711], 2)
    telegram_emulator.fault(method="sendMessage", chat_id=711, **{fault: True})
    deliver(db, telegram_emulator, 30)
    first, second, third = telegram_emulator.messages(711)
    assert incident_ids([first, second, third]) == [1, 1, 2]
    assert "Re-sent after a fault" not in first["text"]
    assert "Re-sent after a fault" in second["text"]
    assert "Re-sent after a fault" not in third["text"]
    assert db.execute("SELECT status, ambiguous FROM alerts ORDER BY id").fetchall() == [
        ("sent", 1),
        ("sent", 0),
    ]


def test_a_connection_closed_after_the_request_was_read_is_marked_though_nothing_arrived(
    db, telegram_emulator
):
    """From the bot's side this is the case above: it cannot know, so the resend says it may repeat."""
    queue_alerts(db, [712], 1)
    telegram_emulator.fault(method="sendMessage", chat_id=712, drop_connection=True)
    deliver(db, telegram_emulator, 30)
    [message] = telegram_emulator.messages(712)
    assert "Re-sent after a fault" in message["text"]


def test_a_refused_connection_sent_nothing_and_the_resend_is_not_marked(db, telegram_emulator):
    queue_alerts(db, [713], 1)
    with TcpProxy(telegram_emulator.url) as proxy:
        opening = threading.Timer(1.5, proxy.open)

        def refuse_for_a_while() -> None:  # once the bot is initialised: its sends are refused, then not
            proxy.refuse()
            opening.start()

        try:
            deliver(db, telegram_emulator, 30, on_start=refuse_for_a_while, base_url=f"{proxy.url}/bot")
        finally:
            opening.cancel()
    [message] = telegram_emulator.messages(713)
    assert "Re-sent" not in message["text"]
    assert db.execute("SELECT status, ambiguous, attempts > 1 FROM alerts").fetchone() == ("sent", 0, 1)


@pytest.mark.parametrize("fault", [{"status": 500}, {"status": 502, "html": True}], ids=["500", "502-html"])
def test_errors_that_did_not_store_are_retried_without_a_mark(db, telegram_emulator, fault):
    queue_alerts(db, [801], 2)
    telegram_emulator.fault(method="sendMessage", chat_id=801, times=2, **fault)
    deliver(db, telegram_emulator, 30)
    messages = telegram_emulator.messages(801)
    assert incident_ids(messages) == [1, 2]
    assert not any("Re-sent" in m["text"] for m in messages)


def test_stored_then_502_is_the_documented_risk(db, telegram_emulator):
    queue_alerts(db, [802], 1)
    telegram_emulator.fault(method="sendMessage", chat_id=802, accept_then_status=502, html=True)
    deliver(db, telegram_emulator, 20)
    assert len(telegram_emulator.messages(802)) == 2  # at most two: docs/delivery.md says why


def test_telegram_unreachable_for_a_while_then_everything_in_order(db, telegram_emulator):
    queue_alerts(db, [901, 902], 3)
    deliver(db, telegram_emulator, 60, on_start=lambda: telegram_emulator.outage(4, mode="close"))
    for chat in (901, 902):
        assert incident_ids(telegram_emulator.messages(chat)) == [1, 2, 3]
    during = [c for c in telegram_emulator.calls("sendMessage") if c["status"] == 0]
    assert len(during) <= 2 * 4  # backing off, not spinning


def test_a_revoked_token_halts_delivery_and_keeps_the_outbox(db, telegram_emulator):
    queue_alerts(db, [1001], 2)
    telegram_emulator.fault(method="sendMessage", status=401, description="Unauthorized", times=5)
    deliverer = deliver(db, telegram_emulator, 10)
    assert deliverer.halted
    assert len(telegram_emulator.calls("sendMessage")) == 1
    assert open_alerts(db) == 2  # nothing dropped: a restart with a good token sends them


def test_quiet_hours_are_silent_unless_many_died(db, telegram_emulator):
    queue_alerts(db, [1101], 1)
    queue_alerts(db, [1101], 1, killed=7)
    db.execute("UPDATE chats SET quiet_hours = '00:00-23:59' WHERE id = 1101")
    db.conn.commit()
    deliver(db, telegram_emulator, 20)
    sends = telegram_emulator.calls("sendMessage", chat_id=1101)
    assert [bool(c["params"].get("disable_notification")) for c in sends] == [True, False]


def confirm(db, n: int, killed: int | None, reported_at: str = NOW) -> None:
    """Another outlet reports incident n's clash: stored as a source of it (the real merge rule)."""
    from ingest.merge import choose_merge, compatible_types

    unique = f"confirm-{n}-{time.monotonic_ns()}"
    article = NewArticle(None, unique, None, unique, "again", "x", reported_at, outlet="other")
    report = incident(n, killed, reported_at)
    stored = store_article(db, article, [report], NOW, choose_merge, compatible_types)
    assert stored.merged_into, "the second report should confirm the first"


def test_a_confirmed_incident_edits_the_alert_the_chat_already_has(db, telegram_emulator):
    queue_alerts(db, [1201], 1, killed=3)
    deliver(db, telegram_emulator, 10)
    [alert] = telegram_emulator.messages(1201)
    assert "1 outlet" in alert["text"]
    confirm(db, 0, killed=2)
    deliver(db, telegram_emulator, 10)
    [edited] = telegram_emulator.messages(1201)  # still one message: edited, not a second alert
    assert edited["message_id"] == alert["message_id"]
    assert "confirmed by 2 outlets" in edited["text"] and "2 killed" in edited["text"]
    assert "Update" in edited["text"]


def test_a_toll_that_rose_is_said_in_the_edited_alert(db, telegram_emulator):
    queue_alerts(db, [1204], 1, killed=3)
    deliver(db, telegram_emulator, 10)
    confirm(db, 0, killed=5, reported_at="2026-01-01T23:00:00+00:00")  # eleven hours later
    deliver(db, telegram_emulator, 10)
    [edited] = telegram_emulator.messages(1204)
    assert "5 killed" in edited["text"] and "↑ Toll rose from 3 to 5 killed" in edited["text"]


def test_an_update_of_a_deleted_alert_comes_as_one_new_message(db, telegram_emulator):
    queue_alerts(db, [1202], 1)
    deliver(db, telegram_emulator, 10)
    [alert] = telegram_emulator.messages(1202)
    telegram_emulator.fault(
        method="editMessageText",
        chat_id=1202,
        status=400,
        description="Bad Request: message to edit not found",
    )
    confirm(db, 0, killed=None)
    deliver(db, telegram_emulator, 10)
    first, follow_up = telegram_emulator.messages(1202)
    assert first["text"] == alert["text"] and "confirmed by 2 outlets" in follow_up["text"]
    assert len(telegram_emulator.calls("editMessageText")) == 1  # no loop


def test_an_unchanged_edit_counts_as_delivered(db, telegram_emulator):
    queue_alerts(db, [1203], 1)
    deliver(db, telegram_emulator, 10)
    telegram_emulator.fault(
        method="editMessageText", chat_id=1203, status=400, description="Bad Request: message is not modified"
    )
    confirm(db, 0, killed=None)
    deliver(db, telegram_emulator, 10)
    assert len(telegram_emulator.messages(1203)) == 1
    assert db.execute("SELECT status FROM alerts WHERE kind = 'update'").fetchone() == ("sent",)


def test_an_alert_still_waiting_needs_no_update(db, telegram_emulator):
    queue_alerts(db, [1204], 1)
    confirm(db, 0, killed=None)  # before the first alert went out
    deliver(db, telegram_emulator, 10)
    [alert] = telegram_emulator.messages(1204)
    assert "confirmed by 2 outlets" in alert["text"]
    assert telegram_emulator.calls("editMessageText") == []


def test_a_digest_chat_gets_one_summary_with_every_incident(db, telegram_emulator):
    queue_alerts(db, [1301], 4)
    db.execute("UPDATE chats SET digest = 'hourly' WHERE id = 1301")
    db.conn.commit()
    deliver(db, telegram_emulator, 10)
    [summary] = telegram_emulator.messages(1301)
    assert summary["text"].startswith("🗞 Digest: 4 incidents")
    assert [line.split()[1] for line in summary["text"].splitlines()[1:]] == ["#1", "#2", "#3", "#4"]
    queue_alerts(db, [1301], 1)  # within the hour: waits for the next digest
    deliver(db, telegram_emulator, 2)
    assert len(telegram_emulator.messages(1301)) == 1 and open_alerts(db) == 1
    db.execute("UPDATE chats SET digest_sent_at = '2000-01-01T00:00:00+00:00' WHERE id = 1301")
    db.conn.commit()
    deliver(db, telegram_emulator, 10)
    assert telegram_emulator.messages(1301)[1]["text"].startswith("🗞 Digest: 1 incident")


def test_an_alert_delivered_hours_late_says_so(db, telegram_emulator):
    queue_alerts(db, [1401], 1)
    db.execute("UPDATE alerts SET created_at = '2000-01-01T00:00:00+00:00'")
    db.conn.commit()
    deliver(db, telegram_emulator, 10)
    [alert] = telegram_emulator.messages(1401)
    assert alert["text"].startswith("⏱ Delayed by ")


def test_requests_still_on_their_way_count_against_the_second():
    """Requests leave evenly spaced but may arrive bunched (a stalled machine, a connection pool): the
    pacer counts those answered in the last second and those still on their way, and stays under 30."""
    pacer = Pacer(per_second=10_000, second=0.2)

    async def scenario() -> float:
        for chat in range(29):
            await pacer.wait_turn(chat, "private")
        waiting = asyncio.create_task(pacer.wait_turn(99, "private"))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # 29 on their way: a 30th might arrive in the same second
        pacer.answered(0)
        started = time.monotonic()
        await waiting
        return time.monotonic() - started

    waited = asyncio.run(scenario())
    assert 0.15 <= waited < 0.5  # until that answer is a (0.2 s) second old
