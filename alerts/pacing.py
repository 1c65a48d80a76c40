"""Pacing sends the way Telegram asks: about one message a second per private chat, twenty a minute per
group or channel, thirty a second overall. Pacing is what keeps 429 the exception; a 429 that still
comes pushes that chat's next send back by `retry_after` (and only that chat's)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from aiolimiter import AsyncLimiter

PRIVATE_INTERVAL_S = 1.0
GROUP_INTERVAL_S = 3.1  # 20 a minute, with room for the request's own jitter
GLOBAL_PER_SECOND = 28.0  # under the 30/s ceiling with room for the two-message burst
MAX_TRACKED_CHATS = 50_000


class Pacer:
    """Spacing per chat under one global rate. The per-chat table only keeps chats whose next send is
    still in the future, so it stays small however many chats there are."""

    def __init__(
        self,
        per_second: float = GLOBAL_PER_SECOND,
        private_interval_s: float = PRIVATE_INTERVAL_S,
        group_interval_s: float = GROUP_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # A two-message bucket refilled at `per_second`. With a one-message bucket every late wake-up of
        # the event loop is lost for good (measured: 26.8/s out of 28.5); two absorb it. Any one-second
        # window then holds at most 2 + per_second messages: 30 at the default 28, Telegram's ceiling.
        self._global = AsyncLimiter(2, 2 / per_second)
        self._private = private_interval_s
        self._group = group_interval_s
        self._clock = clock
        self._next: dict[int, float] = {}
        self._in_flight: dict[int, float] = {}  # chat → its interval, from wait_turn until answered

    def ready_in(self, chat_id: int) -> float:
        """Seconds until the chat may get its next message."""
        return max(0.0, self._next.get(chat_id, 0.0) - self._clock())

    async def wait_turn(self, chat_id: int, chat_type: str) -> None:
        """Sleep until this chat may get a message and the global rate allows one; book the slot."""
        while (delay := self.ready_in(chat_id)) > 0:  # noqa: ASYNC110 - a 429 may move the slot meanwhile
            await asyncio.sleep(delay)
        await self._global.acquire()
        interval = self._private if chat_type in ("private", "terminal") else self._group
        self._book(chat_id, self._clock() + interval)
        self._in_flight[chat_id] = interval

    def answered(self, chat_id: int) -> None:
        """The request booked by `wait_turn` is over. Telegram counts a chat's messages as they arrive,
        and a request can arrive late (the network, a slow answer): the next one waits a full interval
        from now too, so two never arrive closer than the interval."""
        interval = self._in_flight.pop(chat_id, None)
        if interval is not None:
            self._book(chat_id, max(self._next.get(chat_id, 0.0), self._clock() + interval))

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said "retry after": nothing more to this chat before then."""
        self._book(chat_id, max(self._next.get(chat_id, 0.0), self._clock() + seconds))

    def _book(self, chat_id: int, when: float) -> None:
        self._next[chat_id] = when
        if len(self._next) > MAX_TRACKED_CHATS:
            now = self._clock()
            self._next = {chat: t for chat, t in self._next.items() if t > now}
