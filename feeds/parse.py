"""Turning feed bytes into articles, safely.

feedparser is handed a BytesIO, never a str or bytes: given those it treats the value as a URL (and fetches
it) or a file name (and reads it). Entity declarations are refused before feedparser sees the document,
because its loose-parser fallback expands a "safe" entity even with defusedxml installed (docs/reliability.md V3).

The scan must read the text the parser will read: a document in UTF-7, EBCDIC (cp037) or unicode_escape
holds no literal "<!ENTITY" byte string, yet feedparser decodes it and expands its entities. So the bytes
are first decoded by feedparser's own encoding rules (`convert_to_utf8`: HTTP charset, XML declaration,
BOM and EBCDIC sniffing, its fallbacks), scanned, and parsed as that UTF-8.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser

import feedparser
import feedparser.api
from feedparser.encodings import convert_to_utf8

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


def refuse_entity_declarations(text: bytes) -> None:
    """Raise HostileFeedError when a document (already decoded to UTF-8) declares entities. NULs are
    dropped first: feedparser may take BOM-less UTF-16 for UTF-8 with NULs between the letters."""
    if b"<!entity" in text.replace(b"\x00", b"").lower():
        raise HostileFeedError("the feed declares XML entities (refused: entity expansion attack)")


# The fallbacks feedparser reaches when the declared encoding fails (its last resorts).
_LAST_RESORTS = {"windows-1252", "iso-8859-2"}
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_XML_DECLARATION_RE = re.compile(rb"^\s*<\?xml[^>]*\?>")


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# How every warning about a body's encoding begins (the admins are told of those).
ENCODING_WARNING = "encoding:"
# At most one broken byte sequence in this many characters is a damaged UTF-8 feed, not another encoding.
_DAMAGED_UTF8_CHARS = 1000


def decode_feed(body: bytes, headers: dict[str, str] | None = None) -> tuple[bytes, str | None]:
    """The document as UTF-8, decoded as feedparser would, and a warning when its encoding was wrong.

    A byte order mark says the encoding, whatever the HTTP charset claims (XML 1.0 appendix F). A feed
    whose bytes fail its declared encoding ends in feedparser's windows-1252 fallback, which turns Arabic
    into mojibake ("ÞÕÝ ãÏÝÚí", docs/reliability.md V6): UTF-8 with a few broken sequences keeps its UTF-8
    (the broken bytes replaced), and other bytes are read as windows-1256 when that gives Arabic letters."""
    if body.startswith(_BOMS) and headers:
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    result: dict = {}
    text = convert_to_utf8(headers or {}, body, result)
    encoding = (result.get("encoding") or "").lower()
    if encoding not in _LAST_RESORTS:
        return text, None
    damaged = body.decode("utf-8", errors="replace")
    broken = damaged.count("\ufffd")
    if broken <= max(1, len(damaged) // _DAMAGED_UTF8_CHARS) and _ARABIC_LETTER_RE.search(damaged):
        return _utf8_document(damaged), f"{ENCODING_WARNING} {broken} invalid UTF-8 byte sequence(s) replaced"
    try:
        arabic = body.decode("cp1256")
    except UnicodeDecodeError:
        return text, f"{ENCODING_WARNING} declared encoding failed, read as {encoding}"
    if not _ARABIC_LETTER_RE.search(arabic):
        return text, f"{ENCODING_WARNING} declared encoding failed, read as {encoding}"
    return _utf8_document(arabic), f"{ENCODING_WARNING} the declared encoding failed, read as windows-1256"


def _utf8_document(text: str) -> bytes:
    """`text` as UTF-8 bytes whose XML declaration says so."""
    utf8 = text.encode("utf-8")
    declaration = b"<?xml version='1.0' encoding='utf-8'?>"
    if _XML_DECLARATION_RE.match(utf8):
        return _XML_DECLARATION_RE.sub(declaration, utf8, count=1)
    return declaration + b"\n" + utf8


# Handed to feedparser with the decoded text, so that it reads it as the UTF-8 it now is.
_UTF8_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def parse_feed(body: bytes, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse RSS/Atom bytes into at most MAX_ITEMS articles; raise FeedError when nothing usable came out."""
    text, encoding_warning = decode_feed(body, headers)
    refuse_entity_declarations(text)
    try:
        parsed = feedparser.parse(io.BytesIO(text), response_headers=_UTF8_HEADERS)
    except ValueError as exc:  # defusedxml's refusals derive from ValueError
        raise HostileFeedError(f"the feed was refused by the XML parser: {exc}") from exc
    warning = encoding_warning
    if _truncated(parsed.get("bozo_exception")):
        # The loose parser still gives the cut-off item (a title, no text): store none of it.
        raise FeedError("the feed is truncated: the document ends inside an element")
    if parsed.get("bozo"):
        warning = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
        if not parsed.entries:
            raise FeedError(f"not a readable feed ({warning})")
        warning = "; ".join(filter(None, (encoding_warning, warning)))
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    articles = [_article_from_entry(entry) for entry in parsed.entries[:MAX_ITEMS]]
    title = _clip(html_to_text(parsed.feed.get("title", "")), MAX_TITLE_CHARS)
    return ParsedFeed(title, [a for a in articles if a.title or a.text], warning)


# What expat says when the document ends before its root element closes.
_TRUNCATED_MESSAGES = {"no element found", "unclosed token"}


def _truncated(error: object) -> bool:
    """The parser's error says the bytes stopped before the document did."""
    return isinstance(error, xml.sax.SAXParseException) and error.getMessage() in _TRUNCATED_MESSAGES


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
    # dict.get: feedparser's own get maps a missing updated_parsed to published_parsed, with a
    # DeprecationWarning (its issue 310).
    parsed = entry.get("published_parsed") or dict.get(entry, "updated_parsed")
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
