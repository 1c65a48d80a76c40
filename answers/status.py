"""/status: how the running service is doing, for the bot's admins."""

from __future__ import annotations

from datetime import datetime
from importlib import metadata

from answers.context import AnswerContext, Asker, Attachment, Reply
from i18n.catalog import text
from storage.backup import BackupError, backup_bytes
from storage.service import service_figures, set_state


def status(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Uptime, version, feeds, the alert queue, the last alert sent, the database and its last backup."""
    figures = service_figures(ctx.db)
    lang = asker.language
    never = text("status.never", lang)
    return Reply(
        text(
            "status.body",
            lang,
            uptime=_age(figures.state.get("started_at"), ctx.now) or never,
            version=_version(),
            ok=figures.feeds_ok,
            failing=figures.feeds_failing,
            paused=figures.feeds_paused,
            waiting=figures.alerts_waiting,
            oldest=_age(figures.oldest_waiting_at, ctx.now) or "—",
            last_sent=_ago(figures.last_sent_at, ctx.now, lang) or never,
            size=f"{figures.database_bytes / 1_048_576:.1f}",
            backup=_ago(figures.state.get("last_backup_at"), ctx.now, lang) or never,
        )
    )


def _version() -> str:
    try:
        return metadata.version("raqib")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _age(stamp: str | None, now: datetime) -> str | None:
    """`2026-01-01T10:00:00+00:00` → "3h 12m" before `now`; None when there is no stamp."""
    if not stamp:
        return None
    seconds = max(0, int((now - datetime.fromisoformat(stamp)).total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {seconds}s"


def _ago(stamp: str | None, now: datetime, lang: str) -> str | None:
    age = _age(stamp, now)
    return text("status.ago", lang, age=age, at=stamp[:16].replace("T", " ")) if age else None


def backup(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """A checked copy of the database, as a document."""
    try:
        data = backup_bytes(ctx.db)
    except BackupError as exc:
        return Reply(text("backup.failed", asker.language, reason=str(exc)))
    set_state(ctx.db, "last_backup_at", ctx.now.isoformat(timespec="seconds"))
    caption = text("backup.done", asker.language, size=f"{len(data) / 1_048_576:.1f}")
    name = f"raqib-{ctx.now:%Y%m%d-%H%M%S}.db"
    return Reply(caption, attachment=Attachment(name, data, "document", caption))
