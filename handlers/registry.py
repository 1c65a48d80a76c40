"""Every command's Telegram handler, keyed by the names in the command table."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

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
    "lang": subscriptions.lang,
}


def command_handlers() -> list[BaseHandler]:
    """One CommandHandler per command of the table, in table order."""
    missing = [c.name for c in COMMANDS if c.name not in HANDLERS]
    if missing:
        raise RuntimeError(f"commands without a Telegram handler: {missing}")
    return [CommandHandler(c.name, HANDLERS[c.name]) for c in COMMANDS] + [CallbackQueryHandler(button)]
