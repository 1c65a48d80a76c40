"""Upgrading a database made by the previous schema keeps every row and fills what is new."""

import sqlite3
from datetime import UTC, datetime

from extraction.normalize import search_words
from feeds.article import Article
from ingest.poll import ingest_article
from storage.articles import index_missing_articles
from storage.db import open_database, schema_version
from storage.schema import MIGRATIONS
from storage.subscriptions import list_subscriptions

NOW = "2025-06-01T10:00:00+00:00"


def make_v1(path):
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO feeds (id, url, name, interval_s) VALUES (1, 'http://x/feed', 'x', 300)")
    conn.execute(
        "INSERT INTO articles (id, feed_id, guid, content_hash, title, text, fetched_at, is_incident) "
        "VALUES (1, 1, 'g1', 'h1', 'اشتباكات في العشارة', 'اندلعت اشتباكات وبالعشارة قتل شخص', ?, 1)",
        (NOW,),
    )
    conn.execute(
        "INSERT INTO incidents (id, article_id, event_type, sub_event_type, sort_date, town, town_key, "
        "killed, created_at) VALUES (1, 1, 'Battles', 'Armed clash', '2025-06-01', 'العشارة', 'عشاره', 1, ?)",
        (NOW,),
    )
    conn.execute(
        "INSERT INTO incident_actors (incident_id, position, actor_key, name, role) "
        "VALUES (1, 0, 'دفاع الوطني', 'الدفاع الوطني', 'party')"
    )
    conn.execute("INSERT INTO chats (id, created_at) VALUES (7, ?)", (NOW,))
    conn.execute(
        "INSERT INTO subscriptions (chat_id, kind, value_key, label, created_at) VALUES (7, 'town', 'عشاره', 'العشارة', ?)",
        (NOW,),
    )
    conn.execute(
        "INSERT INTO alerts (incident_id, chat_id, status, next_attempt_at, created_at) VALUES (1, 7, 'sent', ?, ?)",
        (NOW, NOW),
    )
    conn.close()


def test_upgrade_from_v1_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    make_v1(path)
    db = open_database(path)
    assert schema_version(db) == len(MIGRATIONS)
    for table in ("feeds", "articles", "incidents", "incident_actors", "chats", "subscriptions", "alerts"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1, table
    assert db.execute("SELECT incident_id, article_id, killed FROM incident_sources").fetchall() == [
        (1, 1, 1)
    ]
    # v1 gave an incident with no date of its own the day it was fetched; v6 knows that is no date
    assert db.execute("SELECT sort_date, reported_on FROM incidents").fetchone() == ("", None)
    assert db.execute("SELECT sort_date FROM incident_actors").fetchone()[0] == ""
    assert db.execute("SELECT source_count, revision FROM incidents").fetchone() == (1, 1)
    # v13: a feed polled before has no baseline date yet; it takes one at its next poll
    assert db.execute("SELECT baseline_at FROM feeds").fetchone() == (None,)
    # the search index is filled for old articles at start-up
    assert index_missing_articles(db, lambda text: " ".join(search_words(text))) == 1
    assert db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ('"عشاره"',)
    ).fetchall() == [(1,)]
    assert index_missing_articles(db, lambda text: " ".join(search_words(text))) == 0


def test_upgrade_dates_an_incident_by_its_report_not_by_its_fetch(tmp_path):
    path = tmp_path / "old.db"
    make_v1(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE articles SET published = '2021-03-04T08:00:00+00:00'")
    conn.execute(
        "INSERT INTO incidents (id, article_id, event_type, sub_event_type, event_date, sort_date, "
        "created_at) VALUES (2, 1, 'Battles', 'Armed clash', '2021-03-02', '2021-03-02', ?)",
        (NOW,),
    )
    conn.close()
    db = open_database(path)
    assert db.execute(
        "SELECT id, event_date, reported_on, sort_date FROM incidents ORDER BY id"
    ).fetchall() == [
        (1, None, "2021-03-04", "2021-03-04"),
        (2, "2021-03-02", "2021-03-04", "2021-03-02"),
    ]


def test_a_failed_migration_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    make_v1(path)
    broken = [*MIGRATIONS[1][:3], "THIS IS NOT SQL"]
    monkeypatch.setattr("storage.db.MIGRATIONS", [MIGRATIONS[0], broken])
    try:
        open_database(path)
    except sqlite3.OperationalError:
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert "outlet" not in columns  # the half-applied migration was rolled back


def _plan(db, sql, params):
    return " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())


def test_an_actor_listing_walks_a_covering_index_newest_first(tmp_path):
    db = open_database(tmp_path / "new.db")
    plan = _plan(
        db,
        "SELECT incident_id FROM incident_actors WHERE actor_key = ? AND sort_date BETWEEN ? AND ? "
        "ORDER BY sort_date DESC, incident_id DESC LIMIT 100",
        ("قسد", "0", "9"),
    )
    assert "COVERING INDEX incident_actors_key_date_incident" in plan and "TEMP B-TREE" not in plan


def test_a_search_finds_its_incidents_from_the_index_alone(tmp_path):
    db = open_database(tmp_path / "new.db")
    plan = _plan(db, "SELECT DISTINCT incident_id FROM incident_sources WHERE article_id IN (?, ?)", (1, 2))
    assert "COVERING INDEX incident_sources_article_incident" in plan


def test_a_governorate_subscribed_before_as_a_town_alerts_after_the_upgrade(tmp_path, gazetteer):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:11]:  # up to v11, before the governorate kind (v12)
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 11")
    conn.execute("INSERT INTO chats (id, type, created_at) VALUES (16, 'private', '2026-01-01')")
    conn.execute(  # what /subscribe محافظة إدلب stored before: a town key no incident has
        "INSERT INTO subscriptions (chat_id, kind, value_key, label, created_at) "
        "VALUES (16, 'town', 'محافظه ادلب', 'محافظة إدلب', '2026-01-01')"
    )
    conn.close()
    db = open_database(path)
    [row] = list_subscriptions(db, 16)
    assert (row.kind, row.value_key, row.label) == ("governorate", "idleb", "محافظة إدلب")
    article = Article(
        guid="idlib", link=None, title="", text="قصفت قوات النظام بلدة كفرنبل بريف إدلب.", published=None
    )
    ingest_article(db, article, None, gazetteer, datetime(2026, 12, 2, tzinfo=UTC), "test")
    assert db.execute("SELECT chat_id FROM alerts").fetchall() == [(16,)]
    db.conn.close()
