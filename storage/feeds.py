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
    origin: str = "config"  # config | sample | chat
    hostile_hash: str | None = None  # the body last refused as hostile, not to be read again
    paused: bool = False
    # False for the first poll of a feed an admin added: its backlog is stored, not alerted.
    alerts: bool = True
    failing_since: str | None = None  # the first failure since the last success
    failure_notified: bool = False  # the admins were told it fails for a day (once per failing spell)
    baseline_at: str | None = None  # items dated before it alert no one; None until the first poll
    baseline_pending: bool = (
        False  # the next good poll is a baseline (the first, or the first after a resume)
    )


_FEED_COLUMNS = (
    "id, url, name, interval_s, etag, last_modified, error_count, origin, hostile_hash, paused, "
    "(origin != 'chat' OR baseline_done OR alert_backlog), failing_since, failure_notified, baseline_at, "
    "NOT baseline_done"
)


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """A feed's health as the admins see it: state, last success, errors, and a week's output."""

    id: int
    url: str
    name: str
    origin: str
    paused: bool
    last_success_at: str | None
    error_count: int
    last_error: str | None
    next_poll_at: str  # '' when due now
    retry_after: str | None
    items: int  # articles published (else fetched) since the `since` given
    incidents: int  # distinct incidents those articles reported (first or merged)


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


def sync_config_feeds(db: sqlite_utils.Database, feeds: list[tuple[str, str, int]]) -> int:
    """Make the config's feeds (url, name, interval) exactly the active `origin='config'` rows: each is
    created or updated, and one no longer listed stops being polled (its articles stay). Returns how
    many were retired."""
    for url, name, interval_s in feeds:
        upsert_feed(db, url, name, interval_s)
    listed = [url for url, _, _ in feeds]
    marks = ", ".join("?" * len(listed))
    with write_transaction(db) as conn:
        return conn.execute(
            f"UPDATE feeds SET active = 0 WHERE origin = 'config' AND active = 1 AND url NOT IN ({marks})",
            listed,
        ).rowcount


def place_sample_feed(db: sqlite_utils.Database, url: str, name: str, interval_s: int) -> int:
    """The one `origin='sample'` row, moved to `url` (the sample server's port changes at every start)
    with its polling state reset; returns its id. Any other sample row stops being polled."""
    with write_transaction(db) as conn:
        held = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        sample = conn.execute(
            "SELECT id FROM feeds WHERE origin = 'sample' ORDER BY active DESC, id LIMIT 1"
        ).fetchone()
        found = held or sample
        if found is None:
            feed_id = conn.execute(
                "INSERT INTO feeds (url, name, interval_s, origin) VALUES (?, ?, ?, 'sample')",
                (url, name, interval_s),
            ).lastrowid
        else:
            feed_id = found[0]
            conn.execute(
                "UPDATE feeds SET url = ?, name = ?, interval_s = ?, origin = 'sample', active = 1, "
                "paused = 0, next_poll_at = '', etag = NULL, last_modified = NULL, error_count = 0, "
                "last_error = NULL, failing_since = NULL, retry_after = NULL WHERE id = ?",
                (url, name, interval_s, feed_id),
            )
        conn.execute("UPDATE feeds SET active = 0 WHERE origin = 'sample' AND id != ?", (feed_id,))
        return feed_id


def retire_sample_feed(db: sqlite_utils.Database) -> None:
    """Stop polling the sample feed: nothing serves it in this run."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE feeds SET active = 0 WHERE origin = 'sample'")


def due_feeds(db: sqlite_utils.Database, now: str) -> list[FeedRow]:
    """Active, unpaused feeds whose next poll time has come and whose server's Retry-After has passed."""
    rows = db.execute(
        f"SELECT {_FEED_COLUMNS} FROM feeds WHERE active = 1 AND paused = 0 AND next_poll_at <= ? "
        "AND (retry_after IS NULL OR retry_after <= ?) ORDER BY next_poll_at, id",
        (now, now),
    ).fetchall()
    return [_feed_row(row) for row in rows]


def _feed_row(row: tuple) -> FeedRow:
    *polling, paused, alerts, failing_since, notified, baseline_at, pending = row
    return FeedRow(
        *polling, bool(paused), bool(alerts), failing_since, bool(notified), baseline_at, bool(pending)
    )


def mark_failure_notified(db: sqlite_utils.Database, feed_id: int) -> None:
    """The admins were told this feed fails: not again until it has worked once."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE feeds SET failure_notified = 1 WHERE id = ?", (feed_id,))


def is_polled(db: sqlite_utils.Database, feed_id: int) -> bool:
    """Whether the feed is still active and not paused."""
    return (
        db.execute("SELECT 1 FROM feeds WHERE id = ? AND active = 1 AND paused = 0", (feed_id,)).fetchone()
        is not None
    )


def polled_feed_ids(db: sqlite_utils.Database) -> set[int]:
    """The feeds that are polled at all: active and not paused."""
    return {row[0] for row in db.execute("SELECT id FROM feeds WHERE active = 1 AND paused = 0")}


def record_poll(
    db: sqlite_utils.Database,
    feed_id: int,
    now: str,
    next_poll_at: str,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    retry_after: str | None = None,
    hostile_hash: str | None = None,
    baseline_at: str | None = None,
) -> None:
    """Store a poll's outcome: validators and the time on success (and `baseline_at` when the feed has
    none yet); on failure the error, its count, since when the feed fails, until when its server asked
    not to be polled (`retry_after`), and the hash of a body refused as hostile."""
    with write_transaction(db) as conn:
        if error is None:
            conn.execute(
                "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, error_count = 0, "
                "last_error = NULL, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                "last_success_at = ?, failing_since = NULL, failure_notified = 0, retry_after = NULL, "
                "hostile_hash = NULL, baseline_done = 1, baseline_at = coalesce(baseline_at, ?) WHERE id = ?",
                (now, next_poll_at, etag, last_modified, now, baseline_at, feed_id),
            )
        else:
            conn.execute(
                "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, "
                "error_count = error_count + 1, last_error = ?, failing_since = coalesce(failing_since, ?), "
                "retry_after = ?, hostile_hash = coalesce(?, hostile_hash) WHERE id = ?",
                (now, next_poll_at, error[:500], now, retry_after, hostile_hash, feed_id),
            )


def move_feed(db: sqlite_utils.Database, feed_id: int, url: str) -> int | None:
    """Give the feed its new address (a permanent redirect); when another feed already has that
    address, leave both as they are and return that feed's id."""
    with write_transaction(db) as conn:
        holder = conn.execute("SELECT id FROM feeds WHERE url = ? AND id != ?", (url, feed_id)).fetchone()
        if holder is not None:
            return holder[0]
        conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, feed_id))
        return None


