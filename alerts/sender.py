"""Delivering alerts from the outbox through a `Sender` (Telegram, the terminal, a test double).

Each tick starts one task per chat whose next alert is due (never two for one chat). A task waits for
its pacing slot, then claims the row (`sending`, committed), sends, and settles the row by the
classified outcome: sent; retried later (marked ambiguous when the message may have arrived); the chat
gone (its subscriptions stop, admins are told once); the chat moved (everything follows it); the
payload refused (one plain-text fallback, then dead and admins told); the token refused (stop sending).
Retries live in the table, not in this process; only writing down an outcome already known is
retried in place, while the database refuses it (alerts/recording.py). A damaged database stops
delivery for good, and the admins are told directly, not through the outbox. The contract:
docs/delivery.md.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlite_utils

from alerts.outcomes import (
    Delivered,
    DeliverySettings,
    Halted,
    Outgoing,
    Rejected,
    Sender,
    SendOutcome,
    TryLater,
)
from alerts.pacing import Pacer
from alerts.quiet import should_be_silent
from alerts.recording import refused, settle_alert, stamp, write_down
from alerts.render import AlertMarks, Card, render_card, render_digest
from i18n.catalog import pick_language, text
from storage.crashpoints import crashpoint
from storage.db import DAMAGED, database_fault
from storage.incidents import get_incident, incident_sources, toll_changes
from storage.notices import due_notices, settle_notice
from storage.outbox import (
    DueAlert,
    chat_settings,
    claim_alert,
    claim_alerts,
    due_alerts,
    due_digests,
    mark_dead,
    mark_digest_sent,
    original_message,
    waiting_alerts,
)

logger = logging.getLogger(__name__)

DIGEST_MAX_ALERTS = 200


class Deliverer:
    """Runs the outbox: `tick()` starts what is due; `drain()` waits for what is in flight."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        sender: Sender,
        settings: DeliverySettings,
        pacer: Pacer | None = None,
        terminal: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_damage: Callable[[Exception], None] | None = None,
    ) -> None:
        self._db, self._sender, self._settings = db, sender, settings
        self._pacer, self._terminal, self._clock = pacer, terminal, clock
        self._on_damage = on_damage  # told once when this loop finds the database damaged
        self._tasks: dict[int, asyncio.Task] = {}
        self._stopping = False
        self._damage_notice: asyncio.Task | None = None
        self.halted: str | None = None
        self.damaged: Exception | None = None
        self.delivered = 0

    def tick(self) -> int:
        """Start a task for every chat whose next alert is due; returns how many started."""
        if self._stopping or self.halted:
            return 0
        room = self._settings.max_in_flight - len(self._tasks)
        if room <= 0:
            return 0
        now = stamp(self._clock())
        try:
            due = due_alerts(
                self._db, now, min(room, self._settings.batch), self._terminal, tuple(self._tasks)
            )
            for alert in due:
                task = asyncio.create_task(self._deliver(alert), name=f"alert-{alert.id}")
                self._tasks[alert.chat_id] = task
                task.add_done_callback(lambda _, chat=alert.chat_id: self._tasks.pop(chat, None))
            self._start_digests()
            if not self._terminal:
                self._start_notices(now)
        except Exception as exc:
            if not (refused(exc, "list the alerts due") or self._found_damage(exc)):
                raise
            return 0
        return len(due)

    async def run_once(self) -> int:
        """Tick and wait for the started sends (the terminal chat and tests); how many were delivered."""
        before = self.delivered
        self.tick()
        await self.drain()
        return self.delivered - before

    async def drain(self, wait_s: float | None = None) -> None:
        """Wait for the sends in flight (at most `wait_s`)."""
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.wait(tasks, timeout=wait_s)

    async def stop(self, wait_s: float = 8.0) -> None:
        """Start nothing more; let in-flight sends finish and settle (a graceful stop)."""
        self._stopping = True
        await self.drain(wait_s)
        if self._damage_notice is not None:
            await asyncio.wait([self._damage_notice], timeout=wait_s)

    def stop_for_damage(self, exc: Exception) -> None:
        """The database is damaged: deliver nothing more (its outbox cannot be trusted or written) and
        tell the admins directly, once."""
        if self.damaged is not None:
            return
        self.damaged, self.halted = exc, f"the database is damaged ({exc})"
        if self._settings.admins:
            body = text("notice.database_damaged", self._settings.default_language, error=str(exc))
            self._damage_notice = asyncio.create_task(self._tell_admins(body), name="damage-notice")

    def _found_damage(self, exc: Exception) -> bool:
        """True when `exc` says the database is damaged: one log line, delivery stops, whoever asked to
        be told (`on_damage`) is; False for anything else."""
        if database_fault(exc) != DAMAGED:
            return False
        if self.damaged is None:
            logger.critical(
                "the database is damaged (%s): delivery stopped; restore it from a backup "
                "(docs/operations.md)",
                exc,
            )
            self.stop_for_damage(exc)
            if self._on_damage is not None:
                self._on_damage(exc)
        return True

    async def _tell_admins(self, body: str) -> None:
        for admin in self._settings.admins:
            outcome = await self._attempt(Outgoing(admin, Card(body, body), plain_only=True))
            if not isinstance(outcome, Delivered):
                logger.error("could not tell admin %d that the database is damaged: %s", admin, outcome)

    async def _deliver(self, alert: DueAlert) -> None:
        try:
            if self._pacer is not None:
                await self._pacer.wait_turn(alert.chat_id, alert.chat_type)
            if self._stopping or self.halted or not self._claim(alert):
                return
            crashpoint("sender.after_claim")
            await self._send_claimed(alert)
            crashpoint("sender.after_commit")
        except Exception as exc:  # a bug must not kill the job; the row stays `sending`, recovers ambiguous
            if not self._found_damage(exc):
                logger.exception("delivering alert %d failed", alert.id)

    def _claim(self, alert: DueAlert) -> bool:
        try:
            return claim_alert(self._db, alert.id)
        except Exception as exc:  # not claimed: the row is still `pending`, the next tick tries again
            if not refused(exc, "claim an alert"):
                raise
            return False

    async def _send_claimed(self, alert: DueAlert) -> None:
        now = self._clock()
        try:
            message = self._message(alert, now)
        except Exception as exc:  # nothing went out: back to `pending`, so the chat's queue goes on
            if database_fault(exc) == DAMAGED:
                raise
            logger.exception("alert %d could not be prepared; it is tried again later", alert.id)
            await self._settle(alert, TryLater(f"not sent: {type(exc).__name__}"), now)
            return
        if message is None:
            await write_down(lambda: mark_dead(self._db, alert.id, "incident missing", "payload"))
            return
        outcome = await self._attempt(message)
        if isinstance(outcome, Rejected):  # one plain-text fallback before giving up on the payload
            logger.warning(
                "alert %d refused as HTML (%s); sending it as plain text", alert.id, outcome.reason
            )
            outcome = await self._attempt(Outgoing(**{**_fields(message), "plain_only": True}))
        crashpoint("sender.after_send")  # Telegram answered; we have not written it down
        await self._settle(alert, outcome, self._clock())

    def _message(self, alert: DueAlert, now: datetime) -> Outgoing | None:
        """The alert as it goes out now (None if its incident is gone)."""
        row = get_incident(self._db, alert.incident_id)
        if row is None:
            return None
        chat = chat_settings(self._db, alert.chat_id)
        language = pick_language(chat.language, self._settings.default_language)
        marks = AlertMarks(
            update=alert.kind == "update", repeat=alert.ambiguous, delayed_h=self._delay_h(alert, now)
        )
        tolls = toll_changes(self._db, alert.incident_id) if marks.update else ()
        card = render_card(row, language, marks, incident_sources(self._db, alert.incident_id), tolls)
        silent = should_be_silent(
            chat.muted_until, chat.quiet_hours, chat.timezone, row.killed, self._settings.ring_at_killed, now
        )
        edit = None
        if alert.kind == "update":
            edit = original_message(self._db, alert.incident_id, alert.chat_id, alert.thread_id)
        return Outgoing(alert.chat_id, card, alert.thread_id, silent, edit)

    async def _attempt(self, message: Outgoing) -> SendOutcome:
        try:
            return await self._sender.send(message)
        except Exception as exc:  # an unclassified failure may have reached the chat: say so on resend
            logger.exception("sending to chat %d failed", message.chat_id)
            return TryLater(f"unexpected {type(exc).__name__}", ambiguous=message.edit_message_id is None)
        finally:
            if self._pacer is not None:
                self._pacer.answered(message.chat_id)

    async def _settle(self, alert: DueAlert, outcome: SendOutcome, now: datetime) -> None:
        if isinstance(outcome, TryLater) and outcome.after_s and self._pacer is not None:
            self._pacer.hold(alert.chat_id, outcome.after_s)
        await settle_alert(self._db, alert, outcome, now, self._settings)
        if isinstance(outcome, Delivered):
            self.delivered += 1
        elif isinstance(outcome, Halted):
            if not self.halted:
                logger.error("Telegram refuses the bot's token (%s): delivery stopped", outcome.reason)
            self.halted = outcome.reason

    def _delay_h(self, alert: DueAlert, now: datetime) -> int:
        hours = int((now - datetime.fromisoformat(alert.created_at)).total_seconds() // 3600)
        return hours if hours >= self._settings.delayed_after_h else 0

    def _start_digests(self) -> None:
        for chat, chat_type in due_digests(self._db, self._clock(), self._terminal, tuple(self._tasks)):
            task = asyncio.create_task(self._deliver_digest(chat, chat_type), name=f"digest-{chat}")
            self._tasks[chat] = task
            task.add_done_callback(lambda _, chat=chat: self._tasks.pop(chat, None))

    async def _deliver_digest(self, chat_id: int, chat_type: str) -> None:
        """One summary of the chat's waiting alerts; each alert is settled by that one message."""
        try:
            if self._pacer is not None:
                await self._pacer.wait_turn(chat_id, chat_type)
            if self._stopping or self.halted:
                return
            waiting = waiting_alerts(self._db, chat_id, stamp(self._clock()), DIGEST_MAX_ALERTS)
            rows = [(alert, get_incident(self._db, alert.incident_id)) for alert in waiting]
            rows = [(alert, row) for alert, row in rows if row is not None]
            language = pick_language(
                chat_settings(self._db, chat_id).language, self._settings.default_language
            )
            pairs = [(row, alert.kind == "update") for alert, row in rows]
            card, used = render_digest(pairs, language, any(alert.ambiguous for alert, _ in rows))
            try:  # all of them or none: a half-claimed digest would leave rows `sending`
                claimed = claim_alerts(self._db, [alert.id for alert, _ in rows[:used]])
            except Exception as exc:
                if not refused(exc, "claim a digest"):
                    raise
                return
            included = [alert for alert, _ in rows[:used] if alert.id in claimed]
            if not included:
                return
            outcome = await self._attempt(Outgoing(chat_id, card))
            if isinstance(outcome, Rejected):
                outcome = await self._attempt(Outgoing(chat_id, card, plain_only=True))
            now = self._clock()
            if isinstance(
                outcome, Delivered
            ):  # no message of its own: a later update must not edit the digest
                outcome = Delivered(None)
            for alert in included:
                await self._settle(alert, outcome, now)
            if isinstance(outcome, Delivered):
                await write_down(lambda: mark_digest_sent(self._db, chat_id, stamp(now)))
        except Exception as exc:
            if not self._found_damage(exc):
                logger.exception("digest for chat %d failed", chat_id)

    def _start_notices(self, now: str) -> None:
        if 0 in self._tasks:
            return
        notices = due_notices(self._db, now)
        if notices:
            task = asyncio.create_task(self._send_notices(notices), name="notices")
            self._tasks[0] = task  # chat 0 never exists: the key only keeps one notice task at a time
            task.add_done_callback(lambda _: self._tasks.pop(0, None))

    async def _send_notices(self, notices: list) -> None:
        try:
            await self._send_each_notice(notices)
        except Exception as exc:
            if not self._found_damage(exc):
                logger.exception("sending notices to the admins failed")

    async def _send_each_notice(self, notices: list) -> None:
        for notice in notices:
            if self._pacer is not None:
                await self._pacer.wait_turn(notice.admin_id, "private")
            card = Card(notice.body, notice.body)
            outcome = await self._attempt(Outgoing(notice.admin_id, card, plain_only=True))
            now = self._clock()
            if isinstance(outcome, Delivered):
                status, later = "sent", None
            elif isinstance(outcome, TryLater) and notice.attempts < 20:
                wait = max(outcome.after_s, 2 ** min(notice.attempts + 1, 10))
                status, later = "pending", stamp(now + timedelta(seconds=wait))
            else:
                status, later = "dead", None
            await write_down(lambda: settle_notice(self._db, notice.id, status, later))  # noqa: B023


def _fields(message: Outgoing) -> dict:
    return {name: getattr(message, name) for name in Outgoing.__slots__}
