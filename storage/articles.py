"""Articles and the incidents reported in them, written with their outbox rows in one transaction.

A report of an event already stored (another outlet, the same clash) becomes a source of that incident
instead of a new one; which stored incidents are candidates is a query here, whether one is the same
event is the caller's rule (`ingest/merge.py`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from storage.crashpoints import crashpoint
from storage.db import write_transaction
from storage.outbox import queue_new_alerts, queue_update_alerts


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
    outlet: str | None = None
    search_words: str = ""  # normalised words for full-text search


# The sort date of an incident neither its text nor its report dates: it sorts after every dated one
# and no period selects it.
UNDATED = ""
# How far apart the days of stored incidents offered to the merge rule may be: a report dated only by
# its publication may tell of an event up to a week older (ingest/merge.py decides).
CANDIDATE_DAYS = 7


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
    vague_killed: int | None = None  # killed unknown: the conservative reading of "عشرات القتلى"
    actors: list[dict[str, Any]] = field(default_factory=list)  # actor_key, name, acled_type, inter, role
    match_keys: list[tuple[str, str]] = field(default_factory=list)  # (kind, value_key)
    reported_on: str | None = None  # the report's publication day, when the feed gives it
    reported_at: str | None = None  # its publication time (ISO), else when it was fetched
    town_en: str | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    """What one report of an incident said of its casualties, and when it was published (or, with no
    publication date, stored)."""

    killed: int | None
    injured: int | None
    at: str | None


@dataclass(frozen=True, slots=True)
class StoredIncident:
    """A stored incident as the merge rule sees it."""

    id: int
    event_type: str
    sub_event_type: str
    sort_date: str
    time_precision: int
    town_key: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    killed: int | None
    injured: int | None
    actor_keys: frozenset[str]
    sources: tuple[Figures, ...]
    article_ids: frozenset[int]
    dated: bool = True  # the event's own day is known (not only its first report's)


@dataclass(frozen=True, slots=True)
class Merge:
    """The decision to add a report to a stored incident, with the casualty figures that result."""

    incident_id: int
    killed: int | None
    injured: int | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What a store call wrote."""

    article_id: int
    incident_ids: list[int]
    alerts_queued: int
    merged_into: list[int] = field(default_factory=list)  # stored incidents this article confirmed


MergeRule = Callable[[NewIncident, list[StoredIncident]], Merge | None]


SameReport = Callable[[str, str], bool]  # (stored title + text, new title + text) → one report?


def find_identical_item(
    db: sqlite_utils.Database, feed_id: int | None, guid: str | None, title: str, text: str
) -> int | None:
    """The stored article of this feed with this guid and exactly this title and text: an item seen
    before, known without normalising its text for the content hash (most items of a poll are these)."""
    if feed_id is None or not guid:
        return None
    row = db.execute(
        "SELECT id FROM articles WHERE feed_id = ? AND guid = ? AND title = ? AND text = ? LIMIT 1",
        (feed_id, guid, title, text),
    ).fetchone()
    return row[0] if row else None


def find_known_article(
    db: sqlite_utils.Database,
    feed_id: int | None,
    guid: str | None,
    link: str | None,
    content_hash: str,
    full_text: str = "",
    same_report: SameReport | None = None,
) -> int | None:
    """The id of the stored article this one is: the same content anywhere, or the same guid (same
    feed) or link whose text `same_report` calls the same report (an edit). A guid or link reused for
    a different report is not known, so that report is not lost (docs/reliability.md §5 D32)."""
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
    if row:
        return row[0]
    candidates: list[tuple[int, str, str]] = []
    if guid:
        candidates += db.execute(
            "SELECT id, title, text FROM articles WHERE feed_id IS ? AND guid = ? ORDER BY id DESC",
            (feed_id, guid),
        ).fetchall()
    if link:
        candidates += db.execute(
            "SELECT id, title, text FROM articles WHERE link = ? ORDER BY id DESC", (link,)
        ).fetchall()
    for article_id, title, text in candidates:
        if same_report is None or same_report(f"{title}\n{text}", full_text):
            return article_id
    return None


def store_article(
    db: sqlite_utils.Database,
    article: NewArticle,
    incidents: list[NewIncident],
    now: str,
    merge_rule: MergeRule | None = None,
    candidate_types: Callable[[str], tuple[str, ...]] = lambda event_type: (event_type,),
    same_report: SameReport | None = None,
) -> StoredArticle | None:
    """Write the article and its incidents atomically: each incident is inserted (with its actors and
    one outbox row per subscribed chat) or, when `merge_rule` says it is a stored incident reported
    again, added to that incident as a source. None when the article was already stored."""
    with write_transaction(db) as conn:
        if find_known_article(
            db,
            article.feed_id,
            article.guid,
            article.link,
            article.content_hash,
            f"{article.title}\n{article.text}",
            same_report,
        ):
            return None
        article_id = _insert_article(conn, article, bool(incidents), now)
        incident_ids: list[int] = []
        merged: list[int] = []
        queued = 0
        for incident in incidents:
            decision = None
            if merge_rule is not None and incident.sort_date != UNDATED:
                types = candidate_types(incident.event_type)
                candidates = [c for c in _candidates(conn, incident, types) if c.id not in incident_ids]
                decision = merge_rule(incident, candidates)
            if decision is not None:
                _add_source(conn, decision, article_id, incident, now)
                merged.append(decision.incident_id)
                continue
            incident_id = _insert_incident(conn, article_id, incident, now)
            incident_ids.append(incident_id)
            position = None if incident.latitude is None else (incident.latitude, incident.longitude)
            # a backfill clears the keys: its old reports alert nobody, keyword subscribers neither
            words = frozenset(article.search_words.split()) if incident.match_keys else frozenset()
            queued += queue_new_alerts(
                conn, incident_id, incident.match_keys, alert_toll(incident), position, now, words
            )
        crashpoint("ingest.before_commit")
        return StoredArticle(article_id, incident_ids, queued, merged)