def pause_feed(db: sqlite_utils.Database, feed_id: int, now: str, reason: str) -> None:
    """Stop polling the feed until someone resumes it (the server said it is gone)."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE feeds SET paused = 1, last_polled_at = ?, last_error = ?, "
            "failing_since = coalesce(failing_since, ?) WHERE id = ?",
            (now, reason[:500], now, feed_id),
        )


def list_feeds(db: sqlite_utils.Database) -> list[dict]:
    """Every feed with its state, for status displays."""
    return list(db.query("SELECT * FROM feeds ORDER BY id"))


def add_feed(
    db: sqlite_utils.Database, url: str, name: str, interval_s: int, origin: str, now: str
) -> int | None:
    """Insert a feed, due at once (a removed feed at that URL comes back); None when an active feed
    already has the URL."""
    with write_transaction(db) as conn:
        row = conn.execute("SELECT id, active FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is not None and row[1]:
            return None
        if row is None:
            return conn.execute(
                "INSERT INTO feeds (url, name, interval_s, origin, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, name, interval_s, origin, now),
            ).lastrowid
        conn.execute(
            "UPDATE feeds SET name = ?, interval_s = ?, origin = ?, added_at = ?, active = 1, paused = 0, "
            "next_poll_at = '', error_count = 0, last_error = NULL, failing_since = NULL, "
            "failure_notified = 0, retry_after = NULL, baseline_done = 0, baseline_at = NULL WHERE id = ?",
            (name, interval_s, origin, now, row[0]),
        )
        return row[0]


def active_feed(
    db: sqlite_utils.Database, feed_id: int | None = None, name: str | None = None, url: str | None = None
) -> FeedRow | None:
    """The active feed with this id, else with this URL, else with this name (letter case aside)."""
    if feed_id is not None:
        where, value = "id = ?", feed_id
    elif url is not None:
        where, value = "url = ?", url
    else:
        where, value = "lower(name) = lower(?)", name
    row = db.execute(
        f"SELECT {_FEED_COLUMNS} FROM feeds WHERE active = 1 AND {where} ORDER BY id LIMIT 1", (value,)
    ).fetchone()
    return _feed_row(row) if row else None


def set_feed_paused(
    db: sqlite_utils.Database, feed_id: int, paused: bool, baseline_at: str | None = None
) -> bool:
    """Pause or resume a feed; False when it already was. A resumed feed is due at once, its errors
    and its server's Retry-After forgotten (an admin says it works again), and its next good poll is a
    baseline at `baseline_at` (a feed never polled keeps the rule of its first poll)."""
    with write_transaction(db) as conn:
        if paused:
            return (
                conn.execute("UPDATE feeds SET paused = 1 WHERE id = ? AND paused = 0", (feed_id,)).rowcount
                > 0
            )
        sql = (
            "UPDATE feeds SET paused = 0, next_poll_at = '', retry_after = NULL, error_count = 0, "
            "failing_since = NULL, failure_notified = 0, baseline_done = 0, "
            "baseline_at = CASE WHEN baseline_done OR baseline_at IS NOT NULL THEN ? END "
            "WHERE id = ? AND paused = 1"
        )
        return conn.execute(sql, (baseline_at, feed_id)).rowcount > 0


def retire_feed(db: sqlite_utils.Database, feed_id: int) -> None:
    """Stop polling a feed for good; its articles and incidents stay."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE feeds SET active = 0 WHERE id = ?", (feed_id,))


def feed_statuses(db: sqlite_utils.Database, since: str) -> list[FeedStatus]:
    """Every active feed's health, with the items and incidents it gave since `since`."""
    rows = db.execute(
        "SELECT f.id, f.url, f.name, f.origin, f.paused, f.last_success_at, f.error_count, f.last_error, "
        "f.next_poll_at, f.retry_after, "
        "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND coalesce(a.published, a.fetched_at) >= ?), "
        "(SELECT count(DISTINCT s.incident_id) FROM articles a JOIN incident_sources s ON s.article_id = a.id "
        " WHERE a.feed_id = f.id AND coalesce(a.published, a.fetched_at) >= ?) "
        "FROM feeds f WHERE f.active = 1 ORDER BY f.id",
        (since, since),
    ).fetchall()
    return [FeedStatus(*row[:4], bool(row[4]), *row[5:]) for row in rows]
