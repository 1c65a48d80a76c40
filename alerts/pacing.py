"""Pacing sends the way Telegram asks: about one message a second per private chat, twenty a minute per
group or channel, thirty a second overall. Pacing is what keeps 429 the exception; a 429 that still
comes pushes that chat's next send back by `retry_after` (and only that chat's)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from aiolimiter import AsyncLimiter

PRIVATE_INTERVAL_S = 1.0
GROUP_INTERVAL_S = 3.1  # 20 a minute, with room for the request's own jitter
GLOBAL_PER_SECOND = 28.0  # under the 30/s ceiling with room for the two-message burst
GLOBAL_CEILING = 29  # requests that may reach Telegram in one second: its 30, less one
STALE_AFTER = 30.0  # seconds after which a request never answered stops counting as on its way
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
        second: float = 1.0,  # how long a second lasts (tests and benchmarks run Telegram's clock faster)
    ) -> None:
        # A two-message bucket refilled at `per_second`. With a one-message bucket every late wake-up of
        # the event loop is lost for good (measured: 26.8/s out of 28.5); two absorb it. Any one-second
        # window then holds at most 2 + per_second messages: 30 at the default 28, Telegram's ceiling.
        self._global = AsyncLimiter(2, 2 / per_second)
        self._private = private_interval_s
        self._group = group_interval_s
        self._clock = clock
        self._next: dict[int, float] = {}
        self._second = second
        self._in_flight: dict[
            int, tuple[float, float]
        ] = {}  # chat → (its interval, granted at), until answered
        self._answers: deque[float] = deque()  # when requests were answered, over the last second

    def ready_in(self, chat_id: int) -> float:
        """Seconds until the chat may get its next message."""
        return max(0.0, self._next.get(chat_id, 0.0) - self._clock())

    async def wait_turn(self, chat_id: int, chat_type: str) -> None:
        """Sleep until this chat may get a message and the global rate allows one; book the slot."""
        while (delay := self.ready_in(chat_id)) > 0:  # noqa: ASYNC110 - a 429 may move the slot meanwhile
            await asyncio.sleep(delay)
        await self._global.acquire()
        while (delay := self._crowded_for()) > 0:  # noqa: ASYNC110 - answers arrive meanwhile
            await asyncio.sleep(delay)
        interval = self._private if chat_type in ("private", "terminal") else self._group
        now = self._clock()
        self._book(chat_id, now + interval)
        self._in_flight[chat_id] = (interval, now)

    def _crowded_for(self) -> float:
        """Seconds before one more request may leave. The rate above spaces requests as they leave,
        but Telegram counts them as they arrive, and requests bunch up on the way (a busy machine, a
        connection pool, a slow network): everything answered within the last second or still on its
        way might arrive in the same second as this one, so together they stay under the ceiling."""
        now = self._clock()
        while self._answers and self._answers[0] <= now - self._second:
            self._answers.popleft()
        stale = now - STALE_AFTER * self._second
        on_the_way = sum(1 for _, granted in self._in_flight.values() if granted > stale)
        if len(self._answers) + on_the_way < GLOBAL_CEILING:
            return 0.0
        return self._answers[0] + self._second - now if self._answers else 0.01 * self._second

    def answered(self, chat_id: int) -> None:
        """The request booked by `wait_turn` is over. Telegram counts a chat's messages as they arrive,
        and a request can arrive late (the network, a slow answer): the next one waits a full interval
        from now too, so two never arrive closer than the interval."""
        booked = self._in_flight.pop(chat_id, None)
        if booked is not None:
            now = self._clock()
            self._answers.append(now)
            self._book(chat_id, max(self._next.get(chat_id, 0.0), now + booked[0]))

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said "retry after": nothing more to this chat before then."""
        self._book(chat_id, max(self._next.get(chat_id, 0.0), self._clock() + seconds))

    def _book(self, chat_id: int, when: float) -> None:
        self._next[chat_id] = when
        if len(self._next) > MAX_TRACKED_CHATS:
            now = self._clock()
            self._next = {chat: t for chat, t in self._next.items() if t > now}
