"""What every answer function receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from extraction.gazetteer import Gazetteer
from i18n.catalog import pick_language
from ingest.feed_admin import FeedAccess
from storage.subscriptions import chat_language


@dataclass(frozen=True, slots=True)
class Asker:
    """The chat a command came from, and the language to answer in."""

    chat_id: int
    chat_type: str = "private"
    language: str = "ar"
    title: str | None = None
    thread_id: int = 0  # the forum topic the command was written in (0: none)
    is_admin: bool = False  # one of the bot's admins (bot.admins), or the terminal's operator


@dataclass(frozen=True, slots=True)
class AnswerContext:
    """Shared objects: the database, the gazetteer, the clock reading for this command, and what
    adding feeds needs (None where feeds are not administered)."""

    db: sqlite_utils.Database
    gazetteer: Gazetteer
    now: datetime
    feeds: FeedAccess | None = None


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button that runs a command line when pressed (the terminal shows the command)."""

    label: str
    command: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with the reply: a chart or map as a photo, an export as a document."""

    filename: str
    data: bytes
    kind: str  # photo | document
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply: plain text, optional buttons (rows), optional file."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachment: Attachment | None = None
    extra: dict = field(default_factory=dict, compare=False)


def make_asker(
    db: sqlite_utils.Database,
    chat_id: int,
    chat_type: str,
    title: str | None,
    user_language: str | None,
    default_language: str,
    thread_id: int = 0,
    is_admin: bool = False,
) -> Asker:
    """The asker, answered in the chat's chosen language, else the user's app language, else the default."""
    chosen = chat_language(db, chat_id)
    from_app = (user_language or "")[:2].lower()
    language = pick_language(chosen, pick_language(from_app, default_language))
    return Asker(chat_id, chat_type, language, title, thread_id, is_admin)
