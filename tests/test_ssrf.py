"""The SSRF guard over real loopback sockets: refused addresses are never dialled, at any hop.

Linux routes all of 127.0.0.0/8 to lo, so 127.0.0.2 serves as a second host the policy exempts. Every
refusal is asserted with its reason, which only the guard writes, so each test fails without it. With
the guard in place nothing leaves loopback: the non-loopback catalogue addresses (10.0.0.1,
169.254.169.254…) are refused before any connect, and the invented names (feed.test) are answered by
an injected resolver, never by DNS.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress

import httpx
import pytest

from feeds.fetch import fetch_feed, make_client
from feeds.guard import AddressPolicy, UrlRefused, address_refusal, check_url
from tests.feed_builders import rss

LOOPBACK = "127.0.0.1"
EXEMPT = "127.0.0.2"
BODY = rss([{"title": "t", "guid": "ssrf-1", "text": "نص"}])


def answer(status: int = 200, location: str | None = None) -> bytes:
    """A whole HTTP/1.1 response; `Connection: close` makes every request open a new connection."""
    body = BODY if status == 200 else b""
    head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
    if location:
        head.append(f"Location: {location}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class Listener:
    """Counts the connections it accepts and answers each request with the same bytes."""

    def __init__(self, response: bytes) -> None:
        self.response = response
        self.accepted = 0
        self.port = 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer one request on a fresh connection."""
        self.accepted += 1
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(self.response)
            await writer.drain()
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


@contextlib.asynccontextmanager
async def listening(response: bytes, host: str = LOOPBACK, port: int = 0):
    """A Listener on `host`:`port` for the duration of the block."""
    listener = Listener(response)
    server = await asyncio.start_server(listener.serve, host, port)
    listener.port = server.sockets[0].getsockname()[1]
    try:
        yield listener
    finally:
        server.close()
        await server.wait_closed()


@contextlib.asynccontextmanager
async def two_hosts(local_response: bytes, exempt_response: bytes):
    """Listeners on 127.0.0.1 and 127.0.0.2 at the same port, and a policy exempting only the second."""
    async with listening(local_response) as local:
        async with listening(exempt_response, EXEMPT, local.port) as exempt:
            yield local, exempt, AddressPolicy(exempt=frozenset({(EXEMPT, local.port)}))


def guarded_client(policy: AddressPolicy, resolve=None) -> httpx.AsyncClient:
    """The bot's feed client on the guarded transport."""
    return make_client(policy, resolve)


async def settle() -> None:
    """Let a connection the kernel completed reach the listener's callback before counting."""
    await asyncio.sleep(0.02)


def answering(*answers: list[str]):
    """A resolver giving `answers` in turn (the last one forever), and the hosts it was asked about."""
    pending = list(answers)
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return pending.pop(0) if len(pending) > 1 else pending[0]

    return resolve, asked


