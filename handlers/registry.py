"""Every command's Telegram handler, keyed by the names in the command table."""

from __future__ import annotations

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from answers.commands import COMMANDS
from handlers.buttons import button
from handlers.common import command_handler, text_message
from handlers.documents import feed_document
from handlers.inline import inline_query

# New messages and channel posts; an edited "/subscribe …" must not run again.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
# Words without a command, in a private chat only: a group's talk is not addressed to the bot.
PLAIN_TEXT = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
# Commands that fetch from the internet run beside the others (PTB block=False): a slow feed server
# must not hold every other chat's replies for the fetch's 20 s.
FETCHING = {"addfeed"}


def command_handlers() -> list[BaseHandler]:
    """One CommandHandler per command of the table, in table order: the table says which answer
    function runs and whether the command changes the chat (admins only, applied once); then button
    presses, documents (an admin's OPML file) and inline queries (`@bot NAME` in any chat)."""
    handlers: list[BaseHandler] = [
        CommandHandler(c.name, command_handler(c), filters=COMMAND_UPDATES, block=c.name not in FETCHING)
        for c in COMMANDS
    ]
    documents = MessageHandler(
        filters.Document.ALL & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE,
        feed_document,
        block=False,
    )
    return [
        *handlers,
        MessageHandler(PLAIN_TEXT, text_message),
        CallbackQueryHandler(button),
        documents,
        InlineQueryHandler(inline_query),
    ]
