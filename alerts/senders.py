"""Concrete senders: Telegram (through PTB) and the terminal chat."""

from __future__ import annotations

import sys
from typing import TextIO

import telegram
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from alerts.sender import Delivered, SendOutcome, TryLater, Undeliverable


class TelegramSender:
    """Sends with `bot.send_message` and classifies PTB's exceptions (reliability §3.1)."""

    def __init__(self, bot: telegram.Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, text: str) -> SendOutcome:
        """Send one alert and say what became of it."""
        try:
            message = await self._bot.send_message(chat_id, text, read_timeout=20)
        except RetryAfter as exc:
            return TryLater("rate limited", after_s=_seconds(exc.retry_after))
        except Forbidden as exc:
            return Undeliverable(f"chat gone: {exc.message}")
        except ChatMigrated as exc:
            return TryLater(f"chat moved to {exc.new_chat_id}")
        except BadRequest as exc:  # BadRequest is a NetworkError subclass: catch it first
            if "chat not found" in exc.message.lower():
                return Undeliverable(f"chat gone: {exc.message}")
            return Undeliverable(f"refused: {exc.message}")
        except TimedOut as exc:
            return TryLater(f"timed out: {exc.message}", ambiguous=_maybe_sent(exc))
        except NetworkError as exc:
            return TryLater(f"network: {exc.message}")
        return Delivered(message.message_id)


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

    async def send(self, chat_id: int, text: str) -> SendOutcome:
        """Print the alert."""
        self._count += 1
        self._stream.write(f"\n{text}\n\n")
        self._stream.flush()
        return Delivered(self._count)
