"""Building RSS documents for tests from articles in the corpus format."""

from __future__ import annotations

import html
from pathlib import Path

SEEDS = Path(__file__).parent / "corpus" / "seeds"


def rss(items: list[dict], title: str = "Test feed") -> bytes:
    """An RSS 2.0 document; each item may have title, guid, link, text, pubdate."""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{html.escape(title)}</title>'
    ]
    for item in items:
        parts.append("<item>")
        if "title" in item:
            parts.append(f"<title>{html.escape(item['title'])}</title>")
        if "guid" in item:
            parts.append(f'<guid isPermaLink="false">{html.escape(item["guid"])}</guid>')
        if "link" in item:
            parts.append(f"<link>{html.escape(item['link'])}</link>")
        if "pubdate" in item:
            parts.append(f"<pubDate>{item['pubdate']}</pubDate>")
        paragraphs = "".join(
            f"<p>{html.escape(p)}</p>" for p in item.get("text", "").split("\n") if p.strip()
        )
        parts.append(f"<description><![CDATA[{paragraphs}]]></description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def seed_item(name: str, **extra: str) -> dict:
    """A feed item carrying one seed article."""
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    return {"title": text.strip().split("\n")[0][:80], "text": text, "guid": f"tests-{name}", **extra}
