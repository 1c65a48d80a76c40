"""The error handler: log first, with the traceback, then tell the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import RaqibContext
from i18n.catalog import text

logger = logging.getLogger(__name__)


async def error_handler(update: object, context: RaqibContext) -> None:
    """Log the exception; answer the user in their language if there is a message to answer."""
    logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        language = context.bot_data.default_language
        try:
            await update.effective_message.reply_text(text("error.internal", language))
        except Exception:  # the reply itself failing must not loop back here
            logger.warning("could not tell the user about the error", exc_info=True)
