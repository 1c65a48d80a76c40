"""`raqib feeds add|list|remove|pause|resume|import|export`: feed administration from the command line,
through the same functions as the chat's /addfeed, /feeds … (ingest/feed_admin.py).

Exit status: 0 done; 1 not done (no feed there, no such feed, a bad OPML file); 2 the URL is refused by
the address policy (nothing was connected to) or the command line is wrong. A running bot sees the
changes at its next tick: the schedule is in the database.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config, address_policy
from extraction.records import Incident
from feeds.fetch import make_client
from ingest import feed_admin
from ingest.feed_admin import FeedAccess, FeedAdminError, FeedLinks, FeedPreview, FeedRefusedError
from storage.db import open_database
from storage.feeds import FeedStatus

EXIT_NOT_DONE = 1
EXIT_REFUSED = 2


def feeds_command(config: Config, database: Path, args) -> int:
    """Run one `raqib feeds` action on `database`; print what it did, or one line saying why not."""
    now = datetime.now(UTC).replace(microsecond=0)
    subject = getattr(args, "url", None) or " ".join(getattr(args, "feed", None) or [])
    subject = subject or str(getattr(args, "file", None) or "")
    try:
        if args.action == "add":
            return asyncio.run(_add(config, database, args.url, args.name, now))
        if args.action == "import":
            data = Path(args.file).read_bytes()
            return asyncio.run(_import(config, database, data, now))
        db = open_database(database)
        try:
            return _local(db, args, now)
        finally:
            db.conn.close()
    except FeedRefusedError as exc:
        return _fail(args.action, f"{subject}: refused: {exc}", EXIT_REFUSED)
    except FeedAdminError as exc:
        return _fail(args.action, f"{subject}: {exc}", EXIT_NOT_DONE)
    except OSError as exc:
        return _fail(args.action, f"{subject}: {exc.strerror or exc}", EXIT_NOT_DONE)


def _local(db, args, now: datetime) -> int:
    """The actions that need no network: list, remove, pause, resume, export."""
    ref = " ".join(getattr(args, "feed", None) or [])
    if args.action == "list":
        _out(health_table(feed_admin.feed_health(db, now), now))
    elif args.action == "remove":
        feed = feed_admin.remove_feed(db, ref)
        _out(f"removed #{feed.id} {feed.name}; its articles and incidents stay")
    elif args.action in ("pause", "resume"):
        change = feed_admin.pause_feed if args.action == "pause" else feed_admin.resume_feed
        feed, changed = change(db, ref)
        state = "paused" if args.action == "pause" else "resumed"
        _out(f"{state} #{feed.id} {feed.name}" if changed else f"#{feed.id} {feed.name} was already {state}")
    else:
        data = feed_admin.export_opml(db, now)
        if args.file:
            Path(args.file).write_bytes(data)
            print(f"feeds written to {args.file}", file=sys.stderr)  # noqa: T201
        else:
            sys.stdout.buffer.write(data)
    return 0


async def _add(config: Config, database: Path, url: str, name: str | None, now: datetime) -> int:
    from extraction.gazetteer import load_gazetteer

    policy = address_policy(config)
    async with make_client(policy) as client:
        access = FeedAccess(client, policy, config.poll_interval_s)
        await feed_admin.refuse_unless_allowed(url, policy)  # before the gazetteer loads
        found = await feed_admin.preview_feed(access, url, load_gazetteer())
        if isinstance(found, FeedLinks):
            _out(f"{url} is a web page, not a feed; it names these feeds (add one of them):")
            _out("\n".join(f"  {link.url}  {link.title}".rstrip() for link in found.links))
            return EXIT_NOT_DONE
        _out(preview_text(found))
        db = open_database(database)
        try:
            chosen = name or feed_admin.free_name(db, found.suggested_name)
            feed = await feed_admin.save_feed(db, access, found.url, chosen, now)
        finally:
            db.conn.close()
    _out(f"added #{feed.id} {feed.name} ({feed.url}), polled every {feed.interval_s} s")
    return 0


async def _import(config: Config, database: Path, data: bytes, now: datetime) -> int:
    policy = address_policy(config)
    db = open_database(database)
    try:
        async with make_client(policy) as client:
            report = await feed_admin.import_opml(
                db, FeedAccess(client, policy, config.poll_interval_s), data, now
            )
    finally:
        db.conn.close()
    lines = [f"added #{feed_id} {name}" for feed_id, name in report.added]
    lines += [f"skipped {url}: {reason}" for url, reason in report.skipped]
    lines.append(f"{len(report.added)} feeds added, {len(report.skipped)} skipped")
    _out("\n".join(lines))
    return 0


def preview_text(preview: FeedPreview) -> str:
    """The feed's title and size, then its newest items with the incidents each would give."""
    lines = [f"{preview.title or '(no title)'}: {preview.items} items"]
    if preview.warning:
        lines.append(f"warning: {preview.warning}")
    if preview.newest:
        lines.append(f"the {len(preview.newest)} newest items would give:")
    for item in preview.newest:
        day = (item.published or "")[:10] or "undated"
        lines.append(f"  {day}  {item.title[:80]}")
        lines += [f"      {incident_line(i)}" for i in item.incidents] or ["      no incident"]
    return "\n".join(lines)


def incident_line(incident: Incident) -> str:
    """ "Battles / Armed clash, العشارة, 2 killed"."""
    parts = [f"{incident.event_type} / {incident.sub_event_type}"]
    if incident.town:
        parts.append(incident.town.name)
    if incident.killed:
        parts.append(f"{incident.killed} killed")
    if incident.injured:
        parts.append(f"{incident.injured} injured")
    return ", ".join(parts)


def health_table(statuses: list[FeedStatus], now: datetime) -> str:
    """One line per feed: number, state, last success, errors in a row, per day over a week, next poll."""
    if not statuses:
        return "no feeds; add one with: raqib feeds add URL"
    header = ("#", "state", "last success", "errors", "items/d", "incidents/d", "next poll", "name")
    rows = [header] + [_health_row(s, now) for s in statuses]
    widths = [max(len(row[k]) for row in rows) for k in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    )


def _health_row(status: FeedStatus, now: datetime) -> tuple[str, ...]:
    days = feed_admin.HEALTH_DAYS
    if status.paused:
        state, next_poll = "paused", "-"
    else:
        state = "failing" if status.error_count else "ok"
        due = max(status.next_poll_at, status.retry_after or "")
        next_poll = _when(due) if due > now.isoformat() else "now"
    return (
        str(status.id),
        state,
        _when(status.last_success_at) if status.last_success_at else "never",
        str(status.error_count),
        f"{status.items / days:.1f}",
        f"{status.incidents / days:.1f}",
        next_poll,
        status.name,
    )


def _when(stamp: str) -> str:
    """An ISO time as "2026-01-05 12:00" (UTC)."""
    return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _out(text: str) -> None:
    print(text)  # noqa: T201 - the command's output


def _fail(action: str, message: str, status: int) -> int:
    print(f"raqib feeds {action}: {message}", file=sys.stderr)  # noqa: T201 - the one line that says why
    return status