def alert_toll(incident: NewIncident) -> int | None:
    """The deaths a `min_killed` subscription compares: the figure, else a vague toll's conservative one
    ("عشرات القتلى" passes "killed ≥ 5", as ACLED would code it 10)."""
    return incident.killed if incident.killed is not None else incident.vague_killed


def _insert_article(conn: sqlite3.Connection, article: NewArticle, is_incident: bool, now: str) -> int:
    article_id = conn.execute(
        "INSERT INTO articles (feed_id, guid, link, content_hash, title, text, published, fetched_at, "
        "is_incident, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.feed_id,
            article.guid,
            article.link,
            article.content_hash,
            article.title,
            article.text,
            article.published,
            now,
            int(is_incident),
            article.outlet,
        ),
    ).lastrowid
    index_article_words(conn, article_id, article.search_words)
    return article_id


def index_article_words(conn: sqlite3.Connection, article_id: int, words: str) -> None:
    """Put an article's normalised words in the full-text index (rowid = article id)."""
    if words:
        conn.execute("INSERT INTO articles_fts (rowid, words) VALUES (?, ?)", (article_id, words))


def _insert_incident(conn: sqlite3.Connection, article_id: int, incident: NewIncident, now: str) -> int:
    evidence = json.dumps(incident.evidence, ensure_ascii=False)
    incident_id = conn.execute(
        "INSERT INTO incidents (article_id, event_type, sub_event_type, event_date, time_precision, "
        "sort_date, town, town_key, admin1, admin2, admin3, location, latitude, longitude, "
        "geo_precision, killed, injured, main, evidence, created_at, updated_at, reported_on, town_en, "
        "vague_killed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            evidence,
            now,
            now,
            incident.reported_on,
            incident.town_en,
            incident.vague_killed,
        ),
    ).lastrowid
    conn.executemany(
        "INSERT INTO incident_actors (incident_id, position, actor_key, name, acled_type, inter, role, "
        "sort_date, name_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                incident_id,
                i,
                a["actor_key"],
                a["name"],
                a.get("acled_type"),
                a.get("inter"),
                a["role"],
                incident.sort_date,
                a.get("name_en") or None,
            )
            for i, a in enumerate(_distinct_actors(incident.actors))
        ],
    )
    _insert_source(conn, incident_id, article_id, incident, evidence, now)
    return incident_id


def _insert_source(
    conn: sqlite3.Connection,
    incident_id: int,
    article_id: int,
    incident: NewIncident,
    evidence: str,
    now: str,
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO incident_sources (incident_id, article_id, event_type, sub_event_type, "
        "event_date, killed, injured, evidence, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            incident_id,
            article_id,
            incident.event_type,
            incident.sub_event_type,
            incident.event_date,
            incident.killed,
            incident.injured,
            evidence,
            now,
        ),
    )


def _candidates(
    conn: sqlite3.Connection, incident: NewIncident, types: tuple[str, ...]
) -> list[StoredIncident]:
    """Stored incidents of the given types within CANDIDATE_DAYS, in the same town or within ~10 km."""
    from datetime import date, timedelta

    day = date.fromisoformat(incident.sort_date[:10])
    low = (day - timedelta(days=CANDIDATE_DAYS)).isoformat()
    high = (day + timedelta(days=CANDIDATE_DAYS)).isoformat()
    lat, lon = incident.latitude, incident.longitude
    near = lat is not None and lon is not None
    rows = conn.execute(
        "SELECT i.id, i.event_type, i.sub_event_type, i.sort_date, i.time_precision, i.town_key, "
        "i.latitude, i.longitude, i.geo_precision, i.killed, i.injured, "
        "(SELECT group_concat(actor_key, char(31)) FROM incident_actors a WHERE a.incident_id = i.id), "
        "(SELECT json_group_array(json_array(s.killed, s.injured, coalesce(ar.published, ar.fetched_at))) "
        " FROM incident_sources s JOIN articles ar ON ar.id = s.article_id WHERE s.incident_id = i.id), "
        "(SELECT json_group_array(article_id) FROM incident_sources s WHERE s.incident_id = i.id), "
        "i.event_date IS NOT NULL "
        f"FROM incidents i WHERE i.event_type IN ({', '.join('?' for _ in types)}) "
        "AND i.sort_date BETWEEN ? AND ? "
        "AND (i.town_key = ? OR (? AND i.latitude BETWEEN ? AND ? AND i.longitude BETWEEN ? AND ?)) "
        "ORDER BY i.id DESC LIMIT 20",
        (
            *types,
            low,
            high + "\uffff",
            incident.town_key,
            int(near),
            (lat or 0) - 0.1,
            (lat or 0) + 0.1,
            (lon or 0) - 0.1,
            (lon or 0) + 0.1,
        ),
    ).fetchall()
    return [
        StoredIncident(
            id=r[0],
            event_type=r[1],
            sub_event_type=r[2],
            sort_date=r[3],
            time_precision=r[4],
            town_key=r[5],
            latitude=r[6],
            longitude=r[7],
            geo_precision=r[8],
            killed=r[9],
            injured=r[10],
            actor_keys=frozenset((r[11] or "").split("\x1f")) - {""},
            sources=tuple(Figures(*figures) for figures in json.loads(r[12])),
            article_ids=frozenset(json.loads(r[13])),
            dated=bool(r[14]),
        )
        for r in rows
    ]


