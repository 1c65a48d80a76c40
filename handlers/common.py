"""The one adapter every command handler uses: read the update, call an answer function, reply."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import Update

from answers.commands import Answer
from answers.context import AnswerContext, make_asker
from handlers.context import RaqibContext
from handlers.replies import send_reply

logger = logging.getLogger(__name__)


async def answer(update: Update, context: RaqibContext, function: Answer) -> None:
    """Answer a command message with `function`'s reply."""
    chat, message = update.effective_chat, update.effective_message
    data = context.bot_data
    if chat is None or message is None or data.db is None or data.gazetteer is None:
        return
    user = update.effective_user
    asker = make_asker(
        data.db,
        chat.id,
        chat.type,
        chat.title,
        user.language_code if user else None,
        data.default_language,
        message.message_thread_id if message.is_topic_message else 0,
    )
    reply = function(
        AnswerContext(data.db, data.gazetteer, datetime.now(UTC)), asker, list(context.args or [])
    )
    await send_reply(message, context, chat.id, reply, asker.language)
