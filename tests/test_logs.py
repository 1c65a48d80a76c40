"""The bot token never reaches a log line, whatever logs it."""

import io
import logging

import httpx
import pytest

from bot.logs import configure_logging

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
