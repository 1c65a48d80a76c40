"""Feed administration as plain functions (ingest/feed_admin.py), against real local HTTP servers and a
real SQLite file: the preview, web pages that name their feeds, refused addresses, the health table,
remove / pause / resume by name or number, and OPML in and out."""

from __future__ import annotations

import asyncio
import ipaddress
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from feeds.fetch import make_client
from feeds.guard import AddressPolicy
from feeds.opml import read_opml
from ingest.feed_admin import (
    BadOpmlError,
    FeedAccess,
    FeedExistsError,
    FeedLinks,
    FeedNotFoundError,
    FeedPreview,
    FeedProtectedError,
    FeedRefusedError,
    FeedUnreadableError,
    export_opml,
    feed_health,
    find_feed,
    import_opml,
    pause_feed,
    preview_feed,
    remove_feed,
    resume_feed,
    save_feed,
)
from ingest.poller import poll_due_feeds
from storage.feeds import due_feeds, upsert_feed
from tests.auxil.hostile_server import HostileServer, respond
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item

NOW = datetime.now(UTC).replace(microsecond=0)


def pubdate(days_ago: float) -> str:
    return format_datetime(NOW - timedelta(days=days_ago))


SEEDS = rss(
    [
        seed_item("seed-005", pubdate=pubdate(3)),
        seed_item("seed-003", pubdate=pubdate(1)),  # the newest
        seed_item("seed-001", pubdate=pubdate(30)),  # older than the health window
    ],
    title="Deir ez-Zor 24",
)


def run(coro_factory, policy=LOOPBACK_ALLOWED):
    """Run `coro_factory(access)` with a guarded client under `policy`."""

    async def go():
        async with make_client(policy) as client:
            return await coro_factory(FeedAccess(client, policy, 60))

    return asyncio.run(go())


def test_the_preview_gives_title_item_count_and_the_newest_items_incidents(gazetteer):
    with HostileServer() as server:
        server.route("/feed", respond(SEEDS))
        preview = run(lambda access: preview_feed(access, server.url(), gazetteer))
    assert isinstance(preview, FeedPreview)
    assert (preview.title, preview.items, preview.url) == ("Deir ez-Zor 24", 3, server.url())
    assert preview.suggested_name == "Deir ez-Zor 24"
    newest = preview.newest[0]
    assert [(i.event_type, i.town.name) for i in newest.incidents] == [("Battles", "العشارة")]
    assert [i.sub_event_type for i in preview.newest[1].incidents] == ["Looting/property destruction"]
    assert len(server.requests) == 1


def test_a_web_page_offers_the_feeds_it_links_to(gazetteer):
    page = (
        b"<!DOCTYPE html><html><head><title>Site</title>"
        b'<link rel="stylesheet" href="/style.css">'
        b'<link rel="alternate" type="application/rss+xml" title="All news" href="/feed/">'
        b'<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://other.example/atom">'
        b'<link rel="alternate" type="text/html" hreflang="en" href="/en/">'
        b"</head><body><p>Hello</p></body></html>"
    )
    with HostileServer() as server:
        server.route("/", respond(page, content_type="text/html; charset=utf-8"))
        server.route(
            "/bare", respond(b"<html><head></head><body>no feeds</body></html>", content_type="text/html")
        )
        found = run(lambda access: preview_feed(access, server.url("/"), gazetteer))
        with pytest.raises(FeedUnreadableError, match="names no RSS or Atom feed"):
            run(lambda access: preview_feed(access, server.url("/bare"), gazetteer))
    assert isinstance(found, FeedLinks)
    assert [(link.url, link.title) for link in found.links] == [
        (server.url("/feed/"), "All news"),
        ("https://other.example/atom", ""),
    ]


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1", "[::ffff:127.0.0.1]", "user@127.0.0.1"],
)
def test_a_refused_address_gives_one_reason_and_makes_no_connection(gazetteer, host):
    with HostileServer() as server:
        server.route("/feed", respond(SEEDS))
        url = f"http://{host}:{server.port}/feed"
        with pytest.raises(
            FeedRefusedError, match=r"it points at a loopback address \((127.0.0.1|::1|::ffff:127.0.0.1)\)$"
        ) as refused:
            run(lambda access: preview_feed(access, url, gazetteer), policy=AddressPolicy())
        with pytest.raises(FeedRefusedError):
            run(lambda access: save_feed(None, access, url, "local", NOW), policy=AddressPolicy())
        assert server.connections == 0
    assert "\n" not in str(refused.value)


