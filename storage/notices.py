"""Notices to the bot's admins (a chat that blocked the bot, a message Telegram refused): each one
once per admin, kept in SQLite until it is sent, like alerts."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice waiting for one admin."""

    id: int
    admin_id: int
    body: str
    attempts: int


def queue_notice(conn: sqlite3.Connection, key: str, admins: Sequence[int], body: str, now: str) -> int:
    """One notice per admin; a key already used is not queued again. Returns how many were queued."""
    cursor = conn.executemany(
        "INSERT OR IGNORE INTO notices (key, admin_id, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)",
        [(key, admin, body, now, now) for admin in admins],
    )
    return max(cursor.rowcount, 0)


def notify_admins(db: sqlite_utils.Database, key: str, admins: Sequence[int], body: str, now: str) -> int:
    """`queue_notice` in its own transaction."""
    with write_transaction(db) as conn:
        return queue_notice(conn, key, admins, body, now)


def due_notices(db: sqlite_utils.Database, now: str, limit: int = 20) -> list[Notice]:
    """Notices whose time has come, oldest first."""
    rows = db.execute(
        "SELECT id, admin_id, body, attempts FROM notices WHERE status = 'pending' AND next_attempt_at <= ? "
        "ORDER BY id LIMIT ?",
        (now, limit),
    ).fetchall()
    return [Notice(*row) for row in rows]


def settle_notice(
    db: sqlite_utils.Database, notice_id: int, status: str, next_attempt_at: str | None = None
) -> None:
    """Sent, dead, or pending again at `next_attempt_at`."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE notices SET status = ?, attempts = attempts + 1, "
            "next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?",
            (status, next_attempt_at, notice_id),
        )
