"""The one adapter every command handler uses: read the update, call an answer function, reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from telegram import Update

from answers.commands import Command, plain_text, run_answer
from answers.context import AnswerContext, Asker, Reply, make_asker
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


def chat_asker(update: Update, context: RaqibContext) -> Asker:
    """Who is asking, answered in the chat's language, in the forum topic the update came from."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    data = context.bot_data
    return make_asker(
        data.db,
        chat.id,
        chat.type,
        chat.title,
        user.language_code if user else None,
        data.default_language,
        message.message_thread_id if message is not None and message.is_topic_message else 0,
        is_bot_admin(update, context),
    )


def is_bot_admin(update: Update, context: RaqibContext) -> bool:
    """Whether the update comes from one of the bot's admins (`bot.admins`), in person: a command sent
    through an inline bot or posted as a chat is not theirs."""
    user, message = update.effective_user, update.effective_message
    if user is None or user.id not in context.bot_data.admins:
        return False
    if message is not None and update.callback_query is None:
        return message.via_bot is None and message.sender_chat is None
    return True


def answer_context(context: RaqibContext) -> AnswerContext:
    """What an answer function receives, read now."""
    data = context.bot_data
    return AnswerContext(data.db, data.gazetteer, datetime.now(UTC), data.feed_access)


def command_handler(command: Command) -> Callable[[Update, RaqibContext], Awaitable[None]]:
    """The Telegram handler of one row of the command table."""

    async def handle(update: Update, context: RaqibContext) -> None:
        await answer(update, context, command)

    handle.__name__ = handle.__qualname__ = f"{command.name}_command"
    return handle


async def text_message(update: Update, context: RaqibContext) -> None:
    """A private message that is no command: answered by `plain_text` (a name, or a hint)."""
    message = update.effective_message
    words = (message.text or "").split() if message is not None else []
    reply = Command("text", lambda ctx, asker, _args: plain_text(ctx, asker, words), "cmd.help", listed=False)
    await answer(update, context, reply)


async def answer(update: Update, context: RaqibContext, command: Command) -> None:
    """Answer a command message with the command's reply.

    A command that `changes_chat` runs only for those who may change the chat; an admin command only
    for the bot's admins. Either runs once per update: after a crash Telegram hands unconfirmed updates
    out again (docs/reliability.md §3.3)."""
    chat, message = update.effective_chat, update.effective_message
    data = context.bot_data
    if chat is None or message is None or data.db is None or data.gazetteer is None:
        return
    admission = await admit(update, context)
    if admission is Admission.DROP:
        return
    once = command.changes_chat or command.admin
    if once and already_processed(data.db, update.update_id):
        logger.info("update %d was handled before a restart; not applied again", update.update_id)
        return
    asker = chat_asker(update, context)
    if admission is Admission.WARN:
        await message.reply_text(text("slow_down", asker.language), do_quote=False)
        return
    ctx = answer_context(context)
    restored = reactivate_chat(data.db, chat.id)
    if restored:
        logger.info("chat %d is back: %d subscriptions active again", chat.id, restored)
        await message.reply_text(text("welcome_back", asker.language, n=restored), do_quote=False)
    if command.changes_chat and not await may_change_chat(update, context):
        logger.info("chat %d: /%s refused to a non-admin", chat.id, command.name)
        await send_reply(
            message, context, chat.id, Reply(text("admins_only", asker.language)), asker.language
        )
        return
    if command.admin and not asker.is_admin:
        logger.info("chat %d: /%s refused: not one of the bot's admins", chat.id, command.name)
    reply = await run_answer(command, ctx, asker, list(context.args or []))
    if once:
        record_processed(data.db, update.update_id, ctx.now.isoformat(timespec="seconds"))
    await send_reply(message, context, chat.id, reply, asker.language)
