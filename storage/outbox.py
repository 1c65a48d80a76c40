"""The alert outbox: pending → sending → sent, or dead / superseded; retries scheduled in the table.

Alert rows are written in the same transaction as the incident (`queue_new_alerts`) or its revision
(`queue_update_alerts`), keyed by (incident, revision, chat, topic), so re-processing never makes a
second alert. A row is claimed (committed as `sending`) just before its request and settled after it,
so a crash in between leaves a `sending` row that start-up turns back into `pending` with
`ambiguous = 1`: its resend is marked as a possible repeat. A chat's next alert waits while an earlier
one is in flight or waiting to retry (per-chat order). The contract: docs/delivery.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from storage.db import write_transaction
from storage.geo import box_around, distance_km

MAX_NEAR_KM = 100.0  # the widest /subscribe near radius; bounds the box searched for near subscriptions


@dataclass(frozen=True, slots=True)
class DueAlert:
    """An alert whose turn has come in its chat."""

    id: int
    incident_id: int
    revision: int
    chat_id: int
    thread_id: int
    kind: str  # new | update
    attempts: int
    ambiguous: bool
    created_at: str
    chat_type: str


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What delivery needs to know about a chat."""

    language: str | None
    muted_until: str | None
    quiet_hours: str | None
    timezone: str | None
    digest: str | None


def queue_new_alerts(
    conn: sqlite3.Connection,
    incident_id: int,
    match_keys: Sequence[tuple[str, str]],
    killed: int | None,
    position: tuple[float, float] | None,
    now: str,
    words: frozenset[str] = frozenset(),
) -> int:
    """Outbox rows for every active chat topic whose subscription the incident matches; how many.
    `words`: the report's search forms, for keyword subscriptions (every word of one must be there).

    Key subscriptions are matched and written by one statement (no rows through Python: a popular
    town can have a thousand subscribers); radius subscriptions are few and checked here."""
    if match_keys:
        values = ", ".join("(?, ?)" for _ in match_keys)
        conn.execute(
            f"WITH keys(kind, value_key) AS (VALUES {values}) "
            "INSERT OR IGNORE INTO alerts (incident_id, revision, chat_id, thread_id, kind, next_attempt_at, "
            "created_at) SELECT ?, 1, s.chat_id, s.thread_id, 'new', ?, ? FROM keys "
            "JOIN subscriptions s ON s.kind = keys.kind AND s.value_key = keys.value_key "
            "JOIN chats c ON c.id = s.chat_id WHERE s.active = 1 AND c.active = 1 "
            "AND (s.min_killed IS NULL OR s.min_killed <= ?)",
            [
                *(p for key in match_keys for p in key),
                incident_id,
                now,
                now,
                -1 if killed is None else killed,
            ],
        )
    if position is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO alerts (incident_id, revision, chat_id, thread_id, kind, next_attempt_at, "
            "created_at) VALUES (?, 1, ?, ?, 'new', ?, ?)",
            [
                (incident_id, chat, thread, now, now)
                for chat, thread in _near_subscribers(conn, killed, position)
            ],
        )
    if words:
        conn.executemany(
            "INSERT OR IGNORE INTO alerts (incident_id, revision, chat_id, thread_id, kind, next_attempt_at, "
            "created_at) VALUES (?, 1, ?, ?, 'new', ?, ?)",
            [
                (incident_id, chat, thread, now, now)
                for chat, thread in _word_subscribers(conn, killed, words)
            ],
        )
    # (total_changes would also count the rows of the materialised VALUES list: count the outbox.)
    return conn.execute("SELECT count(*) FROM alerts WHERE incident_id = ?", (incident_id,)).fetchone()[0]


def queue_update_alerts(conn: sqlite3.Connection, incident_id: int, revision: int, now: str) -> int:
    """The incident changed: chats that have (or may have) its alert get an update of it.

    A chat whose alert is still waiting gets nothing new (the alert is drawn from the incident when
    it is sent); an update that has not gone out yet is superseded by this newer one."""
    conn.execute(
        "UPDATE alerts SET status = 'superseded' WHERE incident_id = ? AND kind = 'update' "
        "AND status = 'pending'",
        (incident_id,),
    )
    cursor = conn.execute(
        "INSERT OR IGNORE INTO alerts (incident_id, revision, chat_id, thread_id, kind, next_attempt_at, "
        "created_at) SELECT DISTINCT incident_id, ?, chat_id, thread_id, 'update', ?, ? FROM alerts "
        "WHERE incident_id = ? AND kind = 'new' AND status IN ('sent', 'sending')",
        (revision, now, now, incident_id),
    )
    return max(cursor.rowcount, 0)


