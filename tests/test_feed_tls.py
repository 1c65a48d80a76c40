"""Feeds over TLS (docs/reliability.md §5 cases 24 and 25): a certificate the client cannot trust is a
clear per-feed error naming the cause, never an insecure retry, while the other feeds go on; and a
redirect from https down to http is refused before the http address is dialled. Real HTTPS servers on
loopback with certificates from a test CA (trustme) that the client is told to trust."""

from __future__ import annotations

import asyncio
import logging
import ssl
from datetime import UTC, datetime, timedelta

import pytest
import trustme

from feeds.fetch import make_client
from ingest.poller import poll_due_feeds
from storage.feeds import upsert_feed
from tests.auxil.hostile_server import HostileServer, redirect, respond
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item
from tests.test_catalogue_gaps import NOW, count, state

BODY = rss([seed_item("seed-003")])


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusting(ca) -> ssl.SSLContext:
    """The client's context: the system's rules, trusting the test CA only."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def serving(cert: trustme.LeafCert) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


def self_signed(tmp_path) -> ssl.SSLContext:
    """A server presenting a certificate that signs itself (an untrusted CA's own)."""
    other = trustme.CA()
    other.cert_pem.write_to_path(tmp_path / "self.pem")
    other.private_key_pem.write_to_path(tmp_path / "self.key")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "self.pem", tmp_path / "self.key")
    return context


def poll(db, gazetteer, context: ssl.SSLContext, now: datetime = NOW) -> dict:
    async def go():
        async with make_client(LOOPBACK_ALLOWED, ssl_context=context) as client:
            return {r.feed: r for r in await poll_due_feeds(db, client, gazetteer, now)}

    return asyncio.run(go())


def test_a_feed_with_a_certificate_from_a_trusted_ca_is_fetched(db, gazetteer, ca, trusting):
    """The positive case: without it every refusal below could be a broken TLS setup."""
    with HostileServer("127.0.0.60", tls=serving(ca.issue_cert("127.0.0.60"))) as server:
        server.route("/feed", respond(BODY))
        upsert_feed(db, server.url(), "secure", 60)
        report = poll(db, gazetteer, trusting)["secure"]
    assert server.url().startswith("https://")
    assert report.status == "new" and report.new_articles == 1


def _expired(ca: trustme.CA, host: str) -> trustme.LeafCert:
    now = datetime.now(UTC)
    return ca.issue_cert(host, not_before=now - timedelta(days=30), not_after=now - timedelta(days=1))


@pytest.mark.parametrize(
    "make, cause",
    [
        (lambda ca, host, tmp: self_signed(tmp), "self-signed certificate"),
        (lambda ca, host, tmp: serving(_expired(ca, host)), "certificate has expired"),
        (
            lambda ca, host, tmp: serving(ca.issue_cert("feeds.example.org")),
            "IP address mismatch, certificate is not valid for '127.0.0.61'.",
        ),
        (
            lambda ca, host, tmp: serving(trustme.CA().issue_cert(host)),
            "unable to get local issuer certificate",
        ),
    ],
    ids=["self-signed", "expired", "wrong-host", "unknown-ca"],
)
def test_a_certificate_that_cannot_be_trusted_fails_the_feed_with_its_cause_and_the_others_go_on(
    db, gazetteer, ca, trusting, tmp_path, make, cause
):
    with (
        HostileServer("127.0.0.61", tls=make(ca, "127.0.0.61", tmp_path)) as bad,
        HostileServer("127.0.0.62", tls=serving(ca.issue_cert("127.0.0.62"))) as good,
    ):
        bad.route("/feed", respond(BODY))
        good.route("/feed", respond(rss([seed_item("seed-005")])))
        upsert_feed(db, bad.url(), "bad", 60)
        upsert_feed(db, good.url(), "good", 60)
        reports = poll(db, gazetteer, trusting)
        assert bad.requests == []  # no request was sent over the refused connection
    assert reports["bad"].status == "error"
    assert reports["bad"].error == f"TLS: the server's certificate is refused: {cause}"
    assert state(db, "bad")["error_count"] == 1 and state(db, "bad")["failing_since"] == NOW.isoformat()
    assert reports["good"].new_articles == 1 and count(db, "articles") == 1


@pytest.mark.parametrize("status", [301, 302])
def test_a_redirect_from_https_down_to_http_is_refused_before_dialling_it(
    db, gazetteer, ca, trusting, caplog, status
):
    with (
        HostileServer("127.0.0.63", tls=serving(ca.issue_cert("127.0.0.63"))) as secure,
        HostileServer("127.0.0.64") as plain,
    ):
        plain.route("/feed", respond(BODY))
        secure.route("/feed", redirect(plain.url(), status))
        upsert_feed(db, secure.url(), "downgraded", 60)
        with caplog.at_level(logging.WARNING, logger="ingest.poller"):
            report = poll(db, gazetteer, trusting)["downgraded"]
        assert plain.connections == 0 and len(secure.requests) == 1
    assert report.status == "error" and report.error.startswith("InsecureRedirectError: ")
    expected = f"refused a redirect from https down to http ({secure.url()} → {plain.url()})"
    assert expected in report.error
    assert any(r.getMessage() == f"feed downgraded: {report.error}" for r in caplog.records), caplog.text
    assert count(db, "articles") == 0 and state(db, "downgraded")["url"] == secure.url()


def test_a_redirect_from_http_up_to_https_is_followed(db, gazetteer, ca, trusting):
    """The refusal is one-way: moving a feed onto https is what a site should do."""
    with (
        HostileServer("127.0.0.65", tls=serving(ca.issue_cert("127.0.0.65"))) as secure,
        HostileServer("127.0.0.66") as plain,
    ):
        secure.route("/feed", respond(BODY))
        plain.route("/feed", redirect(secure.url(), 301))
        upsert_feed(db, plain.url(), "upgraded", 60)
        report = poll(db, gazetteer, trusting)["upgraded"]
    assert report.new_articles == 1 and state(db, "upgraded")["url"] == secure.url()
