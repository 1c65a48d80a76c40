"""Turning feed bytes into articles, safely.

feedparser is handed a BytesIO, never a str or bytes: given those it treats the value as a URL (and fetches
it) or a file name (and reads it). Entity declarations are refused before feedparser sees the document,
because its loose-parser fallback expands a "safe" entity even with defusedxml installed (reliability V3).
"""

from __future__ import annotations

import calendar
import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser

import feedparser
import feedparser.api

from feeds.article import Article

logger = logging.getLogger(__name__)

if "defusedxml.expatreader" not in feedparser.api.PREFERRED_XML_PARSERS:
    feedparser.api.PREFERRED_XML_PARSERS.insert(0, "defusedxml.expatreader")

MAX_ITEMS = 200
MAX_TITLE_CHARS = 500
MAX_TEXT_CHARS = 60_000


class FeedError(Exception):
    """A feed that cannot be used.

    FeedError
    └── HostileFeedError  — entity declarations or other constructs that attack the parser
    """


class HostileFeedError(FeedError):
    """The document tries to define XML entities."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its title, its articles, and the parser's warning if the XML was not clean."""

    title: str
    articles: list[Article] = field(default_factory=list)
    warning: str | None = None


def refuse_entity_declarations(body: bytes) -> None:
    """Raise HostileFeedError when the document declares entities, in any encoding (NULs of UTF-16/32 removed)."""
    if b"<!entity" in body.replace(b"\x00", b"").lower():
        raise HostileFeedError("the feed declares XML entities (refused: entity expansion attack)")


def parse_feed(body: bytes, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse RSS/Atom bytes into at most MAX_ITEMS articles; raise FeedError when nothing usable came out."""
    refuse_entity_declarations(body)
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers or {})
    except ValueError as exc:  # defusedxml's refusals derive from ValueError
        raise HostileFeedError(f"the feed was refused by the XML parser: {exc}") from exc
    warning = None
    if parsed.get("bozo"):
        warning = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
        if not parsed.entries:
            raise FeedError(f"not a readable feed ({warning})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    articles = [_article_from_entry(entry) for entry in parsed.entries[:MAX_ITEMS]]
    title = _clip(html_to_text(parsed.feed.get("title", "")), MAX_TITLE_CHARS)
    return ParsedFeed(title, [a for a in articles if a.title or a.text], warning)


def _article_from_entry(entry: feedparser.FeedParserDict) -> Article:
    title = _clip(html_to_text(entry.get("title", "")), MAX_TITLE_CHARS)
    contents = entry.get("content") or []
    body_html = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = _clip(html_to_text(body_html), MAX_TEXT_CHARS)
    guid = (entry.get("id") or "").strip() or None  # feedparser gives "" for an empty <guid>
    link = (entry.get("link") or "").strip() or None
    if link and not link.lower().startswith(("http://", "https://")):
        link = None
    return Article(guid=guid, link=link, title=title, text=text, published=_iso(entry))


def _iso(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):
        return None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one line per block, with runs of blank lines collapsed."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = [" ".join(line.split()) for line in "".join(collector.parts).splitlines()]
    return "\n".join(line for line in lines if line)
