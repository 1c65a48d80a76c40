"""The one adapter every command handler uses: read the update, call an answer function, reply."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import Update

from answers.commands import Answer
from answers.context import AnswerContext, Reply, make_asker
from handlers.context import RaqibContext
from handlers.flood import Admission
from handlers.permissions import may_change_chat
from handlers.replies import send_reply
from i18n.catalog import text
from storage.outbox import reactivate_chat
from storage.updates import already_processed, record_processed

logger = logging.getLogger(__name__)


async def admit(update: Update, context: RaqibContext) -> Admission:
    """Whether this user's update is within their command limit (handlers/flood.py)."""
    guard = context.bot_data.flood
    if guard is None:
        return Admission.PASS
    sender = update.effective_user or update.effective_chat
    return await guard.admit(sender.id) if sender is not None else Admission.PASS


async def answer(update: Update, context: RaqibContext, function: Answer, changes_chat: bool = False) -> None:
    """Answer a command message with `function`'s reply.

    A command that `changes_chat` runs only for those who may change the chat, and only once per
    update: after a crash Telegram hands unconfirmed updates out again (reliability §3.3)."""
    chat, message = update.effective_chat, update.effective_message
    data = context.bot_data
    if chat is None or message is None or data.db is None or data.gazetteer is None:
        return
    admission = await admit(update, context)
    if admission is Admission.DROP:
        return
    if changes_chat and already_processed(data.db, update.update_id):
        logger.info("update %d was handled before a restart; not applied again", update.update_id)
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
    if admission is Admission.WARN:
        await message.reply_text(text("slow_down", asker.language), do_quote=False)
        return
    now = datetime.now(UTC)
    restored = reactivate_chat(data.db, chat.id)
    if restored:
        logger.info("chat %d is back: %d subscriptions active again", chat.id, restored)
        await message.reply_text(text("welcome_back", asker.language, n=restored), do_quote=False)
    if changes_chat and not await may_change_chat(update, context):
        logger.info("chat %d: %s refused to a non-admin", chat.id, function.__name__)
        await send_reply(
            message, context, chat.id, Reply(text("admins_only", asker.language)), asker.language
        )
        return
    reply = function(AnswerContext(data.db, data.gazetteer, now), asker, list(context.args or []))
    if changes_chat:
        record_processed(data.db, update.update_id, now.isoformat(timespec="seconds"))
    await send_reply(message, context, chat.id, reply, asker.language)
