"""/help and /start."""

from __future__ import annotations

from answers.context import AnswerContext, Asker, Reply
from i18n.catalog import text


def help_text(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """What the bot does and every command, in the chat's language."""
    from answers.commands import COMMANDS  # the table lists this function too

    lines = [text("help.title", asker.language), ""]
    lines += [f"/{c.name} — {text(c.description_key, asker.language)}" for c in COMMANDS if c.listed]
    lines += ["", text("help.footer", asker.language)]
    return Reply("\n".join(lines))
