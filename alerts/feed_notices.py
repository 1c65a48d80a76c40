"""Telling the bot's admins about a feed in trouble, once: it answered 410 Gone (and is paused), or it
has failed for a day. Subscribers are never told; the notice goes out like the delivery notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlite_utils

from i18n.catalog import isolate, text
from storage.feeds import mark_failure_notified
from storage.notices import notify_admins


def notify_feed_trouble(
    db: sqlite_utils.Database,
    kind: str,
    feed: tuple[int, str, str],
    since: str,
    error: str,
    admins: Sequence[int],
    language: str,
    now: datetime,
) -> int:
    """Queue the notice of `kind` (gone | failing) about `feed` (id, name, url) for each admin, keyed
    by the feed and the time its trouble began, so it is queued once; returns how many were queued."""
    feed_id, name, url = feed
    values = {
        "id": feed_id,
        "name": name,
        "url": isolate(url),
        "since": isolate(since[:16]),
        "error": error[:200],
    }
    if kind == "gone":
        body = text("notice.feed_gone", language, **values)
    else:
        body = text("notice.feed_failing", language, **values)
    queued = notify_admins(
        db, f"feed-{kind}:{feed_id}:{since}", admins, body, now.isoformat(timespec="seconds")
    )
    if kind == "failing":
        mark_failure_notified(
            db, feed_id
        )  # after the notice is queued: a crash between queues it again (same key)
    return queued
