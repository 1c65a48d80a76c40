"""Feeds changed while the poller runs (no restart): an added or resumed feed is polled at the next tick,
a paused or removed one is not polled again and a poll of it in flight keeps nothing, and the first
poll of a feed an admin added stores its backlog without alerting it."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from feeds.fetch import make_client
from ingest import feed_admin
from ingest.feed_admin import FeedAccess
from ingest.poller import FeedPoller, poll_due_feeds
from storage.feeds import upsert_feed
from storage.subscriptions import Target, add_subscription, ensure_chat
from tests.auxil.hostile_server import HostileServer, respond
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item
from tests.test_poller import tick_for

BODY = rss([seed_item("seed-003")])


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_feeds_added_paused_resumed_and_removed_at_run_time_take_effect_at_the_next_tick(db, gazetteer):
    with HostileServer("127.0.0.20") as server:
        server.route("/feed", respond(BODY))

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                # 2 s: next poll times are stored to the second, so a 1 s interval can come 0.1 s later.
                access = FeedAccess(client, LOOPBACK_ALLOWED, 2)
                poller = FeedPoller(db, client, gazetteer)
                await tick_for(poller, 0.3)
                assert server.requests == []
                await feed_admin.save_feed(db, access, server.url(), "added", datetime.now(UTC))
                await tick_for(poller, 0.4)
                assert len(server.requests) == 1  # polled at the next tick, no restart
                feed_admin.pause_feed(db, "added")
                await tick_for(poller, 3)
                assert len(server.requests) == 1  # its 2 s interval passed: not polled
                feed_admin.resume_feed(db, "added")
                await tick_for(poller, 0.4)
                assert len(server.requests) == 2  # resumed: due at once
                feed_admin.remove_feed(db, "added")
                await tick_for(poller, 3)
                assert len(server.requests) == 2
                await poller.stop()

        asyncio.run(go())


@pytest.mark.parametrize("change", [feed_admin.pause_feed, feed_admin.remove_feed])
def test_a_poll_in_flight_of_a_feed_paused_or_removed_is_cancelled_at_the_next_tick(db, gazetteer, change):
    with HostileServer("127.0.0.21") as slow:
        slow.route("/feed", respond(BODY, delay=3))
        upsert_feed(db, slow.url(), "slow", 60)
        db.execute("UPDATE feeds SET origin = 'chat', baseline_done = 1")

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                assert poller.tick() == 1
                await asyncio.to_thread(slow.wait_for_requests, 1)
                change(db, "slow")
                asked = time.monotonic()
                poller.tick()
                for _ in range(250):
                    if not poller.in_flight:
                        break
                    await asyncio.sleep(0.02)
                return time.monotonic() - asked

        assert asyncio.run(go()) < 0.5  # not the server's 3 s
    assert count(db, "articles") == 0
    assert db.execute("SELECT last_polled_at FROM feeds").fetchone()[0] is None


def test_an_answer_that_arrives_after_the_feed_was_paused_is_dropped(db, gazetteer):
    with HostileServer("127.0.0.22") as slow:
        slow.route("/feed", respond(BODY, delay=0.5))
        upsert_feed(db, slow.url(), "slow", 60)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                [task] = [asyncio.ensure_future(poller.run_once())]
                await asyncio.to_thread(slow.wait_for_requests, 1)
                feed_admin.pause_feed(db, "slow")  # no tick in between: the poll itself must notice
                return await task

        [report] = asyncio.run(go())
    assert report.status == "dropped"
    assert count(db, "articles") == 0


def test_the_first_poll_of_a_feed_an_admin_added_stores_its_backlog_without_alerts(db, gazetteer):
    now = datetime.now(UTC).replace(microsecond=0)
    ensure_chat(db, 42, "private", None, now.isoformat())
    add_subscription(db, 42, Target("town", "عشاره", "العشارة"), now.isoformat())
    mine = {
        "title": "لغم في العشارة",
        "guid": "mine-1",
        "text": "انفجر لغم أرضي في مدينة العشارة بريف دير الزور الشرقي ما أدى لمقتل شخصين.",
    }
    with HostileServer("127.0.0.23") as added, HostileServer("127.0.0.24") as configured:
        added.route("/feed", respond(rss([seed_item("seed-003")])))
        configured.route("/feed", respond(rss([seed_item("seed-004")])))
        upsert_feed(db, configured.url(), "configured", 60)  # a config feed alerts from its first poll

        async def add():
            async with make_client(LOOPBACK_ALLOWED) as client:
                await feed_admin.save_feed(
                    db, FeedAccess(client, LOOPBACK_ALLOWED, 60), added.url(), "new", now
                )

        async def poll(at):
            async with make_client(LOOPBACK_ALLOWED) as client:
                return {r.feed: r for r in await poll_due_feeds(db, client, gazetteer, at)}

        asyncio.run(add())
        first = asyncio.run(poll(now))
        assert (first["new"].new_articles, first["new"].alerts_queued) == (1, 0)  # stored, searchable
        assert first["configured"].alerts_queued == 1
        added.route("/feed", respond(rss([seed_item("seed-003"), mine])))
        later = asyncio.run(poll(now + timedelta(minutes=2)))
    assert (later["new"].new_articles, later["new"].alerts_queued) == (1, 1)  # what is new alerts
    assert count(db, "articles") == 3
