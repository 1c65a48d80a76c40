"""The service's own state and the figures /status shows: all of it SQL, so it lives here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from storage.db import StorageError, write_transaction


@dataclass(frozen=True, slots=True)
class ServiceFigures:
    """What the database says about the running service."""

    feeds_ok: int
    feeds_failing: int
    feeds_paused: int
    alerts_waiting: int
    oldest_waiting_at: str | None
    last_sent_at: str | None
    database_bytes: int
    state: dict[str, str]


def set_state(db: sqlite_utils.Database, key: str, value: str) -> None:
    """Record one service_state value (started_at, last_backup_at, heartbeats)."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO service_state (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def service_state(db: sqlite_utils.Database) -> dict[str, str]:
    """Every service_state value by key."""
    return dict(db.execute("SELECT key, value FROM service_state").fetchall())


def service_figures(db: sqlite_utils.Database) -> ServiceFigures:
    """Feeds by health, the alert queue, the last alert sent and the file's size."""
    ok, failing, paused = db.execute(
        """SELECT
             COALESCE(SUM(active = 1 AND paused = 0 AND error_count = 0), 0),
             COALESCE(SUM(active = 1 AND paused = 0 AND error_count > 0), 0),
             COALESCE(SUM(active = 1 AND paused = 1), 0)
           FROM feeds"""
    ).fetchone()
    waiting, oldest = db.execute(
        "SELECT COUNT(*), MIN(created_at) FROM alerts WHERE status IN ('pending', 'sending')"
    ).fetchone()
    (last_sent,) = db.execute("SELECT MAX(sent_at) FROM alerts WHERE status = 'sent'").fetchone()
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    return ServiceFigures(
        feeds_ok=ok,
        feeds_failing=failing,
        feeds_paused=paused,
        alerts_waiting=waiting,
        oldest_waiting_at=oldest,
        last_sent_at=last_sent,
        database_bytes=pages * page_size,
        state=service_state(db),
    )


def read_service_state(path: Path) -> dict[str, str]:
    """service_state of the database file at `path`, opened read-only (for `raqib health`)."""
    if not path.is_file():
        raise StorageError(f"{path}: no such database file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            return dict(conn.execute("SELECT key, value FROM service_state").fetchall())
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot read the service state ({exc})") from exc
