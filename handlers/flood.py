"""Per-user limits on commands and button presses (docs/reliability.md §5 F45).

Telegram hands the bot one update at a time; a user sending 200 commands in 10 s would otherwise make
every other user wait behind them and push the bot's own replies past Telegram's limits. Each user gets
a leaky bucket (aiolimiter): `per_minute` commands, refilled at that rate. Over it, the first command
gets one "slow down" reply and the rest are dropped without a request to Telegram, until the bucket
has room again. The table of buckets is bounded: the least recently seen users are forgotten first.
"""

from __future__ import annotations

import enum
import logging
from collections import OrderedDict

from aiolimiter import AsyncLimiter

logger = logging.getLogger(__name__)


class Admission(enum.Enum):
    PASS = "pass"  # answer it
    WARN = "warn"  # over the limit: say "slow down" once
    DROP = "drop"  # still over the limit: ignore it, no request to Telegram


class FloodGuard:
    """Which of a user's updates to answer."""

    def __init__(self, per_minute: float, max_users: int = 10_000) -> None:
        self.per_minute = per_minute
        self.max_users = max_users
        self._buckets: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self._warned: set[int] = set()

    async def admit(self, user_id: int) -> Admission:
        if self.per_minute <= 0:
            return Admission.PASS
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = AsyncLimiter(self.per_minute, 60)
            if len(self._buckets) > self.max_users:
                forgotten, _ = self._buckets.popitem(last=False)
                self._warned.discard(forgotten)
        self._buckets.move_to_end(user_id)
        if bucket.has_capacity():
            await bucket.acquire()  # returns at once: there is room
            self._warned.discard(user_id)
            return Admission.PASS
        if user_id in self._warned:
            return Admission.DROP
        self._warned.add(user_id)
        logger.warning(
            "user %d is over %g commands a minute; ignoring them until it drains", user_id, self.per_minute
        )
        return Admission.WARN
