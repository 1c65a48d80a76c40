"""The variants of reliability §5 groups C, D and E that no other test reproduced (docs/feeds.md,
"Fault catalogue coverage"), each against a real loopback server and a real SQLite file."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import pairwise

import pytest

import ingest.poll
from feeds.fetch import fetch_feed, make_client
from feeds.guard import AddressPolicy
from ingest.poller import FeedPoller, poll_due_feeds
from storage.feeds import list_feeds, upsert_feed
from tests.auxil.hostile_server import (
    Behaviour,
    HostileServer,
    chunked_forever,
    deflate_bomb,
    drip,
    gzip_bomb,
    hang_after_headers,
    hang_before_headers,
    lying_length,
    redirect,
    reset_mid_body,
    respond,
    retry_after,
)
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
FIRST = rss([seed_item("seed-003")])
SECOND = rss([seed_item("seed-003"), seed_item("seed-005")])


def fetch(url: str, policy: AddressPolicy = LOOPBACK_ALLOWED, **kwargs):
    async def go():
        async with make_client(policy) as client:
            return await fetch_feed(client, url, **kwargs)

    return asyncio.run(go())


def poll(db, gazetteer, now=NOW, policy: AddressPolicy = LOOPBACK_ALLOWED) -> dict:
    async def go():
        async with make_client(policy) as client:
            return {r.feed: r for r in await poll_due_feeds(db, client, gazetteer, now)}

    return asyncio.run(go())


def state(db, name: str) -> dict:
    return next(feed for feed in list_feeds(db) if feed["name"] == name)


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def parsed(monkeypatch) -> list[bytes]:
    """The bodies handed to the (real) parser, in order."""
    bodies: list[bytes] = []
    real = ingest.poll.parse_feed

    def counting(body, headers=None):
        bodies.append(body)
        return real(body, headers)

    monkeypatch.setattr(ingest.poll, "parse_feed", counting)
    return bodies


# C19: slow-loris and hangs.


@pytest.mark.parametrize(
    "behaviour",
    [drip(FIRST, 2), hang_before_headers(), hang_after_headers(content_length=len(FIRST))],
    ids=["drip", "hang-before-headers", "hang-after-headers"],
)
def test_a_slow_or_hanging_server_is_cut_at_the_total_deadline_with_a_timeout(behaviour):
    with HostileServer("127.0.0.30") as server:
        server.route("/feed", behaviour)
        started = time.monotonic()
        result = fetch(server.url(), deadline_s=1.0)
        took = time.monotonic() - started
    assert not result.ok and result.error == "timeout: no complete answer within 1 s"
    assert 0.9 < took < 2.0


def test_three_hostile_servers_delay_none_of_ten_healthy_feeds(db, gazetteer):
    hostile = [drip(FIRST, 1), hang_before_headers(), hang_after_headers(content_length=len(FIRST))]
    with (
        HostileServer("127.0.0.31") as bad,
        HostileServer("127.0.0.32") as good_a,
        HostileServer("127.0.0.33") as good_b,
    ):
        for k, behaviour in enumerate(hostile):
            bad.route(f"/bad{k}", behaviour)
            upsert_feed(db, bad.url(f"/bad{k}"), f"bad {k}", 1)
        for k in range(10):
            server = (good_a, good_b)[k % 2]
            server.route(f"/good{k}", respond(FIRST))
            upsert_feed(db, server.url(f"/good{k}"), f"good {k}", 1)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer, per_host=3)
                started = time.monotonic()
                end = started + 2.6
                while time.monotonic() < end:
                    poller.tick()
                    await asyncio.sleep(0.1)
                assert poller.in_flight >= 3
                await poller.stop()
                return started

        started = asyncio.run(go())
        for k in range(10):
            server = (good_a, good_b)[k % 2]
            times = [started] + [r.time for r in server.requests_for(f"/good{k}")]
            assert len(times) >= 4 and max(b - a for a, b in pairwise(times)) < 1.6, k
        assert len(bad.requests) == 3  # each hostile fetch still in flight, not started again


# C20: bodies too big, endless, lying, reset or cut short: an error, validators and items as before.


BIG = 50 * 1024 * 1024


@pytest.mark.parametrize(
    "behaviour, error",
    [
        (lying_length(b"", declared=BIG), f"feed larger than 5242880 bytes ({BIG})"),
        (chunked_forever(b"<item></item>" * 5000, interval=0.001), "feed larger than 5242880 bytes"),
        (lying_length(SECOND, declared=len(SECOND) + 1000), "RemoteProtocolError"),
        (reset_mid_body(SECOND, after_bytes=len(SECOND) // 2), "ReadError"),
    ],
    ids=["declared-50MB", "chunked-without-end", "length-longer-than-body", "reset-mid-body"],
)
def test_a_body_over_the_cap_or_broken_off_stores_nothing_and_keeps_the_validators(
    db, gazetteer, behaviour, error
):
    with HostileServer("127.0.0.34") as server:
        server.route("/feed", respond(FIRST, headers={"ETag": '"v1"', "Last-Modified": "yesterday"}))
        upsert_feed(db, server.url(), "feed", 60)
        assert poll(db, gazetteer)["feed"].new_articles == 1
        server.route("/feed", behaviour)
        started = time.monotonic()
        report = poll(db, gazetteer, NOW + timedelta(hours=1))["feed"]
        assert time.monotonic() - started < 10
    assert report.status == "error" and error in report.error
    feed = state(db, "feed")
    assert (feed["etag"], feed["last_modified"]) == ('"v1"', "yesterday")
    assert feed["last_success_at"] == NOW.isoformat(timespec="seconds") and feed["error_count"] == 1
    assert count(db, "articles") == 1


@pytest.mark.parametrize("inside", [200, 3], ids=["in-text", "in-a-tag"])
def test_a_body_cut_short_by_its_own_length_is_truncated_and_stores_no_half_item(db, gazetteer, inside):
    """A server whose Content-Length ends the body early: the document arrives without its end, and
    the loose parser would still give the cut-off item's title."""
    with HostileServer("127.0.0.35") as server:
        server.route("/feed", respond(FIRST, headers={"ETag": '"v1"'}))
        upsert_feed(db, server.url(), "feed", 60)
        poll(db, gazetteer)
        cut = SECOND.index(b"<item>", SECOND.index(b"</item>")) + inside  # inside the second item
        server.route("/feed", lying_length(SECOND, declared=cut))
        report = poll(db, gazetteer, NOW + timedelta(hours=1))["feed"]
    assert report.status == "error" and "truncated" in report.error
    assert count(db, "articles") == 1 and state(db, "feed")["etag"] == '"v1"'


