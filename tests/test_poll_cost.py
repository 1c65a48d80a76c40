"""What a steady poll skips (bench/ingest.py measures it): a body identical to the one the poller read
last is not parsed again, and an item already stored under its guid, unchanged, is known without
normalising its text. Real HTTP, a real SQLite file; the parser and the fingerprint are only counted."""

from __future__ import annotations

import asyncio

import ingest.poll
from feeds.article import Article
from feeds.fetch import make_client
from ingest.poller import FeedPoller
from storage.db import write_transaction
from storage.feeds import upsert_feed
from tests.auxil.hostile_server import HostileServer, respond
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item

FIRST = rss([seed_item("seed-003"), seed_item("seed-005")])


def test_the_same_body_is_not_parsed_twice_and_known_items_are_not_fingerprinted(db, gazetteer, monkeypatch):
    parsed, fingerprinted = [], []
    real_parse, real_hash = ingest.poll.parse_feed, Article.content_hash
    monkeypatch.setattr(ingest.poll, "parse_feed", lambda *a: parsed.append(1) or real_parse(*a))
    monkeypatch.setattr(
        Article, "content_hash", property(lambda a: fingerprinted.append(1) or real_hash.fget(a))
    )
    with HostileServer("127.0.0.40") as server:
        server.route("/feed", respond(FIRST))
        upsert_feed(db, server.url(), "steady", 60)

        async def polls(bodies):
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                reports = []
                for body in bodies:
                    server.route("/feed", respond(body))
                    with write_transaction(db) as conn:
                        conn.execute("UPDATE feeds SET next_poll_at = ''")
                    reports += await poller.run_once()
                return reports

        edited = rss([seed_item("seed-003"), seed_item("seed-005"), seed_item("seed-004")])
        reports = asyncio.run(polls([FIRST, FIRST, FIRST, edited]))
    assert [r.status for r in reports] == ["new", "unchanged", "unchanged", "new"]
    assert len(parsed) == 2  # the first body and the changed one
    assert reports[-1].new_articles == 1
    # Fingerprints: each new item once (the first poll's two, then the one added); known items none.
    assert len(fingerprinted) == 3
