"""What handlers and jobs find in `context.bot_data` (PTB ContextTypes), filled in by `bot/` at start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import sqlite_utils
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from extraction.gazetteer import Gazetteer
from handlers.flood import FloodGuard


@dataclass
class BotData:
    """Shared objects of the running bot."""

    db: sqlite_utils.Database | None = None
    gazetteer: Gazetteer | None = None
    default_language: str = "ar"
    http: httpx.AsyncClient | None = None
    deliverer: Any = None  # alerts.sender.Deliverer, set by bot/ once the Bot exists
    poller: Any = None  # ingest.poller.FeedPoller, set by bot/ once the event loop runs
    flood: FloodGuard | None = None
    database_damaged: Callable[[Exception], None] | None = None  # stops the bot (bot/app.py)
    damaged: Exception | None = None  # why the bot stopped, when the database is damaged
    admins: frozenset[int] = frozenset()  # bot.admins: who may administer the feeds
    feed_access: Any = None  # ingest.feed_admin.FeedAccess: the guarded client, its policy, the interval


RaqibContext = CallbackContext[ExtBot, dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
