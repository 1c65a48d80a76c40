"""Schema, transactions and the outbox state machine on a real SQLite file."""

import sqlite3

import pytest

from storage.db import SchemaTooNewError, open_database, schema_version, write_transaction
from storage.outbox import claim_alert, due_alerts, mark_retry, mark_sent, recover_interrupted
from storage.subscriptions import (
    Target,
    add_subscription,
    ensure_chat,
    list_subscriptions,
    remove_subscription,
)

NOW = "2026-01-01T12:00:00+00:00"
ASHARA = Target("town", "عشاره", "العشارة")


def claim_due_alerts(db, now, limit):
    """What a delivery tick does: the due head of each chat's queue, each claimed just before its send."""
    return [alert for alert in due_alerts(db, now, limit) if claim_alert(db, alert.id)]


def test_new_database_is_migrated_and_in_wal_mode(db):
    assert schema_version(db) >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"feeds", "articles", "incidents", "alerts", "subscriptions"} <= set(db.table_names())


def test_a_newer_schema_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        open_database(db_path)


def test_write_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError), write_transaction(db) as conn:
        conn.execute("INSERT INTO chats (id, created_at) VALUES (7, ?)", (NOW,))
        raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM chats").fetchone()[0] == 0


def test_subscriptions_are_idempotent(db):
    ensure_chat(db, 5, "private", None, NOW)
    assert add_subscription(db, 5, ASHARA, NOW) is True
    assert add_subscription(db, 5, ASHARA, NOW) is False
    assert len(list_subscriptions(db, 5)) == 1
    assert remove_subscription(db, 5, "town", "عشاره") is True
    assert remove_subscription(db, 5, "town", "عشاره") is False
    assert add_subscription(db, 5, ASHARA, NOW) is True


def _alerts(db, rows):
    with write_transaction(db) as conn:
        conn.execute("INSERT INTO feeds (id, url, name, interval_s) VALUES (1, 'http://x', 'x', 60)")
        conn.execute(
            "INSERT INTO articles (id, feed_id, content_hash, title, text, fetched_at) VALUES (1, 1, 'h', 't', 't', ?)",
            (NOW,),
        )
        for chat in {chat for chat, _ in rows}:
            conn.execute("INSERT INTO chats (id, created_at) VALUES (?, ?)", (chat, NOW))
        for incident in {incident for _, incident in rows}:
            conn.execute(
                "INSERT INTO incidents (id, article_id, event_type, sub_event_type, sort_date, created_at) "
                "VALUES (?, 1, 'Battles', 'Armed clash', '2026-01-01', ?)",
                (incident, NOW),
            )
        for chat, incident in rows:
            conn.execute(
                "INSERT INTO alerts (incident_id, chat_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?)",
                (incident, chat, NOW, NOW),
            )


def test_one_alert_in_flight_per_chat_in_order(db):
    _alerts(db, [(10, 1), (10, 2), (20, 1)])
    first = claim_due_alerts(db, NOW, 10)
    assert [(a.chat_id, a.incident_id) for a in first] == [(10, 1), (20, 1)]
    assert claim_due_alerts(db, NOW, 10) == []  # chat 10's next waits for its first
    mark_sent(db, first[0].id, 99, NOW)
    assert [(a.chat_id, a.incident_id) for a in claim_due_alerts(db, NOW, 10)] == [(10, 2)]


def test_a_retry_waits_and_blocks_the_chat_queue(db):
    _alerts(db, [(10, 1), (10, 2)])
    [claimed] = claim_due_alerts(db, NOW, 10)
    mark_retry(db, claimed.id, "2026-01-01T12:05:00+00:00", "rate limited", ambiguous=False)
    assert claim_due_alerts(db, NOW, 10) == []
    [again] = claim_due_alerts(db, "2026-01-01T12:05:00+00:00", 10)
    assert again.id == claimed.id and again.attempts == 1  # attempts made before this one


def test_alerts_interrupted_mid_send_come_back_marked(db):
    _alerts(db, [(10, 1)])
    [claimed] = claim_due_alerts(db, NOW, 10)
    assert not claimed.ambiguous
    assert recover_interrupted(db) == 1
    [again] = claim_due_alerts(db, NOW, 10)
    assert again.id == claimed.id and again.ambiguous


def test_an_actor_named_twice_in_one_incident_is_listed_and_counted_once(db):
    from storage.articles import NewArticle, NewIncident, store_article
    from storage.incidents import IncidentFilter, count_matching, find_incidents

    ndf = {"actor_key": "دفاع وطني", "name": "NDF", "acled_type": "Pro-government militia", "role": "party"}
    incident = NewIncident(
        "Battles",
        "Armed clash",
        "2026-01-01",
        1,
        "2026-01-01",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        True,
        {},
        actors=[ndf, {**ndf, "role": "target"}],
    )
    store_article(db, NewArticle(None, "g", None, "h", "t", "t", None), [incident], NOW)
    only_actor = IncidentFilter(actor_key="دفاع وطني")
    assert len(find_incidents(db, only_actor, 10)) == 1
    assert count_matching(db, only_actor) == 1
