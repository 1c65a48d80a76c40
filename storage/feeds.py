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
