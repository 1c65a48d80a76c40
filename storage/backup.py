"""Copying the database while the bot runs, with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

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
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy {source}: {exc}") from exc
    try:
        _checked_copy(src, partial, str(source))
    finally:
        src.close()
    os.replace(partial, out)
    return out.stat().st_size


def backup_bytes(db: sqlite_utils.Database) -> bytes:
    """A checked copy of the open database `db`, as the bytes of a SQLite file (for /backup)."""
    with tempfile.TemporaryDirectory(prefix="raqib-backup-") as folder:
        copy = Path(folder) / "copy.db"
        _checked_copy(db.conn, copy, "the database")
        return copy.read_bytes()


def _checked_copy(source: sqlite3.Connection, path: Path, what: str) -> None:
    """Copy `source` into `path` and check it; on any failure remove the file and raise BackupError."""
    try:
        verdict = _copy(source, path)
    except (sqlite3.Error, OSError) as exc:
        path.unlink(missing_ok=True)
        raise BackupError(f"cannot copy {what}: {exc}") from exc
    if verdict != "ok":
        path.unlink(missing_ok=True)
        raise BackupError(f"the copy of {what} fails its integrity check: {verdict}")


def _copy(source: sqlite3.Connection, path: Path) -> str:
    """Copy `source` into a new file at `path`; the copy's integrity_check verdict."""
    dst = sqlite3.connect(path)
    try:
        source.backup(dst, pages=1024)  # in steps, so the bot's writes wait at most one step
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()


def backup_into_folder(db: sqlite_utils.Database, folder: Path, keep: int, stamp: str) -> Path:
    """Write a checked copy of `db` as `folder/raqib-STAMP.db`, then delete all but the newest `keep`."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"raqib-{stamp}.db"
    partial = out.with_name(out.name + ".partial")
    _checked_copy(db.conn, partial, f"the database into {folder}")
    os.replace(partial, out)
    for old in sorted(folder.glob("raqib-*.db"))[:-keep]:  # the stamps sort by time
        old.unlink()
    return out
