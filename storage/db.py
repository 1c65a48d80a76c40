"""Opening the database, transactions, and schema migrations. Nothing outside `storage/` runs SQL.

Every write runs in `write_transaction`, which starts with BEGIN IMMEDIATE: in WAL mode a deferred
transaction that reads first and writes later fails at once with "database is locked", whatever the busy
timeout says.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from storage.schema import MIGRATIONS

logger = logging.getLogger(__name__)


class StorageError(Exception):
    """Base of storage errors.

    StorageError
    └── SchemaTooNewError  — the file was written by a newer Raqib
    """


class SchemaTooNewError(StorageError):
    """The database has a schema version this code does not know."""


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, tuned and migrated to the current schema."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes; see docs/operations
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version stored in the file (PRAGMA user_version)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the file lacks, each in its own transaction; return the new version."""
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise SchemaTooNewError(
            f"database schema version {current} is newer than this Raqib ({len(MIGRATIONS)})"
        )
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with write_transaction(db) as conn:
            for statement in migration:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        logger.info("database migrated to schema version %d", version)
    return schema_version(db)
