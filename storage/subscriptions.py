"""Chats, their settings, and their subscriptions."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.crashpoints import crashpoint
from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class Subscription:
    """What a chat (or one forum topic of it) follows."""

    id: int
    chat_id: int
    kind: str  # town | governorate | actor | type | near | words
    value_key: str
    label: str
    thread_id: int = 0
    radius_km: float | None = None
    min_killed: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """What to follow: a kind and a key, and for `near` the centre and radius."""

    kind: str
    value_key: str
    label: str
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None


def governorate_key(admin1: str) -> str:
    """The key a governorate subscription and an incident inside the governorate share: its admin1
    name as the gazetteer gives it ("Idleb")."""
    return admin1.strip().lower()


def ensure_chat(db: sqlite_utils.Database, chat_id: int, chat_type: str, title: str | None, now: str) -> None:
    """Record a chat the first time it talks to the bot; a chat that talks again is active again."""
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
    db: sqlite_utils.Database,
    chat_id: int,
    target: Target,
    now: str,
    thread_id: int = 0,
    min_killed: int | None = None,
) -> bool:
    """Subscribe the chat (in this topic); False when it already had exactly this subscription.

    Subscribing again with another `min_killed` changes it; a chat that was gone is active again."""
    with write_transaction(db) as conn:
        existing = conn.execute(
            "SELECT active, min_killed FROM subscriptions "
            "WHERE chat_id = ? AND thread_id = ? AND kind = ? AND value_key = ?",
            (chat_id, thread_id, target.kind, target.value_key),
        ).fetchone()
        if existing and existing[0] and existing[1] == min_killed:
            return False
        conn.execute(
            "INSERT INTO subscriptions (chat_id, thread_id, kind, value_key, label, latitude, longitude, "
            "radius_km, min_killed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(chat_id, thread_id, kind, value_key) "
            "DO UPDATE SET active = 1, label = excluded.label, min_killed = excluded.min_killed",
            (
                chat_id,
                thread_id,
                target.kind,
                target.value_key,
                target.label,
                target.latitude,
                target.longitude,
                target.radius_km,
                min_killed,
                now,
            ),
        )
        conn.execute("UPDATE chats SET active = 1, gone_reason = NULL WHERE id = ?", (chat_id,))
        crashpoint("command.before_commit")
        return True


def remove_subscription(
    db: sqlite_utils.Database, chat_id: int, kind: str, value_key: str, thread_id: int = 0
) -> bool:
    """Unsubscribe; False when there was nothing to remove. A `near` key without a radius
    removes every radius around that place."""
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE subscriptions SET active = 0 WHERE chat_id = ? AND thread_id = ? AND kind = ? "
            "AND (value_key = ? OR (kind = 'near' AND value_key LIKE ? || '|%')) AND active = 1",
            (chat_id, thread_id, kind, value_key, value_key),
        )
        return cursor.rowcount > 0


def remove_subscription_by_id(
    db: sqlite_utils.Database, chat_id: int, subscription_id: int
) -> Subscription | None:
    """Unsubscribe by the id a remove button carries (checked against the chat); the removed row."""
    found = [s for s in list_subscriptions(db, chat_id, all_topics=True) if s.id == subscription_id]
    if not found:
        return None
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE subscriptions SET active = 0 WHERE id = ? AND chat_id = ?", (subscription_id, chat_id)
        )
    return found[0]


def list_subscriptions(
    db: sqlite_utils.Database, chat_id: int, thread_id: int = 0, all_topics: bool = False
) -> list[Subscription]:
    """The chat's active subscriptions (in one topic, or in all), oldest first."""
    where = "" if all_topics else " AND thread_id = ?"
    params = (chat_id,) if all_topics else (chat_id, thread_id)
    rows = db.execute(
        "SELECT id, chat_id, kind, value_key, label, thread_id, radius_km, min_killed FROM subscriptions "
        f"WHERE chat_id = ? AND active = 1{where} ORDER BY id",
        params,
    ).fetchall()
    return [Subscription(*row) for row in rows]


def set_chat_setting(db: sqlite_utils.Database, chat_id: int, **values: str | None) -> None:
    """Set muted_until, quiet_hours, timezone or digest (None clears)."""
    allowed = {"muted_until", "quiet_hours", "timezone", "digest"}
    if not values or set(values) - allowed:
        raise ValueError(f"unknown chat settings: {sorted(set(values) - allowed)}")
    assignments = ", ".join(f"{name} = ?" for name in values)
    with write_transaction(db) as conn:
        conn.execute(f"UPDATE chats SET {assignments} WHERE id = ?", (*values.values(), chat_id))
