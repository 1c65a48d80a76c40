"""Opening what the running bot shares: the database, the gazetteer, the HTTP client, the feed list."""

from __future__ import annotations

import fcntl
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import httpx
import sqlite_utils

from alerts.feed_notices import notify_feed_trouble
from alerts.outcomes import DeliverySettings
from bot.config import Config, address_policy
from bot.sample_feed import SampleFeedServer
from extraction.gazetteer import Gazetteer, load_gazetteer
from extraction.normalize import search_words
from feeds.fetch import make_client
from feeds.guard import AddressPolicy
from ingest.feed_admin import FeedAccess
from ingest.poll import PollReport
from storage.articles import index_missing_articles
from storage.db import open_database
from storage.feeds import place_sample_feed, retire_sample_feed, sync_config_feeds
from storage.incidents import fill_english_names
from storage.outbox import recover_interrupted
from storage.service import set_state

logger = logging.getLogger(__name__)


class AlreadyRunning(Exception):
    """Another Raqib holds this database."""


def hold_instance_lock(database: Path) -> TextIO:
    """An exclusive lock on `<database>.lock`, held for the life of the process (docs/reliability.md §3.4):
    two bots on one database would send every alert twice. The lock sits beside the file the path
    resolves to, so a symlink to the database (or to its folder) is the same lock as the real path."""
    real = database.resolve()
    real.parent.mkdir(parents=True, exist_ok=True)
    handle = (real.parent / f"{real.name}.lock").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        shown = database if real == database else f"{database} (that is, {real})"
        raise AlreadyRunning(f"another Raqib is already running on {shown}") from exc
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


@dataclass
class Runtime:
    """The bot's shared objects; `close` releases them."""

    config: Config
    db: sqlite_utils.Database
    gazetteer: Gazetteer
    http: httpx.AsyncClient
    policy: AddressPolicy  # what `http` may connect to; feeds added at run time are judged by it first

    @property
    def feed_access(self) -> FeedAccess:
        """What adding feeds from the chat needs."""
        return FeedAccess(self.http, self.policy, self.config.poll_interval_s)

    async def close(self) -> None:
        """Close the HTTP client and the database."""
        await self.http.aclose()
        self.db.conn.close()


SAMPLE_FEED_NAME = "Raqib sample feed"


def open_runtime(config: Config, sample: SampleFeedServer | None = None) -> Runtime:
    """Open the database (migrating it), load the gazetteer, register the feeds (and the `sample` feed
    server's, when it runs), recover the outbox, and build the SSRF-guarded HTTP client."""
    db = open_database(config.database)
    set_state(db, "started_at", datetime.now(UTC).isoformat(timespec="seconds"))
    recovered = recover_interrupted(db)
    if recovered:
        logger.warning("%d alerts were in flight at the last stop; they will be re-sent, marked", recovered)
    retired = sync_config_feeds(db, [(feed.url, feed.name, feed.interval_s) for feed in config.feeds])
    if retired:
        logger.info("%d feeds no longer in %s are not polled any more", retired, config.path)
    if sample is not None:
        place_sample_feed(db, sample.url, SAMPLE_FEED_NAME, config.poll_interval_s)
    else:
        retire_sample_feed(db)
    gazetteer = load_gazetteer()
    indexed = index_missing_articles(db, lambda text: " ".join(search_words(text)))
    if indexed:
        logger.info("added %d stored articles to the search index", indexed)
    if named := fill_english_names(
        db, lambda n: _english(gazetteer.place_named(n)), lambda n: _english(gazetteer.actor_named(n))
    ):
        logger.info("gave %d stored towns and actors their English names", named)
    if config.allow_private_addresses:
        logger.warning("fetch.allow_private_addresses is on: feeds may come from this host and its LAN")
    policy = address_policy(config, sample.address if sample is not None else None)
    return Runtime(config, db, gazetteer, make_client(policy), policy)


def delivery_settings(config: Config) -> DeliverySettings:
    """The delivery policy config.toml sets."""
    return DeliverySettings(
        default_language=config.default_language,
        admins=config.admins,
        ring_at_killed=config.ring_at_killed,
        delayed_after_h=config.delayed_after_h,
    )


def _english(entries: list) -> str | None:
    """The English name of the first gazetteer entry that has one."""
    return next((e.name_en for e in entries if e.name_en), None)


def tell_admins_about_feed(runtime: Runtime, report: PollReport) -> bool:
    """Queue the admins' notice a poll asks for (a feed gone, or failing for a day); whether it did."""
    trouble = report.trouble
    if trouble is None:
        return False
    feed = (trouble.feed_id, trouble.name, trouble.url)
    config = runtime.config
    now = datetime.now(UTC)
    notify_feed_trouble(
        runtime.db,
        trouble.kind,
        feed,
        trouble.since,
        trouble.error,
        config.admins,
        config.default_language,
        now,
    )
    return True
