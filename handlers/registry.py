"""Every command's Telegram handler, keyed by the names in the command table."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from answers.commands import COMMANDS
from handlers.buttons import button
from handlers.common import command_handler, text_message

# New messages and channel posts; an edited "/subscribe …" must not run again.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
# Words without a command, in a private chat only: a group's talk is not addressed to the bot.
PLAIN_TEXT = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def command_handlers() -> list[BaseHandler]:
    """One CommandHandler per command of the table, in table order: the table says which answer
    function runs and whether the command changes the chat (admins only, applied once)."""
    handlers: list[BaseHandler] = [
        CommandHandler(c.name, command_handler(c), filters=COMMAND_UPDATES) for c in COMMANDS
    ]
    return [*handlers, MessageHandler(PLAIN_TEXT, text_message), CallbackQueryHandler(button)]
