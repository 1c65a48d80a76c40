"""The admins' feed commands: /addfeed, /feeds, /removefeed, /pausefeed, /resumefeed, /exportfeeds,
and an OPML file sent to the bot. Each calls ingest/feed_admin.py, as `raqib feeds` does.

`/addfeed URL [NAME]` fetches once and shows what the feed would give, with two buttons: one runs
`/addfeed save URL NAME` (what saves), the other `/addfeed cancel`. The terminal prints them as those
commands. Feeds are named by number (their id) or name; without one, buttons offer each feed.
"""

from __future__ import annotations

import shlex
from datetime import datetime

from answers.context import AnswerContext, Asker, Attachment, Button, Reply
from extraction.records import Incident
from i18n.catalog import acled_label, isolate, text
from ingest import feed_admin
from ingest.feed_admin import (
    FeedAdminError,
    FeedLinks,
    FeedNotFoundError,
    FeedPreview,
    FeedRefusedError,
    FeedUnreadableError,
)
from storage.feeds import FeedStatus

MAX_FEED_BUTTONS = 20


async def addfeed(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Preview a feed (`URL [NAME]`), save it (`save URL NAME`), or drop the preview (`cancel`)."""
    language = asker.language
    if args[:1] == ["cancel"]:
        return Reply(text("feeds.cancelled", language))
    saving = args[:1] == ["save"]
    url, name = (args[1:2] if saving else args[:1]), " ".join(args[2:] if saving else args[1:])
    if not url or ctx.feeds is None:
        return Reply(text("feeds.usage.add", language))
    try:
        if saving:
            feed = await feed_admin.save_feed(ctx.db, ctx.feeds, url[0], name, ctx.now)
            return Reply(text("feeds.added", language, id=feed.id, name=feed.name))
        found = await feed_admin.preview_feed(ctx.feeds, url[0], ctx.gazetteer)
    except FeedAdminError as exc:
        return failure(exc, language)
    if isinstance(found, FeedLinks):
        buttons = tuple(
            (Button(link.title or link.url, _line("addfeed", link.url, name)),) for link in found.links
        )
        return Reply(text("feeds.links", language, url=isolate(found.page_url)), buttons=buttons)
    chosen = feed_admin.clean_name(name) or feed_admin.free_name(ctx.db, found.suggested_name)
    ask = text("feeds.preview.ask", language, name=chosen)
    buttons = (
        (
            Button(text("feeds.button.add", language), _line("addfeed", "save", found.url, chosen)),
            Button(text("feeds.button.cancel", language), "/addfeed cancel"),
        ),
    )
    return Reply(f"{preview_text(found, language)}\n\n{ask}", buttons=buttons)


def feeds(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Every feed's health, one short block each (readable on a phone)."""
    statuses = feed_admin.feed_health(ctx.db, ctx.now)
    if not statuses:
        return Reply(text("feeds.none", asker.language))
    blocks = [health_block(status, ctx.now, asker.language) for status in statuses]
    return Reply(text("feeds.head", asker.language, n=len(statuses)) + "\n\n" + "\n\n".join(blocks))


def removefeed(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Stop polling a feed (its articles and incidents stay)."""
    if not args:
        return _choose(ctx, asker, "removefeed", lambda status: True)
    try:
        feed = feed_admin.remove_feed(ctx.db, " ".join(args))
    except FeedAdminError as exc:
        return failure(exc, asker.language)
    return Reply(text("feeds.removed", asker.language, id=feed.id, name=feed.name))


def pausefeed(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Stop polling a feed until it is resumed."""
    return _switch(
        ctx, asker, args, "pausefeed", feed_admin.pause_feed, "feeds.paused", "feeds.already_paused"
    )


def resumefeed(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Poll a paused feed again, from the next tick."""
    return _switch(
        ctx, asker, args, "resumefeed", feed_admin.resume_feed, "feeds.resumed", "feeds.not_paused"
    )


def exportfeeds(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """The feeds as an OPML file."""
    count = len(feed_admin.feed_health(ctx.db, ctx.now))
    caption = text("feeds.exported", asker.language, n=count)
    data = feed_admin.export_opml(ctx.db, ctx.now)
    return Reply(caption, attachment=Attachment("raqib-feeds.opml", data, "document", caption))


async def import_feeds(ctx: AnswerContext, asker: Asker, data: bytes) -> Reply:
    """Add the feeds of an OPML file (a document sent to the bot); say what was skipped and why."""
    if ctx.feeds is None:
        return Reply(text("feeds.usage.add", asker.language))
    try:
        report = await feed_admin.import_opml(ctx.db, ctx.feeds, data, ctx.now)
    except FeedAdminError as exc:
        return Reply(text("feeds.import.bad", asker.language, reason=str(exc)))
    lines = [text("feeds.imported", asker.language, added=len(report.added), skipped=len(report.skipped))]
    lines += [f"• #{feed_id} {name}" for feed_id, name in report.added]
    lines += [f"✖ {isolate(url)}: {reason}" for url, reason in report.skipped]
    return Reply("\n".join(lines))


def failure(exc: FeedAdminError, language: str) -> Reply:
    """One line saying why, framed in the chat's language (the reason itself is technical English)."""
    if isinstance(exc, FeedRefusedError):
        return Reply(text("feeds.refused", language, reason=str(exc)))
    if isinstance(exc, FeedUnreadableError):
        return Reply(text("feeds.unreadable", language, reason=str(exc)))
    if isinstance(exc, FeedNotFoundError):
        return Reply(text("feeds.not_found", language))
    return Reply(text("feeds.not_done", language, reason=str(exc)))


def preview_text(preview: FeedPreview, language: str) -> str:
    """Title, size, and the incidents each of the newest items would give."""
    lines = [
        f"📰 {preview.title or isolate(preview.url)}",
        text("feeds.preview.items", language, n=preview.items),
    ]
    if preview.warning:
        lines.append(f"⚠️ {preview.warning}")
    if preview.newest:
        lines += ["", text("feeds.preview.newest", language, n=len(preview.newest))]
    for item in preview.newest:
        day = f"{isolate(item.published[:10])} — " if item.published else ""
        lines.append(f"• {day}{item.title[:90]}")
        incidents = [incident_line(i, language) for i in item.incidents]
        lines += [f"   {line}" for line in incidents] or [f"   {text('feeds.preview.no_incident', language)}"]
    return "\n".join(lines)


def incident_line(incident: Incident, language: str) -> str:
    """ "Armed clash · العشارة · 2 killed", the sub-type in the chat's language."""
    parts = [acled_label(incident.sub_event_type, language)]
    if incident.town:
        parts.append(incident.town.name)
    if incident.killed:
        parts.append(text("feeds.preview.killed", language, n=incident.killed))
    return " · ".join(parts)


def health_block(status: FeedStatus, now: datetime, language: str) -> str:
    """#3 name ✅, then last success and errors, a week's output per day, and the next poll."""
    if status.paused:
        state, next_poll = text("feeds.state.paused", language), "—"
    else:
        state = "⚠️" if status.error_count else "✅"
        due = max(status.next_poll_at, status.retry_after or "")
        next_poll = _relative(due, now, language) if due > _stamp(now) else text("feeds.when.now", language)
    success = _relative(status.last_success_at, now, language) if status.last_success_at else None
    days = feed_admin.HEALTH_DAYS
    lines = [
        f"#{status.id} {status.name} {state}",
        text(
            "feeds.row.success",
            language,
            when=success or text("feeds.when.never", language),
            errors=status.error_count,
        ),
        text(
            "feeds.row.rate",
            language,
            items=f"{status.items / days:.1f}",
            incidents=f"{status.incidents / days:.1f}",
            days=days,
        ),
        text("feeds.row.next", language, when=next_poll),
    ]
    if status.error_count and status.last_error:
        lines.insert(2, text("feeds.row.error", language, error=status.last_error[:120]))
    return "\n".join(lines)


def _switch(ctx, asker, args, command, change, done_key, same_key) -> Reply:
    if not args:
        pausing = command == "pausefeed"
        return _choose(ctx, asker, command, lambda status: status.paused != pausing)
    try:
        feed, changed = change(ctx.db, " ".join(args))
    except FeedAdminError as exc:
        return failure(exc, asker.language)
    return Reply(text(done_key if changed else same_key, asker.language, id=feed.id, name=feed.name))


def _choose(ctx: AnswerContext, asker: Asker, command: str, offered) -> Reply:
    """ "Which feed?" with a button per feed the command applies to."""
    statuses = [s for s in feed_admin.feed_health(ctx.db, ctx.now) if offered(s)]
    if not statuses:
        return Reply(text("feeds.choose.none", asker.language))
    buttons = tuple(
        (Button(f"#{s.id} {s.name}"[:60], f"/{command} {s.id}"),) for s in statuses[:MAX_FEED_BUTTONS]
    )
    return Reply(text("feeds.choose", asker.language), buttons=buttons)


def _relative(stamp: str, now: datetime, language: str) -> str:
    """ "5 min ago", "in 2 h": the span to `stamp` in its largest whole unit."""
    seconds = (datetime.fromisoformat(stamp) - now).total_seconds()
    span = abs(seconds)
    if span < 3600:
        shown = text("feeds.span.minutes", language, n=max(1, round(span / 60)))
    elif span < 2 * 86400:
        shown = text("feeds.span.hours", language, n=round(span / 3600))
    else:
        shown = text("feeds.span.days", language, n=round(span / 86400))
    return text("feeds.when.in" if seconds > 0 else "feeds.when.ago", language, span=shown)


def _line(command: str, *words: str) -> str:
    """A command line a button runs, each word quoted so that names with spaces or quotes survive."""
    return " ".join([f"/{command}", *(shlex.quote(w) for w in words if w)])


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
