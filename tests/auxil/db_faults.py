"""Database faults from outside the bot, with real SQLite: another process holding the write lock, and
pages damaged on disk while the bot has the file open."""

from __future__ import annotations

import sqlite3
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


def damage_table(path: Path, table: str) -> int:
    """Overwrite every page of `table` and of its indexes in the database file with garbage, as a
    failing disk would, while a bot may have the file open; returns how many pages.

    The WAL is checkpointed first, so no newer copy of those pages is read from it; a write after
    the damage changes the WAL header, so every connection drops the pages it has cached."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "a reader held the WAL"
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? "
                "OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)",
                (table, table),
            )
        ]
        with path.open("r+b") as file:
            for page in pages:
                file.seek((page - 1) * page_size)
                file.write(b"\xff" * page_size)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()
    return len(pages)
