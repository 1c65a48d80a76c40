"""Writing down what became of a send, however long the database refuses.

Once Telegram has answered, the outcome is known (sent, refused, try later) and must reach the outbox:
a row left `sending` holds its chat's queue until a restart, and a restart would re-send it marked as a
possible repeat although it was delivered. So a write the database refuses for now (locked past the
busy timeout, the disk full, an I/O error) is tried again in place with a bounded backoff until it
succeeds. Anything else (a bug, a damaged file) is raised at once: retrying cannot help.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from storage.db import REFUSED, database_fault

logger = logging.getLogger(__name__)

FIRST_RETRY_S = 0.1
MAX_RETRY_S = 5.0

T = TypeVar("T")


async def write_down(write: Callable[[], T]) -> T:
    """`write()`, retried while the database refuses it (0.1 s, doubling, at most 5 s apart)."""
    delay = FIRST_RETRY_S
    while True:
        try:
            return write()
        except Exception as exc:
            if database_fault(exc) != REFUSED:
                raise
            logger.warning("the database refuses to record a delivery (%s); trying again", exc)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_RETRY_S)


def refused(exc: Exception, doing: str) -> bool:
    """True (and logged) when `exc` is the database refusing for now: the caller skips `doing` and
    the next tick tries again; False for anything else, which the caller raises."""
    if database_fault(exc) != REFUSED:
        return False
    logger.warning("the database refuses to %s (%s); trying again at the next tick", doing, exc)
    return True
