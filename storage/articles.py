"""Articles and the incidents extracted from them, written with their outbox rows in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store (identity fields first)."""

    feed_id: int | None
    guid: str | None
    link: str | None
    content_hash: str
    title: str
    text: str
    published: str | None


@dataclass(frozen=True, slots=True)
class NewIncident:
    """An incident row to store, with the keys subscriptions are matched on."""

    event_type: str
    sub_event_type: str
    event_date: str | None
    time_precision: int
    sort_date: str
    town: str | None
    town_key: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    killed: int | None
    injured: int | None
    main: bool
    evidence: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)  # actor_key, name, acled_type, inter, role
    match_keys: list[tuple[str, str]] = field(default_factory=list)  # (kind, value_key)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What a store call wrote."""

    article_id: int
    incident_ids: list[int]
    alerts_queued: int


def find_known_article(
    db: sqlite_utils.Database,
    feed_id: int | None,
    guid: str | None,
    link: str | None,
    content_hash: str,
) -> int | None:
    """The id of an article already stored with this guid (same feed), link or content hash."""
    if guid:
        row = db.execute(
            "SELECT id FROM articles WHERE feed_id IS ? AND guid = ?", (feed_id, guid)
        ).fetchone()
        if row:
            return row[0]
    if link:
        row = db.execute("SELECT id FROM articles WHERE link = ?", (link,)).fetchone()
        if row:
            return row[0]
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
    return row[0] if row else None


def store_article(
    db: sqlite_utils.Database, article: NewArticle, incidents: list[NewIncident], now: str
) -> StoredArticle | None:
    """Write the article, its incidents, their actors and one outbox row per subscribed chat, atomically.

    Returns None when the article was already stored (checked again inside the transaction).
    """
    with write_transaction(db) as conn:
        if find_known_article(db, article.feed_id, article.guid, article.link, article.content_hash):
            return None
        article_id = conn.execute(
            "INSERT INTO articles (feed_id, guid, link, content_hash, title, text, published, "
            "fetched_at, is_incident) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.feed_id,
                article.guid,
                article.link,
                article.content_hash,
                article.title,
                article.text,
                article.published,
                now,
                int(bool(incidents)),
            ),
        ).lastrowid
        incident_ids = []
        queued = 0
        for incident in incidents:
            incident_id = _insert_incident(conn, article_id, incident, now)
            incident_ids.append(incident_id)
            queued += _queue_alerts(conn, incident_id, incident.match_keys, now)
        return StoredArticle(article_id, incident_ids, queued)


def _insert_incident(conn, article_id: int, incident: NewIncident, now: str) -> int:
    incident_id = conn.execute(
        "INSERT INTO incidents (article_id, event_type, sub_event_type, event_date, time_precision, "
        "sort_date, town, town_key, admin1, admin2, admin3, location, latitude, longitude, "
        "geo_precision, killed, injured, main, evidence, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            incident.event_type,
            incident.sub_event_type,
            incident.event_date,
            incident.time_precision,
            incident.sort_date,
            incident.town,
            incident.town_key,
            incident.admin1,
            incident.admin2,
            incident.admin3,
            incident.location,
            incident.latitude,
            incident.longitude,
            incident.geo_precision,
            incident.killed,
            incident.injured,
            int(incident.main),
            json.dumps(incident.evidence, ensure_ascii=False),
            now,
        ),
    ).lastrowid
    conn.executemany(
        "INSERT INTO incident_actors (incident_id, position, actor_key, name, acled_type, inter, role) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                incident_id,
                i,
                a["actor_key"],
                a["name"],
                a.get("acled_type"),
                a.get("inter"),
                a["role"],
            )
            for i, a in enumerate(incident.actors)
        ],
    )
    return incident_id


def _queue_alerts(conn, incident_id: int, match_keys: list[tuple[str, str]], now: str) -> int:
    """Outbox: one alert per chat with an active subscription on any of the incident's keys."""
    if not match_keys:
        return 0
    values = ", ".join("(?, ?)" for _ in match_keys)
    params = [p for key in match_keys for p in key]
    before = conn.total_changes  # rowcount is -1 for a statement that starts with WITH
    conn.execute(
        f"WITH keys(kind, value_key) AS (VALUES {values}) "
        "INSERT OR IGNORE INTO alerts (incident_id, chat_id, next_attempt_at, created_at) "
        "SELECT DISTINCT ?, s.chat_id, ?, ? FROM keys "
        "JOIN subscriptions s ON s.kind = keys.kind AND s.value_key = keys.value_key "
        "WHERE s.active = 1",
        [*params, incident_id, now, now],
    )
    return conn.total_changes - before
