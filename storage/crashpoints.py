"""Named crash points for the durability tests (docs/reliability.md §4, H3).

`RAQIB_CRASHPOINT="sender.after_send:3"` makes the process SIGKILL itself the third time it passes
`crashpoint("sender.after_send")` (several: "a:1,b:2"). Unset — always, outside those tests — a
crash point costs one truth test. They sit beside commits, so they live in the lowest layer."""

from __future__ import annotations

import logging
import os
import signal

logger = logging.getLogger(__name__)


def _armed() -> dict[str, int]:
    armed = {}
    for part in os.environ.get("RAQIB_CRASHPOINT", "").split(","):
        name, _, count = part.strip().partition(":")
        if name:
            armed[name] = int(count or 1)
    return armed


_ARMED = _armed()
_PASSED: dict[str, int] = {}


def crashpoint(name: str) -> None:
    """Die here, now, without cleanup, if the test armed this point for this pass."""
    if not _ARMED or name not in _ARMED:
        return
    _PASSED[name] = _PASSED.get(name, 0) + 1
    if _PASSED[name] == _ARMED[name]:
        logger.warning("crash point %s reached: killing the process", name)
        os.kill(os.getpid(), signal.SIGKILL)
