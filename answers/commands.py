"""The command table: /help, the Telegram menu, the handlers and the terminal chat all come from it."""

from __future__ import annotations

import inspect
import shlex
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from answers import export as export_answers
from answers import feeds, incidents, settings, stats, subscriptions
from answers import help as help_answers
from answers import status as status_answers
from answers.context import AnswerContext, Asker, Reply
from answers.names import resolve_actor, resolve_place
from i18n.catalog import text

# Most answers are plain functions; those that fetch (adding a feed) are coroutines.
Answer = Callable[[AnswerContext, Asker, list[str]], Reply | Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Command:
    """A bot command: its name, the answer function, and its menu description key."""

    name: str
    answer: Answer
    description_key: str
    listed: bool = True
    changes_chat: bool = False  # in groups only admins may run it; a replayed update is not applied twice
    admin: bool = False  # the bot's admins only (bot.admins, the terminal's operator); listed to them alone
    private: bool = False  # answered only in a private chat (or the terminal): its reply is not for a group


COMMANDS: tuple[Command, ...] = (
    Command("help", help_answers.help_text, "cmd.help"),
    Command("start", help_answers.help_text, "cmd.help", listed=False),
    Command("latest", incidents.latest, "cmd.latest"),
    Command("town", incidents.town, "cmd.town"),
    Command("actor", incidents.actor, "cmd.actor"),
    Command("type", incidents.event_type, "cmd.type"),
    Command("near", incidents.near, "cmd.near"),
    Command("search", incidents.search, "cmd.search"),
    Command("incident", incidents.incident, "cmd.incident"),
    Command("stats", stats.stats, "cmd.stats"),
    Command("map", stats.incident_map, "cmd.map"),
    Command("export", export_answers.export, "cmd.export"),
    Command("subscribe", subscriptions.subscribe, "cmd.subscribe", changes_chat=True),
    Command("unsubscribe", subscriptions.unsubscribe, "cmd.unsubscribe", changes_chat=True),
    Command("subscriptions", subscriptions.subscriptions, "cmd.subscriptions"),
    Command("mute", settings.mute, "cmd.mute", changes_chat=True),
    Command("quiet", settings.quiet, "cmd.quiet", changes_chat=True),
    Command("digest", settings.digest, "cmd.digest", changes_chat=True),
    Command("lang", subscriptions.lang, "cmd.lang", changes_chat=True),
    Command("feeds", feeds.feeds, "cmd.feeds", admin=True),
    Command("addfeed", feeds.addfeed, "cmd.addfeed", admin=True),
    Command("removefeed", feeds.removefeed, "cmd.removefeed", admin=True),
    Command("pausefeed", feeds.pausefeed, "cmd.pausefeed", admin=True),
    Command("resumefeed", feeds.resumefeed, "cmd.resumefeed", admin=True),
    Command("exportfeeds", feeds.exportfeeds, "cmd.exportfeeds", admin=True),
    Command("status", status_answers.status, "cmd.status", admin=True, private=True),
    Command("backup", status_answers.backup, "cmd.backup", admin=True, private=True),
)

PRIVATE_CHAT_TYPES = ("private", "terminal")
_BY_NAME = {command.name: command for command in COMMANDS}


def changes_chat(line: str) -> bool:
    """Whether the command on this line changes what the chat receives (buttons run such lines too)."""
    parsed = split_command(line)
    command = _BY_NAME.get(parsed[0]) if parsed else None
    return bool(command and command.changes_chat)


def split_command(line: str) -> tuple[str, list[str]] | None:
    """`/town@raqib_bot العشارة 7d` → ("town", ["العشارة", "7d"]); None when not a command."""
    line = line.strip()
    if not line.startswith("/"):
        return None
    head, _, rest = line[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    try:
        args = shlex.split(rest)
    except ValueError:  # an unbalanced quote: fall back to plain words
        args = rest.split()
    return name, args


async def answer_line(ctx: AnswerContext, asker: Asker, line: str) -> Reply | None:
    """Answer one typed line as the bot would; None for text that is not a command."""
    parsed = split_command(line)
    if parsed is None:
        return None
    name, args = parsed
    command = _BY_NAME.get(name)
    if command is None:
        return Reply(text("unknown.command", asker.language))
    return await run_answer(command, ctx, asker, args)


async def run_answer(command: Command, ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """The command's reply; an admin command asked by anyone else gets the one polite refusal, and a
    private command asked in a group another."""
    if command.admin and not asker.is_admin:
        return Reply(text("feeds.admins_only", asker.language))
    if command.private and asker.chat_type not in PRIVATE_CHAT_TYPES:
        return Reply(text("private.only", asker.language))
    reply = command.answer(ctx, asker, args)
    return await reply if inspect.isawaitable(reply) else reply


def visible_commands(is_admin: bool) -> list[Command]:
    """The commands /help and the menu list: admin commands for admins only."""
    return [c for c in COMMANDS if c.listed and (is_admin or not c.admin)]


MAX_NAME_WORDS = 6  # a town's or a party's name is short; a longer message is not one


def plain_text(ctx: AnswerContext, asker: Asker, words: list[str]) -> Reply:
    """A message that is no command: a town's name answers like /town, a party's like /actor
    ("العشارة", "الدفاع الوطني"); anything else gets a short hint."""
    name = " ".join(words)
    if words and len(words) <= MAX_NAME_WORDS:
        if resolve_place(ctx.gazetteer, name).matches:
            return incidents.town(ctx, asker, words)
        if resolve_actor(ctx.gazetteer, name).matches:
            return incidents.actor(ctx, asker, words)
    return Reply(text("plain.hint", asker.language))
