"""Fetching feed bytes over HTTP with every limit set: timeouts, a total deadline and a size cap.

httpx's read timeout is per chunk, so a server dripping one byte at a time never trips it; only the
outer `asyncio.timeout` bounds the whole fetch (encode/httpx #1450).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import httpx

logger = logging.getLogger(__name__)

USER_AGENT = "Raqib/0.1 (+https://github.com/raqib-bot/raqib; feed reader)"
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=5.0)
DEFAULT_DEADLINE_S = 45.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch got: a body, a 304, or an error described in one line."""

    url: str
    status: int | None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server said the feed has not changed since the validators we sent."""
        return self.status == 304

    @property
    def ok(self) -> bool:
        """A body to parse."""
        return self.error is None and self.status == 200


def make_client() -> httpx.AsyncClient:
    """The HTTP client feeds are fetched with: redirects followed (5 at most), no proxies from env."""
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        follow_redirects=True,
        max_redirects=5,
        trust_env=False,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
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
        return FetchResult(url, None, error=f"no complete answer within {deadline_s:g} s")
    except httpx.HTTPError as exc:
        return FetchResult(url, None, error=f"{type(exc).__name__}: {exc}".strip())


async def _stream(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int
) -> FetchResult:
    async with client.stream("GET", url, headers=headers) as response:
        response_headers = {k.lower(): v for k, v in response.headers.items()}
        if response.status_code == 304:
            return FetchResult(url, 304, headers=response_headers)
        if response.status_code != 200:
            return FetchResult(
                url,
                response.status_code,
                headers=response_headers,
                error=f"HTTP {response.status_code}",
            )
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
            return FetchResult(url, 200, error=f"feed larger than {max_bytes} bytes ({declared})")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                return FetchResult(url, 200, error=f"feed larger than {max_bytes} bytes")
            chunks.append(chunk)
        return FetchResult(url, 200, b"".join(chunks), response_headers)
