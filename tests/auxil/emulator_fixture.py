"""Pytest plugin: the `telegram_emulator` fixture runs the Bot API emulator in a subprocess.

Load it with ``pytest_plugins = ["tests.auxil.emulator_fixture"]``. Options for one test:
``@pytest.mark.telegram_emulator(enforce_limits=True, time_scale=10)``.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.auxil.emulator_client import EmulatorClient

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
URL_PREFIX = "EMULATOR_URL="


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that passes options to the emulator."""
    config.addinivalue_line(
        "markers",
        "telegram_emulator(enforce_limits=False, time_scale=1.0): options for the emulator",
    )


def _emulator_command(enforce_limits: bool = False, time_scale: float = 1.0) -> list[str]:
    """The command line that starts the emulator on a free loopback port."""
    command = [sys.executable, "-m", "tests.auxil.telegram_emulator", "--host", "127.0.0.1"]
    command += ["--port", "0", "--time-scale", str(time_scale)]
    if enforce_limits:
        command.append("--enforce-limits")
    return command


def _pump_lines(stream: IO[str], lines: queue.Queue) -> None:
    """Copy a process's stdout lines into a queue until EOF, so the pipe never fills up."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def _read_url(process: subprocess.Popen, lines: queue.Queue, stderr: IO[str]) -> str:
    """Wait for the EMULATOR_URL= line, failing with the emulator's stderr if it never comes."""
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT)
    except queue.Empty:
        line = None
    if line is None or not line.startswith(URL_PREFIX):
        process.kill()
        process.wait()
        stderr.seek(0)
        raise RuntimeError(f"telegram emulator did not start: {line!r}\n{stderr.read()}")
    return line[len(URL_PREFIX) :].strip()


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the emulator, then SIGKILL it if it does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        logger.warning("telegram emulator ignored SIGTERM; killing it")
        process.kill()
        process.wait()


@pytest.fixture
def telegram_emulator(request: pytest.FixtureRequest) -> Iterator[EmulatorClient]:
    """A fresh emulator subprocess for one test, as an EmulatorClient."""
    marker = request.node.get_closest_marker("telegram_emulator")
    options = marker.kwargs if marker else {}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            _emulator_command(**options),
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )
        lines: queue.Queue = queue.Queue()
        pump = threading.Thread(target=_pump_lines, args=(process.stdout, lines), daemon=True)
        pump.start()
        try:
            client = EmulatorClient(_read_url(process, lines, stderr))
            try:
                yield client
            finally:
                client.close()
        finally:
            _stop(process)
            pump.join(timeout=STOP_TIMEOUT)  # EOF once the process is gone
            process.stdout.close()
            stderr.seek(0)
            if output := stderr.read().strip():
                logger.warning("telegram emulator stderr:\n%s", output)