# C21: bombs, one at a time and eight at once.


def test_a_deflate_bomb_is_refused_at_the_decoded_cap():
    with HostileServer("127.0.0.36") as server:
        server.route("/feed", deflate_bomb(200))
        result = fetch(server.url())
    assert result.error == "feed decompresses to more than 5242880 bytes" and result.hostile


def test_eight_bombs_at_once_hold_at_most_the_cap_each():
    with HostileServer("127.0.0.37") as server:
        for k in range(8):
            server.route(f"/bomb{k}", (gzip_bomb, deflate_bomb)[k % 2](200))

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                return await asyncio.gather(*(fetch_feed(client, server.url(f"/bomb{k}")) for k in range(8)))

        tracemalloc.start()
        try:
            results = asyncio.run(go())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert all(r.hostile for r in results)
    # docs/feeds.md: a fetch holds at most the 5 MB cap decoded, plus one step of the inflater.
    assert peak < 8 * 11 * 1024 * 1024, peak / 2**20


# C22: Retry-After as a date and as an absurd delay, read from the server through a poll.


@pytest.mark.parametrize(
    "value, seconds",
    [
        (lambda now: format_datetime(now + timedelta(minutes=10), usegmt=True), 600),
        (lambda now: 864000, 6 * 3600),
    ],
    ids=["http-date", "ten-days"],
)
def test_retry_after_from_the_server_as_a_date_or_ten_days_is_kept_capped(db, gazetteer, value, seconds):
    now = datetime.now(UTC).replace(microsecond=0)
    with HostileServer("127.0.0.38") as server:
        server.route("/feed", retry_after(value(now), 503))
        upsert_feed(db, server.url(), "busy", 60)
        poll(db, gazetteer, now)
    waited = datetime.fromisoformat(state(db, "busy")["retry_after"]) - now
    assert timedelta(seconds=seconds - 5) <= waited <= timedelta(seconds=seconds + 5)
    assert state(db, "busy")["next_poll_at"] >= state(db, "busy")["retry_after"]


# C23: conditional GET at the poll.

ODD_DATE = (
    "Thu, 1 Jan 2026 10:00:00 +0000"  # not the canonical form: a server comparing strings needs it back
)


def conditional(body: bytes, etag: str | None, last_modified: str | None) -> Behaviour:
    """304 when the request carries exactly these validators (string comparison), else 200 with them."""
    headers = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}
    full, not_modified = respond(body, headers=headers), respond(status=304, headers=headers)

    async def act(ex) -> bool:
        sent = ex.request.headers
        match = (etag and sent.get("if-none-match") == etag) or (
            not etag and last_modified and sent.get("if-modified-since") == last_modified
        )
        return await (not_modified if match else full).act(ex)

    return Behaviour("conditional", act)


