"""Logging set-up, once, with the bot token redacted from every record and every uncaught error.

httpx logs every request URL at INFO and Bot API URLs contain the token (docs/reliability.md V9), so httpx is
set to WARNING and a filter on the root handler replaces anything shaped like a token. Python's own
exception hooks write to stderr past logging (PTB's `InvalidToken` message quotes the token), so the
running bot sends them through the same handler (`redact_uncaught`).

A repeating error is folded (`FoldRepeats`): a bot that fails the same way at every tick writes its
error once, then one line a minute with the count, not a line per tick.
"""

from __future__ import annotations

import atexit
import json
import logging
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
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


REPEAT_WINDOW_S = 60.0
_MAX_RUNS = 256  # distinct repeating errors remembered at once; the oldest is forgotten first


@dataclass
class _Run:
    since: float
    count: int
    record: logging.LogRecord


class FoldRepeats(logging.Filter):
    """Let the first of a run of identical records through (warnings and worse: same logger, same place,
    same message and exception) and count the ones that follow; once `window_s` has passed, one line
    says how many there were ("… repeated 356 times in the last 60 s") and the count starts again.

    The counts are written when a record or `flush()` comes after the window; `flush(everything=True)`
    writes them all (at exit)."""

    def __init__(
        self,
        emit: Callable[[logging.LogRecord], object],
        window_s: float = REPEAT_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._emit, self._window, self._clock = emit, window_s, clock
        self._runs: OrderedDict[tuple, _Run] = OrderedDict()
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        """True for a record to write: not a repeat, or below WARNING, or a count."""
        if record.levelno < logging.WARNING or getattr(record, "folded", False):
            return True
        error = record.exc_info[1] if record.exc_info else None
        key = (record.name, record.pathname, record.lineno, record.getMessage(), repr(error))
        now = self._clock()
        self.flush()
        with self._lock:
            run = self._runs.get(key)
            if run is not None:
                run.count += 1
                return False
            self._runs[key] = _Run(now, 0, record)
            if len(self._runs) > _MAX_RUNS:
                self._runs.popitem(last=False)
        return True

    def flush(self, everything: bool = False) -> None:
        """Write the count of every run whose window has passed (of every run, with `everything`)."""
        now = self._clock()
        counts = []
        with self._lock:
            for key, run in list(self._runs.items()):
                if not everything and now - run.since < self._window:
                    continue
                if run.count:
                    counts.append((run, now - run.since))
                    self._runs[key] = _Run(now, 0, run.record)  # the run goes on in a new window
                else:
                    del self._runs[key]  # it stopped: its next occurrence is written in full
        for run, seconds in counts:
            self._emit(_count_record(run, seconds))


def _count_record(run: _Run, seconds: float) -> logging.LogRecord:
    record = logging.makeLogRecord(run.record.__dict__)
    record.msg = f"{run.record.getMessage()} … repeated {run.count} times in the last {seconds:.0f} s"
    record.args, record.exc_info, record.exc_text, record.stack_info = None, None, None, None
    record.created = time.time()
    record.msecs = (record.created % 1) * 1000
    record.folded = True
    return record


_FOLDS: list[FoldRepeats] = []  # the one on the handler configure_logging set up last


def flush_repeats() -> None:
    """Write the counts of repeating errors whose minute has passed (a job calls it, so a run that
    stopped is still counted)."""
    for fold in _FOLDS:
        fold.flush()


@atexit.register
def _flush_at_exit() -> None:
    for fold in _FOLDS:
        fold.flush(everything=True)


LOG_FORMATS = ("text", "kv", "json")


class FieldsFormatter(logging.Formatter):
    """One line per record with named fields: `ts=… level=… logger=… msg="…"` (kv) or a JSON object."""

    def __init__(self, style: str) -> None:
        super().__init__()
        self._json = style == "json"

    def format(self, record: logging.LogRecord) -> str:
        """The record's fields on one line; a traceback goes in its own `exc` field."""
        fields = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            fields["exc"] = record.exc_text
        if self._json:
            return json.dumps(fields, ensure_ascii=False)
        return " ".join(f"{key}={_kv_value(value)}" for key, value in fields.items())


def _kv_value(value: str) -> str:
    """A bare word stays bare; anything with spaces, quotes or newlines is quoted as JSON quotes it."""
    return value if value and _BARE_RE.fullmatch(value) else json.dumps(value, ensure_ascii=False)


_BARE_RE = re.compile(r"[^\s\"=\\]+")


def configure_logging(
    level: str = "INFO",
    token: str | None = None,
    stream=None,
    brief: tuple[type[BaseException], ...] = (),
    log_format: str = "text",
) -> None:
    """Log to stderr (never mixed with the terminal chat on stdout), token-free, repeating errors folded;
    errors of the `brief` kinds without their traceback; `log_format` is one of LOG_FORMATS."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format == "text":
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(FieldsFormatter(log_format))
    handler.addFilter(Brief(brief))
    handler.addFilter(RedactTokens(token))
    fold = FoldRepeats(handler.handle)
    handler.addFilter(fold)  # after the redaction: it compares and repeats redacted messages
    _FOLDS[:] = [fold]
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
