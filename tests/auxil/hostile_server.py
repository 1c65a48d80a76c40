"""A raw byte-level HTTP server on a loopback address that acts out hostile and broken feed servers.

``with HostileServer("127.0.0.2") as server: server.route("/feed", drip(body, 50))`` serves from its own
event loop in a background thread. Each connection reads one request (line and headers, recorded in
``server.requests``) and hands it to the route's behaviour; a behaviour writes whatever bytes it likes,
so tests can reproduce faults no well-behaved HTTP library would send. Stdlib only.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
import struct
import threading
import time
import zlib
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from http import HTTPStatus

__all__ = [
    "Behaviour", "HostileServer", "Request", "chunked_forever", "compressed_zeros", "deflate_bomb", "drip",
    "gzip_bomb", "hang_after_headers", "hang_before_headers", "lying_length", "redirect", "reset_mid_body",
    "respond", "retry_after",
]  # fmt: skip

RSS = "application/rss+xml; charset=utf-8"


@dataclass
class Request:
    """One request as the server read it; header names are lower-cased, ``time`` is time.monotonic()."""

    method: str
    target: str
    headers: dict[str, str]
    time: float

    @property
    def path(self) -> str:
        """The target without its query string."""
        return self.target.split("?", 1)[0]


@dataclass
class Exchange:
    """One connection's request and the means to answer it."""

    request: Request
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    keep_alive: bool

    async def send(self, data: bytes) -> None:
        """Write bytes and wait until the transport has taken them."""
        self.writer.write(data)
        await self.writer.drain()

    async def send_head(self, status: int, headers: list[tuple[str, str]], reusable: bool = False) -> None:
        """The status line and headers; Connection: close unless the connection will be reused."""
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
        if not (reusable and self.keep_alive):
            lines.append("Connection: close")
        await self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    async def until_client_closes(self) -> None:
        """Read and discard until the client hangs up (or the server stops and cancels us)."""
        with suppress(OSError):
            while await self.reader.read(65536):
                pass

    def reset(self) -> None:
        """Drop the connection with a TCP RST instead of a FIN."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


@dataclass(frozen=True)
class Behaviour:
    """What the server does with a request: ``act`` answers it and says whether the connection may be reused."""

    name: str
    act: Callable[[Exchange], Awaitable[bool]] = field(repr=False)


def _headers(
    content_type: str | None, extra: dict[str, str] | None, **fixed: object
) -> list[tuple[str, str]]:
    """Header pairs: the fixed ones, Content-Type, then the caller's (which override same-named ones)."""
    pairs = {k.replace("_", "-"): str(v) for k, v in fixed.items() if v is not None}
    if content_type:
        pairs["Content-Type"] = content_type
    for name, value in (extra or {}).items():
        pairs = {k: v for k, v in pairs.items() if k.lower() != name.lower()}
        pairs[name] = value
    return list(pairs.items())


def respond(
    body: bytes = b"",
    status: int = 200,
    headers: dict[str, str] | None = None,
    content_type: str | None = RSS,
    delay: float = 0.0,
) -> Behaviour:
    """An ordinary answer with a correct Content-Length, after `delay` seconds (an honest slow server)."""
    bodyless = status in (204, 304) or status < 200

    async def act(ex: Exchange) -> bool:
        if delay:
            await asyncio.sleep(delay)
        length = None if bodyless else len(body)
        await ex.send_head(status, _headers(content_type, headers, Content_Length=length), reusable=True)
        if not bodyless and ex.request.method != "HEAD":
            await ex.send(body)
        return True

    return Behaviour(f"respond({status}, {len(body)} bytes)", act)


def redirect(location: str, status: int = 302) -> Behaviour:
    """A redirect (301, 302, 307, 308) to `location`."""
    return respond(b"", status, {"Location": location}, content_type=None)


def retry_after(value: str | int, status: int = 429) -> Behaviour:
    """429 (or 503) with a Retry-After of seconds or an HTTP date."""
    return respond(b"slow down", status, {"Retry-After": str(value)}, content_type="text/plain")


