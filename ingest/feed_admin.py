"""Administering feeds: look at a feed before adding it, add, list with health, remove, pause, resume,
and OPML in and out. The chat commands and `raqib feeds` call these same functions.

A URL is judged by the address policy before anything connects (`check_url`), so a refused address
costs no connection and gets one reason; the guarded client then checks every connect again, each
redirect hop included. A feed is named by its number (its id, which never changes, so a button or a
replayed command cannot reach another feed) or by its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
import sqlite_utils

from extraction.gazetteer import Gazetteer
from extraction.incidents import extract_incidents
from extraction.records import Incident
from feeds.discover import FeedLink, find_feed_links, looks_like_html
from feeds.fetch import fetch_feed
from feeds.guard import AddressPolicy, UrlRefused, check_url
from feeds.opml import OpmlError, OpmlFeed, read_opml, write_opml
from feeds.parse import FeedError, HostileFeedError, parse_feed
from ingest.poll import baseline_before
from storage.feeds import (
    FeedRow,
    FeedStatus,
    active_feed,
    add_feed,
    feed_statuses,
    retire_feed,
    set_feed_paused,
)

PREVIEW_ITEMS = 5  # the newest items whose incidents the preview shows
PREVIEW_DEADLINE_S = 20.0  # someone is waiting for the answer
MAX_NAME_CHARS = 60
HEALTH_DAYS = 7


class FeedAdminError(Exception):
    """What an admin asked cannot be done; the message says why in one line.

    FeedAdminError
    ├── FeedRefusedError     — the address policy refuses the URL (SSRF guard); nothing connected
    ├── FeedUnreadableError  — no feed there: the fetch failed, or the body is not a feed
    ├── FeedExistsError      — an active feed already has that URL or name
    ├── FeedNotFoundError    — no active feed has that number or name
    ├── FeedProtectedError   — the feed comes from config.toml or is the sample: change it there
    └── BadOpmlError         — the OPML file cannot be read
    """


class FeedRefusedError(FeedAdminError):
    """The address policy refuses the URL."""


class FeedUnreadableError(FeedAdminError):
    """The URL gives no feed."""


class FeedExistsError(FeedAdminError):
    """The URL or name is taken by an active feed."""


class FeedNotFoundError(FeedAdminError):
    """No active feed by that number or name."""


class FeedProtectedError(FeedAdminError):
    """A feed config.toml (or the bundled sample) keeps: removing it here would not last."""


class BadOpmlError(FeedAdminError):
    """The OPML file cannot be read."""


@dataclass(frozen=True, slots=True)
class FeedAccess:
    """What adding feeds needs besides the database: the guarded client, its policy, the interval."""

    client: httpx.AsyncClient
    policy: AddressPolicy
    interval_s: int


@dataclass(frozen=True, slots=True)
class PreviewItem:
    """One of a feed's newest items and the incidents extraction reads in it."""

    title: str
    published: str | None
    incidents: tuple[Incident, ...]


@dataclass(frozen=True, slots=True)
class FeedPreview:
    """What a feed would give: its title, how many items it holds, its newest items' incidents."""

    url: str  # where to poll it: the final address when every redirect was permanent
    title: str
    items: int
    newest: tuple[PreviewItem, ...]
    warning: str | None = None

    @property
    def suggested_name(self) -> str:
        """The feed's title, else its host, as a name."""
        return clean_name(self.title) or urlsplit(self.url).hostname or self.url


