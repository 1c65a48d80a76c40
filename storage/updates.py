"""Updates whose side effects are done, so a replay after a crash is recognised (docs/reliability.md §3.3).
Telegram keeps undelivered updates for 24 hours; rows older than two days are pruned."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlite_utils

from storage.db import write_transaction

KEEP = timedelta(days=2)


def already_processed(db: sqlite_utils.Database, update_id: int) -> bool:
    """Whether this update's side effect was applied before."""
    return (
        db.execute("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)).fetchone() is not None
    )


def record_processed(db: sqlite_utils.Database, update_id: int, now: str) -> None:
    """Remember the update, and forget those too old to come back."""
    cutoff = (datetime.fromisoformat(now) - KEEP).isoformat(timespec="seconds")
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
            (update_id, now),
        )
        conn.execute("DELETE FROM processed_updates WHERE processed_at < ?", (cutoff,))
