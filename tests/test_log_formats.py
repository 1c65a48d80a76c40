"""Log lines with named fields (`--log-format kv|json`), and the token in no output at DEBUG."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
from urllib.parse import quote

from bot.logs import configure_logging
from tests.conftest import BOT_TOKEN, PROJECT_ROOT, write_bot_config
from tests.feed_builders import rss

ADMIN = 7201


def test_kv_lines_quote_what_has_spaces_and_json_lines_parse():
    stream = io.StringIO()
    configure_logging("DEBUG", None, stream, log_format="kv")
    logging.getLogger("raqib.test").info("feed %s: %d new", "Enab Baladi", 3)
    line = stream.getvalue().strip()
    assert line.endswith(' level=INFO logger=raqib.test msg="feed Enab Baladi: 3 new"')
    stream = io.StringIO()
    configure_logging("DEBUG", None, stream, log_format="json")
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("raqib.test").exception("failed")
    record = json.loads(stream.getvalue())
    assert record["msg"] == "failed" and "ValueError: boom" in record["exc"]
    configure_logging("WARNING")


def test_a_debug_run_in_json_never_writes_the_token(tmp_path, telegram_emulator, httpserver):
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(
        tmp_path, telegram_emulator, httpserver, bot_table=f'[bot]\nadmins = [{ADMIN}]\nlog_level = "DEBUG"\n'
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--config",
            str(config),
            "--sample",
            "no",
            "--log-format",
            "json",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": BOT_TOKEN},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        telegram_emulator.wait_for_calls("setMyCommands", 3, timeout=30)
        for line in ("/help", "/status", "/backup"):
            telegram_emulator.send_message(ADMIN, line, user_id=ADMIN, language_code="en")
        telegram_emulator.wait_for_calls("sendDocument", 1, chat_id=ADMIN, timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err[-2000:]
    lines = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert any(r["level"] == "DEBUG" for r in lines)
    for secret in (BOT_TOKEN, quote(BOT_TOKEN, safe=""), BOT_TOKEN.split(":", 1)[1]):
        assert secret not in out and secret not in err
