"""Admins are told once when a feed answers 410 Gone or has failed for a day; subscribers never are.
Through the real bot process and the Bot API emulator, with local feed servers and a real SQLite file."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from alerts.feed_notices import notify_feed_trouble
from feeds.fetch import make_client
from ingest.poll import PollReport
from ingest.poller import FeedPoller
from storage.db import open_database, write_transaction
from storage.feeds import upsert_feed
from tests.auxil.hostile_server import HostileServer, respond
from tests.conftest import LOOPBACK_ALLOWED, run_bot, write_bot_config
from tests.feed_builders import rss, seed_item

ADMINS = (7101, 7102)
SUBSCRIBER = 7103


def start_bot(tmp_path, telegram_emulator, httpserver, feeds: dict[str, str]):
    """The bot with two admins and `feeds` (name → URL) besides the empty `/feed`."""
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    admins = ", ".join(map(str, ADMINS))
    config = write_bot_config(
        tmp_path, telegram_emulator, httpserver, bot_table=f"[bot]\nadmins = [{admins}]\n"
    )
    with config.open("a", encoding="utf-8") as handle:
        for name, url in feeds.items():
            handle.write(f'[[feeds]]\nname = "{name}"\nurl = "{url}"\ninterval_seconds = 1\n')
    return run_bot(config, tmp_path / "bot.log", telegram_emulator)


def test_a_feed_answering_410_is_paused_and_the_admins_are_told_once(tmp_path, telegram_emulator, httpserver):
    with HostileServer("127.0.0.30") as gone:
        gone.route("/feed", respond(b"", 410, content_type="text/plain"))
        for _ in start_bot(tmp_path, telegram_emulator, httpserver, {"vanished": gone.url()}):
            telegram_emulator.send_message(SUBSCRIBER, "/subscribe type Battles", user_id=SUBSCRIBER)
            for admin in ADMINS:
                [notice] = telegram_emulator.wait_for_messages(admin, 1, timeout=30)
                assert notice["text"].startswith("الخلاصة #2 vanished (")
                assert "410 Gone" in notice["text"] and "/resumefeed 2" in notice["text"]
            time.sleep(3)  # ticks every 0.2 s, an interval of 1 s: many chances to repeat it
            assert [len(telegram_emulator.messages(admin)) for admin in ADMINS] == [1, 1]
            assert len(gone.requests) == 1  # paused: not polled again
            assert all("410" not in m.get("text", "") for m in telegram_emulator.messages(SUBSCRIBER))


def test_a_feed_failing_for_a_day_is_told_once_and_it_keeps_being_polled(
    tmp_path, telegram_emulator, httpserver
):
    day_ago = (datetime.now(UTC) - timedelta(hours=25)).isoformat(timespec="seconds")
    with HostileServer("127.0.0.31") as broken, HostileServer("127.0.0.32") as recent:
        broken.route("/feed", respond(b"down", 500, content_type="text/plain"))
        recent.route("/feed", respond(b"down", 500, content_type="text/plain"))
        db = open_database(tmp_path / "raqib.db")  # the bot's database, as a previous run left it
        for name, server, since in (("broken", broken, day_ago), ("recent", recent, None)):
            feed_id = upsert_feed(db, server.url(), name, 1)
            with write_transaction(db) as conn:
                conn.execute("UPDATE feeds SET failing_since = ? WHERE id = ?", (since, feed_id))
        db.conn.close()
        for _ in start_bot(
            tmp_path, telegram_emulator, httpserver, {"broken": broken.url(), "recent": recent.url()}
        ):
            for admin in ADMINS:
                [notice] = telegram_emulator.wait_for_messages(admin, 1, timeout=30)
                assert notice["text"].startswith("الخلاصة #1 broken (") and "HTTP 500" in notice["text"]
                assert day_ago[:16] in notice["text"]
            broken.wait_for_requests(3, timeout=20)  # still polled, backing off: 2 s, 4 s…
            assert [len(telegram_emulator.messages(admin)) for admin in ADMINS] == [1, 1]
            assert len(recent.requests) >= 2  # failing, but not for a day: nothing said


def test_a_failing_spell_is_told_once_and_a_new_spell_after_a_success_again(db, gazetteer):
    """The rule at the poller, without Telegram: 23 h is not a day; a success ends the spell."""
    clock = [datetime.now(UTC).replace(microsecond=0)]
    with HostileServer("127.0.0.33") as server:
        server.route("/feed", respond(b"down", 503, content_type="text/plain"))
        upsert_feed(db, server.url(), "flaky", 60)

        def told(report: PollReport) -> None:
            if report.trouble is not None:
                t = report.trouble
                notify_feed_trouble(
                    db, t.kind, (t.feed_id, t.name, t.url), t.since, t.error, [1], "en", clock[0]
                )

        async def poll_at(offset: timedelta) -> None:
            clock[0] += offset
            with write_transaction(db) as conn:
                conn.execute("UPDATE feeds SET next_poll_at = ''")
            async with make_client(LOOPBACK_ALLOWED) as client:
                await FeedPoller(db, client, gazetteer, clock=lambda: clock[0], after_poll=told).run_once()

        notices = lambda: [row[0] for row in db.execute("SELECT body FROM notices ORDER BY id")]  # noqa: E731
        asyncio.run(poll_at(timedelta(0)))  # the first failure starts the spell
        asyncio.run(poll_at(timedelta(hours=23)))
        assert notices() == []
        for _ in range(3):
            asyncio.run(poll_at(timedelta(hours=1, minutes=1)))
        [first] = notices()
        assert first.startswith("Feed #1 flaky (") and "HTTP 503" in first
        server.route("/feed", respond(rss([seed_item("seed-003")])))
        asyncio.run(poll_at(timedelta(minutes=5)))  # it works again
        server.route("/feed", respond(b"down", 503, content_type="text/plain"))
        for step in (timedelta(minutes=5), timedelta(hours=25)):
            asyncio.run(poll_at(step))
        assert len(notices()) == 2


def test_a_feed_whose_encoding_is_repaired_is_told_once_however_often_it_is_polled(db, gazetteer):
    """Case 31: windows-1256 bytes declared as UTF-8 are read as Arabic, and the admins hear of the
    wrong charset once, not at every poll; a clean feed on the same server gives no notice."""
    from tests.auxil import hostile_payloads as payloads

    clock = [datetime.now(UTC).replace(microsecond=0)]
    lying = payloads.cp1256_declared_utf8()
    with HostileServer("127.0.0.34") as server:
        server.route("/lying", respond(lying, content_type="application/rss+xml; charset=utf-8"))
        server.route("/clean", respond(rss([seed_item("seed-003")])))
        upsert_feed(db, server.url("/lying"), "lying", 60)
        upsert_feed(db, server.url("/clean"), "clean", 60)

        def told(report: PollReport) -> None:
            if report.trouble is not None:
                t = report.trouble
                notify_feed_trouble(
                    db, t.kind, (t.feed_id, t.name, t.url), t.since, t.error, ADMINS, "en", clock[0]
                )

        async def poll_at(offset: timedelta) -> list[PollReport]:
            clock[0] += offset
            with write_transaction(db) as conn:
                conn.execute("UPDATE feeds SET next_poll_at = ''")
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer, clock=lambda: clock[0], after_poll=told)
                return await poller.run_once()

        asyncio.run(poll_at(timedelta(0)))
        # A changed body, still lying: parsed again, repaired again.
        more = payloads.item("غارات جوية على ريف حماة", "استهدفت غارات بلدة اللطامنة.", "cp1256-3")
        server.route(
            "/lying",
            respond(
                lying.replace("<item>".encode(), more.encode("cp1256") + b"<item>", 1),
                content_type="application/rss+xml; charset=utf-8",
            ),
        )
        [lying_report, _] = sorted(asyncio.run(poll_at(timedelta(hours=1))), key=lambda r: r.feed != "lying")
    assert lying_report.new_articles == 1 and lying_report.trouble.kind == "encoding"
    rows = db.execute("SELECT admin_id, body FROM notices ORDER BY admin_id").fetchall()
    assert [admin for admin, _ in rows] == list(ADMINS)
    assert rows[0][1].startswith("Feed #1 lying (") and "windows-1256" in rows[0][1]
    assert "غارات جوية على ريف حماة" in [r[0] for r in db.execute("SELECT title FROM articles")]
