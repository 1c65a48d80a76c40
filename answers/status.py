"""/status: how the running service is doing, for the bot's admins."""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import metadata

from babel.dates import format_timedelta

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
            uptime=_age(figures.state.get("started_at"), ctx.now, lang) or never,
            version=_version(),
            ok=figures.feeds_ok,
            failing=figures.feeds_failing,
            paused=figures.feeds_paused,
            waiting=figures.alerts_waiting,
            oldest=_age(figures.oldest_waiting_at, ctx.now, lang) or "—",
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


def _age(stamp: str | None, now: datetime, lang: str) -> str | None:
    """How long before `now` the ISO `stamp` was, in the chat's language ("3 ساعات", "3 hr"); None
    when there is no stamp."""
    if not stamp:
        return None
    age = max(timedelta(0), now - datetime.fromisoformat(stamp))
    return format_timedelta(age, threshold=1.5, format="long" if lang == "ar" else "short", locale=lang)


def _ago(stamp: str | None, now: datetime, lang: str) -> str | None:
    age = _age(stamp, now, lang)
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
