"""Chats, their language, and their subscriptions."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class Subscription:
    """What a chat follows."""

    id: int
    chat_id: int
    kind: str
    value_key: str
    label: str


def ensure_chat(db: sqlite_utils.Database, chat_id: int, chat_type: str, title: str | None, now: str) -> None:
    """Record a chat the first time it talks to the bot."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO chats (id, type, title, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET type = excluded.type, title = excluded.title",
            (chat_id, chat_type, title, now),
        )


def chat_language(db: sqlite_utils.Database, chat_id: int) -> str | None:
    """The language the chat chose, if any."""
    row = db.execute("SELECT language FROM chats WHERE id = ?", (chat_id,)).fetchone()
    return row[0] if row else None


def set_chat_language(db: sqlite_utils.Database, chat_id: int, language: str) -> None:
    """Remember the chat's language."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE chats SET language = ? WHERE id = ?", (language, chat_id))


def add_subscription(
    db: sqlite_utils.Database, chat_id: int, kind: str, value_key: str, label: str, now: str
) -> bool:
    """Subscribe the chat; False when it already had this subscription (idempotent)."""
    with write_transaction(db) as conn:
        existing = conn.execute(
            "SELECT active FROM subscriptions WHERE chat_id = ? AND kind = ? AND value_key = ?",
            (chat_id, kind, value_key),
        ).fetchone()
        if existing and existing[0]:
            return False
        conn.execute(
            "INSERT INTO subscriptions (chat_id, kind, value_key, label, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(chat_id, kind, value_key) "
            "DO UPDATE SET active = 1, label = excluded.label",
            (chat_id, kind, value_key, label, now),
        )
        return True


def remove_subscription(db: sqlite_utils.Database, chat_id: int, kind: str, value_key: str) -> bool:
    """Unsubscribe; False when there was nothing to remove."""
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE subscriptions SET active = 0 "
            "WHERE chat_id = ? AND kind = ? AND value_key = ? AND active = 1",
            (chat_id, kind, value_key),
        )
        return cursor.rowcount > 0


def list_subscriptions(db: sqlite_utils.Database, chat_id: int) -> list[Subscription]:
    """The chat's active subscriptions, oldest first."""
    rows = db.execute(
        "SELECT id, chat_id, kind, value_key, label FROM subscriptions "
        "WHERE chat_id = ? AND active = 1 ORDER BY id",
        (chat_id,),
    ).fetchall()
    return [Subscription(*row) for row in rows]
