"""JobQueue callbacks: poll the feeds that are due, deliver the alerts that are due."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from alerts.sender import deliver_due_alerts
from alerts.senders import TelegramSender
from handlers.context import RaqibContext
from ingest.poll import poll_due_feeds

logger = logging.getLogger(__name__)


async def poll_feeds(context: RaqibContext) -> None:
    """Poll every feed whose time has come (one tick; the schedule lives in SQLite)."""
    data = context.bot_data
    if data.db is None or data.gazetteer is None or data.http is None:
        return
    await poll_due_feeds(data.db, data.http, data.gazetteer, datetime.now(UTC))


async def deliver_alerts(context: RaqibContext) -> None:
    """Send the alerts that are due, one in flight per chat."""
    data = context.bot_data
    if data.db is None:
        return
    sender = TelegramSender(context.bot)
    await deliver_due_alerts(data.db, sender, datetime.now(UTC), data.default_language)
