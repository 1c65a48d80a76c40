"""Every command's Telegram handler, keyed by the names in the command table."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from answers.commands import COMMANDS
from handlers.buttons import button
from handlers.common import command_handler

# New messages and channel posts; an edited "/subscribe …" must not run again.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def command_handlers() -> list[BaseHandler]:
    """One CommandHandler per command of the table, in table order: the table says which answer
    function runs and whether the command changes the chat (admins only, applied once)."""
    handlers: list[BaseHandler] = [
        CommandHandler(c.name, command_handler(c), filters=COMMAND_UPDATES) for c in COMMANDS
    ]
    return [*handlers, CallbackQueryHandler(button)]
