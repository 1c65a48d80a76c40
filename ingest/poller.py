"""Polling feeds independently: each due feed is its own task, so one that hangs or drips delays no other.

A tick starts a task for every due feed not already in flight and returns at once; nothing waits for a
batch (kurtmckee/feedparser #263: one hung fetch stopped a whole scheduled job). Polls in flight are
bounded overall and per host (rss2email #53: sixty feeds on one host got the reader banned), and each
fetch by its own deadline (feeds/fetch.py). `stop` cancels what is in flight: a cancelled poll records
nothing, so the feed is still due at the next start.

A poll whose writes the database refuses (locked past the busy timeout, the disk full, an I/O error)
records nothing either: each article is stored in its own transaction with its incidents and alerts, so
what was stored stays stored once, the feed stays due, and its next poll stores the rest. Polls wait a
while first (one second, doubling to a minute, in memory), so a full disk does not hammer the feeds.
A damaged database stops polling for good: nothing more is written to it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import sqlite_utils

from extraction.gazetteer import Gazetteer
from ingest.poll import PollReport, failed_poll, poll_feed
from storage.db import DAMAGED, database_fault
from storage.feeds import FeedRow, due_feeds, polled_feed_ids

logger = logging.getLogger(__name__)

# Each poll in flight may hold a 5 MB body; 16 stays under the client's 32 connections, so a poll
# never waits for the pool (whose timeout would fail it).
MAX_POLLS_IN_FLIGHT = 16
POLLS_PER_HOST = 2
REFUSED_WAIT_S = (1.0, 60.0)  # after the database refused a poll's writes: first wait, longest wait


class FeedPoller:
    """Runs the feed schedule stored in SQLite: `tick()` starts what is due; `stop()` cancels the rest."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        client: httpx.AsyncClient,
        gazetteer: Gazetteer,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        after_poll: Callable[[PollReport], None] | None = None,
        max_in_flight: int = MAX_POLLS_IN_FLIGHT,
        per_host: int = POLLS_PER_HOST,
        on_damage: Callable[[Exception], None] | None = None,
    ) -> None:
        self._db, self._client, self._gazetteer, self._clock = db, client, gazetteer, clock
        self._after_poll, self._on_damage = after_poll, on_damage
        self._slots = asyncio.Semaphore(max_in_flight)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._tasks: dict[int, asyncio.Task[PollReport]] = {}
        self._read: dict[int, str] = {}  # feed id → hash of the body its last poll read in full
        self._stopping = False
        self._refused_until = 0.0  # time.monotonic() before which no poll starts (the database refused)
        self._refused_wait = 0.0

    @property
    def in_flight(self) -> int:
        """How many polls are running or waiting for a slot."""
        return len(self._tasks)

    def tick(self) -> int:
        """Start a poll for every due feed not already in flight; returns how many started."""
        return len(self._start_due())

    async def run_once(self) -> list[PollReport]:
        """Tick and wait for the polls it started (the terminal chat and tests)."""
        tasks = self._start_due()
        if not tasks:
            return []
        await asyncio.wait(tasks)
        return [task.result() for task in tasks if not task.cancelled()]

    def halt(self) -> None:
        """Start no poll any more (the database is damaged); what is in flight stores nothing new."""
        self._stopping = True

    async def stop(self) -> None:
        """Start nothing more and cancel the polls in flight (SIGTERM must not wait for a deadline)."""
        self._stopping = True
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
            logger.info(
                "cancelled %d feed poll(s) in flight; they are due again at the next start", len(tasks)
            )

    def _start_due(self) -> list[asyncio.Task[PollReport]]:
        if self._stopping or time.monotonic() < self._refused_until:
            return []
        self._cancel_unpolled()
        stamp = self._clock().isoformat(timespec="seconds")
        started = []
        try:
            due = due_feeds(self._db, stamp)
        except Exception as exc:
            if database_fault(exc) is None:
                raise
            self._database_failed(exc)
            return []
        for feed in due:
            if feed.id in self._tasks:
                continue
            task = asyncio.create_task(self._poll(feed), name=f"poll-feed-{feed.id}")
            self._tasks[feed.id] = task
            task.add_done_callback(lambda _, feed_id=feed.id: self._tasks.pop(feed_id, None))
            started.append(task)
        return started

    def _cancel_unpolled(self) -> None:
        """Cancel the polls of feeds paused or removed since they started (an admin's change takes
        effect at the next tick, and the slot and connection are freed); the schedule itself is read
        from SQLite at every tick, so added and resumed feeds need nothing here."""
        if not self._tasks:
            return
        polled = polled_feed_ids(self._db)
        for feed_id, task in list(self._tasks.items()):
            if feed_id not in polled and not task.done():
                logger.info("feed %d was paused or removed: its poll in flight is cancelled", feed_id)
                task.cancel()

    async def _poll(self, feed: FeedRow) -> PollReport:
        # The host's slot first: a poll queued behind its host must not hold one of the global slots.
        async with self._host_slots(feed.url), self._slots:
            try:
                read = self._read.pop(feed.id, None)
                report = await poll_feed(self._db, self._client, feed, self._gazetteer, self._clock, read)
                self._refused_wait = 0.0
            except Exception as exc:
                report = self._failed(feed, exc)
        if report.body_hash is not None:
            self._read[feed.id] = report.body_hash
        log_report(report)
        if self._after_poll is not None:
            self._after_poll(report)
        return report

    def _failed(self, feed: FeedRow, exc: Exception) -> PollReport:
        """A poll that raised: the database refusing leaves the feed due (nothing recorded); a bug is
        recorded as the feed's error, so it must not stop the other feeds or the schedule."""
        if database_fault(exc) is None:
            logger.exception("polling %s failed unexpectedly", feed.url)
            try:
                return failed_poll(self._db, feed, self._clock(), f"internal error: {type(exc).__name__}")
            except Exception as again:
                if database_fault(again) is None:
                    raise
                exc = again
        self._database_failed(exc)
        return PollReport(feed.name, "refused", error=f"the database refused: {exc}")

    def _database_failed(self, exc: Exception) -> None:
        """Refused: wait a while, then poll again. Damaged: stop polling."""
        if database_fault(exc) == DAMAGED:
            self._damaged(exc)
            return
        now = time.monotonic()
        if now < self._refused_until:  # a poll of the same pause: already said and waited for
            return
        first, longest = REFUSED_WAIT_S
        self._refused_wait = min(longest, self._refused_wait * 2) if self._refused_wait else first
        self._refused_until = now + self._refused_wait
        logger.warning(
            "the database refuses to store polls (%s); feeds are polled again in %.0f s",
            exc,
            self._refused_wait,
        )

    def _damaged(self, exc: Exception) -> None:
        if self._stopping:
            return
        self.halt()
        logger.critical(
            "the database is damaged (%s): feeds are not polled any more; restore it from a backup "
            "(docs/operations.md)",
            exc,
        )
        if self._on_damage is not None:
            self._on_damage(exc)

    def _host_slots(self, url: str) -> asyncio.Semaphore:
        try:
            host = httpx.URL(url).host.lower()
        except httpx.InvalidURL:
            host = url
        return self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))


def log_report(report: PollReport) -> None:
    """One log line for a poll that failed or found something."""
    if report.status == "error":
        logger.warning("feed %s: %s", report.feed, report.error)
    elif report.new_articles:
        logger.info(
            "feed %s: %d new articles, %d incidents, %d alerts queued",
            report.feed,
            report.new_articles,
            report.incidents,
            report.alerts_queued,
        )


async def poll_due_feeds(
    db: sqlite_utils.Database, client: httpx.AsyncClient, gazetteer: Gazetteer, now: datetime
) -> list[PollReport]:
    """Poll every feed due at `now` and wait for them all (one-off runs and tests)."""
    return await FeedPoller(db, client, gazetteer, clock=lambda: now).run_once()
