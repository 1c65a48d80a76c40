"""Keeping feed fetches off loopback, private and link-local addresses (SSRF).

Whoever runs /addfeed picks the URL and redirects are followed, so any hop could aim at the bot's host,
the LAN or cloud metadata. The network backend therefore resolves the host itself at every connect (each
hop, each new connection), refuses if any answer is refused, and dials the checked address, not the name,
so no second lookup can answer differently (DNS rebinding). Spellings such as `0x7f.1` are judged by what
they resolve to. `check_url` applies the same rule before a feed is added, without connecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

SCHEMES = {"http": 80, "https": 443}
SHARED_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: neither private nor global
THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # Linux delivers connects to 0.x.x.x locally
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# IETF protocol assignments; Python before 3.11.10 calls 192.0.0.8 and a few others global.
IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")
LOOPBACK_ANSWERS = ["127.0.0.1", "::1"]


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses feeds may be fetched from beyond the public internet."""

    allow_private: bool = False  # [fetch] allow_private_addresses: loopback, private, shared (local testing)
    exempt: frozenset[tuple[str, int]] = frozenset()  # exact (ip, port) pairs, e.g. the bundled sample feed

    def __post_init__(self) -> None:
        # Canonical spellings, so ("::0001", 80) matches what the resolver answers for ::1.
        canonical = frozenset((str(ipaddress.ip_address(ip)), int(port)) for ip, port in self.exempt)
        object.__setattr__(self, "exempt", canonical)


