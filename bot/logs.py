"""Logging set-up, once, with the bot token redacted from every record and every uncaught error.

httpx logs every request URL at INFO and Bot API URLs contain the token (reliability V9), so httpx is
set to WARNING and a filter on the root handler replaces anything shaped like a token. Python's own
exception hooks write to stderr past logging (PTB's `InvalidToken` message quotes the token), so the
running bot sends them through the same handler (`redact_uncaught`).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from urllib.parse import quote

# A token is `<bot id>:<secret>`; in file URLs httpx sends the ":" as %3A.
_TOKEN_RE = re.compile(r"\d{5,}(?::|%3A)[A-Za-z0-9_-]{20,}", re.IGNORECASE)

logger = logging.getLogger("raqib")


def redact(value: str, token: str | None = None) -> str:
    """`value` with `token` (also URL-quoted) and anything shaped like a token replaced by a marker."""
    if token:
        value = value.replace(token, "<token>").replace(quote(token, safe=""), "<token>")
    return _TOKEN_RE.sub("<token>", value)


class RedactTokens(logging.Filter):
    """Replace bot tokens in a record's message, arguments, traceback and stack with a marker."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self._token = token

    def redact(self, value: str) -> str:
        """`value` with every token removed."""
        return redact(value, self._token)

    def filter(self, record: logging.LogRecord) -> bool:
        """Format the record now and redact the result (and its traceback text)."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class Brief(logging.Filter):
    """Drop the traceback of errors whose one line says it all (a refused token: the operator acts)."""

    def __init__(self, kinds: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self._kinds = kinds

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, without its traceback when the error is one of the known kinds."""
        if record.exc_info and isinstance(record.exc_info[1], self._kinds):
            record.exc_info, record.exc_text = None, None
        return True


def configure_logging(
    level: str = "INFO",
    token: str | None = None,
    stream=None,
    brief: tuple[type[BaseException], ...] = (),
) -> None:
    """Log to stderr (never mixed with the terminal chat on stdout), token-free; errors of the `brief`
    kinds without their traceback."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Brief(brief))
    handler.addFilter(RedactTokens(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("matplotlib").setLevel(logging.WARNING)


def redact_uncaught() -> None:
    """Send uncaught exceptions (main thread, other threads, unraisable) and warnings through logging,
    so they are redacted like every record; call after `configure_logging`."""

    def main_thread(kind, value, traceback) -> None:
        logger.critical("uncaught %s", kind.__name__, exc_info=(kind, value, traceback))

    def other_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread else "?"
        logger.critical(
            "uncaught in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
        )

    def unraisable(info) -> None:
        logger.error(
            "%s: %r",
            info.err_msg or "exception ignored",
            info.object,
            exc_info=(info.exc_type, info.exc_value, info.exc_traceback),
        )

    sys.excepthook, threading.excepthook, sys.unraisablehook = main_thread, other_thread, unraisable
    logging.captureWarnings(True)
