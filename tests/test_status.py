"""/status and /backup for the bot's admins: in the terminal chat (its operator is the admin) and on
Telegram through the Bot API emulator, with the refusals everyone else and groups get."""

from __future__ import annotations

import sqlite3

import httpx

from tests.conftest import ADMIN, BOT_TOKEN, USER
from tests.test_cli import raqib, write_config

GROUP = -1007103


def test_the_terminal_chat_answers_status_and_backup(tmp_path):
    stdin = "/lang en\n/status\n/backup\n/status\n"
    done = raqib("run", "--config", str(write_config(tmp_path)), stdin=stdin, timeout=180)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Raqib " in out and ", up " in out
    assert "Alerts waiting: " in out and "Database: " in out
    assert "last backup never" in out
    assert "Database copy, " in out and "integrity checked." in out
    assert out.count("last backup ") == 2 and "ago (" in out.rsplit("last backup ", 1)[1]
    written = [line.rsplit(" ", 1)[-1] for line in out.splitlines() if line.endswith(".db")]
    assert written
    with sqlite3.connect(written[-1]) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def say(emulator, text, user=ADMIN, chat=None, **extra):
    """Send `text` from `user` (English app) and return the bot's next message in the chat."""
    chat = user if chat is None else chat
    before = len(emulator.messages(chat))
    emulator.send_message(chat, text, user_id=user, language_code="en", **extra)
    return emulator.wait_for_messages(chat, before + 1, timeout=30)[before]


def test_backup_sends_the_admin_a_checked_copy_as_a_document(admin_bot, telegram_emulator, tmp_path):
    assert say(telegram_emulator, "/status")["text"].splitlines()[1] == "Feeds: 1 ok, 0 failing, 0 paused"
    telegram_emulator.send_message(ADMIN, "/backup", user_id=ADMIN, language_code="en")
    telegram_emulator.wait_for_calls("sendDocument", 1, chat_id=ADMIN, timeout=30)
    document = next(m for m in telegram_emulator.messages(ADMIN) if m.get("document"))
    assert document["document"]["file_name"].startswith("raqib-")
    assert document["caption"].startswith("Database copy, ")
    url = f"{telegram_emulator.file_base_url}{BOT_TOKEN}/documents/{document['document']['file_id']}"
    copy = tmp_path / "copy.db"
    copy.write_bytes(httpx.get(url, trust_env=False).content)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM feeds").fetchone()[0] == 1
    assert "last backup " in say(telegram_emulator, "/status")["text"]
    assert "ago (" in say(telegram_emulator, "/status")["text"].rsplit("last backup ", 1)[1]


def test_others_are_refused_and_groups_get_no_status(admin_bot, telegram_emulator):
    for line in ("/status", "/backup"):
        assert (
            say(telegram_emulator, line, user=USER)["text"]
            == "Sorry, this is for the bot's administrators only."
        )
    reply = say(telegram_emulator, "/status", chat=GROUP, chat_type="supergroup", title="Room")
    assert "Raqib" not in reply["text"] and "private chat" in reply["text"]


def test_the_uptime_reads_in_the_chat_language(tmp_path):
    """An Arabic /status names its durations in Arabic words, not "0m 1s"."""
    done = raqib("run", "--config", str(write_config(tmp_path)), stdin="/status\n", timeout=180)
    uptime = next(line for line in done.stdout.splitlines() if "يعمل منذ" in line)
    assert uptime.split("يعمل منذ", 1)[1].strip() and not any("a" <= c <= "z" for c in uptime.lower())