def test_errors_and_non_feeds_are_unreadable_with_the_reason(gazetteer):
    with HostileServer() as server:
        server.route("/missing", respond(b"gone", 404, content_type="text/plain"))
        server.route("/text", respond(b"just some words", content_type="text/plain"))
        with pytest.raises(FeedUnreadableError, match="HTTP 404"):
            run(lambda access: preview_feed(access, server.url("/missing"), gazetteer))
        with pytest.raises(FeedUnreadableError, match="not"):
            run(lambda access: preview_feed(access, server.url("/text"), gazetteer))


def test_saved_feeds_are_listed_with_their_health(db, gazetteer):
    with HostileServer("127.0.0.2") as good, HostileServer("127.0.0.3") as bad:
        good.route("/feed", respond(SEEDS))
        bad.route("/feed", respond(b"oops", 500, content_type="text/plain"))
        saved = run(lambda access: save_feed(db, access, good.url(), "  Deir   ez-Zor 24 ", NOW))
        run(lambda access: save_feed(db, access, bad.url(), "broken", NOW))
        assert (saved.name, saved.origin, saved.interval_s) == ("Deir ez-Zor 24", "chat", 60)
        assert [f.name for f in due_feeds(db, NOW.isoformat())] == ["Deir ez-Zor 24", "broken"]  # due at once

        async def poll():
            async with make_client(LOOPBACK_ALLOWED) as client:
                return await poll_due_feeds(db, client, gazetteer, NOW)

        asyncio.run(poll())
    healthy, failing = feed_health(db, NOW)
    assert (healthy.name, healthy.paused, healthy.error_count) == ("Deir ez-Zor 24", False, 0)
    assert healthy.last_success_at == NOW.isoformat()
    assert healthy.next_poll_at > NOW.isoformat()
    assert (healthy.items, healthy.incidents) == (2, 2)  # the 30-day-old item is outside the week
    assert (failing.error_count, failing.last_error, failing.last_success_at) == (1, "HTTP 500", None)


def test_the_same_url_or_name_is_not_added_twice(db):
    with HostileServer() as server:
        server.route("/feed", respond(SEEDS))
        run(lambda access: save_feed(db, access, server.url(), "one", NOW))
        with pytest.raises(FeedExistsError, match="polled already, as #1 one"):
            run(lambda access: save_feed(db, access, server.url(), "other", NOW))
        with pytest.raises(FeedExistsError, match="name 'ONE' is taken by feed #1"):
            run(lambda access: save_feed(db, access, server.url("/other"), "ONE", NOW))


def test_remove_pause_and_resume_by_name_or_number(db):
    with HostileServer() as server:
        server.route("/feed", respond(SEEDS))
        first = run(lambda access: save_feed(db, access, server.url(), "first", NOW))
        second = run(lambda access: save_feed(db, access, server.url("/2"), "second", NOW))
    assert find_feed(db, "#2").id == find_feed(db, "SECOND").id == second.id
    feed, changed = pause_feed(db, str(first.id))
    assert (feed.name, changed) == ("first", True)
    assert pause_feed(db, "first")[1] is False  # already paused
    assert [f.name for f in due_feeds(db, NOW.isoformat())] == ["second"]
    assert [s.paused for s in feed_health(db, NOW)] == [True, False]
    assert resume_feed(db, "first")[1] is True
    assert [f.name for f in due_feeds(db, NOW.isoformat())] == ["first", "second"]
    assert remove_feed(db, "second").id == second.id
    assert [s.name for s in feed_health(db, NOW)] == ["first"]
    with pytest.raises(FeedNotFoundError, match="no feed 'second'"):
        find_feed(db, "second")
    with pytest.raises(FeedNotFoundError):
        find_feed(db, "99")


