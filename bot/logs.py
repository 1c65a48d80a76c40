"""Logging set-up, once, with the bot token redacted from every record.

httpx logs every request URL at INFO and Bot API URLs contain the token (reliability V9), so httpx is
set to WARNING and a filter on the root handler replaces anything shaped like a token.
"""

from __future__ import annotations

import logging
import re
import sys

_TOKEN_RE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactTokens(logging.Filter):
    """Replace bot tokens in a record's message and arguments with a marker."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self._token = token

    def redact(self, value: str) -> str:
        """`value` with every token removed."""
        if self._token:
            value = value.replace(self._token, "<token>")
        return _TOKEN_RE.sub("<token>", value)

    def filter(self, record: logging.LogRecord) -> bool:
        """Format the record now and redact the result (and its traceback text)."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def configure_logging(level: str = "INFO", token: str | None = None, stream=None) -> None:
    """Log to stderr (never mixed with the terminal chat on stdout), token-free."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
