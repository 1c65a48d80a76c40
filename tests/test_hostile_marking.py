"""Hostile bodies (docs/reliability.md §5 D27, D28, C21): refused once with one log line, their hash kept, and
the identical body refused unread at later polls, while the other feeds keep their items."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import UTC, datetime, timedelta

import pytest

import ingest.poll
from feeds.fetch import make_client
from ingest.poller import poll_due_feeds
from storage.feeds import list_feeds, upsert_feed
from tests.auxil.hostile_payloads import billion_laughs, quadratic_entity
from tests.auxil.hostile_server import HostileServer, compressed_zeros, gzip_bomb, respond
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
HEALTHY = rss([seed_item("seed-003"), seed_item("seed-005")])


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


def poll(db, gazetteer, now):
    async def go():
        async with make_client(LOOPBACK_ALLOWED) as client:
            return {report.feed: report for report in await poll_due_feeds(db, client, gazetteer, now)}

    return asyncio.run(go())


def state(db, name: str) -> dict:
    return next(feed for feed in list_feeds(db) if feed["name"] == name)


def refusals(caplog) -> list[str]:
    """The warnings about hostile bodies (not others about the feed named "hostile")."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and "refused as hostile" in r.getMessage()
    ]


@pytest.mark.parametrize(
    "payload",
    [quadratic_entity(encoding="utf-16"), billion_laughs()],
    ids=["quadratic-utf16", "billion-laughs"],
)
def test_a_hostile_body_is_parsed_once_then_skipped_while_other_feeds_go_on(
    db, gazetteer, parsed, caplog, payload
):
    with HostileServer("127.0.0.2") as hostile, HostileServer("127.0.0.3") as healthy:
        hostile.route("/feed", respond(payload))
        healthy.route("/feed", respond(HEALTHY))
        upsert_feed(db, hostile.url(), "hostile", 60)
        upsert_feed(db, healthy.url(), "healthy", 60)
        with caplog.at_level(logging.DEBUG, logger="ingest.poll"):
            first = poll(db, gazetteer, NOW)
            assert first["hostile"].status == "hostile" and "entit" in first["hostile"].error
            assert first["healthy"].new_articles == 2
            assert state(db, "hostile")["hostile_hash"] == hashlib.sha256(payload).hexdigest()
            assert payload in parsed and len(parsed) == 2

            second = poll(db, gazetteer, NOW + timedelta(days=1))
            assert second["hostile"].status == "hostile"
            assert parsed[2:] == [HEALTHY]  # only the healthy feed reached the parser
            assert len(hostile.requests) == 2  # fetched again: only the hash said it is the same
        assert len(refusals(caplog)) == 1
        assert "refused as hostile before, unchanged; not read" in caplog.text
        assert state(db, "hostile")["error_count"] == 2
        healthy_id = state(db, "healthy")["id"]
        stored = db.execute("SELECT count(*) FROM articles WHERE feed_id = ?", (healthy_id,)).fetchone()[0]
        assert stored == 2

        hostile.route("/feed", respond(rss([seed_item("seed-004")])))  # the server is cleaned up
        third = poll(db, gazetteer, NOW + timedelta(days=2))
        assert third["hostile"].new_articles == 1
        assert (state(db, "hostile")["hostile_hash"], state(db, "hostile")["error_count"]) == (None, 0)


def test_a_decompression_bomb_is_marked_by_its_wire_bytes_and_logged_once(db, gazetteer, parsed, caplog):
    with HostileServer("127.0.0.4") as server:
        server.route("/feed", gzip_bomb(20))  # 20 MiB of zeros: four times the 5 MB cap
        upsert_feed(db, server.url(), "bomb", 60)
        with caplog.at_level(logging.WARNING, logger="ingest.poll"):
            first = poll(db, gazetteer, NOW)
            second = poll(db, gazetteer, NOW + timedelta(days=1))
        assert first["bomb"].error == "feed decompresses to more than 5242880 bytes"
        assert second["bomb"].status == "hostile"
        assert state(db, "bomb")["hostile_hash"] == hashlib.sha256(compressed_zeros(20)).hexdigest()
        assert refusals(caplog) == [
            "feed bomb: body refused as hostile (feed decompresses to more than 5242880 bytes); "
            "the same body will not be read again"
        ]
        assert parsed == []
