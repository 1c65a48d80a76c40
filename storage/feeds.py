"""Feeds and their polling state."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A feed as stored, with its conditional-GET validators."""

    id: int
    url: str
    name: str
    interval_s: int
    etag: str | None
    last_modified: str | None
    error_count: int


def upsert_feed(db: sqlite_utils.Database, url: str, name: str, interval_s: int) -> int:
    """Create the feed or update its name and interval; return its id."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO feeds (url, name, interval_s) VALUES (?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET name = excluded.name, interval_s = excluded.interval_s, "
            "active = 1",
            (url, name, interval_s),
        )
        return conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0]


SAMPLE = "sample"


def upsert_sample_feed(db: sqlite_utils.Database, url: str, name: str, interval_s: int) -> int:
    """The one bundled sample feed row, moved to this run's URL (its server takes a new port each
    start); sample rows left by earlier versions, one per run, are switched off."""
    with write_transaction(db) as conn:
        row = conn.execute("SELECT id FROM feeds WHERE origin = ? ORDER BY id LIMIT 1", (SAMPLE,)).fetchone()
        # a dead row of an earlier run may hold this port's URL: it keeps its history under another key
        conn.execute(
            "UPDATE feeds SET url = url || '#replaced-' || id, active = 0 WHERE url = ? AND id IS NOT ?",
            (url, row[0] if row else None),
        )
        if row is None:
            feed_id = conn.execute(
                "INSERT INTO feeds (url, name, interval_s, origin) VALUES (?, ?, ?, ?)",
                (url, name, interval_s, SAMPLE),
            ).lastrowid
        else:
            feed_id = row[0]
            conn.execute(
                "UPDATE feeds SET url = ?, name = ?, interval_s = ?, active = 1, next_poll_at = '' WHERE id = ?",
                (url, name, interval_s, feed_id),
            )
        conn.execute(
            "UPDATE feeds SET active = 0 WHERE id <> ? AND name = ? AND url LIKE 'http://127.0.0.1:%'",
            (feed_id, name),
        )
        return feed_id


def due_feeds(db: sqlite_utils.Database, now: str) -> list[FeedRow]:
    """Active feeds whose next poll time has come."""
    rows = db.execute(
        "SELECT id, url, name, interval_s, etag, last_modified, error_count FROM feeds "
        "WHERE active = 1 AND next_poll_at <= ? ORDER BY next_poll_at, id",
        (now,),
    ).fetchall()
    return [FeedRow(*row) for row in rows]


def record_poll(
    db: sqlite_utils.Database,
    feed_id: int,
    now: str,
    next_poll_at: str,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """Store a poll's outcome: validators on success, the error and its count on failure."""
    with write_transaction(db) as conn:
        if error is None:
            conn.execute(
                "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, error_count = 0, "
                "last_error = NULL, etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified) WHERE id = ?",
                (now, next_poll_at, etag, last_modified, feed_id),
            )
        else:
            conn.execute(
                "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, "
                "error_count = error_count + 1, last_error = ? WHERE id = ?",
                (now, next_poll_at, error[:500], feed_id),
            )


def list_feeds(db: sqlite_utils.Database) -> list[dict]:
    """Every feed with its state, for status displays."""
    return list(db.query("SELECT * FROM feeds ORDER BY id"))
