"""The alert outbox: pending → sending → sent, or dead; retries scheduled in the table itself.

A row is claimed (committed as `sending`) before the send and settled after it, so a crash in between
leaves a `sending` row that start-up turns back into `pending` with `ambiguous = 1`: its resend is marked
as a possible repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.db import write_transaction


@dataclass(frozen=True, slots=True)
class ClaimedAlert:
    """An alert row taken for delivery."""

    id: int
    incident_id: int
    chat_id: int
    attempts: int
    ambiguous: bool


def recover_interrupted(db: sqlite_utils.Database) -> int:
    """After a crash: alerts left `sending` go back to `pending`, marked ambiguous. Returns how many."""
    with write_transaction(db) as conn:
        return conn.execute(
            "UPDATE alerts SET status = 'pending', ambiguous = 1 WHERE status = 'sending'"
        ).rowcount


def claim_due_alerts(
    db: sqlite_utils.Database, now: str, limit: int, terminal: bool = False
) -> list[ClaimedAlert]:
    """Claim the oldest due alert of each chat that has nothing in flight (per-chat order).

    `terminal` picks the terminal chat's alerts instead of Telegram chats'.
    """
    kind = "=" if terminal else "!="
    with write_transaction(db) as conn:
        rows = conn.execute(
            "SELECT a.id, a.incident_id, a.chat_id, a.attempts + 1, a.ambiguous FROM alerts a "
            "JOIN chats c ON c.id = a.chat_id "
            f"WHERE a.status = 'pending' AND a.next_attempt_at <= ? AND c.type {kind} 'terminal' "
            "AND a.id = (SELECT min(b.id) FROM alerts b WHERE b.chat_id = a.chat_id "
            "            AND b.status IN ('pending', 'sending')) "
            "ORDER BY a.id LIMIT ?",
            (now, limit),
        ).fetchall()
        conn.executemany(
            "UPDATE alerts SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
            [(r[0],) for r in rows],
        )
    return [ClaimedAlert(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def mark_sent(db: sqlite_utils.Database, alert_id: int, message_id: int | None, now: str) -> None:
    """The chat has the alert."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
            (message_id, now, alert_id),
        )


def mark_retry(
    db: sqlite_utils.Database, alert_id: int, next_attempt_at: str, error: str, ambiguous: bool
) -> None:
    """Put the alert back for a later attempt; `ambiguous` when it may have arrived anyway."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'pending', next_attempt_at = ?, last_error = ?, "
            "ambiguous = max(ambiguous, ?) WHERE id = ?",
            (next_attempt_at, error[:500], int(ambiguous), alert_id),
        )


def mark_dead(db: sqlite_utils.Database, alert_id: int, error: str) -> None:
    """Give up on the alert (the chat is gone or the message can never be sent)."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts SET status = 'dead', last_error = ? WHERE id = ?",
            (error[:500], alert_id),
        )


def alert_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many alerts are in each state."""
    return dict(db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall())