def _word_subscribers(
    conn: sqlite3.Connection, killed: int | None, words: frozenset[str]
) -> list[tuple[int, int]]:
    """(chat, topic) pairs whose keyword subscription's every word the report contains."""
    rows = conn.execute(
        "SELECT s.chat_id, s.thread_id, s.min_killed, s.value_key FROM subscriptions s "
        "JOIN chats c ON c.id = s.chat_id WHERE s.kind = 'words' AND s.active = 1 AND c.active = 1"
    ).fetchall()
    return [
        (chat, thread)
        for chat, thread, min_killed, key in rows
        if set(key.split()) <= words and (min_killed is None or (killed is not None and killed >= min_killed))
    ]


def _near_subscribers(
    conn: sqlite3.Connection, killed: int | None, position: tuple[float, float]
) -> list[tuple[int, int]]:
    """(chat, topic) pairs whose radius holds the position (and whose death-toll threshold is met)."""
    lat, lon = position
    south, north, west, east = box_around(lat, lon, MAX_NEAR_KM)
    rows = conn.execute(
        "SELECT s.chat_id, s.thread_id, s.min_killed, s.latitude, s.longitude, s.radius_km "
        "FROM subscriptions s JOIN chats c ON c.id = s.chat_id "
        "WHERE s.kind = 'near' AND s.active = 1 AND c.active = 1 "
        "AND s.latitude BETWEEN ? AND ? AND s.longitude BETWEEN ? AND ?",
        (south, north, west, east),
    ).fetchall()
    return [
        (chat, thread)
        for chat, thread, min_killed, s_lat, s_lon, km in rows
        if distance_km(lat, lon, s_lat, s_lon) <= km
        and (min_killed is None or (killed is not None and killed >= min_killed))
    ]


def recover_interrupted(db: sqlite_utils.Database) -> int:
    """After a crash: alerts left `sending` go back to `pending`, marked ambiguous. Returns how many."""
    with write_transaction(db) as conn:
        return conn.execute(
            "UPDATE alerts SET status = 'pending', ambiguous = 1 WHERE status = 'sending'"
        ).rowcount


_DUE_COLUMNS = (
    "a.id, a.incident_id, a.revision, a.chat_id, a.thread_id, a.kind, a.attempts, a.ambiguous, "
    "a.created_at, c.type"
)
_HEAD_OF_CHAT = (
    "a.id = (SELECT min(b.id) FROM alerts b WHERE b.chat_id = a.chat_id AND b.status = 'pending') "
    "AND NOT EXISTS (SELECT 1 FROM alerts b WHERE b.chat_id = a.chat_id AND b.status = 'sending')"
)


def due_alerts(
    db: sqlite_utils.Database, now: str, limit: int, terminal: bool = False, exclude: Sequence[int] = ()
) -> list[DueAlert]:
    """The oldest waiting alert of each chat that has nothing in flight and no digest, if it is due.

    `terminal` picks the terminal chat's alerts instead of Telegram chats'; `exclude` leaves out chats
    the caller is already serving."""
    kind = "=" if terminal else "!="
    skip = f" AND a.chat_id NOT IN ({', '.join('?' for _ in exclude)})" if exclude else ""
    rows = db.execute(
        f"SELECT {_DUE_COLUMNS} FROM alerts a JOIN chats c ON c.id = a.chat_id "
        f"WHERE a.status = 'pending' AND a.next_attempt_at <= ? AND c.type {kind} 'terminal' "
        f"AND c.digest IS NULL AND c.active = 1 AND {_HEAD_OF_CHAT}{skip} ORDER BY a.id LIMIT ?",
        (now, *exclude, limit),
    ).fetchall()
    return [DueAlert(*r[:7], bool(r[7]), r[8], r[9]) for r in rows]


