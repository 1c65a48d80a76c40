"""Polling one feed: fetch → parse → skip known items → extract → store with outbox rows.

A broken feed is a result, not a crash: its error is stored, its next poll backs off, the others go on.
When and how many feeds are polled at once is ingest/poller.py's business.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import httpx
import sqlite_utils

from extraction.gazetteer import Gazetteer
from extraction.incidents import extract_incidents
from extraction.normalize import search_words
from feeds.article import Article
from feeds.fetch import fetch_feed
from feeds.parse import ENCODING_WARNING, FeedError, HostileFeedError, parse_feed
from ingest.identity import same_report
from ingest.merge import choose_merge, compatible_types
from ingest.rows import incident_rows
from storage.articles import NewArticle, find_identical_item, find_known_article, store_article
from storage.feeds import FeedRow, is_polled, move_feed, pause_feed, record_poll

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
FAILING_NOTICE_AFTER = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class FeedTrouble:
    """What the admins are to be told about a feed, once: it is gone (410), it fails for a day, or its
    bytes were not in the encoding it declares (repaired, docs/reliability.md §5 case 31)."""

    kind: str  # gone | failing | encoding
    feed_id: int
    name: str
    url: str
    since: str  # when it went away, or its first failure
    error: str


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll of one feed did."""

    feed: str
    status: (
        str  # new | unchanged | not_modified | error | gone | hostile | dropped | refused (by the database)
    )
    new_articles: int = 0
    incidents: int = 0
    alerts_queued: int = 0
    error: str | None = None
    trouble: FeedTrouble | None = None  # for the admins (bot/ queues the notice)
    body_hash: str | None = (
        None  # the body this poll read in full (new or unchanged): the same bytes need no parse
    )


def ingest_article(
    db: sqlite_utils.Database,
    article: Article,
    feed_id: int | None,
    gazetteer: Gazetteer,
    now: datetime,
    outlet: str | None = None,
    alerts: bool = True,
) -> tuple[int, int] | None:
    """Extract and store one article unless already known; return (incidents, alerts queued).

    `alerts=False` stores without queueing alerts (a backfill of old reports)."""
    if find_identical_item(db, feed_id, article.guid, article.title, article.text) is not None:
        return None
    content_hash, full_text = article.content_hash, article.full_text  # each computed, not stored
    if find_known_article(db, feed_id, article.guid, article.link, content_hash, full_text, same_report):
        return None
    published = _clamp_published(article.published, now)
    extraction = extract_incidents(full_text, gazetteer, published=published)
    incidents = incident_rows(extraction, published, now.isoformat(timespec="seconds"))
    if not alerts:
        incidents = [replace(incident, match_keys=[]) for incident in incidents]
    new = NewArticle(
        feed_id=feed_id,
        guid=article.guid,
        link=article.link,
        content_hash=content_hash,
        title=article.title,
        text=article.text,
        published=published,
        outlet=outlet,
        search_words=" ".join(search_words(full_text)),
    )
    stored = store_article(
        db, new, incidents, now.isoformat(timespec="seconds"), choose_merge, compatible_types, same_report
    )
    if stored is None:
        return None
    return len(stored.incident_ids), stored.alerts_queued


