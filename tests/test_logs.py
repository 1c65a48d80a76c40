"""The bot token never reaches a log line, whatever logs it."""

import io
import logging
import sqlite3
import subprocess
import sys

import httpx
import pytest

from bot.logs import FoldRepeats, configure_logging
from tests.conftest import PROJECT_ROOT

TOKEN = "123456789:AAFakeSecretToken_abcdefghijklmnopq"


@pytest.fixture(autouse=True)
def restore_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_token_is_redacted_from_messages_arguments_and_tracebacks():
    stream = io.StringIO()
    configure_logging("DEBUG", TOKEN, stream)
    log = logging.getLogger("raqib.test")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    log.warning("plain 987654321:ZZotherTokenLooking_0123456789abc")
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
    except RuntimeError:
        log.exception("boom")
    output = stream.getvalue()
    assert TOKEN not in output and "ZZotherTokenLooking" not in output
    assert output.count("<token>") == 3


def test_httpx_request_lines_are_not_logged():
    configure_logging("DEBUG", TOKEN, io.StringIO())
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    assert httpx  # the library whose INFO lines carry request URLs


def test_a_url_quoted_token_is_redacted():
    stream = io.StringIO()
    configure_logging("DEBUG", TOKEN, stream)
    logging.getLogger("raqib.test").warning("GET /file/bot%s/doc", TOKEN.replace(":", "%3A"))
    assert "FakeSecretToken" not in stream.getvalue() and "<token>" in stream.getvalue()


def test_uncaught_errors_and_warnings_reach_stderr_redacted():
    program = (
        "import threading, warnings\n"
        "from bot.logs import configure_logging, redact_uncaught\n"
        f"configure_logging('INFO', {TOKEN!r})\n"
        "redact_uncaught()\n"
        f"warnings.warn('token {TOKEN}')\n"
        "def fail(): raise RuntimeError('thread {TOKEN}')\n"
        "thread = threading.Thread(target=fail); thread.start(); thread.join()\n"
        f"raise RuntimeError('main {TOKEN}')\n"
    ).replace("{TOKEN}", TOKEN)
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert "FakeSecretToken" not in result.stderr
    assert result.stderr.count("<token>") >= 3 and "uncaught in thread" in result.stderr


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def folding_logger(clock: Clock) -> tuple[logging.Logger, io.StringIO, FoldRepeats]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    fold = FoldRepeats(handler.handle, window_s=60, clock=clock)
    handler.addFilter(fold)
    log = logging.getLogger(f"raqib.test.fold.{id(clock)}")
    log.propagate = False
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    return log, stream, fold


def test_a_repeating_error_is_written_once_then_counted():
    clock = Clock()
    log, stream, fold = folding_logger(clock)
    for tick in range(357):  # the storm of issue 12: 357 in 30 s
        clock.now = tick * 30 / 357
        try:
            raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.DatabaseError:
            log.exception("delivery tick failed")
    assert stream.getvalue().count("delivery tick failed") == 1
    assert stream.getvalue().count("Traceback") == 1
    clock.now = 60.0
    fold.flush()
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "ERROR delivery tick failed … repeated 356 times in the last 60 s"
    clock.now = 200.0  # it stopped; when it comes back, it is written in full again
    fold.flush()
    log.error("delivery tick failed")
    assert stream.getvalue().splitlines()[-1] == "ERROR delivery tick failed"


def test_other_messages_places_and_info_lines_are_not_folded():
    log, stream, fold = folding_logger(Clock())
    for feed in ("a", "b", "a", "b"):
        log.warning("feed %s: HTTP 500", feed)
    for _ in range(3):
        log.info("alert retried")
    log.warning("feed a: HTTP 500")  # same message, another line: another place
    fold.flush(everything=True)
    lines = stream.getvalue().splitlines()
    assert lines[:2] == ["WARNING feed a: HTTP 500", "WARNING feed b: HTTP 500"]
    assert lines.count("INFO alert retried") == 3
    assert lines.count("WARNING feed a: HTTP 500") == 2
    assert "WARNING feed a: HTTP 500 … repeated 1 times in the last 0 s" in lines