@dataclass(frozen=True, slots=True)
class FeedLinks:
    """The URL is a web page; these are the feeds it names (RSS autodiscovery)."""

    page_url: str
    links: tuple[FeedLink, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an OPML import did: the feeds added (id, name) and the URLs skipped with the reason."""

    added: tuple[tuple[int, str], ...]
    skipped: tuple[tuple[str, str], ...]


async def refuse_unless_allowed(url: str, policy: AddressPolicy) -> None:
    """FeedRefusedError with the guard's reason unless the policy allows fetching `url`."""
    try:
        await check_url(url, policy)
    except UrlRefused as exc:
        if exc.kind is None:  # not an address: the scheme, the syntax, a name that does not resolve
            raise FeedRefusedError(str(exc)) from None
        kind = "an address that is not public" if exc.kind == "not a public address" else exc.kind
        raise FeedRefusedError(f"it points at {kind} ({exc.address})") from None


async def preview_feed(access: FeedAccess, url: str, gazetteer: Gazetteer) -> FeedPreview | FeedLinks:
    """Fetch `url` once and say what it would give; a web page gives the feeds it links to."""
    url = url.strip()
    await refuse_unless_allowed(url, access.policy)
    result = await fetch_feed(access.client, url, deadline_s=PREVIEW_DEADLINE_S)
    if not result.ok:
        raise FeedUnreadableError(result.error or f"HTTP {result.status}")
    try:
        parsed = parse_feed(result.body, result.headers)
    except HostileFeedError as exc:
        raise FeedUnreadableError(str(exc)) from None
    except FeedError as exc:
        content_type = result.headers.get("content-type", "")
        if looks_like_html(result.body, content_type):
            links = find_feed_links(result.body, result.final_url or url, content_type)
            if links:
                return FeedLinks(url, tuple(links))
            raise FeedUnreadableError("a web page that names no RSS or Atom feed") from None
        raise FeedUnreadableError(str(exc)) from None
    # Newest first by date; items without one keep the feed's order (the sort is stable).
    newest = sorted(parsed.articles, key=lambda a: a.published or "", reverse=True)[:PREVIEW_ITEMS]
    items = tuple(
        PreviewItem(a.title, a.published, extract_incidents(a.full_text, gazetteer, a.published).incidents)
        for a in newest
    )
    return FeedPreview(result.moved_to or url, parsed.title, len(parsed.articles), items, parsed.warning)


async def save_feed(
    db: sqlite_utils.Database, access: FeedAccess, url: str, name: str, now: datetime, origin: str = "chat"
) -> FeedRow:
    """Add the feed under `name`, due at once; the URL is judged by the policy again first."""
    url, name = url.strip(), clean_name(name)
    await refuse_unless_allowed(url, access.policy)
    if not name or name.lstrip("#").isdigit():
        raise FeedAdminError("a feed's name must have a letter in it (numbers name feeds by their id)")
    taken = active_feed(db, name=name)
    if taken is not None and taken.url != url:
        raise FeedExistsError(f"the name {name!r} is taken by feed #{taken.id}")
    feed_id = add_feed(db, url, name, access.interval_s, origin, _stamp(now))
    if feed_id is None:
        holder = active_feed(db, url=url)
        raise FeedExistsError(f"{url} is polled already, as #{holder.id} {holder.name}")
    return active_feed(db, feed_id)


def find_feed(db: sqlite_utils.Database, ref: str) -> FeedRow:
    """The active feed `ref` names: a number ("3", "#3") or a name."""
    ref = clean_name(ref)
    number = ref.lstrip("#")
    feed = (
        active_feed(db, int(number)) if number.isascii() and number.isdigit() else active_feed(db, name=ref)
    )
    if feed is None:
        raise FeedNotFoundError(f"no feed {ref!r}")
    return feed


def remove_feed(db: sqlite_utils.Database, ref: str) -> FeedRow:
    """Stop polling a feed added from the chat or the command line; its articles and incidents stay."""
    feed = find_feed(db, ref)
    if feed.origin == "config":
        raise FeedProtectedError(
            f"#{feed.id} {feed.name} is listed in config.toml: remove it there, or pause it"
        )
    if feed.origin == "sample":
        raise FeedProtectedError(f"#{feed.id} is the bundled sample feed: run with --sample no, or pause it")
    retire_feed(db, feed.id)
    return feed


def pause_feed(db: sqlite_utils.Database, ref: str) -> tuple[FeedRow, bool]:
    """Stop polling a feed until it is resumed; the bool says whether it was running."""
    feed = find_feed(db, ref)
    return feed, set_feed_paused(db, feed.id, True)


def resume_feed(db: sqlite_utils.Database, ref: str, now: datetime | None = None) -> tuple[FeedRow, bool]:
    """Poll a paused feed again, at once; the bool says whether it was paused. What it published
    while paused is stored but alerts no one, except items dated within one poll interval before
    now (docs/feeds.md, "Baselines"): a week's backlog must not reach the subscribers at once."""
    feed = find_feed(db, ref)
    baseline = baseline_before(now or datetime.now(UTC), feed.interval_s)
    return feed, set_feed_paused(db, feed.id, False, baseline)


def feed_health(db: sqlite_utils.Database, now: datetime) -> list[FeedStatus]:
    """Every active feed's state, with what it gave over the last HEALTH_DAYS days."""
    return feed_statuses(db, _stamp(now - timedelta(days=HEALTH_DAYS)))


async def import_opml(
    db: sqlite_utils.Database, access: FeedAccess, data: bytes, now: datetime
) -> ImportReport:
    """Add every feed an OPML file lists (no fetch: each is polled as it comes due). A URL the policy
    refuses, or one already polled, is skipped with its reason."""
    try:
        entries = read_opml(data)
    except OpmlError as exc:
        raise BadOpmlError(str(exc)) from None
    added, skipped = [], []
    for entry in entries:
        name = free_name(db, clean_name(entry.title) or urlsplit(entry.url).hostname or entry.url)
        try:
            feed = await save_feed(db, access, entry.url, name, now)
        except FeedAdminError as exc:
            skipped.append((entry.url, str(exc)))
        else:
            added.append((feed.id, feed.name))
    return ImportReport(tuple(added), tuple(skipped))


def export_opml(db: sqlite_utils.Database, now: datetime) -> bytes:
    """Every active feed, paused or not, as an OPML file."""
    feeds = [OpmlFeed(s.url, s.name) for s in feed_statuses(db, _stamp(now))]
    return write_opml(feeds, "Raqib feeds", now)


def clean_name(name: str) -> str:
    """A name on one line, without surrounding space, at most MAX_NAME_CHARS long."""
    return " ".join(name.split())[:MAX_NAME_CHARS].strip()


def free_name(db: sqlite_utils.Database, name: str) -> str:
    """`name`, or `name 2`, `name 3`… when an active feed has it (OPML files repeat titles)."""
    candidate, k = name, 1
    while active_feed(db, name=candidate) is not None:
        k += 1
        candidate = f"{name[: MAX_NAME_CHARS - 4]} {k}"
    return candidate


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
