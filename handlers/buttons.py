"""Inline button presses: turn a page, or run the command a button stands for."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from answers.commands import answer_line, changes_chat
from answers.numbers import typed_number
from handlers.common import admit, answer_context, chat_asker
from handlers.context import RaqibContext
from handlers.flood import Admission
from handlers.permissions import may_change_chat
from handlers.replies import page_buttons, page_text, send_reply
from i18n.catalog import text
from storage.callbacks import load_callback


async def button(update: Update, context: RaqibContext) -> None:
    """A press: the key is looked up and checked against the chat; unknown keys have expired."""
    query = update.callback_query
    chat = update.effective_chat
    data = context.bot_data
    if query is None or chat is None or data.db is None or data.gazetteer is None:
        return
    admission = await admit(update, context)
    if admission is Admission.DROP:
        return
    asker = chat_asker(update, context)
    if admission is Admission.WARN:
        await query.answer(text("slow_down", asker.language), show_alert=True)
        return
    kind, _, rest = (query.data or "").partition(":")
    key, _, index = rest.partition(":")
    found = load_callback(data.db, key, chat.id)
    if found is None or found[0] != {"p": "page", "c": "command"}.get(kind):
        await query.answer(text("expired", asker.language), show_alert=True)
        return
    action, payload = found
    if action == "command" and changes_chat(payload["line"]) and not await may_change_chat(update, context):
        await query.answer(text("admins_only", asker.language), show_alert=True)  # re-checked every press
        return
    await query.answer()
    n = typed_number(index)
    if action == "page" and n is not None and n < len(payload["pages"]):
        pages = payload["pages"]
        await query.edit_message_text(
            page_text(pages, n, asker.language),
            reply_markup=InlineKeyboardMarkup(page_buttons(key, n, len(pages))),
        )
        return
    if action == "command" and query.message is not None:
        # An admin command's press is judged by who pressed (answer_line refuses anyone else).
        reply = await answer_line(answer_context(context), asker, payload["line"])
        if reply is not None:
            await send_reply(query.message, context, chat.id, reply, asker.language)
