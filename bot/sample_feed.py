"""Serving the bundled sample feed on loopback, so it is fetched by the same code as any real feed."""

from __future__ import annotations

import logging
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

logger = logging.getLogger(__name__)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        logger.debug("sample feed: %s", format % args)

    def end_headers(self) -> None:
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        super().end_headers()


class SampleFeedServer:
    """A loopback HTTP server for one file's folder; `url` is the file's address."""

    def __init__(self, feed_file: Path) -> None:
        handler = partial(_QuietHandler, directory=str(feed_file.parent))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="sample-feed", daemon=True)
        port = self._server.server_address[1]
        self.address = ("127.0.0.1", port)  # what the fetch policy exempts, and nothing else on loopback
        self.url = f"http://127.0.0.1:{port}/{feed_file.name}"

    def __enter__(self) -> SampleFeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
