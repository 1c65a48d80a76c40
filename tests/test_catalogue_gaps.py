"""The variants of docs/reliability.md §5 groups C, D and E that no other test reproduced (docs/feeds.md,
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


# D27–D30: entity bombs in every shape, XXE, external DTDs and bodies that name a file or URL, served.

from tests.auxil import hostile_payloads as payloads  # noqa: E402

BOMBS = {
    "laughs-per-line": payloads.billion_laughs(one_line=False),
    "laughs-one-line": payloads.billion_laughs(one_line=True),
    "quadratic-utf8": payloads.quadratic_entity(),
    "quadratic-utf7": payloads.quadratic_entity(encoding="utf-7"),
    "quadratic-cp037": payloads.quadratic_entity(encoding="cp037"),
    "quadratic-unicode-escape": payloads.quadratic_entity(encoding="unicode_escape"),
}


def test_every_entity_bomb_served_is_refused_fast_and_the_other_feed_keeps_its_items(db, gazetteer):
    with HostileServer("127.0.0.44") as server:
        for name, body in BOMBS.items():
            # No charset in the header: the XML declaration (UTF-7, unicode_escape) is what counts.
            server.route(f"/{name}", respond(body, content_type="application/rss+xml"))
            upsert_feed(db, server.url(f"/{name}"), name, 60)
        server.route("/good", respond(FIRST))
        upsert_feed(db, server.url("/good"), "good", 60)
        started = time.monotonic()
        reports = poll(db, gazetteer)
        took = time.monotonic() - started
    assert {name: reports[name].status for name in BOMBS} == dict.fromkeys(BOMBS, "hostile")
    assert all("entit" in reports[name].error for name in BOMBS)
    assert reports["good"].new_articles == 1 and count(db, "articles") == 1
    assert took < 3  # seven feeds, six of them bombs, in one cycle


def test_external_entities_and_dtds_are_never_fetched_or_read(db, gazetteer, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FILE-CONTENT", encoding="utf-8")
    with HostileServer("127.0.0.45") as feeds_host, HostileServer("127.0.0.46") as listener:
        listener.route("/x.dtd", respond(b'<!ENTITY leak "LEAKED">', content_type="application/xml-dtd"))
        dtd_only = payloads.rss(
            [payloads.item(guid="dtd-only")], doctype=f'<!DOCTYPE rss SYSTEM "{listener.url("/x.dtd")}">'
        )
        for name, body in {
            "xxe": payloads.xxe_file(secret),
            "dtd": payloads.external_dtd(listener.url("/x.dtd")),
            "dtd-only": dtd_only,
        }.items():
            feeds_host.route(f"/{name}", respond(body))
            upsert_feed(db, feeds_host.url(f"/{name}"), name, 60)
        reports = poll(db, gazetteer)
        time.sleep(0.1)
        assert listener.connections == 0
    assert reports["xxe"].status == reports["dtd"].status == "hostile"
    assert reports["dtd-only"].new_articles == 1
    stored = " ".join(title + text for title, text in db.execute("SELECT title, text FROM articles"))
    assert "SECRET" not in stored and "LEAKED" not in stored


def test_a_body_that_is_a_path_or_a_url_is_content_not_an_address(db, gazetteer, tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([{"title": "LOCAL-FILE-READ", "text": "x", "guid": "g"}]))
    with HostileServer("127.0.0.47") as server, HostileServer("127.0.0.48") as listener:
        listener.route("/secret", respond(rss([{"title": "FETCHED", "guid": "g"}])))
        for name, body in {
            "path": payloads.body_is_a_path(secret),
            "file-url": f"file://{secret}".encode(),
            "http-url": payloads.body_is_a_url(listener.url("/secret")),
        }.items():
            server.route(f"/{name}", respond(body, content_type="text/plain"))
            upsert_feed(db, server.url(f"/{name}"), name, 60)
        reports = poll(db, gazetteer)
        time.sleep(0.1)
        assert listener.connections == 0
    assert [reports[name].status for name in ("path", "file-url", "http-url")] == ["error"] * 3
    assert count(db, "articles") == 0


# D31: encodings, served with the headers a server would send.

_MOJIBAKE = ("Ø", "Ù", "Ã", "Þ", "ط§", "ظ„")


def _arabic_items() -> str:
    return payloads.document(
        [payloads.item(guid="enc-1"), payloads.item("قصف مدفعي على ريف إدلب", "سقوط قذائف.", "enc-2")]
    )


ENCODED = {
    "cp1256-declared-utf8": (payloads.cp1256_declared_utf8(), "application/rss+xml; charset=utf-8"),
    "cp1256-in-header-only": (_arabic_items().encode("cp1256"), "application/rss+xml; charset=windows-1256"),
    "utf8-bom-against-header": (
        b"\xef\xbb\xbf" + _arabic_items().encode("utf-8"),
        "application/rss+xml; charset=windows-1256",
    ),
    "utf8-with-invalid-bytes": (
        _arabic_items().replace("سقوط", "سقوط\udcff", 1).encode("utf-8", "surrogateescape"),
        "application/rss+xml; charset=utf-8",
    ),
    "utf16": (payloads.rss([payloads.item(guid="enc-1")], encoding="utf-16"), "application/rss+xml"),
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_arabic_in_a_lying_or_odd_encoding_is_stored_as_arabic_never_mojibake(db, gazetteer, name):
    body, content_type = ENCODED[name]
    with HostileServer("127.0.0.49") as server:
        server.route("/feed", respond(body, content_type=content_type))
        upsert_feed(db, server.url(), name, 60)
        report = poll(db, gazetteer)[name]
    titles = [row[0] for row in db.execute("SELECT title FROM articles ORDER BY id")]
    assert report.status == "new", report.error
    assert payloads.ARABIC_TITLE in titles
    assert not any(mark in title for title in titles for mark in _MOJIBAKE), titles


# D32: GUID pathologies across polls.


def _town_alerts(db) -> int:
    return count(db, "alerts")


def _subscribe(db, town_key="عشاره", town="العشارة") -> None:
    from storage.subscriptions import Target, add_subscription, ensure_chat

    ensure_chat(db, 42, "private", None, NOW.isoformat())
    add_subscription(db, 42, Target("town", town_key, town), NOW.isoformat())


def test_empty_and_duplicated_guids_keep_every_distinct_report(db, gazetteer):
    items = [
        dict(seed_item("seed-003"), guid=""),
        dict(seed_item("seed-005"), guid=""),
        dict(seed_item("seed-001"), guid="twice"),
        dict(seed_item("seed-004"), guid="twice"),  # the same guid in one document, another report
    ]
    with HostileServer("127.0.0.50") as server:
        server.route("/feed", respond(rss(items)))
        upsert_feed(db, server.url(), "feed", 60)
        assert poll(db, gazetteer)["feed"].new_articles == 4
        assert poll(db, gazetteer, NOW + timedelta(hours=1))["feed"].new_articles == 0


def test_rotated_guids_and_guids_copied_into_links_bring_no_alert_storm(db, gazetteer):
    _subscribe(db)
    first = [dict(seed_item("seed-003"), guid="a1"), dict(seed_item("seed-005"), guid="a2")]
    with HostileServer("127.0.0.51") as server:
        server.route("/feed", respond(rss(first)))
        upsert_feed(db, server.url(), "feed", 60)
        poll(db, gazetteer)
        alerts = _town_alerts(db)
        assert alerts >= 1
        rotated = [dict(item, guid=f"rotated-{item['guid']}") for item in first]
        server.route("/feed", respond(rss(rotated)))
        assert poll(db, gazetteer, NOW + timedelta(hours=1))["feed"].new_articles == 0
        as_links = [
            dict(item, guid=f"https://example.org/{k}", link=f"https://example.org/{k}")
            for k, item in enumerate(first)
        ]
        server.route("/feed", respond(rss(as_links)))
        assert poll(db, gazetteer, NOW + timedelta(hours=2))["feed"].new_articles == 0
    assert _town_alerts(db) == alerts and count(db, "articles") == 2


# D33: dates.


@pytest.mark.parametrize(
    "pubdate, published",
    [
        (None, None),
        ("the day after tomorrow", None),
        ("Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00+00:00"),
        ("Tue, 16 Nov 2021 10:00:00", None),  # no zone: feedparser reads no date, the fetch time stands
        ("Tue, 16 Nov 2021 10:00:00 +0300", "2021-11-16T07:00:00+00:00"),
        ("Fri, 01 Jan 2099 00:00:00 GMT", NOW.isoformat(timespec="seconds")),
    ],
    ids=["missing", "unparseable", "1970", "naive", "zoned", "2099"],
)
def test_a_missing_odd_or_future_date_is_stored_as_none_utc_or_now(db, gazetteer, pubdate, published):
    item = seed_item("seed-003", **({"pubdate": pubdate} if pubdate else {}))
    with HostileServer("127.0.0.52") as server:
        server.route("/feed", respond(rss([item])))
        upsert_feed(db, server.url(), "feed", 60)
        assert poll(db, gazetteer)["feed"].new_articles == 1
    [(stored, fetched)] = db.execute("SELECT published, fetched_at FROM articles").fetchall()
    assert stored == published and fetched == NOW.isoformat(timespec="seconds")


def test_an_item_older_than_the_feeds_baseline_does_not_alert(db, gazetteer):
    _subscribe(db)
    with HostileServer("127.0.0.53") as server:
        server.route("/feed", respond(rss([seed_item("seed-005")])))
        upsert_feed(db, server.url(), "feed", 60)
        poll(db, gazetteer)
        old = seed_item("seed-003", pubdate="Thu, 01 Jan 1970 00:00:00 GMT")
        server.route("/feed", respond(rss([seed_item("seed-005"), old])))
        assert poll(db, gazetteer, NOW + timedelta(hours=1))["feed"].new_articles == 1
    assert _town_alerts(db) == 0


# D35: oversized and markup-laden fields, served.


def test_a_five_megabyte_title_and_ten_thousand_items_are_capped(db, gazetteer):
    with HostileServer("127.0.0.54") as server:
        server.route("/huge", respond(payloads.huge_title(4)))
        server.route("/over", respond(payloads.huge_title(5)))  # over the 5 MB body cap
        upsert_feed(db, server.url("/over"), "over", 60)
        server.route("/many", respond(payloads.many_items(10_000)))
        upsert_feed(db, server.url("/huge"), "huge", 60)
        upsert_feed(db, server.url("/many"), "many", 60)
        reports = poll(db, gazetteer)
    assert reports["huge"].new_articles == 1 and reports["many"].new_articles == 200
    assert "feed larger than 5242880 bytes" in reports["over"].error
    longest = db.execute("SELECT max(length(title)) FROM articles").fetchone()[0]
    assert longest <= 501


MARKUP = {
    "markup-b": (f"<b>{payloads.ARABIC_TITLE}</b>", None, True),
    "markup-script": (f"{payloads.ARABIC_TITLE}<script>alert(1)</script>", None, False),
    "markup-amp": ("قوات النظام &amp; قسد", None, True),
    "markup-js": (payloads.ARABIC_TITLE, "javascript:alert(1)", False),
    "markup-quote": (payloads.ARABIC_TITLE, 'https://example.org/a"onmouseover="alert(1)', False),
    "markup-rlo": (f"\u202e{payloads.ARABIC_TITLE}", None, False),
}


def test_markup_scripts_and_bad_links_in_items_are_stored_as_plain_text_and_http_links(db, gazetteer):
    with HostileServer("127.0.0.55") as server:
        for guid, (title, link, raw) in MARKUP.items():  # a feed each: one report would merge the rest
            body = payloads.rss(
                [payloads.item(title, f"{guid}: {payloads.ARABIC_TEXT}", guid, link, raw=raw)]
            )
            server.route(f"/{guid}", respond(body))
            upsert_feed(db, server.url(f"/{guid}"), guid, 60)
        poll(db, gazetteer)
    rows = {guid: (title, link) for guid, title, link in db.execute("SELECT guid, title, link FROM articles")}
    assert rows["markup-b"][0] == payloads.ARABIC_TITLE
    assert "<" not in rows["markup-script"][0] and "alert" not in rows["markup-script"][0]
    assert rows["markup-amp"][0] == "قوات النظام & قسد"
    assert rows["markup-js"][1] is None
    assert rows["markup-quote"][1].startswith("https://")  # kept: the renderer escapes it (test_render)
    assert payloads.ARABIC_TITLE in rows["markup-rlo"][0]


# E40: proxies in a real process's environment.


def test_feeds_add_in_a_process_with_proxy_variables_never_uses_the_proxy(tmp_path):
    from tests.test_cli import raqib

    config = tmp_path / "config.toml"
    config.write_text("[fetch]\nallow_private_addresses = true\n", encoding="utf-8")
    with HostileServer("127.0.0.56") as server, HostileServer("127.0.0.57") as proxy:
        server.route("/feed.xml", respond(FIRST))
        proxy.route("/feed.xml", respond(SECOND))
        names = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy")
        env = dict.fromkeys(names, f"http://{proxy.host}:{proxy.port}")
        url = server.url("/feed.xml")
        result = raqib(
            "feeds", "add", url, "--db", str(tmp_path / "raqib.db"), "--config", str(config), env=env
        )
        assert result.returncode == 0, result.stderr
        assert (server.connections, proxy.connections) == (1, 0)
