"""`raqib export` and `raqib backfill`: the store from the command line."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from answers.context import AnswerContext, Asker, Reply
from answers.export import FORMATS, render
from answers.selection import parse_selection
from extraction.gazetteer import load_gazetteer
from feeds.article import Article
from feeds.fetch import fetch_feed, make_client
from feeds.guard import AddressPolicy
from feeds.parse import FeedError, parse_feed
from ingest.poll import ingest_article
from storage.db import open_database
from storage.incidents import find_incidents, incident_sources

MAX_EXPORT = 1_000_000


def export_command(database: Path, kind: str, filters: list[str], output: Path | None) -> int:
    """Write the incidents `filters` select (town|actor|type NAME, period) as csv, geojson or json."""
    if kind not in FORMATS:
        print(f"raqib export: format must be one of {', '.join(FORMATS)}", file=sys.stderr)  # noqa: T201
        return 2
    db = open_database(database)
    ctx = AnswerContext(db, load_gazetteer(), datetime.now(UTC))
    selection = parse_selection(ctx, Asker(0, language="en"), filters, None, f"export {kind}")
    if isinstance(selection, Reply):
        print(f"raqib export: {selection.text}", file=sys.stderr)  # noqa: T201
        for row in selection.buttons:
            for button in row:
                print(f"  {button.command}", file=sys.stderr)  # noqa: T201
        return 2
    rows = find_incidents(db, selection.filter, MAX_EXPORT, with_evidence=True)
    sources = {row.id: [s.outlet or s.link or "" for s in incident_sources(db, row.id)] for row in rows}
    data = render(kind, rows, sources)
    if output:
        output.write_bytes(data)
        print(f"{len(rows)} incidents written to {output}", file=sys.stderr)  # noqa: T201
    else:
        sys.stdout.buffer.write(data)
    return 0


def backfill_command(database: Path, source: str, alerts: bool, policy: AddressPolicy) -> int:
    """Ingest an archive through the same pipeline: a folder of NAME.txt (+ NAME.json metadata, the
    corpus format), a feed file, or a feed URL fetched under `policy` (at every redirect hop). Old
    incidents queue no alerts unless `alerts`."""
    db = open_database(database)
    gazetteer = load_gazetteer()
    try:
        articles = list(_articles(source, policy))
    except (OSError, FeedError) as exc:
        print(f"raqib backfill: {source}: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    now = datetime.now(UTC)
    stored = skipped = incidents = 0
    for done, (article, outlet) in enumerate(articles, 1):
        outcome = ingest_article(db, article, None, gazetteer, now, outlet, alerts=alerts)
        if outcome is None:
            skipped += 1
        else:
            stored += 1
            incidents += outcome[0]
        _progress(done, len(articles))
    merged = db.execute("SELECT count(*) FROM incident_revisions").fetchone()[0]
    summary = {
        "articles": len(articles),
        "stored": stored,
        "already_known": skipped,
        "new_incidents": incidents,
        "revisions_total": merged,
    }
    print(json.dumps(summary, ensure_ascii=False))  # noqa: T201
    return 0


def _articles(source: str, policy: AddressPolicy):
    if source.startswith(("http://", "https://")):

        async def fetch():
            async with make_client(policy) as client:
                return await fetch_feed(client, source)

        result = asyncio.run(fetch())
        if not result.ok:
            raise FeedError(result.error or f"HTTP {result.status}")
        yield from ((a, None) for a in parse_feed(result.body, result.headers).articles)
        return
    path = Path(source)
    if path.is_dir():
        for text_path in sorted(path.glob("*.txt")):
            meta = {}
            if text_path.with_suffix(".json").is_file():
                meta = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8")
            title = text.strip().split("\n", 1)[0][:500]
            article = Article(
                guid=f"file:{text_path.name}",
                link=meta.get("url"),
                title=title,
                text=text,
                published=meta.get("published"),
            )
            yield article, meta.get("outlet")
        return
    yield from ((a, None) for a in parse_feed(path.read_bytes()).articles)


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty() and done != total:
        return
    width = 30
    filled = width * done // max(1, total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
