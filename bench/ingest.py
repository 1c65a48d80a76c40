"""Feed ingest at 500 feeds: CPU beside bare feedparser, memory, and what one hanging feed costs the rest.

A server process (this file with --serve) answers 500 feeds on 50 loopback addresses, ten feeds each:
40 % change at every request (one new item among 20), 30 % answer the same 200 body, 20 % honour
If-None-Match with a 304, 10 % fail with a 500, five are slow (2.5 s before headers, each on its own
host) and one hangs (its headers, then a byte every 10 s: no read timeout ever fires, only the
fetch's 45 s deadline ends it), sharing its host with nine healthy feeds. The bot's real
FeedPoller polls them over real HTTP into a real SQLite file, through the SSRF-guarded client:

1. warm-up: every feed once, extraction stubbed out (the stored backlog, not measured);
2. the measured window: each feed due once, spread evenly over `--window` seconds as a schedule
   spreads them, the hanging feed due first, the poller ticking every `--tick` seconds;
3. the reference: `feedparser.parse` alone on the very bodies the window answered with a 200, in the
   same process right after (the server logs what it sent; the bodies are generated again from it).

Figures: `cpu_ratio_vs_feedparser` is the process's CPU over the window (fetch, decode, parse,
de-duplicate, store; extraction of the new items measured apart and taken out, reported as
`extraction_cpu_s`) over the reference's CPU. A body identical to the feed's previous one is not
parsed again (ingest/poller.py), so `cpu_ratio_vs_feedparser_on_changed_bodies` also gives the ratio
against feedparser on the changed bodies alone, the stricter figure. `rss_mb` is the peak resident size of the process
(imports, gazetteer and all). `max_delay_caused_by_hanging_feed_s` is the largest lateness of any
healthy feed's request past the tick at which it fell due, while the hanging fetch held its slots,
minus one tick period; an upper bound, since CPU queueing on a shared machine counts too.
Goals (issue 16): cpu_ratio_vs_feedparser ≤ 2, rss_mb ≤ 150, max_delay_caused_by_hanging_feed_s ≤ 1.
Last line: {"bench": "ingest", "feeds": 500, "cpu_ratio_vs_feedparser", "rss_mb",
"max_delay_caused_by_hanging_feed_s", ...}.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = 50
ITEMS = 20
SLOW_S = 2.5
SLOW = {7, 113, 219, 331, 447}  # on hosts 7, 13, 19, 31, 47: one slow feed per host
HANGING = 0  # host 0, with nine healthy feeds


def kind_of(index: int) -> str:
    """What feed `index` does: changed, same, etag, failing, slow or hanging."""
    if index == HANGING:
        return "hanging"
    if index in SLOW:
        return "slow"
    rest = index % 10
    return "changed" if rest < 4 else "same" if rest < 7 else "etag" if rest < 9 else "failing"


def host_of(index: int) -> str:
    return f"127.0.3.{index % HOSTS + 1}"


def texts() -> list[str]:
    """Article texts of the test corpus, the items' bodies."""
    folders = sorted((ROOT / "tests" / "corpus").iterdir())
    return [p.read_text(encoding="utf-8") for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]


