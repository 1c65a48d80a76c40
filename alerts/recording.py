"""Writing down what became of a send, however long the database refuses.

Once Telegram has answered, the outcome is known (sent, refused, try later) and must reach the outbox:
a row left `sending` holds its chat's queue until a restart, and a restart would re-send it marked as a
possible repeat although it was delivered. So a write the database refuses for now (locked past the
busy timeout, the disk full, an I/O error) is tried again in place with a bounded backoff until it
succeeds. Anything else (a bug, a damaged file) is raised at once: retrying cannot help.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

import sqlite_utils

from alerts.outcomes import (
    MAX_BACKOFF_S,
    ChatGone,
    ChatMoved,
    Delivered,
    DeliverySettings,
    Rejected,
    SendOutcome,
    TryLater,
)
from i18n.catalog import text
from storage.db import REFUSED, database_fault
from storage.notices import notify_admins
from storage.outbox import DueAlert, mark_dead, mark_retry, mark_sent, move_chat, retire_chat

logger = logging.getLogger(__name__)

FIRST_RETRY_S = 0.1
MAX_RETRY_S = 5.0

T = TypeVar("T")


async def write_down(write: Callable[[], T]) -> T:
    """`write()`, retried while the database refuses it (0.1 s, doubling, at most 5 s apart)."""
    delay = FIRST_RETRY_S
    while True:
        try:
            return write()
        except Exception as exc:
            if database_fault(exc) != REFUSED:
                raise
            logger.warning("the database refuses to record a delivery (%s); trying again", exc)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_RETRY_S)


def refused(exc: Exception, doing: str) -> bool:
    """True (and logged) when `exc` is the database refusing for now: the caller skips `doing` and
    the next tick tries again; False for anything else, which the caller raises."""
    if database_fault(exc) != REFUSED:
        return False
    logger.warning("the database refuses to %s (%s); trying again at the next tick", doing, exc)
    return True


def stamp(moment: datetime) -> str:
    """Times in the outbox carry milliseconds: a retry_after of 3 s must not become 2.1 s."""
    return moment.isoformat(timespec="milliseconds")


async def settle_alert(
    db: sqlite_utils.Database,
    alert: DueAlert,
    outcome: SendOutcome,
    now: datetime,
    settings: DeliverySettings,
) -> None:
    """Write down what became of an alert's send: sent; pending again after its backoff (ambiguous when
    it may have arrived); the chat gone, or moved; the payload dead; held for a good token (Halted)."""
    at = stamp(now)
    where = f"alert {alert.id} to chat {alert.chat_id}"
    if isinstance(outcome, Delivered):
        await write_down(lambda: mark_sent(db, alert.id, outcome.message_id, at))
    elif isinstance(outcome, TryLater):
        backoff = settings.backoff_base_s * 2 ** min(alert.attempts + 1, 10)
        wait = max(outcome.after_s, min(MAX_BACKOFF_S, backoff))
        retry_at = stamp(now + timedelta(seconds=wait))
        kind = "rate_limited" if outcome.after_s else "transient"
        await write_down(lambda: mark_retry(db, alert.id, retry_at, outcome.reason, outcome.ambiguous, kind))
        logger.info("%s retried in %.0f s: %s", where, wait, outcome.reason)
    elif isinstance(outcome, ChatGone):
        thread = alert.thread_id if outcome.topic else None
        died = await write_down(lambda: retire_chat(db, alert.chat_id, outcome.reason, thread))
        logger.warning("%s: chat gone (%s); %d waiting alerts stopped", where, outcome.reason, died)
        key = f"gone:{alert.chat_id}:{thread}"
        await notify(
            db, settings, key, "notice.chat_gone", at, chat=alert.chat_id, reason=outcome.reason, alerts=died
        )
    elif isinstance(outcome, ChatMoved):
        moved = await write_down(lambda: move_chat(db, alert.chat_id, outcome.new_chat_id, at))
        logger.info("%s: chat moved to %d; %d alerts follow", where, outcome.new_chat_id, moved)
    elif isinstance(outcome, Rejected):
        await write_down(lambda: mark_dead(db, alert.id, outcome.reason, "payload"))
        logger.error("%s refused by Telegram even as plain text: %s", where, outcome.reason)
        values = {"alert": alert.id, "chat": alert.chat_id, "reason": outcome.reason}
        await notify(db, settings, f"rejected:{alert.id}", "notice.rejected", at, **values)
    else:
        await write_down(lambda: mark_retry(db, alert.id, at, outcome.reason, False, "halted"))


async def notify(
    db: sqlite_utils.Database,
    settings: DeliverySettings,
    key: str,
    message_key: str,
    at: str,
    **values: object,
) -> None:
    """Queue a notice for the admins (once per key), in the default language."""
    if settings.admins:
        body = text(message_key, settings.default_language, **values)
        await write_down(lambda: notify_admins(db, key, settings.admins, body, at))
