"""Polling feeds from a local HTTP server into a real SQLite file: new items only, across restarts."""

import asyncio
from datetime import UTC, datetime, timedelta

from feeds.fetch import make_client
from ingest.poller import poll_due_feeds
from storage.db import open_database
from storage.feeds import list_feeds, upsert_feed
from storage.incidents import count_incidents, latest_incidents
from storage.outbox import alert_counts
from storage.subscriptions import Target, add_subscription, ensure_chat
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


def poll(db, gazetteer, now=NOW):
    async def go():
        async with make_client(LOOPBACK_ALLOWED) as client:
            return await poll_due_feeds(db, client, gazetteer, now)

    return asyncio.run(go())


def serve(httpserver, path, body):
    httpserver.clear()
    httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
    return httpserver.url_for(path)


def test_poll_stores_incidents_and_skips_known_items(httpserver, db, gazetteer):
    url = serve(httpserver, "/feed", rss([seed_item("seed-003"), seed_item("seed-005")]))
    upsert_feed(db, url, "test", 60)
    [report] = poll(db, gazetteer)
    assert (report.status, report.new_articles) == ("new", 2)
    assert count_incidents(db) == 2
    later = NOW + timedelta(minutes=5)
    [again] = poll(db, gazetteer, later)
    assert (again.status, again.new_articles) == ("unchanged", 0)
    assert count_incidents(db) == 2


def test_restart_does_not_store_or_alert_twice(httpserver, db_path, gazetteer):
    url = serve(httpserver, "/feed", rss([seed_item("seed-003")]))
    db = open_database(db_path)
    upsert_feed(db, url, "test", 60)
    ensure_chat(db, 42, "private", None, NOW.isoformat())
    add_subscription(db, 42, Target("town", "عشاره", "العشارة"), NOW.isoformat())
    poll(db, gazetteer)
    db.conn.close()
    reopened = open_database(db_path)
    poll(reopened, gazetteer, NOW + timedelta(hours=1))
    assert count_incidents(reopened) == 1
    assert alert_counts(reopened) == {"pending": 1}


def test_items_without_guid_are_deduplicated_by_link_then_content(httpserver, db, gazetteer):
    item = seed_item("seed-001")
    del item["guid"]
    first = dict(item, link="https://example.org/a")
    url = serve(httpserver, "/feed", rss([first]))
    upsert_feed(db, url, "test", 60)
    poll(db, gazetteer)
    same_link = dict(item, link="https://example.org/a", title="عنوان آخر")
    serve(httpserver, "/feed", rss([same_link]))
    poll(db, gazetteer, NOW + timedelta(hours=1))
    republished = dict(item)  # no guid, no link: the same text is the same article
    serve(httpserver, "/feed", rss([republished]))
    poll(db, gazetteer, NOW + timedelta(hours=2))
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_matching_subscription_queues_one_alert_per_chat(httpserver, db, gazetteer):
    url = serve(httpserver, "/feed", rss([seed_item("seed-003"), seed_item("seed-005")]))
    upsert_feed(db, url, "test", 60)
    stamp = NOW.isoformat()
    for chat in (1, 2):
        ensure_chat(db, chat, "private", None, stamp)
    add_subscription(db, 1, Target("town", "عشاره", "العشارة"), stamp)
    add_subscription(
        db, 1, Target("actor", "دفاع الوطني", "الدفاع الوطني"), stamp
    )  # same incident: still one alert
    add_subscription(
        db, 2, Target("type", "looting/property destruction", "Looting/property destruction"), stamp
    )
    [report] = poll(db, gazetteer)
    assert report.alerts_queued == 2
    rows = db.execute("SELECT chat_id, incident_id FROM alerts ORDER BY chat_id").fetchall()
    assert [chat for chat, _ in rows] == [1, 2]


def test_a_broken_feed_is_recorded_and_does_not_stop_the_others(httpserver, db, gazetteer):
    httpserver.expect_request("/broken").respond_with_data("<html>no feed</html>")
    httpserver.expect_request("/error").respond_with_data("down", status=500)
    httpserver.expect_request("/good").respond_with_data(rss([seed_item("seed-004")]))
    for name in ("broken", "error", "good"):
        upsert_feed(db, httpserver.url_for(f"/{name}"), name, 60)
    reports = {r.feed: r for r in poll(db, gazetteer)}
    assert reports["broken"].status == "error" and "feed" in reports["broken"].error
    assert reports["error"].status == "error" and reports["error"].error == "HTTP 500"
    assert reports["good"].status == "new"
    feeds = {f["name"]: f for f in list_feeds(db)}
    assert feeds["error"]["error_count"] == 1
    assert feeds["error"]["next_poll_at"] > feeds["good"]["next_poll_at"]  # backed off


def test_future_publication_dates_are_clamped(httpserver, db, gazetteer):
    item = seed_item("seed-003", pubdate="Fri, 01 Jan 2099 00:00:00 GMT")
    upsert_feed(db, serve(httpserver, "/feed", rss([item])), "test", 60)
    poll(db, gazetteer)
    published = db.execute("SELECT published FROM articles").fetchone()[0]
    assert published == NOW.isoformat(timespec="seconds")
    # "أمس الثلاثاء" in the text resolves against the clamped date, not 2099
    assert latest_incidents(db, 1)[0].event_date == "2025-12-31"


def test_a_guid_reused_for_a_different_report_stores_that_report(httpserver, db, gazetteer):
    """Feeds reuse GUIDs (docs/reliability.md §5 D32): identity includes the content, so the new report under
    an old GUID is stored and its incident found; an edit of the same report under it is not."""
    url = serve(httpserver, "/feed", rss([seed_item("seed-003", guid="same")]))
    upsert_feed(db, url, "test", 60)
    poll(db, gazetteer)
    edited = seed_item("seed-003", guid="same")
    edited["text"] = edited["text"].replace("العشارة", "العشارة،", 1)  # a comma added: the same report
    serve(httpserver, "/feed", rss([edited]))
    poll(db, gazetteer, NOW + timedelta(hours=1))
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    serve(httpserver, "/feed", rss([seed_item("seed-005", guid="same")]))
    [report] = poll(db, gazetteer, NOW + timedelta(hours=2))
    assert report.new_articles == 1
    assert db.execute("SELECT count(*) FROM articles WHERE guid = 'same'").fetchone()[0] == 2
    assert count_incidents(db) == 2
