"""JobQueue callbacks: poll the feeds that are due, start the alert sends that are due, count repeats,
watch the webhook server."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from datetime import UTC, datetime

from bot.logs import flush_repeats
from handlers.context import RaqibContext
from storage.backup import BackupError, backup_into_folder
from storage.service import set_state

logger = logging.getLogger(__name__)

HEARTBEAT_S = 5.0  # how often each job records that it ran, for `raqib health` (not at every tick)
_last_beat: dict[str, float] = {}


def beat(context: RaqibContext, name: str) -> None:
    """Record in service_state that job `name` ran now, at most every HEARTBEAT_S."""
    clock = time.monotonic()
    if context.bot_data.db is None or clock - _last_beat.get(name, -HEARTBEAT_S) < HEARTBEAT_S:
        return
    _last_beat[name] = clock
    try:
        set_state(context.bot_data.db, f"{name}_at", datetime.now(UTC).isoformat(timespec="seconds"))
    except sqlite3.Error:
        # Refused writes are told (once, counted) by the stage they stop; a missed beat only ages
        # the heartbeat, which is what `raqib health` should then see.
        pass


async def poll_feeds(context: RaqibContext) -> None:
    """Start a poll for every feed whose time has come; never waits for one (the schedule is in SQLite)."""
    poller = context.bot_data.poller
    if poller is not None:
        poller.tick()
        beat(context, "polling")


async def deliver_alerts(context: RaqibContext) -> None:
    """Start the sends that are due (one in flight per chat); they run on as their own tasks."""
    deliverer = context.bot_data.deliverer
    if deliverer is not None:
        deliverer.tick()
        beat(context, "delivery")


async def watch_webhook(context: RaqibContext) -> None:
    """Record the webhook heartbeat while the webhook server accepts connections; when it does not,
    the heartbeat ages and `raqib health` says so."""
    listen, port = context.job.data
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(listen, listen)  # where "any address" is reached
    try:
        async with asyncio.timeout(2):
            _, writer = await asyncio.open_connection(host, port)
            writer.close()
            await writer.wait_closed()
    except (OSError, TimeoutError):
        logger.warning("the webhook server on %s port %d does not accept connections", listen, port)
        return
    beat(context, "webhook")


async def count_repeated_errors(context: RaqibContext) -> None:
    """Write how often each repeating error repeated in its last minute, also once it has stopped."""
    flush_repeats()


async def backup_database(context: RaqibContext) -> None:
    """Copy the database into backup.dir, keeping the newest backup.keep copies."""
    folder, keep = context.job.data
    now = datetime.now(UTC)
    try:
        out = backup_into_folder(context.bot_data.db, folder, keep, now.strftime("%Y%m%d-%H%M%S"))
    except BackupError:
        logger.exception("scheduled backup failed")
        return
    set_state(context.bot_data.db, "last_backup_at", now.isoformat(timespec="seconds"))
    logger.info("backup written: %s", out)