def test_validators_are_stored_on_every_200_sent_back_verbatim_and_a_304_is_not_parsed(db, gazetteer, parsed):
    with HostileServer("127.0.0.39") as server:
        server.route("/feed", conditional(FIRST, '"v1"', ODD_DATE))
        upsert_feed(db, server.url(), "feed", 60)
        poll(db, gazetteer)
        server.route("/feed", respond(FIRST, headers={"ETag": '"v2"'}))  # a new ETag, the same body
        poll(db, gazetteer, NOW + timedelta(hours=1))
        assert state(db, "feed")["etag"] == '"v2"'
        server.route("/feed", conditional(FIRST, '"v2"', None))
        assert poll(db, gazetteer, NOW + timedelta(hours=2))["feed"].status == "not_modified"
        server.route("/feed", conditional(FIRST, None, ODD_DATE))  # matches If-Modified-Since alone
        assert poll(db, gazetteer, NOW + timedelta(hours=3))["feed"].status == "not_modified"
        sent = [(r.headers.get("if-none-match"), r.headers.get("if-modified-since")) for r in server.requests]
    assert sent == [(None, None), ('"v1"', ODD_DATE), ('"v2"', ODD_DATE), ('"v2"', ODD_DATE)]
    assert len(parsed) == 2 and count(db, "articles") == 1


def test_a_server_ignoring_validators_gives_no_work_for_the_same_body(db, gazetteer, parsed):
    with HostileServer("127.0.0.40") as server:
        server.route("/feed", respond(FIRST, headers={"ETag": '"v1"'}))
        upsert_feed(db, server.url(), "feed", 0)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                return [await poller.run_once() for _ in range(3)]

        rounds = asyncio.run(go())
        assert [r.headers.get("if-none-match") for r in server.requests] == [None, '"v1"', '"v1"']
    assert [[r.status for r in reports] for reports in rounds] == [["new"], ["unchanged"], ["unchanged"]]
    assert len(parsed) == 1


# C24: redirect loops and other schemes.


def test_a_redirect_loop_is_an_error_after_five_hops_and_the_url_stays(db, gazetteer):
    with HostileServer("127.0.0.41") as server:
        server.route("/a", redirect(server.url("/b"), 301))
        server.route("/b", redirect(server.url("/a"), 301))
        upsert_feed(db, server.url("/a"), "loop", 60)
        report = poll(db, gazetteer)["loop"]
        assert len(server.requests) == 6  # the first request and five redirects
    assert report.status == "error" and "TooManyRedirects" in report.error
    assert state(db, "loop")["url"] == server.url("/a")


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "gopher://127.0.0.41:70/_x", "ftp://127.0.0.41/f"]
)
def test_a_redirect_to_another_scheme_is_refused_and_the_url_stays(db, gazetteer, location):
    with HostileServer("127.0.0.42") as server:
        server.route("/feed", redirect(location, 301))
        upsert_feed(db, server.url(), "feed", 60)
        report = poll(db, gazetteer)["feed"]
    assert report.status == "error" and "UnsupportedProtocol" in report.error
    assert state(db, "feed")["url"] == server.url()


# C25: answers that are not feeds.


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b'{"items": [{"title": "x"}]}', "application/json"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        (b"", "application/rss+xml"),
        (b"<!doctype html><html><body><p>hello</p></body></html>", "text/html"),
    ],
    ids=["json", "png", "empty", "html"],
)
def test_a_non_feed_answer_is_a_clear_error_and_the_other_feed_goes_on(db, gazetteer, body, content_type):
    with HostileServer("127.0.0.43") as server:
        server.route("/feed", respond(body, content_type=content_type))
        server.route("/good", respond(FIRST))
        upsert_feed(db, server.url(), "odd", 60)
        upsert_feed(db, server.url("/good"), "good", 60)
        reports = poll(db, gazetteer)
    assert reports["odd"].status == "error" and "feed" in reports["odd"].error
    assert reports["good"].new_articles == 1 and count(db, "articles") == 1


# E38: an allowed host's redirect to loopback, at a poll.


@pytest.mark.parametrize("status", [301, 302])
def test_a_redirect_from_an_allowed_host_to_loopback_keeps_the_stored_url(db, gazetteer, status):
    with HostileServer("127.0.0.1") as local, HostileServer("127.0.0.2") as allowed:
        local.route("/feed", respond(FIRST))
        allowed.route("/feed", redirect(local.url(), status))
        policy = AddressPolicy(exempt=frozenset({("127.0.0.2", allowed.port)}))
        upsert_feed(db, allowed.url(), "allowed", 60)
        report = poll(db, gazetteer, policy=policy)["allowed"]
        assert (allowed.connections, local.connections) == (1, 0)
    assert "127.0.0.1 is a loopback address" in report.error
    assert state(db, "allowed")["url"] == allowed.url() and count(db, "articles") == 0
