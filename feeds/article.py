"""The article record: one feed item reduced to what the rest of the pipeline needs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from extraction.normalize import normalize_ar


@dataclass(frozen=True, slots=True)
class Article:
    """A feed item: identity (guid, link, content hash), plain text and publication time."""

    guid: str | None
    link: str | None
    title: str
    text: str
    published: str | None  # ISO 8601 UTC, as the feed gave it; None when missing or unreadable

    @property
    def content_hash(self) -> str:
        """Fingerprint of the normalised title and text: the same report re-published has the same one."""
        digest = hashlib.sha256(normalize_ar(f"{self.title}\n{self.text}").encode("utf-8"))
        return digest.hexdigest()[:32]

    @property
    def full_text(self) -> str:
        """Title on the first line, then the body: the corpus format extraction reads."""
        if self.text.startswith(self.title):
            return self.text
        return f"{self.title}\n{self.text}" if self.title else self.text
