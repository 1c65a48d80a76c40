"""JobQueue callbacks: poll the feeds that are due, start the alert sends that are due."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from handlers.context import RaqibContext
from ingest.poll import poll_due_feeds

logger = logging.getLogger(__name__)


async def poll_feeds(context: RaqibContext) -> None:
    """Poll every feed whose time has come (one tick; the schedule lives in SQLite)."""
    data = context.bot_data
    if data.db is None or data.gazetteer is None or data.http is None:
        return
    await poll_due_feeds(data.db, data.http, data.gazetteer, datetime.now(UTC))
    if data.deliverer is not None:
        data.deliverer.tick()  # alerts from this poll leave now, not at the next delivery tick


async def deliver_alerts(context: RaqibContext) -> None:
    """Start the sends that are due (one in flight per chat); they run on as their own tasks."""
    deliverer = context.bot_data.deliverer
    if deliverer is not None:
        deliverer.tick()
