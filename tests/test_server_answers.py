"""Doing what feed servers say (docs/reliability.md §5 C22, C24): Retry-After is waited out, a permanent move
changes the stored address, 410 Gone pauses the feed, and failures are dated from the first one."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from feeds.fetch import make_client
from ingest.poller import FeedPoller, poll_due_feeds
from storage.feeds import due_feeds, list_feeds, upsert_feed
from tests.auxil.hostile_server import HostileServer, redirect, respond, retry_after
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss

EMPTY = rss([])
NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


def poll(db, gazetteer, now=NOW):
    async def go():
        async with make_client(LOOPBACK_ALLOWED) as client:
            return await poll_due_feeds(db, client, gazetteer, now)

    return asyncio.run(go())


def feed_state(db, name: str) -> dict:
    return next(feed for feed in list_feeds(db) if feed["name"] == name)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_keeps_the_feed_unpolled_while_the_others_go_on(db, gazetteer, status):
    with HostileServer("127.0.0.2") as busy, HostileServer("127.0.0.3") as healthy:
        busy.route("/feed", retry_after(3600, status))
        healthy.route("/feed", respond(EMPTY))
        upsert_feed(db, busy.url(), "busy", 1)
        upsert_feed(db, healthy.url(), "healthy", 1)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                end = time.monotonic() + 2.6  # past the 2 s a plain failure would back off
                while time.monotonic() < end:
                    poller.tick()
                    await asyncio.sleep(0.1)
                await poller.stop()

        asyncio.run(go())
        assert len(busy.requests) == 1 and len(healthy.requests) >= 3
    state = feed_state(db, "busy")
    waited = datetime.fromisoformat(state["retry_after"]) - datetime.now(UTC)
    assert timedelta(seconds=3590) < waited <= timedelta(seconds=3602)
    assert state["next_poll_at"] >= state["retry_after"] and state["last_error"] == f"HTTP {status}"
    # Even a feed whose next poll time is reset (a restart, an admin) waits for the server's time.
    db.execute("UPDATE feeds SET next_poll_at = ''")
    assert [feed.name for feed in due_feeds(db, datetime.now(UTC).isoformat())] == ["healthy"]


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_move_changes_the_stored_url(db, gazetteer, caplog, status):
    with HostileServer("127.0.0.4") as server:
        server.route("/old", redirect(server.url("/new"), status))
        server.route("/new", respond(EMPTY))
        upsert_feed(db, server.url("/old"), "moving", 60)
        with caplog.at_level(logging.INFO, logger="ingest.poll"):
            [report] = poll(db, gazetteer)
        assert report.status == "unchanged"
        assert feed_state(db, "moving")["url"] == server.url("/new")
        assert f"feed moving moved permanently: {server.url('/old')} → {server.url('/new')}" in caplog.text
        poll(db, gazetteer, NOW + timedelta(hours=1))
        assert [r.path for r in server.requests] == ["/old", "/new", "/new"]


@pytest.mark.parametrize("status", [302, 307])
def test_a_temporary_redirect_keeps_the_stored_url(db, gazetteer, status):
    with HostileServer("127.0.0.4") as server:
        server.route("/feed", redirect(server.url("/today"), status))
        server.route("/today", respond(EMPTY))
        upsert_feed(db, server.url("/feed"), "visiting", 60)
        [report] = poll(db, gazetteer)
        assert report.status == "unchanged"
        assert feed_state(db, "visiting")["url"] == server.url("/feed")


def test_a_move_to_an_address_another_feed_has_leaves_both(db, gazetteer, caplog):
    with HostileServer("127.0.0.4") as server:
        server.route("/old", redirect(server.url("/new"), 301))
        server.route("/new", respond(EMPTY))
        upsert_feed(db, server.url("/new"), "new", 60)
        upsert_feed(db, server.url("/old"), "old", 60)
        with caplog.at_level(logging.INFO, logger="ingest.poll"):
            poll(db, gazetteer)
        assert feed_state(db, "old")["url"] == server.url("/old")
        assert "which feed 1 polls already (update config.toml)" in caplog.text


def test_410_gone_pauses_the_feed_with_one_clear_line(db, gazetteer, caplog):
    with HostileServer("127.0.0.5") as server:
        server.route("/feed", respond(b"gone", 410, content_type="text/plain"))
        upsert_feed(db, server.url(), "closed", 60)
        with caplog.at_level(logging.WARNING):
            [report] = poll(db, gazetteer)
            assert report.status == "gone"
            assert poll(db, gazetteer, NOW + timedelta(days=1)) == []
        assert len(server.requests) == 1
    state = feed_state(db, "closed")
    assert state["paused"] == 1 and state["last_error"] == "HTTP 410 Gone: paused"
    assert [r.getMessage() for r in caplog.records] == [
        f"feed closed ({server.url()}) answered 410 Gone: paused, it is not polled any more"
    ]


def test_failing_since_is_the_first_failure_and_a_success_clears_it(db, gazetteer):
    with HostileServer("127.0.0.6") as server:
        server.route("/feed", respond(b"down", 500, content_type="text/plain"))
        upsert_feed(db, server.url(), "flaky", 60)
        poll(db, gazetteer)
        poll(db, gazetteer, NOW + timedelta(hours=1))
        state = feed_state(db, "flaky")
        assert (state["error_count"], state["failing_since"]) == (2, NOW.isoformat(timespec="seconds"))
        # Backed off: twice the interval after the first failure, four times after the second.
        assert state["next_poll_at"] > (NOW + timedelta(hours=1, seconds=200)).isoformat()
        server.route("/feed", respond(EMPTY))
        later = NOW + timedelta(hours=2)
        [report] = poll(db, gazetteer, later)
        assert report.status == "unchanged"
        state = feed_state(db, "flaky")
        assert (state["error_count"], state["failing_since"]) == (0, None)
        assert state["last_success_at"] == later.isoformat(timespec="seconds")
