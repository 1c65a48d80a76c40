"""OPML, the file feed readers exchange their subscriptions in: read one, write one.

An OPML file comes from whoever sends it, so it is read with defusedxml (no DTD, no entities, no
external references) and bounded in size and in the number of feeds taken from it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_OPML_BYTES = 1024 * 1024
MAX_OPML_FEEDS = 1000


class OpmlError(ValueError):
    """The file is not an OPML list of feeds; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of an OPML file: its URL and the name it is listed under."""

    url: str
    title: str


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds (outlines with an xmlUrl, in folders or not) of an OPML document, each URL once."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // 1024} KB")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise OpmlError(f"the file declares a DTD or entities ({type(exc).__name__})") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"the document is <{root.tag}>, not <opml>")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in feeds:
            continue
        title = outline.get("title") or outline.get("text") or ""
        feeds[url] = OpmlFeed(url, " ".join(title.split()))
        if len(feeds) > MAX_OPML_FEEDS:
            raise OpmlError(f"the file lists more than {MAX_OPML_FEEDS} feeds")
    if not feeds:
        raise OpmlError("the file lists no feeds (no outline has an xmlUrl)")
    return list(feeds.values())


def write_opml(feeds: list[OpmlFeed], title: str, now: datetime) -> bytes:
    """An OPML 2.0 document listing `feeds` as RSS outlines."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        ET.SubElement(body, "outline", type="rss", text=feed.title, title=feed.title, xmlUrl=feed.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
