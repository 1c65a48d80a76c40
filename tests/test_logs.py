"""The bot token never reaches a log line, whatever logs it."""

import io
import logging
import subprocess
import sys

import httpx
import pytest

from bot.logs import configure_logging
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
