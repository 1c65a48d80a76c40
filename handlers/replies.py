"""Sending an answer's reply on Telegram: pages with next/previous buttons, command buttons, files."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from answers.context import Reply
from answers.paging import split_pages, utf16_length
from handlers.context import RaqibContext
from i18n.catalog import text
from storage.callbacks import save_callback

CAPTION_LIMIT = 1024


async def send_reply(
    message: Message, context: RaqibContext, chat_id: int, reply: Reply, language: str
) -> None:
    """Send `reply` in answer to `message`."""
    if reply.attachment is not None:
        attachment = reply.attachment
        caption = attachment.caption if utf16_length(attachment.caption) <= CAPTION_LIMIT else ""
        if attachment.kind == "photo":
            await message.reply_photo(attachment.data, caption=caption or None, do_quote=False)
        else:
            await message.reply_document(
                attachment.data, filename=attachment.filename, caption=caption or None, do_quote=False
            )
        if caption == reply.text:
            return
    pages = split_pages(reply.text)
    buttons = _command_rows(context, chat_id, reply)
    if len(pages) == 1:
        await message.reply_text(pages[0], reply_markup=_markup(buttons), do_quote=False)
        return
    key = save_callback(context.bot_data.db, chat_id, "page", {"pages": pages}, _now())
    await message.reply_text(
        page_text(pages, 0, language),
        reply_markup=_markup(page_buttons(key, 0, len(pages)) + buttons),
        do_quote=False,
    )


def page_text(pages: list[str], index: int, language: str) -> str:
    """One page with its "page n of N" line."""
    return f"{pages[index]}\n\n{text('page', language, n=index + 1, total=len(pages))}"


def page_buttons(key: str, index: int, total: int) -> list[list[InlineKeyboardButton]]:
    """‹ and › around the current page (data "p:KEY:N", under 64 bytes)."""
    row = []
    if index > 0:
        row.append(InlineKeyboardButton("‹", callback_data=f"p:{key}:{index - 1}"))
    row.append(InlineKeyboardButton(f"{index + 1}/{total}", callback_data=f"p:{key}:{index}"))
    if index + 1 < total:
        row.append(InlineKeyboardButton("›", callback_data=f"p:{key}:{index + 1}"))
    return [row]


def _command_rows(context: RaqibContext, chat_id: int, reply: Reply) -> list[list[InlineKeyboardButton]]:
    rows = []
    for row in reply.buttons:
        keyboard_row = []
        for button in row:
            key = save_callback(context.bot_data.db, chat_id, "command", {"line": button.command}, _now())
            keyboard_row.append(InlineKeyboardButton(button.label[:60], callback_data=f"c:{key}"))
        rows.append(keyboard_row)
    return rows


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    return InlineKeyboardMarkup(rows) if rows else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