class UrlRefused(Exception):
    """A feed URL or address the policy does not allow; the message says why in one line. `kind`
    ("a loopback address") and `address` are set when the host resolved to a refused address."""

    def __init__(self, message: str, kind: str | None = None, address: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.address = kind, address


def address_refusal(ip: str | Address, port: int, policy: AddressPolicy) -> str | None:
    """Why connecting to `ip`:`port` is refused, or None when it is allowed."""
    verdict = _verdict(ip, port, policy)
    return verdict[0] if verdict else None


def _verdict(ip: str | Address, port: int, policy: AddressPolicy) -> tuple[str, str] | None:
    """(why, what kind of address) when connecting to `ip`:`port` is refused."""
    address = ip if isinstance(ip, Address) else ipaddress.ip_address(ip)
    if (str(address), port) in policy.exempt:
        return None
    translated = _translated_ipv4(address)
    if translated is not None:
        # v4-mapped and NAT64 addresses *are* the IPv4 host (ipaddress calls them reserved, which would
        # also refuse 64:ff9b::808:808, the form a DNS64 network gives every public IPv4-only site).
        kind = _refused_kind(translated, policy)
        return (f"{address} embeds {translated}, {kind}", kind) if kind else None
    for tunnelled in _tunnelled_ipv4(address):
        kind = _refused_kind(tunnelled, policy)
        if kind:
            return f"{address} embeds {tunnelled}, {kind}", kind
    kind = _refused_kind(address, policy)
    return (f"{address} is {kind}", kind) if kind else None


def _translated_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 host an IPv6 address stands for (v4-mapped, NAT64 64:ff9b::/96), if it is one."""
    if address.version == 4:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _tunnelled_ipv4(address: Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 endpoints a 6to4 or Teredo address carries packets to."""
    if address.version == 4:
        return []
    if address.sixtofour is not None:
        return [address.sixtofour]
    return list(address.teredo or ())


def _refused_kind(address: Address, policy: AddressPolicy) -> str | None:
    """What kind of address this is when the policy refuses it ("a loopback address"), else None."""
    if address.is_unspecified:
        return "the unspecified address"  # a connect to 0.0.0.0 or :: reaches the local host
    if address.version == 4 and address in THIS_NETWORK:
        return "a 'this network' address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_link_local:
        return "a link-local address"  # 169.254.169.254 is cloud metadata; local tests never need it
    if address.is_reserved and not address.is_loopback:  # ::1 sits in the reserved ::/8
        return "a reserved address"
    if policy.allow_private:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.version == 4 and address in SHARED_SPACE:
        return "shared address space"
    if address.is_private:
        return "a private address"
    if not address.is_global or (address.version == 4 and address in IETF_PROTOCOL):
        return "not a public address"
    return None


async def resolve_host(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives `host`, in its order."""
    answers = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in answers))


async def vet_host(host: str, port: int, policy: AddressPolicy, resolve: Resolver | None = None) -> list[str]:
    """The addresses `host` resolves to, all allowed; UrlRefused when it does not resolve or one is not."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        # RFC 6761: localhost names are loopback and never asked of DNS ("LOCALHOST." would be).
        addresses = LOOPBACK_ANSWERS
    else:
        try:
            addresses = await (resolve or resolve_host)(host, port)
        except OSError as exc:
            raise UrlRefused(f"{host} does not resolve ({exc.strerror or exc})") from None
    if not addresses:
        raise UrlRefused(f"{host} does not resolve")
    for address in addresses:
        verdict = _verdict(address, port, policy)
        if verdict:
            reason, kind = verdict
            raise UrlRefused(reason if host == address else f"{host}: {reason}", kind, address)
    return addresses


async def check_url(url: str, policy: AddressPolicy, resolve: Resolver | None = None) -> None:
    """Raise UrlRefused unless `url` is http(s) and its host resolves only to allowed addresses."""
    try:
        parsed = httpx.URL(url)  # parsed as the client will parse it, so both judge the same host
    except httpx.InvalidURL as exc:
        raise UrlRefused(f"not a valid URL: {exc}") from None
    if parsed.scheme not in SCHEMES:
        raise UrlRefused("only http and https feeds are accepted")
    if not parsed.raw_host:
        raise UrlRefused("the URL has no host")
    # raw_host is what httpcore hands the backend: IDNA-encoded, IPv6 without brackets.
    await vet_host(parsed.raw_host.decode("ascii"), parsed.port or SCHEMES[parsed.scheme], policy, resolve)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that vets every TCP connect and dials the vetted address."""

    def __init__(
        self,
        policy: AddressPolicy,
        resolve: Resolver | None = None,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._policy = policy
        self._resolve = resolve
        # AnyIOBackend is what httpcore's private AutoBackend picks under asyncio, and the resolver
        # uses asyncio's loop, so the guard is asyncio-only either way.
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface passes it by name
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve `host`, refuse unless every address is allowed, then connect to the first that answers."""
        try:
            async with asyncio.timeout(timeout):
                addresses = await vet_host(host, port, self._policy, self._resolve)
        except UrlRefused as exc:
            raise httpcore.ConnectError(str(exc)) from None
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took more than {timeout:g} s") from None
        options = {"timeout": timeout, "local_address": local_address, "socket_options": socket_options}
        for address in addresses[:-1]:  # vet_host never returns an empty list
            with contextlib.suppress(httpcore.ConnectError):
                return await self._inner.connect_tcp(address, port, **options)
        return await self._inner.connect_tcp(addresses[-1], port, **options)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refuse: feeds are fetched over TCP only."""
        raise httpcore.ConnectError("unix sockets are not fetched from")

    async def sleep(self, seconds: float) -> None:
        """Wait between connection retries, as the inner backend does."""
        await self._inner.sleep(seconds)


def guarded_transport(
    policy: AddressPolicy,
    limits: httpx.Limits,
    resolve: Resolver | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose connection pool dials only through GuardedBackend. Certificates are
    checked against certifi's store unless `ssl_context` says otherwise (tests trust their own CA)."""
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    # The one private detail relied on: AsyncHTTPTransport keeps its httpcore pool in `_pool` and takes
    # no network_backend argument. Swapping the pool keeps httpx's request, stream and error mapping.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(policy, resolve),
    )
    return transport
