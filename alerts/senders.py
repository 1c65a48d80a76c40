"""Concrete senders: Telegram (through PTB) and the terminal chat."""

from __future__ import annotations

import sys
from typing import TextIO

import telegram
from telegram import ReplyParameters
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from alerts.sender import ChatGone, ChatMoved, Delivered, Halted, Outgoing, Rejected, SendOutcome, TryLater

# A long read timeout makes "did it arrive?" rarer (reliability §3.1): PTB's default is 5 s.
_TIMEOUTS = {"read_timeout": 20, "write_timeout": 20, "connect_timeout": 10, "pool_timeout": 5}
_TOPIC_GONE = ("topic_closed", "topic_deleted", "message thread not found")
_CHAT_GONE = (
    "chat not found",
    "not enough rights",
    "have no rights",
    "chat_write_forbidden",
    "user is deactivated",
)
_EDIT_LOST = ("message to edit not found", "message can't be edited")


class TelegramSender:
    """Sends with `send_message` (or edits with `edit_message_text`) and classifies PTB's exceptions
    (reliability §3.1, V14)."""

    def __init__(self, bot: telegram.Bot, read_timeout_s: float = 20.0) -> None:
        self._bot = bot
        self._timeouts = {**_TIMEOUTS, "read_timeout": read_timeout_s}

    async def send(self, message: Outgoing) -> SendOutcome:
        """Send one alert and say what became of it."""
        try:
            return await self._send(message)
        except RetryAfter as exc:
            return TryLater("rate limited", after_s=_seconds(exc.retry_after))
        except ChatMigrated as exc:
            return ChatMoved(int(exc.new_chat_id))
        except Forbidden as exc:
            return ChatGone(exc.message)
        except InvalidToken as exc:
            return Halted(exc.message)
        except BadRequest as exc:  # BadRequest is a NetworkError subclass: catch it first
            low = exc.message.lower()
            if any(word in low for word in _TOPIC_GONE):
                return ChatGone(exc.message, topic=True)
            if any(word in low for word in _CHAT_GONE):
                return ChatGone(exc.message)
            return Rejected(exc.message)
        except TimedOut as exc:  # an edit that may have happened is harmless to repeat: not ambiguous
            return TryLater(
                f"timed out: {exc.message}", ambiguous=_maybe_sent(exc) and not message.edit_message_id
            )
        except NetworkError as exc:  # 5xx and broken connections: retried, not marked (docs/delivery.md)
            return TryLater(f"network: {exc.message}")

    async def _send(self, message: Outgoing) -> SendOutcome:
        body, mode = (message.card.plain, None) if message.plain_only else (message.card.html, ParseMode.HTML)
        reply_to = None
        if message.edit_message_id is not None:
            try:
                await self._bot.edit_message_text(
                    body,
                    chat_id=message.chat_id,
                    message_id=message.edit_message_id,
                    parse_mode=mode,
                    **self._timeouts,
                )
                return Delivered(message.edit_message_id)
            except BadRequest as exc:
                low = exc.message.lower()
                if "message is not modified" in low:
                    return Delivered(message.edit_message_id)
                if not any(word in low for word in _EDIT_LOST):
                    raise
                # Deleted by the user: a new message. Too old to edit: a reply to it.
                reply_to = message.edit_message_id if "can't be edited" in low else None
        sent = await self._bot.send_message(
            message.chat_id,
            body,
            parse_mode=mode,
            message_thread_id=message.thread_id or None,
            disable_notification=message.silent,
            reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to
            else None,
            **self._timeouts,
        )
        return Delivered(sent.message_id)


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # int now, timedelta in later PTB


def _maybe_sent(exc: TimedOut) -> bool:
    """PTB says "Pool timeout" / connect failures when the request never left; anything else may have."""
    cause = type(exc.__cause__).__name__ if exc.__cause__ else ""
    return cause not in {"PoolTimeout", "ConnectTimeout", "ConnectError"}


class TerminalSender:
    """Prints alerts in the terminal chat, each framed so it stands out from replies."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout
        self._count = 0

    async def send(self, message: Outgoing) -> SendOutcome:
        """Print the alert."""
        self._count += 1
        self._stream.write(f"\n{message.card.plain}\n\n")
        self._stream.flush()
        return Delivered(self._count)
