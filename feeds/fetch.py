"""Fetching feed bytes over HTTP with every limit set: timeouts, a total deadline, and caps on the bytes
read from the wire and on the bytes they decompress to.

httpx's read timeout is per chunk, so a server dripping one byte at a time never trips it; only the outer
`asyncio.timeout` bounds the whole fetch (encode/httpx #1450). httpx decompresses a chunk in one call
without a size limit (a 200 KB gzip bomb gives a first chunk of 64 MB, docs/reliability.md V11), so the body is
read raw and decompressed here, at most a cap's worth at a time.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import ssl
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from feeds.guard import AddressPolicy, Resolver, guarded_transport

logger = logging.getLogger(__name__)

USER_AGENT = "Raqib/0.1 (+https://github.com/raqib-bot/raqib; feed reader)"
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=5.0)
DEFAULT_DEADLINE_S = 45.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# The one connection limit of every feed client: the guarded transport's pool enforces it.
LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16)
MAX_RETRY_AFTER_S = 6 * 3600  # a server asking for ten days is asked again in six hours
_PERMANENT = {301, 308}


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch got: a body, a 304, or an error described in one line."""

    url: str
    status: int | None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    moved_to: str | None = None  # where every redirect on the way was permanent (301/308)
    retry_after_s: float | None = None  # what a 429 or 503 asked for, capped
    body_hash: str | None = None  # SHA-256 of the body as received (before decoding), once read whole
    hostile: bool = False  # refused for what the body is (it decompresses past the cap), not for a fault
    final_url: str | None = None  # where the body came from after redirects (relative links resolve there)

    @property
    def not_modified(self) -> bool:
        """The server said the feed has not changed since the validators we sent."""
        return self.status == 304

    @property
    def ok(self) -> bool:
        """A body to parse."""
        return self.error is None and self.status == 200


class InsecureRedirectError(httpx.RequestError):
    """An https answer redirected to plain http: the feed would come unencrypted and unauthenticated."""


def make_client(
    policy: AddressPolicy, resolve: Resolver | None = None, ssl_context: ssl.SSLContext | None = None
) -> httpx.AsyncClient:
    """The HTTP client feeds and archives are fetched with: every connect vetted by `policy` (SSRF),
    redirects followed (5 at most, never from https down to http), no proxies from the environment,
    only encodings decoded here with a bound. `resolve` replaces the system resolver and `ssl_context`
    the certificate store (tests)."""
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        follow_redirects=True,
        max_redirects=5,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        transport=guarded_transport(policy, LIMITS, resolve, ssl_context),
        event_hooks={"response": [refuse_downgrade]},
    )


async def refuse_downgrade(response: httpx.Response) -> None:
    """Raise InsecureRedirectError for a redirect from https to http. A response hook runs before
    httpx follows the redirect, so the http address is never connected to."""
    source = response.request.url
    if source.scheme != "https" or not response.has_redirect_location:
        return
    try:
        target = source.join(response.headers["location"])
    except httpx.InvalidURL:
        return  # httpx refuses it itself
    if target.scheme == "http":
        raise InsecureRedirectError(
            f"refused a redirect from https down to http ({source} → {target})", request=response.request
        )


async def fetch_feed(
    client: httpx.AsyncClient,
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline_s: float = DEFAULT_DEADLINE_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """GET `url` with conditional headers; never raises for network or HTTP trouble."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified  # echoed verbatim: some servers compare strings
    try:
        async with asyncio.timeout(deadline_s):
            return await _stream(client, url, headers, max_bytes)
    except TimeoutError:
        return FetchResult(url, None, error=f"timeout: no complete answer within {deadline_s:g} s")
    except httpx.HTTPError as exc:
        return FetchResult(url, None, error=_tls_refusal(exc) or f"{type(exc).__name__}: {exc}".strip())


def _tls_refusal(exc: BaseException) -> str | None:
    """ "TLS: …" naming why the server's certificate or handshake was refused, when that is the cause
    (httpx wraps the ssl error in its ConnectError, two causes down)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS: the server's certificate is refused: {cause.verify_message}"
        if isinstance(cause, ssl.SSLError):
            return f"TLS: the handshake failed: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    return None


async def _stream(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int
) -> FetchResult:
    async with client.stream("GET", url, headers=headers) as response:
        response_headers = {k.lower(): v for k, v in response.headers.items()}
        moved = _moved_to(response)
        status = response.status_code
        if status == 304:
            return FetchResult(url, 304, headers=response_headers, moved_to=moved)
        if status != 200:
            retry = retry_after_seconds(response_headers.get("retry-after")) if status in {429, 503} else None
            return FetchResult(
                url,
                status,
                headers=response_headers,
                error=f"HTTP {status}",
                moved_to=moved,
                retry_after_s=retry,
            )
        declared = response_headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
            return FetchResult(url, 200, error=f"feed larger than {max_bytes} bytes ({declared})")
        try:
            decoder = _Decoder(response_headers.get("content-encoding", ""), max_bytes)
        except ValueError as exc:
            return FetchResult(url, 200, error=str(exc))
        raw, digest, bomb = 0, hashlib.sha256(), False
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > max_bytes:
                return FetchResult(url, 200, error=f"feed larger than {max_bytes} bytes")
            digest.update(chunk)
            # Past the decoded cap only the hash goes on, so the same bomb is known next time.
            bomb = bomb or not decoder.feed(chunk)
        if bomb:
            error = f"feed decompresses to more than {max_bytes} bytes"
            return FetchResult(url, 200, error=error, body_hash=digest.hexdigest(), hostile=True)
        body = decoder.finish()
        if body is None:
            return FetchResult(url, 200, error="feed body is not valid compressed data")
        return FetchResult(
            url,
            200,
            body,
            response_headers,
            moved_to=moved,
            body_hash=digest.hexdigest(),
            final_url=str(response.url),
        )


class _Decoder:
    """Content-Encoding undone with a bound: no step ever holds more than `limit` decoded bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in {"gzip", "x-gzip", "deflate"}):
            raise ValueError(f"unsupported content encoding {encoding!r}")
        self._deflate = codings == ["deflate"]
        self._inflater = None
        if codings:
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if self._deflate else 16 + zlib.MAX_WBITS)
        self._parts: list[bytes] = []
        self._size = 0
        self._limit = limit
        self._broken = False

    def feed(self, chunk: bytes) -> bool:
        """Take raw bytes; False once the decoded body would pass the limit."""
        if self._inflater is None:
            return self._keep(chunk)
        try:
            pending = chunk
            while pending and not self._inflater.eof:
                piece = self._inflater.decompress(pending, self._limit - self._size + 1)
                if not self._keep(piece):
                    return False
                pending = self._inflater.unconsumed_tail
        except zlib.error:
            if self._deflate and not self._size and not self._parts:
                # "deflate" servers often send raw deflate without the zlib header.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                self._deflate = False
                return self.feed(chunk)
            self._broken = True
        return True

    def _keep(self, piece: bytes) -> bool:
        self._size += len(piece)
        if self._size > self._limit:
            return False
        self._parts.append(piece)
        return True

    def finish(self) -> bytes | None:
        """The decoded body, or None when the compressed data was broken."""
        if self._broken:
            return None
        return b"".join(self._parts)


def _moved_to(response: httpx.Response) -> str | None:
    """The final URL when every redirect followed was permanent (only those move a feed)."""
    if response.history and all(r.status_code in _PERMANENT for r in response.history):
        return str(response.url)
    return None


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header in seconds (delta-seconds or an HTTP date), capped at six hours."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(int(value[:12]))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)
