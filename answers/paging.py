"""Splitting long replies into pages Telegram accepts (4096 UTF-16 code units a message)."""

from __future__ import annotations

PAGE_LIMIT = 3900  # below 4096, leaving room for the page line


def utf16_length(value: str) -> int:
    """Length as Telegram counts it."""
    return len(value.encode("utf-16-le")) // 2


def split_pages(message: str, limit: int = PAGE_LIMIT) -> list[str]:
    """Pages of whole lines, each at most `limit` long (a line longer than that is cut)."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in message.split("\n"):
        while utf16_length(line) > limit:
            cut = limit
            while utf16_length(line[:cut]) > limit:
                cut -= 1
            pages.extend(["\n".join(current)] if current else [])
            current, size = [], 0
            pages.append(line[:cut])
            line = line[cut:]
        added = utf16_length(line) + (1 if current else 0)
        if current and size + added > limit:
            pages.append("\n".join(current))
            current, size = [], 0
            added = utf16_length(line)
        current.append(line)
        size += added
    if current or not pages:
        pages.append("\n".join(current))
    return pages