def drip(body: bytes, bytes_per_second: float, content_type: str = RSS) -> Behaviour:
    """Headers at once (with the true Content-Length), then the body one byte at a time."""

    async def act(ex: Exchange) -> bool:
        await ex.send_head(200, _headers(content_type, None, Content_Length=len(body)))
        loop = asyncio.get_running_loop()
        start = loop.time()
        for i in range(len(body)):
            # Scheduled against the start so the rate does not drift with each sleep's overshoot.
            await asyncio.sleep(max(0.0, start + i / bytes_per_second - loop.time()))
            await ex.send(body[i : i + 1])
        return False

    return Behaviour(f"drip({len(body)} bytes at {bytes_per_second}/s)", act)


def hang_before_headers() -> Behaviour:
    """Read the request and never answer, until the client gives up or the server stops."""

    async def act(ex: Exchange) -> bool:
        await ex.until_client_closes()
        return False

    return Behaviour("hang_before_headers", act)


def hang_after_headers(content_length: int | None = 1000, content_type: str = RSS) -> Behaviour:
    """Send the headers (promising `content_length` bytes), then nothing."""

    async def act(ex: Exchange) -> bool:
        await ex.send_head(200, _headers(content_type, None, Content_Length=content_length))
        await ex.until_client_closes()
        return False

    return Behaviour(f"hang_after_headers({content_length})", act)


def reset_mid_body(body: bytes, after_bytes: int, content_type: str = RSS) -> Behaviour:
    """Promise the whole body, send `after_bytes` of it, then reset the connection (RST)."""

    async def act(ex: Exchange) -> bool:
        await ex.send_head(200, _headers(content_type, None, Content_Length=len(body)))
        await ex.send(body[:after_bytes])
        # A RST discards whatever the kernel has not sent yet; give the partial body time to leave.
        await asyncio.sleep(0.05)
        ex.reset()
        return False

    return Behaviour(f"reset_mid_body(after {after_bytes} of {len(body)})", act)


def lying_length(body: bytes, declared: int, content_type: str = RSS) -> Behaviour:
    """Declare a Content-Length of `declared`, send `body` (longer or shorter), then close."""

    async def act(ex: Exchange) -> bool:
        await ex.send_head(200, _headers(content_type, None, Content_Length=declared))
        await ex.send(body)
        return False

    return Behaviour(f"lying_length({len(body)} sent, {declared} declared)", act)


def chunked_forever(
    chunk: bytes = b"<item></item>", interval: float = 0.01, content_type: str = RSS
) -> Behaviour:
    """Transfer-Encoding: chunked that never sends the last chunk; ends when the client or server does."""

    async def act(ex: Exchange) -> bool:
        await ex.send_head(200, _headers(content_type, None, Transfer_Encoding="chunked"))
        frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        with suppress(OSError):  # the client hung up: a write fails with a reset or broken pipe
            while True:
                await ex.send(frame)
                await asyncio.sleep(interval)
        return False

    return Behaviour(f"chunked_forever({len(chunk)} bytes every {interval} s)", act)


@functools.cache
def compressed_zeros(decoded_mb: int, encoding: str = "gzip") -> bytes:
    """`decoded_mb` MiB of zero bytes as a gzip or (zlib-wrapped) deflate stream; built once per size."""
    wbits = {"gzip": 31, "deflate": 15}[encoding]
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    megabyte = bytes(1 << 20)
    parts = [compressor.compress(megabyte) for _ in range(decoded_mb)]
    return b"".join(parts) + compressor.flush()


def _bomb(encoding: str, decoded_mb: int, content_type: str) -> Behaviour:
    """A Content-Encoding bomb: a small compressed body that decodes to `decoded_mb` MiB."""
    payload = compressed_zeros(decoded_mb, encoding)
    headers = {"Content-Encoding": encoding}
    behaviour = respond(payload, headers=headers, content_type=content_type)
    return Behaviour(f"{encoding}_bomb({decoded_mb} MiB in {len(payload)} bytes)", behaviour.act)


def gzip_bomb(decoded_mb: int = 200, content_type: str = RSS) -> Behaviour:
    """Content-Encoding: gzip of `decoded_mb` MiB of zeros (about 200 KB on the wire for 200 MiB)."""
    return _bomb("gzip", decoded_mb, content_type)


def deflate_bomb(decoded_mb: int = 200, content_type: str = RSS) -> Behaviour:
    """Content-Encoding: deflate of `decoded_mb` MiB of zeros."""
    return _bomb("deflate", decoded_mb, content_type)


