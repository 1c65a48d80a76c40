"""/help and /start."""

from __future__ import annotations

from answers.context import AnswerContext, Asker, Reply
from i18n.catalog import text


def help_text(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """What the bot does and every command, in the chat's language."""
    from answers.commands import visible_commands  # the table lists this function too

    commands = visible_commands(asker.is_admin)
    lines = [text("help.title", asker.language), ""]
    lines += [f"/{c.name} — {text(c.description_key, asker.language)}" for c in commands if not c.admin]
    lines += ["", text("help.footer", asker.language)]
    admin = [f"/{c.name} — {text(c.description_key, asker.language)}" for c in commands if c.admin]
    if admin:
        lines += ["", text("help.admin", asker.language), *admin]
    return Reply("\n".join(lines))
