"""A document sent to the bot in a private chat: an admin's OPML file is imported as feeds."""

from __future__ import annotations

import logging

from telegram import Update

from answers.context import Reply
from answers.feeds import import_feeds
from handlers.common import admit, answer_context, chat_asker
from handlers.context import RaqibContext
from handlers.flood import Admission
from handlers.replies import send_reply
from i18n.catalog import text
from storage.updates import already_processed, record_processed

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 1024 * 1024  # feeds/opml.py refuses more anyway; this spares the download


async def feed_document(update: Update, context: RaqibContext) -> None:
    """Import the OPML file an admin sent; anyone else gets the one polite refusal."""
    message, chat, data = update.effective_message, update.effective_chat, context.bot_data
    if message is None or chat is None or message.document is None or data.db is None:
        return
    if await admit(update, context) is not Admission.PASS or already_processed(data.db, update.update_id):
        return
    asker = chat_asker(update, context)
    if not asker.is_admin:
        reply = Reply(text("feeds.admins_only", asker.language))
    elif (message.document.file_size or 0) > MAX_DOCUMENT_BYTES:
        reply = Reply(text("feeds.import.bad", asker.language, reason="the file is larger than 1024 KB"))
    else:
        file = await context.bot.get_file(message.document.file_id)
        data_bytes = bytes(await file.download_as_bytearray())
        logger.info("chat %d: importing feeds from %s", chat.id, message.document.file_name)
        ctx = answer_context(context)
        reply = await import_feeds(ctx, asker, data_bytes)
        record_processed(data.db, update.update_id, ctx.now.isoformat(timespec="seconds"))
    await send_reply(message, context, chat.id, reply, asker.language)