CATALOGUE = [
    ("127.0.0.1", "loopback"),
    ("[::1]", "loopback"),
    ("0.0.0.0", "unspecified"),  # a connect to 0.0.0.0 reaches the 127.0.0.1 listener on Linux
    ("169.254.169.254", "link-local"),
    ("10.0.0.1", "private"),
    ("100.64.0.1", "shared address space"),
    ("[fd00::1]", "private"),
    ("[fe80::1]", "link-local"),
    ("224.0.0.1", "multicast"),
    ("[::ffff:127.0.0.1]", "embeds 127.0.0.1, a loopback"),
    ("[64:ff9b::7f00:1]", "embeds 127.0.0.1, a loopback"),
    ("2130706433", "2130706433: 127.0.0.1 is a loopback"),
    ("0x7f.1", "0x7f.1: 127.0.0.1 is a loopback"),
    ("127.1", "127.1: 127.0.0.1 is a loopback"),
    ("017700000001", "017700000001: 127.0.0.1 is a loopback"),
    ("localhost", "localhost: 127.0.0.1 is a loopback"),
    ("example.test@127.0.0.1", "127.0.0.1 is a loopback"),
    # glibc finds no "localhost." in /etc/hosts and would ask DNS; the guard answers localhost names.
    ("LOCALHOST.", "localhost.: 127.0.0.1 is a loopback"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
]


@pytest.mark.parametrize("host, reason", CATALOGUE, ids=[host for host, _ in CATALOGUE])
def test_catalogue_address_is_refused_before_any_connection(host, reason):
    async def go():
        async with listening(answer()) as local:
            url = f"http://{host}:{local.port}/feed"
            with pytest.raises(UrlRefused, match=reason):
                await check_url(url, AddressPolicy())
            async with guarded_client(AddressPolicy()) as client:
                with pytest.raises(httpx.ConnectError, match=reason):
                    await client.get(url)
            await settle()
            assert local.accepted == 0

    asyncio.run(go())


def test_allow_private_reaches_loopback_but_never_the_unspecified_address():
    async def go():
        policy = AddressPolicy(allow_private=True)
        async with listening(answer()) as local, guarded_client(policy) as client:
            await check_url(f"http://localhost:{local.port}/feed", policy)
            result = await fetch_feed(client, f"http://127.0.0.1:{local.port}/feed")
            assert result.ok and result.body == BODY
            assert local.accepted == 1
            with pytest.raises(UrlRefused, match="0.0.0.0 is the unspecified address"):
                await check_url(f"http://0.0.0.0:{local.port}/feed", policy)
            with pytest.raises(httpx.ConnectError, match="unspecified"):
                await client.get(f"http://0.0.0.0:{local.port}/feed")
            await settle()
            assert local.accepted == 1

    asyncio.run(go())


@pytest.mark.parametrize(
    "status, target",
    [
        (301, "http://127.0.0.1:{port}/feed"),
        (302, "http://127.0.0.1:{port}/feed"),
        (307, "http://2130706433:{port}/feed"),
        (308, "http://localhost:{port}/feed"),
    ],
)
def test_redirect_to_loopback_is_refused_at_the_hop(status, target):
    async def go():
        async with listening(answer()) as local:
            location = target.format(port=local.port)
            async with listening(answer(status, location), EXEMPT, local.port) as exempt:
                policy = AddressPolicy(exempt=frozenset({(EXEMPT, local.port)}))
                url = f"http://{EXEMPT}:{local.port}/feed"
                await check_url(url, policy)  # the first hop is allowed: only the follow is refused
                async with guarded_client(policy) as client:
                    result = await fetch_feed(client, url)
                await settle()
                assert not result.ok and "ConnectError" in result.error
                assert "127.0.0.1 is a loopback address" in result.error
                assert (exempt.accepted, local.accepted) == (1, 0)

    asyncio.run(go())


def test_rebinding_after_the_check_is_refused_at_connect():
    async def go():
        async with two_hosts(answer(), answer()) as (local, exempt, policy):
            resolve, asked = answering([EXEMPT], [LOOPBACK])
            url = f"http://feed.test:{local.port}/feed"
            await check_url(url, policy, resolve)
            async with guarded_client(policy, resolve) as client:
                with pytest.raises(httpx.ConnectError, match="feed.test: 127.0.0.1 is a loopback"):
                    await client.get(url)
            await settle()
            assert asked == ["feed.test", "feed.test"]
            assert (exempt.accepted, local.accepted) == (0, 0)

    asyncio.run(go())


def test_rebinding_between_connections_of_one_client_is_refused():
    async def go():
        async with two_hosts(answer(), answer()) as (local, exempt, policy):
            resolve, asked = answering([EXEMPT], [LOOPBACK])
            url = f"http://feed.test:{local.port}/feed"
            async with guarded_client(policy, resolve) as client:
                first = await client.get(url)
                assert first.status_code == 200 and first.content == BODY
                # The server closed the connection, so this request dials again and resolves again.
                with pytest.raises(httpx.ConnectError, match="loopback"):
                    await client.get(url)
            await settle()
            assert len(asked) == 2
            assert (exempt.accepted, local.accepted) == (1, 0)

    asyncio.run(go())


def test_one_refused_answer_refuses_the_whole_host():
    async def go():
        async with two_hosts(answer(), answer()) as (local, exempt, policy):
            resolve, _ = answering([EXEMPT, LOOPBACK])
            url = f"http://feed.test:{local.port}/feed"
            with pytest.raises(UrlRefused, match="feed.test: 127.0.0.1 is a loopback"):
                await check_url(url, policy, resolve)
            async with guarded_client(policy, resolve) as client:
                with pytest.raises(httpx.ConnectError, match="loopback"):
                    await client.get(url)
            await settle()
            assert (exempt.accepted, local.accepted) == (0, 0)

    asyncio.run(go())


def test_an_unresolvable_host_is_refused_with_its_name():
    async def fail(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(UrlRefused, match="feed.test does not resolve"):
        asyncio.run(check_url("http://feed.test/feed", AddressPolicy(), fail))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.2/feed", "gopher://127.0.0.2:70/_x", "data:text/plain,hi"]
)
def test_other_schemes_are_refused(url):
    with pytest.raises(UrlRefused, match="only http and https feeds are accepted"):
        asyncio.run(check_url(url, AddressPolicy(allow_private=True)))


def test_url_without_host_is_refused():
    with pytest.raises(UrlRefused, match="no host"):
        asyncio.run(check_url("http:///feed", AddressPolicy(allow_private=True)))


def test_proxies_from_the_environment_are_not_used(monkeypatch):
    async def go():
        async with two_hosts(answer(), answer()) as (local, proxy, policy):
            for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
                monkeypatch.setenv(name, f"http://{EXEMPT}:{local.port}")
            async with guarded_client(policy) as client:
                with pytest.raises(httpx.ConnectError, match="loopback"):
                    await client.get(f"http://127.0.0.1:{local.port}/feed")
            await settle()
            assert (proxy.accepted, local.accepted) == (0, 0)

    asyncio.run(go())


ADDRESS_CASES = [
    ("::ffff:127.0.0.1", "::ffff:7f00:1 embeds 127.0.0.1, a loopback address"),
    ("2002:7f00:1::", "2002:7f00:1:: embeds 127.0.0.1, a loopback address"),
    ("64:ff9b::7f00:1", "64:ff9b::7f00:1 embeds 127.0.0.1, a loopback address"),
    # Teredo: server 8.8.8.8, client 127.0.0.1 (stored with its bits inverted).
    ("2001:0:808:808::80ff:fffe", "2001:0:808:808::80ff:fffe embeds 127.0.0.1, a loopback address"),
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ("100.64.0.1", "100.64.0.1 is shared address space"),
    ("224.0.0.1", "224.0.0.1 is a multicast address"),
    ("192.0.0.8", "192.0.0.8 is not a public address"),
    ("255.255.255.255", "255.255.255.255 is a reserved address"),
    ("0.1.2.3", "0.1.2.3 is a 'this network' address"),
    ("::", ":: is the unspecified address"),
]


@pytest.mark.parametrize("ip, reason", ADDRESS_CASES, ids=[ip for ip, _ in ADDRESS_CASES])
def test_address_refusal_unwraps_and_names_the_kind(ip, reason):
    assert address_refusal(ip, 80, AddressPolicy()) == reason


@pytest.mark.parametrize("ip", ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_are_allowed(ip):
    # ipaddress calls v4-mapped and NAT64 forms reserved; a DNS64 network needs the public ones.
    assert address_refusal(ipaddress.ip_address(ip), 443, AddressPolicy()) is None


def test_allow_private_still_refuses_unspecified_and_link_local():
    policy = AddressPolicy(allow_private=True)
    assert address_refusal("127.0.0.1", 80, policy) is None
    assert address_refusal("10.0.0.1", 80, policy) is None
    assert address_refusal("::ffff:192.168.1.1", 80, policy) is None
    assert address_refusal("0.0.0.0", 80, policy) == "0.0.0.0 is the unspecified address"
    assert address_refusal("::", 80, policy) == ":: is the unspecified address"
    assert "link-local" in address_refusal("169.254.169.254", 80, policy)


def test_exemption_is_one_exact_address_and_port():
    policy = AddressPolicy(exempt=frozenset({(EXEMPT, 8080), ("0:0:0:0:0:0:0:1", 8080)}))
    assert address_refusal(EXEMPT, 8080, policy) is None
    assert address_refusal("::1", 8080, policy) is None
    assert address_refusal(EXEMPT, 8081, policy) == "127.0.0.2 is a loopback address"
    assert address_refusal("127.0.0.1", 8080, policy) == "127.0.0.1 is a loopback address"