def _add_source(
    conn: sqlite3.Connection, merge: Merge, article_id: int, incident: NewIncident, now: str
) -> None:
    """Record the report as a source; update the incident's figures and count; log the revision."""
    evidence = json.dumps(incident.evidence, ensure_ascii=False)
    _insert_source(conn, merge.incident_id, article_id, incident, evidence, now)
    before = conn.execute(
        "SELECT killed, injured, source_count, revision, event_date FROM incidents WHERE id = ?",
        (merge.incident_id,),
    ).fetchone()
    sources = conn.execute(
        "SELECT count(*) FROM incident_sources WHERE incident_id = ?", (merge.incident_id,)
    ).fetchone()[0]
    changes = {"source_count": [before[2], sources]}
    if (merge.killed, merge.injured) != (before[0], before[1]):
        changes.update(killed=[before[0], merge.killed], injured=[before[1], merge.injured])
    if before[4] is None and incident.event_date is not None:
        _date_incident(conn, merge.incident_id, incident)
        changes["event_date"] = [None, incident.event_date]
    _note_report_day(conn, merge.incident_id, incident.reported_on)
    revision = before[3] + 1
    conn.execute(
        "UPDATE incidents SET killed = ?, injured = ?, source_count = ?, revision = ?, updated_at = ?, "
        "vague_killed = min(coalesce(vague_killed, ?), coalesce(?, vague_killed)) WHERE id = ?",
        (
            merge.killed,
            merge.injured,
            sources,
            revision,
            now,
            *[incident.vague_killed] * 2,
            merge.incident_id,
        ),
    )
    conn.execute(
        "INSERT INTO incident_revisions (incident_id, revision, article_id, changes, changed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (merge.incident_id, revision, article_id, json.dumps(changes), now),
    )
    queue_update_alerts(conn, merge.incident_id, revision, now)


def _date_incident(conn: sqlite3.Connection, incident_id: int, report: NewIncident) -> None:
    """A later report tells the day the first did not: the incident takes it (ACLED overwrites)."""
    conn.execute(
        "UPDATE incidents SET event_date = ?, time_precision = ?, sort_date = ? WHERE id = ?",
        (report.event_date, report.time_precision, report.sort_date, incident_id),
    )
    conn.execute(
        "UPDATE incident_actors SET sort_date = ? WHERE incident_id = ?", (report.sort_date, incident_id)
    )


def _note_report_day(conn: sqlite3.Connection, incident_id: int, reported_on: str | None) -> None:
    """Keep the earliest publication day among the incident's reports."""
    if reported_on is not None:
        conn.execute(
            "UPDATE incidents SET reported_on = ? WHERE id = ? AND (reported_on IS NULL OR reported_on > ?)",
            (reported_on, incident_id, reported_on),
        )


def articles_missing_from_search(db: sqlite_utils.Database, limit: int = 1000) -> list[tuple[int, str, str]]:
    """Articles stored before the search index existed: (id, title, text)."""
    return db.execute(
        "SELECT id, title, text FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts) "
        "ORDER BY id LIMIT ?",
        (limit,),
    ).fetchall()


def index_missing_articles(db: sqlite_utils.Database, words_of: Callable[[str], str]) -> int:
    """Index every article the search index lacks; `words_of(text)` gives its normalised words."""
    total = 0
    while batch := articles_missing_from_search(db):
        with write_transaction(db) as conn:
            for article_id, title, text in batch:
                index_article_words(conn, article_id, words_of(f"{title}\n{text}") or "-")
        total += len(batch)
    return total


def _distinct_actors(actors: list[dict]) -> list[dict]:
    """One row per actor and incident, so that listings and counts by actor never see an incident twice."""
    seen: set[str] = set()
    return [a for a in actors if not (a["actor_key"] in seen or seen.add(a["actor_key"]))]