_DIGEST_PERIODS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1)}


def due_digests(
    db: sqlite_utils.Database, now: datetime, terminal: bool = False, exclude: Sequence[int] = ()
) -> list[tuple[int, str]]:
    """(chat, chat type) of digest chats whose period has passed and that have alerts waiting."""
    kind = "=" if terminal else "!="
    stamp = now.isoformat(timespec="milliseconds")
    hourly, daily = (
        (now - _DIGEST_PERIODS[k]).isoformat(timespec="milliseconds") for k in ("hourly", "daily")
    )
    rows = db.execute(
        f"SELECT c.id, c.type FROM chats c WHERE c.digest IS NOT NULL AND c.active = 1 AND c.type {kind} 'terminal' "
        "AND (c.digest_sent_at IS NULL OR (c.digest = 'hourly' AND c.digest_sent_at <= ?) "
        "     OR (c.digest = 'daily' AND c.digest_sent_at <= ?)) "
        "AND EXISTS (SELECT 1 FROM alerts a WHERE a.chat_id = c.id AND a.status = 'pending' "
        "            AND a.next_attempt_at <= ?) "
        "AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.chat_id = c.id AND a.status = 'sending')",
        (hourly, daily, stamp),
    ).fetchall()
    return [(chat, chat_type) for chat, chat_type in rows if chat not in exclude]


def waiting_alerts(db: sqlite_utils.Database, chat_id: int, now: str, limit: int) -> list[DueAlert]:
    """A digest chat's waiting alerts, oldest first."""
    rows = db.execute(
        f"SELECT {_DUE_COLUMNS} FROM alerts a JOIN chats c ON c.id = a.chat_id "
        "WHERE a.chat_id = ? AND a.status = 'pending' AND a.next_attempt_at <= ? ORDER BY a.id LIMIT ?",
        (chat_id, now, limit),
    ).fetchall()
    return [DueAlert(*r[:7], bool(r[7]), r[8], r[9]) for r in rows]


def mark_digest_sent(db: sqlite_utils.Database, chat_id: int, now: str) -> None:
    """The digest period starts again."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE chats SET digest_sent_at = ? WHERE id = ?", (now, chat_id))


def claim_alert(db: sqlite_utils.Database, alert_id: int) -> bool:
    """Commit the alert as `sending` just before its request; False if someone else settled it."""
    with write_transaction(db) as conn:
        return (
            conn.execute(
                "UPDATE alerts SET status = 'sending', attempts = attempts + 1 "
                "WHERE id = ? AND status = 'pending'",
                (alert_id,),
            ).rowcount
            == 1
        )


def claim_alerts(db: sqlite_utils.Database, alert_ids: Sequence[int]) -> set[int]:
    """`claim_alert` for several alerts (one digest) in one transaction: all of them or, when the
    database refuses, none. Returns the ids claimed."""
    with write_transaction(db) as conn:
        return {
            alert_id
            for alert_id in alert_ids
            if conn.execute(
                "UPDATE alerts SET status = 'sending', attempts = attempts + 1 "
                "WHERE id = ? AND status = 'pending'",
                (alert_id,),
            ).rowcount
            == 1
        }


def original_message(db: sqlite_utils.Database, incident_id: int, chat_id: int, thread_id: int) -> int | None:
    """The message that first announced the incident in this chat topic (what an update edits)."""
    row = db.execute(
        "SELECT message_id FROM alerts WHERE incident_id = ? AND chat_id = ? AND thread_id = ? "
        "AND kind = 'new' AND status = 'sent' ORDER BY id LIMIT 1",
        (incident_id, chat_id, thread_id),
    ).fetchone()
    return row[0] if row else None


def mark_sent(db: sqlite_utils.Database, alert_id: int, message_id: int | None, now: str) -> None:
    """The chat has the alert."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL, "
            "error_class = NULL WHERE id = ?",
            (message_id, now, alert_id),
        )


