"""`raqib backup OUT`: a checked copy of the database made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def raqib(*args: str) -> subprocess.CompletedProcess:
    """`raqib ARGS` as a real process, without a token."""
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_passes_integrity_check_and_holds_every_incident(tmp_path):
    database, out = tmp_path / "raqib.db", tmp_path / "copy.db"
    filled = raqib("backfill", str(PROJECT_ROOT / "samples" / "seeds.xml"), "--db", str(database))
    assert filled.returncode == 0, filled.stderr
    done = raqib("backup", str(out), "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert "integrity ok" in done.stdout
    with sqlite3.connect(database) as original, sqlite3.connect(out) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = "SELECT * FROM incidents ORDER BY id"
        incidents = original.execute(rows).fetchall()
        assert incidents and copy.execute(rows).fetchall() == incidents


def test_a_missing_database_is_one_line_and_status_1(tmp_path):
    done = raqib("backup", str(tmp_path / "copy.db"), "--db", str(tmp_path / "none.db"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"raqib: backup: {tmp_path / 'none.db'}: no such database file"
    ]
    assert not (tmp_path / "copy.db").exists()