async def poll_feed(
    db: sqlite_utils.Database,
    client: httpx.AsyncClient,
    feed: FeedRow,
    gazetteer: Gazetteer,
    clock: Callable[[], datetime],
    read_hash: str | None = None,
) -> PollReport:
    """Poll one feed and store what is new; times are read from `clock` once the answer is in.

    `read_hash` is the SHA-256 of the body the last poll read in full: the same bytes again hold
    nothing new (every item is stored), so they are not parsed, as a 304 is not. Many servers send no
    validators, and parsing is most of a poll's cost."""
    result = await fetch_feed(client, feed.url, feed.etag, feed.last_modified)
    now = clock()
    if not is_polled(db, feed.id):  # paused or removed while the fetch ran: keep nothing
        logger.info("feed %s was paused or removed during its poll; its answer is dropped", feed.name)
        return PollReport(feed.name, "dropped")
    if result.status == 410:
        return _gone(db, feed, now)
    if result.moved_to and (result.ok or result.not_modified):
        _follow_move(db, feed, result.moved_to)
    if result.not_modified:
        _record(db, feed, now, None)
        return PollReport(feed.name, "not_modified")
    if result.body_hash is not None and result.body_hash == feed.hostile_hash:
        logger.debug("feed %s: the body refused as hostile before, unchanged; not read", feed.name)
        return _hostile(db, feed, now, "the body refused as hostile before, unchanged")
    if result.hostile:
        return _hostile(db, feed, now, result.error or "hostile", result.body_hash)
    if not result.ok:
        return failed_poll(db, feed, now, result.error or f"HTTP {result.status}", result.retry_after_s)
    if read_hash is not None and result.body_hash == read_hash:
        _record(db, feed, now, None, result.headers.get("etag"), result.headers.get("last-modified"))
        return PollReport(feed.name, "unchanged", body_hash=read_hash)
    try:
        parsed = parse_feed(result.body, result.headers)
    except HostileFeedError as exc:
        return _hostile(db, feed, now, str(exc), result.body_hash)
    except FeedError as exc:
        return failed_poll(db, feed, now, str(exc))
    new_articles = incidents = alerts = 0
    _log_baseline(feed)
    for article in parsed.articles:
        alerting = item_alerts(feed, _clamp_published(article.published, now))
        outcome = ingest_article(db, article, feed.id, gazetteer, now, feed.name, alerts=alerting)
        if outcome is not None:
            new_articles += 1
            incidents += outcome[0]
            alerts += outcome[1]
    etag, last_modified = result.headers.get("etag"), result.headers.get("last-modified")
    baseline = None if feed.baseline_at else first_baseline(parsed.articles, feed, now)
    _record(db, feed, now, None, etag, last_modified, baseline_at=baseline)
    if parsed.warning:
        logger.info("feed %s parsed with a warning: %s", feed.name, parsed.warning)
    status = "new" if new_articles else "unchanged"
    trouble = _encoding_repaired(feed, now, parsed.warning)
    return PollReport(
        feed.name, status, new_articles, incidents, alerts, trouble=trouble, body_hash=result.body_hash
    )


def _encoding_repaired(feed: FeedRow, now: datetime, warning: str | None) -> FeedTrouble | None:
    """The notice a feed whose text had to be re-decoded is due: its server's charset is wrong, which
    only its owner can fix. Asked at every such poll; the notice is queued once per feed."""
    if not warning or not warning.startswith(ENCODING_WARNING):
        return None
    stamp = now.isoformat(timespec="seconds")
    repair = warning.split(";")[0].removeprefix(ENCODING_WARNING).strip()
    return FeedTrouble("encoding", feed.id, feed.name, feed.url, stamp, repair)


def item_alerts(feed: FeedRow, published: str | None) -> bool:
    """Whether an item new at this poll alerts. Before the feed's first good poll it has no baseline
    and its origin decides (an admin's feed alerts none of its backlog); after, an item dated before
    the baseline alerts no one (docs/reliability.md §5 case 33), and neither does an undated item at
    the first poll after a resume, which is as likely backlog as news (case 34)."""
    if feed.baseline_at is None:
        return feed.alerts
    if published is None:
        return not feed.baseline_pending
    return published >= feed.baseline_at


def first_baseline(articles: list[Article], feed: FeedRow, now: datetime) -> str:
    """The baseline a feed takes at its first good poll: its newest dated item (else now), less one
    poll interval, so that an item listed late, dated a little before the newest, still alerts."""
    dates = [p for a in articles if (p := _clamp_published(a.published, now))]
    newest = datetime.fromisoformat(max(dates)) if dates else now
    return baseline_before(newest, feed.interval_s)


def baseline_before(moment: datetime, interval_s: int) -> str:
    """The baseline at `moment`: items dated within one poll interval before it still alert (a feed
    that had been polled would have alerted them at its next poll)."""
    return (moment - timedelta(seconds=interval_s)).isoformat(timespec="seconds")


def _log_baseline(feed: FeedRow) -> None:
    if feed.baseline_at is None and not feed.alerts:
        logger.info(
            "feed %s: first poll since an admin added it; its items are stored, not alerted", feed.name
        )
    elif feed.baseline_pending and feed.baseline_at is not None:
        logger.info(
            "feed %s: first poll since it was resumed; items dated before %s are stored, not alerted",
            feed.name,
            feed.baseline_at,
        )


