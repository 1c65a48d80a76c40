"""Telling the bot's admins about a feed in trouble, once: it answered 410 Gone (and is paused), it
has failed for a day, or its text had to be re-decoded (its server declares the wrong charset).
Subscribers are never told; the notice goes out like the delivery notices."""

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
    """Queue the notice of `kind` (gone | failing | encoding) about `feed` (id, name, url) for each
    admin, keyed by the feed and the time its trouble began, so it is queued once; returns how many were
    queued. An encoding repair is keyed by the feed alone: it recurs at every poll of a changed body
    until the site's owner fixes the charset, and telling once is enough."""
    feed_id, name, url = feed
    values = {
        "id": feed_id,
        "name": name,
        "url": isolate(url),
        "since": isolate(since[:16]),
        "error": error[:200],
    }
    body = text(f"notice.feed_{kind}", language, **values)
    key = f"feed-{kind}:{feed_id}" if kind == "encoding" else f"feed-{kind}:{feed_id}:{since}"
    queued = notify_admins(db, key, admins, body, now.isoformat(timespec="seconds"))
    if kind == "failing":
        mark_failure_notified(
            db, feed_id
        )  # after the notice is queued: a crash between queues it again (same key)
    return queued