def mark_retry(
    db: sqlite_utils.Database,
    alert_id: int,
    next_attempt_at: str,
    error: str,
    ambiguous: bool,
    error_class: str = "transient",
) -> None:
    """Put the alert back for a later attempt; `ambiguous` when it may have arrived anyway."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'pending', next_attempt_at = ?, last_error = ?, error_class = ?, "
            "ambiguous = max(ambiguous, ?) WHERE id = ?",
            (next_attempt_at, error[:500], error_class, int(ambiguous), alert_id),
        )


def mark_dead(db: sqlite_utils.Database, alert_id: int, error: str, error_class: str = "payload") -> None:
    """Give up on the alert (the message can never be sent)."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'dead', last_error = ?, error_class = ? WHERE id = ?",
            (error[:500], error_class, alert_id),
        )


def retire_chat(db: sqlite_utils.Database, chat_id: int, reason: str, thread_id: int | None = None) -> int:
    """The chat (or one forum topic) is gone: its subscriptions stop and its waiting alerts die, in one
    transaction. Returns how many alerts died. A chat that writes to the bot again comes back."""
    topic = "" if thread_id is None else " AND thread_id = ?"
    params = (chat_id,) if thread_id is None else (chat_id, thread_id)
    with write_transaction(db) as conn:
        if thread_id is None:
            conn.execute("UPDATE chats SET active = 0, gone_reason = ? WHERE id = ?", (reason[:200], chat_id))
        # -1: suspended with the chat, so that its return can restore them (0 is what the user removed)
        conn.execute(f"UPDATE subscriptions SET active = -1 WHERE chat_id = ? AND active = 1{topic}", params)
        return conn.execute(
            "UPDATE alerts SET status = 'dead', error_class = 'chat_gone', last_error = ? "
            f"WHERE chat_id = ?{topic} AND status IN ('pending', 'sending')",
            (reason[:500], *params),
        ).rowcount


def reactivate_chat(db: sqlite_utils.Database, chat_id: int) -> int:
    """A chat that was gone (blocked the bot, removed it) talks to the bot again: it is active again
    and the subscriptions suspended with it come back. Returns how many came back."""
    row = db.execute("SELECT active, gone_reason FROM chats WHERE id = ?", (chat_id,)).fetchone()
    if row is None or row[0] == 1 or row[1] == "migrated":
        return 0
    with write_transaction(db) as conn:
        conn.execute("UPDATE chats SET active = 1, gone_reason = NULL WHERE id = ?", (chat_id,))
        return conn.execute(
            "UPDATE subscriptions SET active = 1 WHERE chat_id = ? AND active = -1", (chat_id,)
        ).rowcount


def move_chat(db: sqlite_utils.Database, old_id: int, new_id: int, now: str) -> int:
    """A group became a supergroup: its settings, subscriptions and waiting alerts move to the new id
    in one transaction (the alert that met the error is waiting again, not ambiguous: it was refused).
    Returns how many alerts moved."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO chats (id, type, title, language, created_at, muted_until, quiet_hours, "
            "timezone, digest) SELECT ?, 'supergroup', title, language, ?, muted_until, quiet_hours, "
            "timezone, digest FROM chats WHERE id = ?",
            (new_id, now, old_id),
        )
        conn.execute("UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        conn.execute("UPDATE subscriptions SET active = 0 WHERE chat_id = ?", (old_id,))
        conn.execute(
            "UPDATE alerts SET status = 'pending', next_attempt_at = ? WHERE chat_id = ? AND status = 'sending'",
            (now, old_id),
        )
        moved = conn.execute(
            "UPDATE OR IGNORE alerts SET chat_id = ? WHERE chat_id = ? AND status = 'pending'",
            (new_id, old_id),
        ).rowcount
        conn.execute(
            "UPDATE alerts SET status = 'superseded' WHERE chat_id = ? AND status = 'pending'", (old_id,)
        )  # already queued under the new id
        conn.execute(
            "UPDATE chats SET active = 0, moved_to = ?, gone_reason = 'migrated' WHERE id = ?",
            (new_id, old_id),
        )
        return moved


def chat_settings(db: sqlite_utils.Database, chat_id: int) -> ChatSettings:
    """The chat's language, mute, quiet hours, time zone and digest."""
    row = db.execute(
        "SELECT language, muted_until, quiet_hours, timezone, digest FROM chats WHERE id = ?", (chat_id,)
    ).fetchone()
    return ChatSettings(*(row or (None,) * 5))


def alert_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many alerts are in each state."""
    return dict(db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall())