def test_config_feeds_are_paused_not_removed(db):
    upsert_feed(db, "https://example.org/feed", "configured", 300)
    with pytest.raises(FeedProtectedError, match="listed in config.toml"):
        remove_feed(db, "configured")
    assert pause_feed(db, "configured")[1] is True


def test_a_resumed_feed_is_due_at_once_and_its_errors_forgotten(db, gazetteer):
    with HostileServer() as server:
        server.route("/feed", respond(b"", 410, content_type="text/plain"))
        run(lambda access: save_feed(db, access, server.url(), "gone", NOW))

        async def poll():
            async with make_client(LOOPBACK_ALLOWED) as client:
                return await poll_due_feeds(db, client, gazetteer, NOW)

        [report] = asyncio.run(poll())
    assert report.status == "gone" and feed_health(db, NOW)[0].paused
    assert resume_feed(db, "gone")[1] is True
    [status] = feed_health(db, NOW)
    assert (status.paused, status.error_count, status.next_poll_at) == (False, 0, "")


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Syria"><outline type="rss" text="Enab Baladi" xmlUrl="https://www.enabbaladi.net/feed/"/>
    <outline type="rss" title="SY24" text="ignored" xmlUrl="https://www.sy-24.com/feed/"/></outline>
  <outline type="rss" text="Enab again" xmlUrl="https://www.enabbaladi.net/feed/"/>
  <outline type="rss" text="SY24" xmlUrl="https://www.sy-24.com/other/"/>
  <outline type="rss" text="metadata" xmlUrl="http://169.254.169.254/latest/"/>
  <outline type="rss" text="ftp" xmlUrl="ftp://example.org/feed"/>
</body></opml>"""


async def public_address(host, port):
    """Names resolve to a public address without asking DNS (the import fetches nothing); an address
    literal is itself."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return ["93.184.215.14"]


def test_opml_import_adds_each_feed_once_and_says_why_others_were_skipped(db, monkeypatch):
    monkeypatch.setattr("feeds.guard.resolve_host", public_address)
    report = run(lambda access: import_opml(db, access, OPML, NOW), policy=AddressPolicy())
    assert [name for _, name in report.added] == ["Enab Baladi", "SY24", "SY24 2"]
    reasons = dict(report.skipped)
    assert "points at a link-local address (169.254.169.254)" in reasons["http://169.254.169.254/latest/"]
    assert "only http and https" in reasons["ftp://example.org/feed"]
    assert [s.name for s in feed_health(db, NOW)] == ["Enab Baladi", "SY24", "SY24 2"]


def test_opml_export_lists_every_feed_and_reads_back(db):
    with HostileServer() as server:
        for k in range(3):
            run(lambda access, k=k: save_feed(db, access, server.url(f"/f{k}"), f"عنب {k}", NOW))
    pause_feed(db, "عنب 1")
    exported = export_opml(db, NOW)
    assert exported.startswith(b"<?xml")
    assert [(f.url, f.title) for f in read_opml(exported)] == [
        (server.url(f"/f{k}"), f"عنب {k}") for k in range(3)
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', "DTD or entities"),
        (b"<opml><body><outline text='x'/></body></opml>", "lists no feeds"),
        (b"<rss><channel/></rss>", "not <opml>"),
        (b"<opml><body>", "not well-formed"),
        (b" " * (1024 * 1024 + 1), "larger than"),
    ],
)
def test_a_bad_opml_file_is_refused_with_its_reason(db, data, reason):
    with pytest.raises(BadOpmlError, match=reason):
        run(lambda access: import_opml(db, access, data, NOW))
