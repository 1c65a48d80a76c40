"""Every command's Telegram handler, keyed by the names in the command table."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from answers.commands import COMMANDS
from handlers import help as help_handlers
from handlers import incidents, subscriptions
from handlers.buttons import button

HANDLERS = {
    "help": help_handlers.help_command,
    "start": help_handlers.help_command,
    "latest": incidents.latest,
    "town": incidents.town,
    "actor": incidents.actor,
    "incident": incidents.incident,
    "type": incidents.event_type,
    "near": incidents.near,
    "search": incidents.search,
    "stats": incidents.stats,
    "map": incidents.incident_map,
    "export": incidents.export,
    "subscribe": subscriptions.subscribe,
    "unsubscribe": subscriptions.unsubscribe,
    "subscriptions": subscriptions.subscriptions,
    "mute": subscriptions.mute,
    "quiet": subscriptions.quiet,
    "digest": subscriptions.digest,
    "lang": subscriptions.lang,
}

# New messages and channel posts; an edited "/subscribe …" must not run again.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def command_handlers() -> list[BaseHandler]:
    """One CommandHandler per command of the table, in table order."""
    missing = [c.name for c in COMMANDS if c.name not in HANDLERS]
    if missing:
        raise RuntimeError(f"commands without a Telegram handler: {missing}")
    handlers: list[BaseHandler] = [
        CommandHandler(c.name, HANDLERS[c.name], filters=COMMAND_UPDATES) for c in COMMANDS
    ]
    return [*handlers, CallbackQueryHandler(button)]
