"""Opaque keys behind inline buttons: the button carries a short random key, the meaning stays here.

Telegram clients choose what callback data they send (python-telegram-bot #709), so a key is looked up
and checked against the chat that pressed it; unknown or foreign keys are "expired".
"""

from __future__ import annotations

import json
import secrets

import sqlite_utils

from storage.db import write_transaction

KEEP_DAYS = 7


def save_callback(db: sqlite_utils.Database, chat_id: int, action: str, payload: dict, now: str) -> str:
    """Store what a button means for one chat; return its key (10 characters)."""
    key = secrets.token_urlsafe(8)[:10]
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO callbacks (key, chat_id, action, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            (key, chat_id, action, json.dumps(payload, ensure_ascii=False), now),
        )
        conn.execute("DELETE FROM callbacks WHERE created_at < date(?, ?)", (now, f"-{KEEP_DAYS} days"))
    return key


def load_callback(db: sqlite_utils.Database, key: str, chat_id: int) -> tuple[str, dict] | None:
    """(action, payload) for a key pressed in `chat_id`; None when unknown, expired or another chat's."""
    row = db.execute("SELECT chat_id, action, payload FROM callbacks WHERE key = ?", (key[:16],)).fetchone()
    if row is None or row[0] != chat_id:
        return None
    return row[1], json.loads(row[2])
