"""Independent polls (docs/reliability.md §5 C19, C26): hostile feed servers on their own loopback hosts never
delay a healthy feed, one host never gets more than two connections at once, and a stop cancels polls
in flight at once instead of waiting for their deadline."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from contextlib import ExitStack
from itertools import pairwise

from feeds.fetch import make_client
from ingest.poller import MAX_POLLS_IN_FLIGHT, FeedPoller
from storage.feeds import list_feeds, upsert_feed
from tests.auxil.hostile_server import Behaviour, Exchange, HostileServer, drip, hang_before_headers, respond
from tests.conftest import LOOPBACK_ALLOWED, spawn_bot, write_bot_config
from tests.feed_builders import rss, seed_item

HEALTHY = rss([seed_item("seed-003")])
EMPTY = rss([])


async def tick_for(poller: FeedPoller, seconds: float, every: float = 0.1) -> None:
    """Tick as the JobQueue does, for `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        poller.tick()
        await asyncio.sleep(every)


def test_a_hanging_and_a_dripping_feed_do_not_delay_a_healthy_one(db, gazetteer):
    with (
        HostileServer("127.0.0.2") as hanging,
        HostileServer("127.0.0.3") as dripping,
        HostileServer("127.0.0.4") as healthy,
    ):
        hanging.route("/feed", hang_before_headers())
        dripping.route("/feed", drip(HEALTHY, 1))
        healthy.route("/feed", respond(HEALTHY))
        for name, server in (("hanging", hanging), ("dripping", dripping), ("healthy", healthy)):
            upsert_feed(db, server.url(), name, 1)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                started = time.monotonic()
                await tick_for(poller, 2.6)
                assert poller.in_flight >= 2  # the hostile two are still being fetched
                await poller.stop()
                return started

        started = asyncio.run(go())
        times = [started] + [r.time for r in healthy.requests_for("/feed")]
        assert len(times) >= 4  # polled at once, then every second or so
        assert max(b - a for a, b in pairwise(times)) < 1.6
        assert len(hanging.requests) == len(dripping.requests) == 1  # in flight, not started again


def test_twenty_feeds_on_one_host_hold_two_connections_and_other_hosts_go_first(db, gazetteer):
    with HostileServer("127.0.0.5") as crowded, HostileServer("127.0.0.6") as other:
        for k in range(20):
            crowded.route(f"/feed{k}", respond(EMPTY, delay=0.05))
            upsert_feed(db, crowded.url(f"/feed{k}"), f"crowded {k}", 60)
        other.route("/feed", respond(EMPTY))
        upsert_feed(db, other.url(), "other", 60)  # due last

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                # Fewer global slots than feeds: the crowded host's queue must not take them all.
                poller = FeedPoller(db, client, gazetteer, max_in_flight=4)
                started = time.monotonic()
                reports = await poller.run_once()
                return started, reports

        started, reports = asyncio.run(go())
        assert len(reports) == 21 and all(r.status == "unchanged" for r in reports)
        assert crowded.connections == 20 and crowded.peak_connections == 2
        # in order, not in seconds (a loaded machine stretches both): the other host is served while the
        # crowded host's queue is still draining, two at a time
        crowded_times = sorted(r.time for r in crowded.requests)
        assert other.requests[0].time < crowded_times[4]
        assert crowded_times[-1] - started > 0.4


def test_stop_cancels_a_hanging_poll_at_once_and_leaves_the_feed_due(db, gazetteer):
    with HostileServer("127.0.0.7") as hanging:
        hanging.route("/feed", hang_before_headers())
        upsert_feed(db, hanging.url(), "hanging", 60)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                poller = FeedPoller(db, client, gazetteer)
                assert poller.tick() == 1
                await asyncio.to_thread(hanging.wait_for_requests, 1)
                asked = time.monotonic()
                await poller.stop()
                took = time.monotonic() - asked
                assert poller.tick() == 0 and poller.in_flight == 0
                return took

        assert asyncio.run(go()) < 0.3
        [feed] = list_feeds(db)
        assert feed["last_polled_at"] is None and feed["next_poll_at"] == ""  # due again at the next start


def test_the_bot_keeps_polling_around_a_hanging_feed_and_stops_at_once_on_sigterm(
    tmp_path, telegram_emulator, httpserver
):
    httpserver.expect_request("/feed").respond_with_data(EMPTY, content_type="application/rss+xml")
    config = write_bot_config(tmp_path, telegram_emulator, httpserver)
    with HostileServer("127.0.0.8") as hanging:
        hanging.route("/feed", hang_before_headers())
        with config.open("a", encoding="utf-8") as handle:
            handle.write(f'[[feeds]]\nname = "hanging"\nurl = "{hanging.url()}"\ninterval_seconds = 1\n')
        log = tmp_path / "bot.log"
        with log.open("w") as stderr:  # the child keeps its own copy
            process = spawn_bot(config, stderr)
        try:
            hanging.wait_for_requests(1, timeout=30)
            polled = len(httpserver.log)
            deadline = time.monotonic() + 5
            while len(httpserver.log) < polled + 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(httpserver.log) >= polled + 2  # the healthy feed goes on, every second
            asked = time.monotonic()
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
            assert time.monotonic() - asked < 3  # not the fetch's 45 s deadline
            assert len(hanging.requests) == 1
            assert "cancelled 1 feed poll(s) in flight" in log.read_text(encoding="utf-8")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_polls_in_flight_across_many_hosts_never_exceed_the_overall_limit(db, gazetteer):
    # 12 hosts x 2 per-host slots would allow 24 at once: only the overall limit holds it to 16.
    lock, load = threading.Lock(), {"now": 0, "peak": 0}

    async def counted(ex: Exchange) -> bool:
        with lock:
            load["now"] += 1
            load["peak"] = max(load["peak"], load["now"])
        try:
            await asyncio.sleep(0.15)
            return await respond(EMPTY).act(ex)
        finally:
            with lock:
                load["now"] -= 1

    with ExitStack() as stack:
        for h in range(12):
            server = stack.enter_context(HostileServer(f"127.0.1.{h + 1}"))
            for k in range(3):
                server.route(f"/feed{k}", Behaviour("counted", counted))
                upsert_feed(db, server.url(f"/feed{k}"), f"host {h} feed {k}", 60)

        async def go():
            async with make_client(LOOPBACK_ALLOWED) as client:
                return await FeedPoller(db, client, gazetteer).run_once()

        reports = asyncio.run(go())
    assert len(reports) == 36 and all(r.status == "unchanged" for r in reports)
    assert load["peak"] == MAX_POLLS_IN_FLIGHT == 16