def feed_body(index: int, version: int, pool: list[str]) -> bytes:
    """Feed `index` at `version`: items version … version+19, newest first, each text unique."""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed {index}</title>'
    ]
    for n in range(version + ITEMS - 1, version - 1, -1):
        text = pool[(index * 7 + n) % len(pool)]
        title = text.strip().split("\n")[0][:80]
        day = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)
        parts.append(
            f'<item><title>{escape(title)}</title><guid isPermaLink="false">f{index}-{n}</guid>'
            f"<link>https://news.example/{index}/{n}</link><pubDate>{day:%a, %d %b %Y %H:%M:%S} +0000</pubDate>"
            f"<description>{escape(text)}\n(تقرير {index}-{n})</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


# ----- the server process ----------------------------------------------------------------------------


async def serve(log_path: Path) -> None:
    """Answer every feed on its host until killed; one log line per answer: time, index, version, status."""
    pool, counts = texts(), {}
    log = log_path.open("a", encoding="utf-8", buffering=1)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            arrived = time.time()
            line, *headers = head.decode("latin-1").split("\r\n")
            index = int(line.split(" ")[1].strip("/").removeprefix("feed"))
            etag = next(
                (h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("if-none-match:")), ""
            )
            kind = kind_of(index)
            if kind == "hanging":  # headers, then a byte every 10 s: under any read timeout, never done
                log.write(f"{arrived} {index} 0 0\n")
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
                )
                while True:
                    writer.write(b"<")
                    await writer.drain()
                    await asyncio.sleep(10)
            if kind == "slow":
                await asyncio.sleep(SLOW_S)
            version = counts.get(index, 0) if kind == "changed" else 0
            counts[index] = version + 1
            status, body, extra = 200, b"", ""
            if kind == "failing":
                status, body = 500, b"down"
            elif kind == "etag" and etag == f'"{index}"':
                status = 304
            else:
                body = feed_body(index, version, pool)
                extra = f'ETag: "{index}"\r\n' if kind == "etag" else ""
            log.write(f"{arrived} {index} {version} {status}\n")
            reason = {200: "OK", 304: "Not Modified", 500: "Internal Server Error"}[status]
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/rss+xml; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        except (OSError, ValueError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, f"127.0.3.{h + 1}", 0, backlog=256) for h in range(HOSTS)]
    ports = {f"127.0.3.{h + 1}": s.sockets[0].getsockname()[1] for h, s in enumerate(servers)}
    print(json.dumps(ports), flush=True)
    await asyncio.Event().wait()


# ----- the bot side ------------------------------------------------------------------------------------


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class TimedExtraction:
    """`extract_incidents` with its CPU time counted apart (it runs inline, in this thread)."""

    def __init__(self, extract) -> None:
        self.extract, self.cpu_s, self.calls = extract, 0.0, 0

    def __call__(self, text, gazetteer, published=None):
        started = time.thread_time()
        try:
            return self.extract(text, gazetteer, published)
        finally:
            self.cpu_s += time.thread_time() - started
            self.calls += 1


async def poll_window(urls: dict[int, str], window_s: float, tick_s: float, folder: Path) -> dict:
    """Warm up, then poll every feed once on a schedule spread over `window_s`; what it cost."""
    import ingest.poll
    from extraction.gazetteer import load_gazetteer
    from extraction.records import Extraction
    from feeds.fetch import make_client
    from feeds.guard import AddressPolicy
    from ingest.poller import FeedPoller
    from storage.db import open_database, write_transaction
    from storage.feeds import upsert_feed

    db = open_database(folder / "ingest.db")
    gazetteer = load_gazetteer()
    ids = {i: upsert_feed(db, url, f"feed {i}", 60) for i, url in urls.items() if i != HANGING}
    policy = AddressPolicy(allow_private=True)  # the feeds are on loopback, as in the tests
    real_extract = ingest.poll.extract_incidents
    async with make_client(policy) as client:
        ingest.poll.extract_incidents = lambda text, gazetteer, published=None: Extraction(False)
        poller = FeedPoller(db, client, gazetteer)
        warm = await poller.run_once()  # the backlog, stored, not measured
        timed = ingest.poll.extract_incidents = TimedExtraction(real_extract)
        ids[HANGING] = upsert_feed(db, urls[HANGING], "hanging", 60)
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
        order = [HANGING] + sorted(i for i in ids if i != HANGING)  # the hanging feed due first
        due = {
            i: (start + timedelta(seconds=window_s * k / len(order))).replace(microsecond=0)
            for k, i in enumerate(order)
        }
        with write_transaction(db) as conn:
            conn.executemany(
                "UPDATE feeds SET next_poll_at = ? WHERE id = ?", [(due[i].isoformat(), ids[i]) for i in ids]
            )
        cpu_before = cpu_s()
        last_due = max(due.values()).timestamp()
        # Until every feed fell due and all but the hanging one are answered (the slow take 2.5 s).
        while time.time() < last_due + 1 or (poller.in_flight > 1 and time.time() < last_due + 15):
            poller.tick()
            await asyncio.sleep(tick_s)
        cpu_window = cpu_s() - cpu_before
        hanging_in_flight = poller.in_flight
        await poller.stop()
    ingest.poll.extract_incidents = real_extract
    db.conn.close()
    return {
        "due": {i: at.timestamp() for i, at in due.items()},
        "cpu_window_s": cpu_window,
        "extraction_cpu_s": timed.cpu_s,
        "extracted": timed.calls,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "hanging_in_flight": hanging_in_flight == 1,
        "warm_up_polls": len(warm),
    }


