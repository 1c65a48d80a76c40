"""The error handler: log first, with the traceback, then tell the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import RaqibContext
from i18n.catalog import text
from storage.db import DAMAGED, database_fault

logger = logging.getLogger(__name__)


async def error_handler(update: object, context: RaqibContext) -> None:
    """Log the exception; answer the user in their language if there is a message to answer. A damaged
    database stops the bot (one line, not a traceback per command)."""
    damaged = database_fault(context.error) == DAMAGED and context.bot_data.database_damaged is not None
    if damaged:
        context.bot_data.database_damaged(context.error)
    else:
        logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        language = context.bot_data.default_language
        try:
            await update.effective_message.reply_text(text("error.internal", language))
        except Exception:  # the reply itself failing must not loop back here
            logger.warning("could not tell the user about the error", exc_info=True)
