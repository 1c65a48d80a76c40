"""The terminal chat: the same answers as Telegram, typed on standard input, replies on standard output.

Feeds are polled once before the first command is read, so piped input (`printf '/latest\n' | raqib run`)
sees what the feeds hold; alerts for the terminal's subscriptions are printed as they are delivered. A
damaged database ends the chat with DamagedDatabaseError, as it ends the Telegram bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from alerts.sender import Deliverer
from alerts.senders import TerminalSender
from answers.commands import answer_line, plain_text
from answers.context import AnswerContext, Reply, make_asker
from bot.runtime import Runtime, delivery_settings, tell_admins_about_feed
from i18n.catalog import text
from ingest.poller import FeedPoller
from storage.db import DAMAGED, DamagedDatabaseError, database_fault, describe_failure
from storage.incidents import count_incidents
from storage.subscriptions import ensure_chat

logger = logging.getLogger(__name__)

TERMINAL_CHAT_ID = 1  # stored with type "terminal": the Telegram sender never picks its alerts


async def run_terminal(runtime: Runtime, stdin: TextIO, stdout: TextIO) -> int:
    """Chat on the terminal until end of input; return the exit status."""
    config = runtime.config
    damage: list[Exception] = []
    sender = Deliverer(
        runtime.db, TerminalSender(stdout), delivery_settings(config), terminal=True, on_damage=damage.append
    )
    poller = FeedPoller(
        runtime.db,
        runtime.http,
        runtime.gazetteer,
        # A notice for the admins is queued for Telegram; the terminal has the log line.
        after_poll=lambda report: (
            sender.tick() if tell_admins_about_feed(runtime, report) or report.alerts_queued else None
        ),
        on_damage=damage.append,
    )
    ensure_chat(runtime.db, TERMINAL_CHAT_ID, "terminal", "terminal", _now().isoformat(timespec="seconds"))
    await poller.run_once()
    await sender.run_once()
    interactive = stdin.isatty()
    if interactive:
        stdout.write(f"Raqib — {count_incidents(runtime.db)} incidents stored. /help لقائمة الأوامر\n")
    background = asyncio.create_task(_keep_polling(runtime, poller, sender))
    try:
        while not damage:
            if interactive:
                stdout.write("> ")
                stdout.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line or damage:
                break
            try:
                reply = await _answer(runtime, line)
            except Exception as exc:
                if database_fault(exc) != DAMAGED:
                    raise
                damage.append(exc)
                break
            if reply is not None:
                stdout.write(render_reply(*reply) + "\n\n")
                stdout.flush()
            await sender.run_once()
    finally:
        background.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await background
        await poller.stop()
    if damage:
        raise DamagedDatabaseError(describe_failure(damage[0]) or str(damage[0])) from damage[0]
    await sender.run_once()
    return 0


async def _answer(runtime: Runtime, line: str) -> tuple[Reply, Path, str] | None:
    # The terminal's operator runs the bot: they are its admin.
    asker = make_asker(
        runtime.db, TERMINAL_CHAT_ID, "terminal", None, None, runtime.config.default_language, is_admin=True
    )
    ctx = AnswerContext(runtime.db, runtime.gazetteer, _now(), runtime.feed_access)
    reply = await answer_line(ctx, asker, line)
    if reply is None and line.strip():
        reply = plain_text(ctx, asker, line.split())
    return None if reply is None else (reply, runtime.config.database.parent / "out", asker.language)


def render_reply(reply: Reply, output_dir: Path, language: str) -> str:
    """A reply as terminal text: buttons become the commands they run, files are written to disk."""
    parts = [reply.text]
    for row in reply.buttons:
        parts.extend(f"  → {button.command}" for button in row)
    if reply.attachment is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        path = _new_file(output_dir, _now().strftime("%Y%m%d-%H%M%S"), reply.attachment.filename)
        path.write_bytes(reply.attachment.data)
        parts.append(text("file.saved", language, path=path))
    return "\n".join(parts)


def _new_file(folder: Path, stamp: str, name: str) -> Path:
    """A file name not taken yet: two exports in one second get -2, -3… instead of overwriting."""
    path = folder / f"{stamp}-{name}"
    stem, suffix = path.stem, path.suffix
    k = 2
    while path.exists():
        path = folder / f"{stem}-{k}{suffix}"
        k += 1
    return path


async def _keep_polling(runtime: Runtime, poller: FeedPoller, sender: Deliverer) -> None:
    while not sender.damaged:
        await asyncio.sleep(runtime.config.tick_s)
        try:
            poller.tick()
            await sender.run_once()
        except Exception:  # keep the chat alive; the log says what failed
            logger.exception("background poll failed")


def _now() -> datetime:
    return datetime.now(UTC)
