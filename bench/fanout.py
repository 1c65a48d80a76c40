"""Alert fan-out: matching an incident to 10,000 subscriptions and delivering to 10,000 chats.

1. match: 10,000 subscriptions (towns with Zipf popularity, actors, ACLED types, radii, some with
   min_killed) on 10,000 chats; the time `queue_new_alerts` takes to find one incident's subscribers
   and write their outbox rows, beside a bare `INSERT … SELECT` on the same keys in the same run.
2. first alert: from the commit of an incident to the first message the Bot API emulator stores,
   through the real Deliverer, TelegramSender and PTB Bot over HTTP (the bot ticks the sender right
   after each poll, as here).
3. delivery: one alert to each of N chats through the emulator with Telegram's limits enforced
   (30/s overall, 1/s per private chat); the rate in emulator seconds against the 30 msg/s ceiling,
   and how many 429s came back. `--time-scale S` runs the emulator's clock S times faster (the bot's
   pacing is scaled by the same factor, so the ratio stays honest) to keep the bench to minutes.

Goals (issue 7): match p95 ≤ 5 ms and ≤ 3× bare; first alert ≤ 1 s; delivery ≥ 0.9× the ceiling with
zero 429s. Last line: {"bench": "fanout", "subscriptions", "match_ms", "match_ratio_vs_bare",
"first_alert_s", "delivery_ratio_vs_ceiling", "http_429", ...}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import telegram  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from alerts.outcomes import DeliverySettings  # noqa: E402
from alerts.pacing import GLOBAL_PER_SECOND, GROUP_INTERVAL_S, PRIVATE_INTERVAL_S, Pacer  # noqa: E402
from alerts.sender import Deliverer  # noqa: E402
from alerts.senders import TelegramSender  # noqa: E402
from extraction.gazetteer import load_gazetteer  # noqa: E402
from extraction.normalize import entity_key  # noqa: E402
from storage.db import open_database, write_transaction  # noqa: E402
from storage.outbox import queue_new_alerts  # noqa: E402
from tests.auxil.emulator_client import EmulatorClient  # noqa: E402

TOKEN = "123456789:AAEmulatorBenchToken_abcdefghijklmnop"
NOW = "2026-01-01T12:00:00+00:00"
# ACLED event types weighted like the corpus (subscriptions to a type are spread the same way).
TYPES = ["battles", "explosions/remote violence", "violence against civilians", "strategic developments"]
TYPE_WEIGHTS = [30, 30, 15, 25]
MATCHES = 300
FIRST_CHAT = 999_999_999
TICK_S = 0.5  # config.toml delivery.interval_seconds


def subscribe_many(db, count: int, gazetteer, rng: random.Random) -> list:
    """`count` chats with one subscription each; returns the towns (for incidents to match)."""
    towns = [p for p in gazetteer.places if p.is_settlement and p.lat is not None][:1000]
    weights = [1 / (rank + 1) for rank in range(len(towns))]
    actors = gazetteer.actors
    chats, subs = [], []
    for chat in range(1, count + 1):
        chats.append((chat, "private", NOW))
        roll = rng.random()
        min_killed = rng.choice([None, None, None, 1, 3])
        if roll < 0.6:
            place = rng.choices(towns, weights)[0]
            subs.append((chat, "town", entity_key(place.name), place.name, None, None, None, min_killed))
        elif roll < 0.85:
            actor = rng.choice(actors)
            subs.append((chat, "actor", entity_key(actor.name), actor.name, None, None, None, min_killed))
        elif roll < 0.95:
            kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
            subs.append((chat, "type", kind, kind, None, None, None, min_killed))
        else:
            place = rng.choices(towns, weights)[0]
            km = rng.choice([5, 10, 25])
            key = f"{entity_key(place.name)}|{km}"
            subs.append((chat, "near", key, place.name, place.lat, place.lon, km, min_killed))
    with write_transaction(db) as conn:
        conn.executemany("INSERT INTO chats (id, type, created_at) VALUES (?, ?, ?)", chats)
        conn.executemany(
            "INSERT INTO subscriptions (chat_id, kind, value_key, label, latitude, longitude, radius_km, "
            "min_killed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '" + NOW + "')",
            subs,
        )
    return towns


def new_incident(conn, n: int) -> int:
    article = conn.execute(
        "INSERT INTO articles (content_hash, title, text, fetched_at) VALUES (?, 't', 't', ?)", (f"h{n}", NOW)
    ).lastrowid
    return conn.execute(
        "INSERT INTO incidents (article_id, event_type, sub_event_type, sort_date, created_at) "
        "VALUES (?, 'Battles', 'Armed clash', '2026-01-01', ?)",
        (article, NOW),
    ).lastrowid


def bench_match(db, towns, gazetteer, rng: random.Random) -> dict:
    weights = [1 / (rank + 1) for rank in range(len(towns))]
    ours, bare, fanned = [], [], []
    for n in range(MATCHES):
        place = rng.choices(towns, weights)[0]
        actor = rng.choice(gazetteer.actors)
        event_type = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        keys = [("town", entity_key(place.name)), ("actor", entity_key(actor.name)), ("type", event_type)]
        killed = rng.choice([None, 0, 1, 2, 5])
        with write_transaction(db) as conn:
            incident = new_incident(conn, 2 * n)
            start = time.perf_counter()
            fanned.append(queue_new_alerts(conn, incident, keys, killed, (place.lat, place.lon), NOW))
            ours.append(time.perf_counter() - start)
        with write_transaction(db) as conn:
            incident = new_incident(conn, 2 * n + 1)
            start = time.perf_counter()
            conn.execute(  # the bare match: the same keys, one statement, no radius or threshold logic
                "INSERT OR IGNORE INTO alerts (incident_id, chat_id, next_attempt_at, created_at) "
                "SELECT DISTINCT ?, chat_id, ?, ? FROM subscriptions "
                "WHERE active = 1 AND (kind, value_key) IN (VALUES (?, ?), (?, ?), (?, ?))",
                [incident, NOW, NOW, *[p for key in keys for p in key]],
            )
            bare.append(time.perf_counter() - start)

    def p95(values):
        return statistics.quantiles(values, n=20)[-1] * 1000

    return {
        "match_ms": round(p95(ours), 3),
        "match_p50_ms": round(statistics.median(ours) * 1000, 3),
        "bare_ms": round(p95(bare), 3),
        "match_ratio_vs_bare": round(p95(ours) / p95(bare), 2),
        # What the absolute time is made of: writing each outbox row (and its index entries).
        "match_us_per_alert_row": round(
            statistics.median(t / n for t, n in zip(ours, fanned, strict=True) if n) * 1e6, 1
        ),
        "subscribers_per_incident_p50": statistics.median(fanned),
        "subscribers_per_incident_max": max(fanned),
    }


def start_emulator(time_scale: float) -> tuple[subprocess.Popen, EmulatorClient]:
    command = [sys.executable, "-m", "tests.auxil.telegram_emulator", "--host", "127.0.0.1", "--port", "0"]
    command += ["--time-scale", str(time_scale), "--enforce-limits"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = process.stdout.readline()
    url = line.strip().split("=", 1)[1]
    return process, EmulatorClient(url, timeout=60)


async def deliver_all(db, client: EmulatorClient, chats: int, scale: float) -> dict:
    request = HTTPXRequest(connection_pool_size=256, read_timeout=30, pool_timeout=30)
    bot = telegram.Bot(TOKEN, base_url=client.bot_base_url, request=request)
    pacer = Pacer(
        GLOBAL_PER_SECOND * scale, PRIVATE_INTERVAL_S / scale, GROUP_INTERVAL_S / scale, second=1 / scale
    )
    async with bot:
        settings = DeliverySettings(default_language="en")  # the bot's own settings
        deliverer = Deliverer(db, TelegramSender(bot), settings, pacer)
        # First alert: one incident, one subscriber, committed now; the poll path ticks at once.
        with write_transaction(db) as conn:
            conn.execute(
                "INSERT INTO chats (id, type, created_at) VALUES (?, 'private', ?)", (FIRST_CHAT, NOW)
            )
            conn.execute(
                "INSERT INTO subscriptions (chat_id, kind, value_key, label, created_at) "
                "VALUES (?, 'type', 'first', 'first', ?)",
                (FIRST_CHAT, NOW),
            )
        committed = time.perf_counter()
        with write_transaction(db) as conn:
            queue_new_alerts(conn, new_incident(conn, 10**7), [("type", "first")], None, None, NOW)
        deliverer.tick()
        while client.stats()["sent"] < 1:  # noqa: ASYNC110 - the emulator is another process
            await asyncio.sleep(0.005)
        first_alert_s = time.perf_counter() - committed
        await deliverer.drain()
        # Fan-out: one incident to `chats` chats.
        with write_transaction(db) as conn:
            conn.execute("DELETE FROM alerts")
            conn.execute("UPDATE subscriptions SET active = 0")
            conn.executemany(
                "INSERT INTO chats (id, type, created_at) VALUES (?, 'private', ?)",
                [(chat, NOW) for chat in range(1, chats + 1)],
            )
            conn.executemany(
                "INSERT INTO subscriptions (chat_id, kind, value_key, label, created_at) "
                "VALUES (?, 'type', 'all', 'all', ?)",
                [(chat, NOW) for chat in range(1, chats + 1)],
            )
            queue_new_alerts(conn, new_incident(conn, 10**7 + 1), [("type", "all")], None, None, NOW)
        sent_before = client.stats()["sent"]
        wall = time.perf_counter()
        while client.stats()["sent"] - sent_before < chats:
            deliverer.tick()
            await asyncio.sleep(TICK_S / scale)  # the bot's delivery.interval_seconds, on the scaled clock
        wall = time.perf_counter() - wall
        await deliverer.stop()
    calls = [c for c in client.calls("sendMessage") if c["status"] == 200][-chats:]
    span = calls[-1]["clock"] - calls[0]["clock"]
    rate = (len(calls) - 1) / span if span > 0 else 0.0
    return {
        "first_alert_s": round(first_alert_s, 3),
        "delivered": len(calls),
        "delivery_msgs_per_s": round(rate, 2),
        "delivery_ratio_vs_ceiling": round(rate / 30.0, 3),
        "delivery_wall_s": round(wall, 1),
        "http_429": client.stats()["http_429"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=10_000, help="chats in the delivery run")
    parser.add_argument("--time-scale", type=float, default=2.0)
    args = parser.parse_args()
    rng = random.Random(42)
    gazetteer = load_gazetteer()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "fanout.db")
        towns = subscribe_many(db, args.subscriptions, gazetteer, rng)
        result = {
            "bench": "fanout",
            "subscriptions": args.subscriptions,
            **bench_match(db, towns, gazetteer, rng),
        }
        db.conn.close()
        db = open_database(Path(folder) / "deliver.db")
        process, client = start_emulator(args.time_scale)
        try:
            result |= asyncio.run(deliver_all(db, client, args.chats, args.time_scale))
        finally:
            client.close()
            process.terminate()
            process.wait(timeout=10)
        result["time_scale"] = args.time_scale
    print(json.dumps(result))


if __name__ == "__main__":
    main()
