"""Delivering alerts from the outbox through a `Sender` (Telegram, the terminal, a test double).

Each send ends in one classified outcome, and the outbox row follows it: sent, retried later (marked
ambiguous when the message may have arrived), or dead. Retries live in the table, not in this process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import sqlite_utils

from alerts.render import incident_card
from i18n.catalog import pick_language
from storage.incidents import get_incident
from storage.outbox import ClaimedAlert, claim_due_alerts, mark_dead, mark_retry, mark_sent
from storage.subscriptions import chat_language

logger = logging.getLogger(__name__)

MAX_BACKOFF_S = 600


@dataclass(frozen=True, slots=True)
class Delivered:
    """The chat has the message."""

    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class TryLater:
    """Not delivered now; `ambiguous` when the message may have arrived anyway."""

    reason: str
    after_s: float = 0.0
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Undeliverable:
    """It will never be delivered (chat gone, message refused)."""

    reason: str


SendOutcome = Delivered | TryLater | Undeliverable


class Sender(Protocol):
    """Something that can put a text message in a chat."""

    async def send(self, chat_id: int, text: str) -> SendOutcome:
        """Send `text` to `chat_id` and classify what happened."""
        ...


async def deliver_due_alerts(
    db: sqlite_utils.Database,
    sender: Sender,
    now: datetime,
    default_language: str,
    batch: int = 50,
    terminal: bool = False,
) -> int:
    """Send due alerts (oldest first, one in flight per chat); return how many were delivered."""
    delivered = 0
    for alert in claim_due_alerts(db, now.isoformat(timespec="seconds"), batch, terminal):
        if await _deliver_one(db, sender, alert, now, default_language):
            delivered += 1
    return delivered


async def _deliver_one(
    db: sqlite_utils.Database,
    sender: Sender,
    alert: ClaimedAlert,
    now: datetime,
    default_language: str,
) -> bool:
    row = get_incident(db, alert.incident_id)
    if row is None:
        mark_dead(db, alert.id, "incident missing")
        return False
    language = pick_language(chat_language(db, alert.chat_id), default_language)
    message = incident_card(row, language, alert=True, repeat=alert.ambiguous)
    try:
        outcome = await sender.send(alert.chat_id, message)
    except Exception as exc:  # an unclassified failure may have reached the chat: say so on resend
        logger.exception("sending alert %d to chat %d failed", alert.id, alert.chat_id)
        outcome = TryLater(f"unexpected {type(exc).__name__}", ambiguous=True)
    stamp = now.isoformat(timespec="seconds")
    if isinstance(outcome, Delivered):
        mark_sent(db, alert.id, outcome.message_id, stamp)
        return True
    if isinstance(outcome, Undeliverable):
        logger.warning("alert %d to chat %d dropped: %s", alert.id, alert.chat_id, outcome.reason)
        mark_dead(db, alert.id, outcome.reason)
        return False
    wait = max(outcome.after_s, min(MAX_BACKOFF_S, 2 ** min(alert.attempts, 10)))
    retry_at = (now + timedelta(seconds=wait)).isoformat(timespec="seconds")
    mark_retry(db, alert.id, retry_at, outcome.reason, outcome.ambiguous)
    logger.info("alert %d to chat %d retried in %.0f s: %s", alert.id, alert.chat_id, wait, outcome.reason)
    return False
