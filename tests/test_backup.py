"""`raqib backup OUT`: a checked copy of the database made with SQLite's online backup API."""

from __future__ import annotations

import sqlite3

from tests.conftest import PROJECT_ROOT
from tests.test_cli import raqib


def test_a_backup_passes_integrity_check_and_holds_every_incident(tmp_path):
    database, out = tmp_path / "raqib.db", tmp_path / "copy.db"
    filled = raqib(
        "backfill", str(PROJECT_ROOT / "samples" / "seeds.xml"), "--db", str(database), timeout=300
    )
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


def test_the_running_bot_backs_up_on_schedule_keeping_the_newest_copies(
    tmp_path, telegram_emulator, httpserver
):
    import time

    from tests.conftest import run_bot, write_bot_config
    from tests.feed_builders import rss

    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    folder = tmp_path / "backups"
    table = f'[backup]\ndir = "{folder}"\nkeep = 2\ninterval_hours = 0.0004\n'  # every 1.44 s
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, bot_table=table)
    for _started in run_bot(config, tmp_path / "bot.log", telegram_emulator):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _log(tmp_path).count("backup written") < 3:
            time.sleep(0.5)
    copies = sorted(folder.glob("raqib-*.db"))
    assert len(copies) == 2, _log(tmp_path)
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*) FROM feeds").fetchone()[0] == 1
    assert not list(folder.glob("*.partial"))


def _log(tmp_path) -> str:
    """The bot's log so far."""
    return (tmp_path / "bot.log").read_text(encoding="utf-8", errors="replace")