def reference_cpu(bodies: list[bytes]) -> float:
    """CPU seconds `feedparser.parse` alone takes on `bodies`."""
    import feedparser

    before = cpu_s()
    for body in bodies:
        feedparser.parse(io.BytesIO(body))
    return cpu_s() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--window", type=float, default=30.0, help="seconds the feeds' due times span")
    parser.add_argument("--tick", type=float, default=0.2, help="the poller's tick (polling.tick_seconds)")
    parser.add_argument("--serve", type=Path, default=None, help="(internal) run the feed server")
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.serve))
        return
    # Polls log as the bot's do (formatting included), to nowhere.
    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))  # noqa: SIM115
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        log_path = Path(folder) / "served.log"
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(log_path)], stdout=subprocess.PIPE, text=True
        )
        try:
            ports = json.loads(server.stdout.readline())
            urls = {i: f"http://{host_of(i)}:{ports[host_of(i)]}/feed{i}" for i in range(args.feeds)}
            window = asyncio.run(poll_window(urls, args.window, args.tick, Path(folder)))
        finally:
            server.kill()
            server.wait()
        served = [line.split() for line in log_path.read_text(encoding="utf-8").splitlines()]
    measured = served[args.feeds - 1 :]  # the warm-up answered every feed but the hanging one, first
    pool = texts()
    bodies = [feed_body(int(i), int(v), pool) for _, i, v, status in measured if status == "200"]
    reference = reference_cpu(bodies)
    # Stricter: only the bodies that differ from the feed's previous answer (a bot parses just those).
    changed = [
        feed_body(int(i), int(v), pool) for _, i, v, status in measured if kind_of(int(i)) == "changed"
    ]
    reference_changed = reference_cpu(changed)
    due = window["due"]
    lateness = [float(t) - due[int(i)] for t, i, _, _ in measured if int(i) != HANGING]
    beside = [
        float(t) - due[int(i)]
        for t, i, _, _ in measured
        if int(i) != HANGING and host_of(int(i)) == host_of(HANGING)
    ]
    ingest_cpu = window["cpu_window_s"] - window["extraction_cpu_s"]
    print(
        json.dumps(
            {
                "bench": "ingest",
                "feeds": args.feeds,
                "cpu_ratio_vs_feedparser": round(ingest_cpu / reference, 3),
                "rss_mb": round(window["peak_rss_mb"], 1),
                "max_delay_caused_by_hanging_feed_s": round(max(0.0, max(lateness) - args.tick), 3),
                "cpu_ratio_vs_feedparser_on_changed_bodies": round(ingest_cpu / reference_changed, 3),
                "polls": len(measured),
                "changed_bodies": len(changed),
                "bodies_200": len(bodies),
                "ingest_cpu_s": round(ingest_cpu, 3),
                "ingest_cpu_ms_per_poll": round(1000 * ingest_cpu / len(measured), 2),
                "feedparser_cpu_s": round(reference, 3),
                "extraction_cpu_s": round(window["extraction_cpu_s"], 3),
                "new_items_extracted": window["extracted"],
                "max_lateness_s": round(max(lateness), 3),
                "max_lateness_beside_hanging_feed_s": round(max(beside, default=0.0), 3),
                "hanging_still_in_flight": window["hanging_in_flight"],
                "warm_up_polls": window["warm_up_polls"],
                "window_s": args.window,
                "tick_s": args.tick,
            }
        )
    )


if __name__ == "__main__":
    main()
