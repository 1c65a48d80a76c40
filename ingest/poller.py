"""Polling feeds independently: each due feed is its own task, so one that hangs or drips delays no other.

A tick starts a task for every due feed not already in flight and returns at once; nothing waits for a
batch (kurtmckee/feedparser #263: one hung fetch stopped a whole scheduled job). Polls in flight are
bounded overall and per host (rss2email #53: sixty feeds on one host got the reader banned), and each
fetch by its own deadline (feeds/fetch.py). `stop` cancels what is in flight: a cancelled poll records
nothing, so the feed is still due at the next start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import sqlite_utils

from extraction.gazetteer import Gazetteer
from ingest.poll import PollReport, failed_poll, poll_feed
from storage.feeds import FeedRow, due_feeds, polled_feed_ids

logger = logging.getLogger(__name__)

# Each poll in flight may hold a 5 MB body; 16 stays under the client's 32 connections, so a poll
# never waits for the pool (whose timeout would fail it).
MAX_POLLS_IN_FLIGHT = 16
POLLS_PER_HOST = 2


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
    ) -> None:
        self._db, self._client, self._gazetteer, self._clock = db, client, gazetteer, clock
        self._after_poll = after_poll
        self._slots = asyncio.Semaphore(max_in_flight)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._tasks: dict[int, asyncio.Task[PollReport]] = {}
        self._read: dict[int, str] = {}  # feed id → hash of the body its last poll read in full
        self._stopping = False

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
        if self._stopping:
            return []
        self._cancel_unpolled()
        stamp = self._clock().isoformat(timespec="seconds")
        started = []
        for feed in due_feeds(self._db, stamp):
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
            except Exception as exc:  # a bug must not stop the other feeds or the schedule
                logger.exception("polling %s failed unexpectedly", feed.url)
                report = failed_poll(self._db, feed, self._clock(), f"internal error: {type(exc).__name__}")
        if report.body_hash is not None:
            self._read[feed.id] = report.body_hash
        log_report(report)
        if self._after_poll is not None:
            self._after_poll(report)
        return report

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
