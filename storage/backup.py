"""Copying the database while the bot runs, with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage.db import StorageError


class BackupError(StorageError):
    """The copy could not be made or did not pass its check; the message says why."""


def backup_database(source: Path, out: Path) -> int:
    """Copy `source` to `out` page by page (readers and the writer go on), check the copy, return its size.

    The copy is written beside `out` and renamed over it only once `PRAGMA integrity_check` says ok, so a
    failed backup never replaces a good one.
    """
    if not source.is_file():
        raise BackupError(f"{source}: no such database file")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=5.0)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=1024)  # in steps, so the bot's writes wait at most one step
                verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot copy {source}: {exc}") from exc
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy of {source} fails its integrity check: {verdict}")
    os.replace(partial, out)
    return out.stat().st_size
