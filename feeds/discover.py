"""Finding the feeds a web page names: `<link rel="alternate" type="application/rss+xml" href=…>`.

Someone adding a feed often pastes the site's address instead of its feed's. Pages announce their feeds
in the head (RSS autodiscovery, the convention feed readers follow), so those links are offered instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

FEED_TYPES = {"application/rss+xml", "application/atom+xml"}
MAX_LINKS = 8
_MAX_SCANNED = 512 * 1024  # the head is at the top: a huge page is not read to its end


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed a page names: its absolute URL and the title the page gives it."""

    url: str
    title: str


class _LinkCollector(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.links: dict[str, FeedLink] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base" and not self.links:
            href = dict(attrs).get("href")
            if href:
                self.base_url = urljoin(self.base_url, href.strip())
        if tag != "link" or len(self.links) >= MAX_LINKS:
            return
        values = {name: (value or "").strip() for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "")
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            return
        url = urljoin(self.base_url, href)
        if urlsplit(url).scheme in ("http", "https"):
            self.links.setdefault(url, FeedLink(url, " ".join(values.get("title", "").split())[:100]))


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    """Whether a body is a web page (by its Content-Type, else by its first bytes)."""
    if "html" in content_type.lower():
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<head" in head


def find_feed_links(body: bytes, base_url: str, content_type: str = "") -> list[FeedLink]:
    """The RSS and Atom feeds a page links to, as absolute http(s) URLs, in page order."""
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    try:
        markup = body[:_MAX_SCANNED].decode(charset, errors="replace")
    except LookupError:  # an encoding Python does not know
        markup = body[:_MAX_SCANNED].decode("utf-8", errors="replace")
    collector = _LinkCollector(base_url)
    collector.feed(markup)
    collector.close()
    return list(collector.links.values())
