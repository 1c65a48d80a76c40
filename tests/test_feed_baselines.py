"""A feed's baseline (docs/feeds.md, "Baselines"): what it listed before it was added, or published
while it was paused, is stored and searchable but alerts no one (docs/reliability.md §5 cases 33, 34).
A real loopback server and a real SQLite file; alerts are counted in the outbox."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

from extraction.normalize import entity_key
from ingest import feed_admin
from storage.feeds import upsert_feed
from storage.subscriptions import Target, add_subscription, ensure_chat
from tests.auxil.hostile_server import HostileServer, respond
from tests.feed_builders import rss, seed_item
from tests.test_catalogue_gaps import NOW, count, poll, state

ACTOR = "الدفاع الوطني"  # a party to every seed article but seed-005, which is about بقرص


def follow_every_seed(db) -> None:
    ensure_chat(db, 42, "private", None, NOW.isoformat())
    add_subscription(db, 42, Target("actor", entity_key(ACTOR), ACTOR), NOW.isoformat())
    add_subscription(db, 42, Target("town", entity_key("بقرص"), "بقرص"), NOW.isoformat())


def dated(name: str, moment) -> dict:
    return seed_item(name, pubdate=format_datetime(moment, usegmt=True))


def test_an_item_dated_before_the_baseline_stores_without_alerting_and_later_ones_alert(db, gazetteer):
    """The baseline is the newest item at the first poll less one interval (60 s): an item dated
    two hours before it is held back; one listed late but inside the interval, an undated one and a
    future-dated one (clamped to now) alert."""
    follow_every_seed(db)
    items = [dated("seed-001", NOW - timedelta(hours=1))]
    with HostileServer("127.0.0.54") as server:
        server.route("/feed", respond(rss(items)))
        upsert_feed(db, server.url(), "feed", 60)
        assert poll(db, gazetteer)["feed"].alerts_queued >= 1  # a config feed alerts from its first poll
        assert state(db, "feed")["baseline_at"] == (NOW - timedelta(hours=1, seconds=60)).isoformat()
        queued = []
        for hour, item in enumerate(
            [
                dated("seed-002", NOW - timedelta(hours=3)),
                dated("seed-003", NOW - timedelta(hours=1, seconds=30)),
                seed_item("seed-004"),
                seed_item("seed-005", pubdate="Fri, 01 Jan 2099 00:00:00 GMT"),
            ],
            start=1,
        ):
            items.append(item)
            server.route("/feed", respond(rss(items)))
            report = poll(db, gazetteer, NOW + timedelta(hours=hour))["feed"]
            assert report.new_articles == 1
            queued.append(report.alerts_queued)
    assert queued[0] == 0 and all(queued[1:]), queued
    assert count(db, "articles") == 5 == count(db, "articles_fts")


def test_a_feed_resumed_after_a_week_alerts_only_what_is_newer_than_one_interval(db, gazetteer):
    follow_every_seed(db)
    items = [seed_item("seed-001")]
    resumed = NOW + timedelta(days=7)
    with HostileServer("127.0.0.55") as server:
        server.route("/feed", respond(rss(items)))
        upsert_feed(db, server.url(), "feed", 3600)
        poll(db, gazetteer)
        feed_admin.pause_feed(db, "feed")
        items += [
            dated("seed-002", NOW + timedelta(days=1)),
            dated("seed-003", NOW + timedelta(days=5)),
            seed_item("seed-004"),  # undated: as likely a week old as new
            dated("seed-005", resumed - timedelta(minutes=20)),  # inside the hour: the one alert
        ]
        server.route("/feed", respond(rss(items)))
        assert feed_admin.resume_feed(db, "feed", now=resumed)[1] is True
        before = count(db, "alerts")
        report = poll(db, gazetteer, resumed + timedelta(seconds=5))["feed"]
        assert report.new_articles == 4 and count(db, "articles_fts") == 5
        alerted = db.execute(
            "SELECT DISTINCT ar.guid FROM alerts al JOIN incidents i ON i.id = al.incident_id "
            "JOIN articles ar ON ar.id = i.article_id WHERE al.id > ?",
            (before,),
        ).fetchall()
        assert alerted == [("tests-seed-005",)] and report.alerts_queued == count(db, "alerts") - before
        assert state(db, "feed")["baseline_done"] == 1


def test_a_feed_added_again_after_it_was_removed_stores_its_backlog_without_alerts(db, gazetteer):
    """Removing and adding a feed again is re-enabling it too: its first poll is a baseline again."""
    follow_every_seed(db)
    with HostileServer("127.0.0.56") as server:
        server.route("/feed", respond(rss([seed_item("seed-001")])))
        feed_id = feed_admin.add_feed(db, server.url(), "feed", 60, "chat", NOW.isoformat())
        poll(db, gazetteer)
        feed_admin.retire_feed(db, feed_id)
        server.route("/feed", respond(rss([seed_item("seed-001"), seed_item("seed-002")])))
        assert feed_admin.add_feed(db, server.url(), "feed", 60, "chat", NOW.isoformat()) == feed_id
        report = poll(db, gazetteer, NOW + timedelta(days=7))["feed"]
    assert report.new_articles == 1 and report.alerts_queued == 0 and count(db, "alerts") == 0
