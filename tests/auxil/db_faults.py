"""Database faults from outside the bot, with real SQLite: another process holding the write lock, and
(where the machine allows a private mount namespace) a disk that fills up under the bot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Takes the write lock (BEGIN IMMEDIATE), says so, and holds it until its stdin closes.
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


class WriteLock:
    """Another process holding the database's write lock from `take()` to `release()`: every write
    of the bot waits its busy timeout (5 s) and then fails with "database is locked"."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._process: subprocess.Popen | None = None

    def take(self) -> None:
        """Return once the other process holds the lock."""
        self._process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(self._path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        """Let the lock go (and the process end); harmless when not held."""
        process, self._process = self._process, None
        if process is not None:
            process.stdin.close()
            process.wait(timeout=10)
            process.stdout.close()
