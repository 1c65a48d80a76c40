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
        try:
            verdict = _copy(src, partial)
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


def backup_bytes(db: sqlite_utils.Database) -> bytes:
    """A checked copy of the open database `db`, as the bytes of a SQLite file (for /backup)."""
    with tempfile.TemporaryDirectory(prefix="raqib-backup-") as folder:
        copy = Path(folder) / "copy.db"
        try:
            verdict = _copy(db.conn, copy)
        except sqlite3.Error as exc:
            raise BackupError(f"cannot copy the database: {exc}") from exc
        if verdict != "ok":
            raise BackupError(f"the copy fails its integrity check: {verdict}")
        return copy.read_bytes()


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
    try:
        verdict = _copy(db.conn, partial)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot copy the database into {folder}: {exc}") from exc
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy fails its integrity check: {verdict}")
    os.replace(partial, out)
    for old in sorted(folder.glob("raqib-*.db"))[:-keep]:  # the stamps sort by time
        old.unlink()
    return out
