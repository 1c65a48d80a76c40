"""A database file that cannot serve stops `raqib run`, `export` and `backfill` at once with one line,
`raqib: <path>: <what is wrong>: <what to do>`, and exit status 2: garbage, truncated, damaged pages
(PRAGMA quick_check), read-only, a folder. Real files, real processes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from storage.db import open_database
from tests.conftest import BOT_TOKEN, PROJECT_ROOT

RESTORE = "restore it from a backup (docs/operations.md)"
NOBODY = 65534


def healthy_database(path: Path, chats: int = 3000) -> None:
    """A migrated database with enough rows to fill many pages, all in the main file (no WAL)."""
    db = open_database(path)
    with db.conn:
        db.conn.execute("BEGIN")
        db.conn.executemany(
            "INSERT INTO chats (id, type, title, created_at) VALUES (?, 'private', ?, '2026-01-01')",
            [(n, f"chat {n} " * 5) for n in range(chats)],
        )
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def damage_a_page(path: Path) -> None:
    """Zero the middle of one leaf page of the chats table: the file opens, quick_check finds it."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("SELECT pageno FROM dbstat WHERE name = 'chats' AND pagetype = 'leaf'").fetchall()
    conn.close()
    page = pages[len(pages) // 2][0]
    with path.open("r+b") as file:
        file.seek((page - 1) * page_size + page_size // 4)
        file.write(bytes(page_size // 4))


def broken(kind: str, path: Path) -> None:
    """Make the file at `path` broken in the way `kind` names."""
    if kind == "garbage":
        path.write_bytes(b"\x89not a database\r\n" + os.urandom(20_000))
        return
    if kind == "text":
        path.write_text("raqib: this is a log file someone pointed the bot at\n" * 50, encoding="utf-8")
        return
    healthy_database(path)
    if kind == "truncated":
        with path.open("r+b") as file:
            file.truncate(path.stat().st_size // 2)
    elif kind == "damaged":
        damage_a_page(path)


def config_file(home: Path, database: Path) -> Path:
    config = home / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{database}"\n[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n',
        encoding="utf-8",
    )
    return config


def raqib(*args: str, user: int | None = None) -> tuple[int, str]:
    """Run `raqib ARGS` as a real process (as `user`, when given); its exit status and stderr."""
    command = [sys.executable, "-m", "bot.cli", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    done = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


def one_line(output: str) -> str:
    assert "Traceback" not in output, output
    assert BOT_TOKEN not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("garbage", "is not a SQLite database (file is not a database): " + RESTORE),
        ("text", "is not a SQLite database (file is not a database): " + RESTORE),
        ("truncated", "is damaged (database disk image is malformed): " + RESTORE),
        ("damaged", "is damaged (quick_check: "),
    ],
)
def test_a_broken_file_stops_the_bot_with_one_line_and_status_2(tmp_path, kind, problem):
    database = tmp_path / "raqib.db"
    broken(kind, database)
    before = database.read_bytes()
    status, output = raqib("run", "--config", str(config_file(tmp_path, database)), "--sample", "no")
    assert status == 2
    line = one_line(output)
    assert line.startswith(f"raqib: {database}: {problem}"), line
    assert line.endswith((RESTORE, "to start an empty one")), line
    assert database.read_bytes() == before  # nothing was written over what is left of it


@pytest.mark.parametrize("command", ["export", "backfill"])
def test_the_archive_commands_stop_the_same_way(tmp_path, command):
    database = tmp_path / "raqib.db"
    broken("truncated", database)
    config = config_file(tmp_path, database)
    args = ["export", "csv"] if command == "export" else ["backfill", str(tmp_path / "nothing.xml")]
    status, output = raqib(*args, "--config", str(config))
    assert status == 2
    assert one_line(output) == (
        f"raqib: {database}: is damaged (database disk image is malformed): {RESTORE}"
    )


def test_a_folder_given_as_the_database_stops_export_with_one_line(tmp_path):
    folder = tmp_path / "raqib.db"
    folder.mkdir()
    status, output = raqib("export", "csv", "--db", str(folder))
    assert status == 2
    assert one_line(output) == (
        f"raqib: {folder}: is a folder, not a database file: set storage.database to a file"
    )


@pytest.mark.parametrize(
    ("folder_mode", "problem"),
    [
        (
            0o777,
            "is read-only (attempt to write a readonly database): let the bot's user write the file and its folder",
        ),
        (0o755, "cannot lock it (Permission denied): check that the bot's user may write its folder"),
    ],
    ids=["file", "folder"],
)
def test_a_read_only_database_stops_the_bot_with_one_line_and_status_2(folder_mode, problem):
    """chmod does not stop root: as root the bot runs as `nobody` (setpriv), on a file it may not write."""
    user = None
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a read-only file cannot be made read-only to root")
        user = NOBODY
        status, output = raqib("--help", user=user)
        if status != 0:  # a checkout under a 0700 folder (mktemp -d): `nobody` cannot even start it
            pytest.skip(f"`nobody` cannot run the project from {PROJECT_ROOT}: {output.strip()[-200:]}")
    home = Path(tempfile.mkdtemp(prefix="raqib-ro-"))  # outside pytest's 0700 tmp folders, for `nobody`
    try:
        database = home / "raqib.db"
        healthy_database(database)
        database.chmod(0o444)
        config = config_file(home, database)
        home.chmod(folder_mode)  # 0o777: the lock file can go there, the database cannot be written
        status, output = raqib("run", "--config", str(config), "--sample", "no", user=user)
        assert status == 2
        assert one_line(output) == f"raqib: {database}: {problem}"
    finally:
        shutil.rmtree(home)
