"""How alerts reach a chat: /mute for a while, /quiet at night, /digest instead of single alerts.

Muted and quiet chats still get every alert, without a sound (and an incident with many dead rings
anyway); a digest chat gets one summary message an hour or a day. Nothing is ever dropped."""

from __future__ import annotations

import re
from datetime import timedelta

from alerts.quiet import DEFAULT_TIMEZONE, is_known_zone, parse_quiet_hours, zone
from answers.context import AnswerContext, Asker, Reply
from i18n.catalog import isolate, text
from storage.subscriptions import ensure_chat, set_chat_setting

_DURATION_RE = re.compile(r"^(\d{1,4})\s*(m|min|h|d|دقيقة|دقائق|ساعة|ساعات|يوم|أيام|ايام)?$")
_UNITS = {"m": 1, "min": 1, "دقيقة": 1, "دقائق": 1, "h": 60, "ساعة": 60, "ساعات": 60}
_UNITS |= {"d": 1440, "يوم": 1440, "أيام": 1440, "ايام": 1440}
_OFF = {"off", "stop", "none", "إيقاف", "ايقاف", "الغاء", "إلغاء", "لا"}
_DIGESTS = {"hourly": "hourly", "daily": "daily", "ساعي": "hourly", "كل-ساعة": "hourly", "يومي": "daily"}
MAX_MUTE = timedelta(days=30)


def mute(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """/mute 2h (30m, 1d …) or /mute off."""
    word = " ".join(args).strip().lower()
    _remember_chat(ctx, asker)
    if word in _OFF:
        set_chat_setting(ctx.db, asker.chat_id, muted_until=None)
        return Reply(text("mute.off", asker.language))
    match = _DURATION_RE.match(word.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    if not match:
        return Reply(text("usage.mute", asker.language))
    minutes = int(match.group(1)) * _UNITS.get(match.group(2) or "h", 60)
    until = ctx.now + min(MAX_MUTE, timedelta(minutes=max(1, minutes)))
    set_chat_setting(ctx.db, asker.chat_id, muted_until=until.isoformat(timespec="seconds"))
    return Reply(text("mute.on", asker.language, until=isolate(_local(until, ctx, asker))))


def quiet(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """/quiet 23:00-07:00 [TIME ZONE] or /quiet off."""
    _remember_chat(ctx, asker)
    if args and args[0].lower() in _OFF:
        set_chat_setting(
            ctx.db, asker.chat_id, quiet_hours=None, timezone=None
        )  # the zone was the quiet hours'
        return Reply(text("quiet.off", asker.language))
    hours = parse_quiet_hours(args[0]) if args else None
    if hours is None:
        return Reply(text("usage.quiet", asker.language))
    timezone = args[1] if len(args) > 1 else DEFAULT_TIMEZONE
    if not is_known_zone(timezone):
        return Reply(text("unknown.timezone", asker.language, name=timezone[:60]))
    span = f"{hours[0]:%H:%M}-{hours[1]:%H:%M}"
    set_chat_setting(ctx.db, asker.chat_id, quiet_hours=span, timezone=timezone)
    return Reply(text("quiet.on", asker.language, span=isolate(span), zone=isolate(timezone)))


def digest(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """/digest hourly|daily or /digest off."""
    word = args[0].lower() if args else ""
    _remember_chat(ctx, asker)
    if word in _OFF:
        set_chat_setting(ctx.db, asker.chat_id, digest=None)
        return Reply(text("digest.off", asker.language))
    mode = _DIGESTS.get(word)
    if mode is None:
        return Reply(text("usage.digest", asker.language))
    set_chat_setting(ctx.db, asker.chat_id, digest=mode)
    return Reply(text(f"digest.{mode}", asker.language))


def _remember_chat(ctx: AnswerContext, asker: Asker) -> None:
    ensure_chat(ctx.db, asker.chat_id, asker.chat_type, asker.title, ctx.now.isoformat(timespec="seconds"))


def _local(moment, ctx: AnswerContext, asker: Asker) -> str:
    """The time in the chat's zone, saying which ("2026-12-02 14:00 Asia/Damascus")."""
    row = ctx.db.execute("SELECT timezone FROM chats WHERE id = ?", (asker.chat_id,)).fetchone()
    name = (row[0] if row else None) or DEFAULT_TIMEZONE
    return f"{moment.astimezone(zone(name)).strftime('%Y-%m-%d %H:%M')} {name}"
