"""Concrete senders: Telegram (through PTB) and the terminal chat."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import httpx
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
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from alerts.outcomes import ChatGone, ChatMoved, Delivered, Halted, Outgoing, Rejected, SendOutcome, TryLater

# A long read timeout makes "did it arrive?" rarer (docs/reliability.md §3.1): PTB's default is 5 s.
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
_WRITTEN = "raqib.request_written"  # set on an httpx request once its body has been fully written
# Without that note (a Bot built on another request): the failures that happen before the request is out.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
)


def telegram_request(**kwargs: Any) -> HTTPXRequest:
    """PTB's HTTPXRequest (`kwargs` as its own) whose requests note when their body has been fully
    written: what tells a send whose outcome is unknown from one that never left."""
    return HTTPXRequest(**kwargs, httpx_kwargs={"event_hooks": {"request": [_note_written]}})


async def _note_written(request: httpx.Request) -> None:
    """httpx request hook: an httpcore trace that marks the request when its body is out."""

    async def trace(event: str, info: dict) -> None:
        if event.endswith("send_request_body.complete"):
            request.extensions[_WRITTEN] = True

    request.extensions[_WRITTEN] = False
    request.extensions["trace"] = trace


class TelegramSender:
    """Sends with `send_message` (or edits with `edit_message_text`) and classifies PTB's exceptions
    (docs/reliability.md §3.1, V14)."""

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
            maybe = _may_have_arrived(exc, unknown=True) and not message.edit_message_id
            return TryLater(f"timed out: {exc.message}", ambiguous=maybe)
        except NetworkError as exc:  # a connection lost once the request was out may have delivered it
            maybe = _may_have_arrived(exc, unknown=False) and not message.edit_message_id
            return TryLater(f"network: {exc.message}", ambiguous=maybe)

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


def _may_have_arrived(exc: TelegramError, unknown: bool) -> bool:
    """Whether Telegram may have the message although the request failed: yes once its body was fully
    written, whatever broke next (a read timeout, the connection closed or reset before the answer).
    PTB keeps httpx's exception in `__cause__`; without one (a 5xx, Telegram answered) `unknown`."""
    cause = exc.__cause__
    if not isinstance(cause, httpx.TransportError):
        return unknown
    try:
        written = cause.request.extensions.get(_WRITTEN)
    except RuntimeError:  # httpx raised it without its request
        written = None
    if written is None:
        return not isinstance(cause, _NOT_SENT)
    return written


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
