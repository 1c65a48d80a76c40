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

RESTORE = "restore it from a backup (docs/operations.md)"
_ACCESS = "check that the bot's user may read and write it and its folder"

# The two kinds of database failure that are not bugs in the statement.
DAMAGED = "damaged"  # the file is corrupt: retrying cannot help, restore it
REFUSED = "refused"  # locked, full, an I/O error, read-only: the same write can succeed later

# What an SQLite failure says about the file, by its (extended) error name: its kind, what is wrong,
# and what the operator can do.
_PROBLEMS = (
    (
        "SQLITE_NOTADB",
        DAMAGED,
        "is not a SQLite database",
        f"{RESTORE}, or move it away to start an empty one",
    ),
    ("SQLITE_CORRUPT", DAMAGED, "is damaged", RESTORE),
    ("SQLITE_READONLY", REFUSED, "is read-only", "let the bot's user write the file and its folder"),
    ("SQLITE_CANTOPEN", REFUSED, "cannot be opened", _ACCESS),
    ("SQLITE_PERM", REFUSED, "cannot be opened", _ACCESS),
    ("SQLITE_FULL", REFUSED, "cannot be written", "free some disk space"),
    ("SQLITE_IOERR", REFUSED, "cannot be read or written", "check the disk"),
    ("SQLITE_BUSY", REFUSED, "is locked by another program", "stop it, or try again"),
    ("SQLITE_LOCKED", REFUSED, "is locked by another program", "stop it, or try again"),
    ("SQLITE_NOMEM", REFUSED, "cannot be used, out of memory", "free some memory"),
)


class StorageError(Exception):
    """Base of storage errors.

    StorageError
    └── UnusableDatabaseError — the file cannot serve as the bot's database (its message says why)
        ├── SchemaTooNewError — the file was written by a newer Raqib
        └── DamagedDatabaseError — found damaged while the bot ran
    """


class UnusableDatabaseError(StorageError):
    """The database file is damaged, read-only, not a database, a folder…: what is wrong and what to do."""


class SchemaTooNewError(UnusableDatabaseError):
    """The database has a schema version this code does not know."""


class DamagedDatabaseError(UnusableDatabaseError):
    """SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB) while the bot ran."""


def _problem(exc: BaseException) -> tuple[str, str, str] | None:
    name = getattr(exc, "sqlite_errorname", None) if isinstance(exc, sqlite3.Error) else None
    for prefix, kind, what, fix in _PROBLEMS:
        if name and name.startswith(prefix):
            return kind, what, fix
    return None


def database_fault(exc: BaseException) -> str | None:
    """DAMAGED or REFUSED when `exc` is SQLite failing for the file's sake, else None (a bug, a
    constraint: retrying the same statement would fail the same way)."""
    problem = _problem(exc)
    return problem[0] if problem else None


def describe_failure(exc: BaseException) -> str | None:
    """What an SQLite error says about the database file, with the fix; None if it says nothing about
    the file."""
    problem = _problem(exc)
    return None if problem is None else f"{problem[1]} ({exc}): {problem[2]}"


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, checked, tuned and migrated to the current
    schema. A file that cannot serve raises UnusableDatabaseError at once, not at the first write."""
    if str(path) != ":memory:":
        _check_path(Path(path))
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes; see docs/operations.md
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        _check_file(conn)
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.Error as exc:
        conn.close()
        problem = describe_failure(exc)
        if problem is None:
            raise
        raise UnusableDatabaseError(problem) from exc
    except BaseException:
        conn.close()
        raise
    return db


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise UnusableDatabaseError("is a folder, not a database file: set storage.database to a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableDatabaseError(f"cannot be created in its folder ({exc.strerror})") from exc


def _check_file(conn: sqlite3.Connection) -> None:
    """PRAGMA quick_check, then a write that changes nothing: a damaged, read-only or full file fails
    here, at start, instead of at the first alert."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)").fetchall()]
    if problems != ["ok"]:
        first = problems[0].replace("*** in database main ***", "").strip().splitlines()[0]
        raise UnusableDatabaseError(f"is damaged (quick_check: {first}): {RESTORE}")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {int(version)}")
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception, a refused COMMIT included.

    After SQLITE_FULL, SQLITE_IOERR or SQLITE_BUSY SQLite may or may not have rolled back already: roll
    back only what is still open, so the caller sees the error that happened (not "cannot rollback -
    no transaction is active") and the connection can start the next transaction."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version stored in the file (PRAGMA user_version)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the file lacks, each in its own transaction; return the new version."""
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise SchemaTooNewError(
            f"has schema version {current}, newer than this Raqib knows ({len(MIGRATIONS)}): "
            "run the newer Raqib that wrote it, or restore a backup"
        )
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with write_transaction(db) as conn:
            for statement in migration:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        logger.info("database migrated to schema version %d", version)
    return schema_version(db)