NOT_FOUND = respond(b"no such route", 404, content_type="text/plain")


class HostileServer:
    """A raw HTTP server on `host` (any 127/8 address) and an ephemeral port, in its own thread and loop."""

    def __init__(
        self, host: str = "127.0.0.1", keep_alive: bool = False, tls: ssl.SSLContext | None = None
    ) -> None:
        self.host = host
        self.tls = tls  # a server context (its certificate loaded): https on the same routes
        self.port = 0
        # Off by default so that every request is one connection and the counters count requests in flight.
        self.keep_alive = keep_alive
        self.routes: dict[str, Behaviour] = {}
        self.requests: list[Request] = []
        self.connections = 0
        self.open_connections = 0
        self.peak_connections = 0
        self._seen = threading.Condition()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def url(self, path: str = "/feed") -> str:
        """http://HOST:PORT/path (https:// with `tls`)."""
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}/{path.lstrip('/')}"

    def route(self, path: str, behaviour: Behaviour) -> None:
        """Answer `path` (with or without its query string) with `behaviour`; the last registration wins."""
        self.routes[path] = behaviour

    def requests_for(self, path: str) -> list[Request]:
        """The requests recorded for `path`."""
        with self._seen:
            return [r for r in self.requests if path in (r.path, r.target)]

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> list[Request]:
        """Block until at least `count` requests have been read; AssertionError on timeout."""
        with self._seen:
            if not self._seen.wait_for(lambda: len(self.requests) >= count, timeout):
                raise AssertionError(f"{len(self.requests)} requests arrived, expected {count}")
            return list(self.requests)

    def start(self) -> HostileServer:
        """Bind and serve in a background thread; returns once the port is known."""
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), name=f"hostile-{self.host}")
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            raise self._error
        return self

    def stop(self) -> None:
        """Stop accepting, cut every open connection, and join the thread."""
        if self._thread is None:
            return
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)
        if self._thread.is_alive():
            raise RuntimeError("HostileServer thread did not stop")
        self._thread = None

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _main(self) -> None:
        """The loop's life: listen, wait for stop, then cancel every connection and let it close."""
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            server = await asyncio.start_server(self._serve, self.host, 0, ssl=self.tls)
        except OSError as exc:
            self._error = exc
            self._ready.set()
            return
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stop.wait()
        server.close()
        # Handlers hang until cancelled; each one's finally closes its transport before it ends.
        while others := asyncio.all_tasks() - {asyncio.current_task()}:
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)
        await server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: read requests and act out their routes' behaviours."""
        self.connections += 1
        self.open_connections += 1
        self.peak_connections = max(self.peak_connections, self.open_connections)
        # drain() then waits until the transport's buffer is empty, so the abort() below never drops
        # the tail of a body a slow client has not taken yet (it used to, up to 64 KB).
        if self.tls is None:  # (asyncio's TLS transport then never sends what follows the head)
            writer.transport.set_write_buffer_limits(high=0)
        try:
            while (request := await self._read_request(reader)) is not None:
                behaviour = self.routes.get(request.target) or self.routes.get(request.path) or NOT_FOUND
                reusable = await behaviour.act(Exchange(request, reader, writer, self.keep_alive))
                if not (reusable and self.keep_alive):
                    break
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client went away or sent garbage: nothing to answer
        finally:
            self.open_connections -= 1
            if self.tls is None:
                # abort() rather than close(): close() would wait to flush to a client that may never read.
                writer.transport.abort()
            else:
                # Over TLS abort() drops what the TLS layer has not yet written to the socket (the end
                # of the body): close, and give the client a second to read it.
                writer.close()
            with suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    async def _read_request(self, reader: asyncio.StreamReader) -> Request | None:
        """The next request's line and headers (its body, if any, is read and dropped); None at EOF."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return None
        line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _version = (line.split(" ", 2) + ["", ""])[:3]
        headers: dict[str, str] = {}
        for header in filter(None, header_lines):
            name, _, value = header.partition(":")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        if length := int(headers.get("content-length", "0") or 0):
            await reader.readexactly(length)
        request = Request(method, target, headers, time.monotonic())
        with self._seen:
            self.requests.append(request)
            self._seen.notify_all()
        return request