def failed_poll(
    db: sqlite_utils.Database, feed: FeedRow, now: datetime, error: str, retry_after_s: float | None = None
) -> PollReport:
    """Record a failed poll (its error, the backoff, the server's Retry-After) and report it."""
    _record(db, feed, now, error, retry_after_s=retry_after_s)
    return PollReport(feed.name, "error", error=error, trouble=_failing_for_a_day(feed, now, error))


def _hostile(
    db: sqlite_utils.Database, feed: FeedRow, now: datetime, error: str, body_hash: str | None = None
) -> PollReport:
    """A body refused for what it is: a failure like any other, but its hash is kept (with
    `body_hash`, logged once) so that an identical body at later polls is refused unread."""
    if body_hash is not None:
        logger.warning(
            "feed %s: body refused as hostile (%s); the same body will not be read again", feed.name, error
        )
    _record(db, feed, now, error, hostile_hash=body_hash)
    return PollReport(feed.name, "hostile", error=error, trouble=_failing_for_a_day(feed, now, error))


def _failing_for_a_day(feed: FeedRow, now: datetime, error: str) -> FeedTrouble | None:
    """The notice a feed failing since FAILING_NOTICE_AFTER or longer is due, once per failing spell."""
    if feed.failing_since is None or feed.failure_notified:
        return None
    if now - datetime.fromisoformat(feed.failing_since) < FAILING_NOTICE_AFTER:
        return None
    logger.warning("feed %s has failed since %s: the admins are told", feed.name, feed.failing_since)
    return FeedTrouble("failing", feed.id, feed.name, feed.url, feed.failing_since, error)


def _gone(db: sqlite_utils.Database, feed: FeedRow, now: datetime) -> PollReport:
    """410 Gone: the server says the feed will not come back, so it is paused, not backed off, and
    the admins are told (the paused feed is not polled again, so this happens once)."""
    stamp = now.isoformat(timespec="seconds")
    pause_feed(db, feed.id, stamp, "HTTP 410 Gone: paused")
    logger.warning("feed %s (%s) answered 410 Gone: paused, it is not polled any more", feed.name, feed.url)
    trouble = FeedTrouble("gone", feed.id, feed.name, feed.url, stamp, "HTTP 410 Gone")
    return PollReport(feed.name, "gone", error="HTTP 410 Gone", trouble=trouble)


def _follow_move(db: sqlite_utils.Database, feed: FeedRow, url: str) -> None:
    """301/308 all the way: poll the new address from now on (every hop passed the SSRF guard)."""
    if url == feed.url:
        return
    holder = move_feed(db, feed.id, url)
    hint = " (update config.toml)" if feed.origin == "config" else ""
    if holder is None:
        logger.info("feed %s moved permanently: %s → %s%s", feed.name, feed.url, url, hint)
    else:
        logger.info(
            "feed %s redirects permanently to %s, which feed %d polls already%s", feed.name, url, holder, hint
        )


def _record(
    db: sqlite_utils.Database,
    feed: FeedRow,
    now: datetime,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    retry_after_s: float | None = None,
    hostile_hash: str | None = None,
    baseline_at: str | None = None,
) -> None:
    next_poll = next_poll_time(feed, now, error is not None)
    retry_after = None
    if retry_after_s is not None:
        # Whole seconds, rounded up: the stored times have no fractions, and earlier would be too early.
        retry_after = now.replace(microsecond=0) + timedelta(seconds=math.ceil(retry_after_s) + 1)
        next_poll = max(next_poll, retry_after)
    record_poll(
        db,
        feed.id,
        now.isoformat(timespec="seconds"),
        next_poll.isoformat(timespec="seconds"),
        error,
        etag,
        last_modified,
        retry_after.isoformat(timespec="seconds") if retry_after else None,
        hostile_hash,
        baseline_at,
    )


def next_poll_time(feed: FeedRow, now: datetime, failed: bool) -> datetime:
    """Interval ±10 % jitter; after failures, double per consecutive error, capped at six hours."""
    interval = timedelta(seconds=feed.interval_s)
    if failed:
        interval = min(MAX_BACKOFF, interval * 2 ** min(feed.error_count + 1, 12))
    return now + interval * random.uniform(0.9, 1.1)


def _clamp_published(published: str | None, now: datetime) -> str | None:
    """A feed date in the future is the feed's mistake: use now."""
    if published and published > now.isoformat(timespec="seconds"):
        return now.isoformat(timespec="seconds")
    return published
