"""Fetching and parsing feeds over real HTTP from a local server."""

import asyncio
import time

import httpx
import pytest
from werkzeug import Response

from feeds.fetch import fetch_feed, make_client
from feeds.parse import FeedError, HostileFeedError, html_to_text, parse_feed
from tests.conftest import LOOPBACK_ALLOWED
from tests.feed_builders import rss, seed_item


def fetch(url, **kwargs):
    async def go():
        async with make_client(LOOPBACK_ALLOWED) as client:
            return await fetch_feed(client, url, **kwargs)

    return asyncio.run(go())


def test_fetch_returns_the_body(httpserver):
    body = rss([seed_item("seed-003")])
    httpserver.expect_request("/feed").respond_with_data(body, content_type="application/rss+xml")
    result = fetch(httpserver.url_for("/feed"))
    assert result.ok and result.body == body


def test_conditional_get_sends_validators_and_accepts_304(httpserver):
    httpserver.expect_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Sat, 01 Jan 2022 00:00:00 GMT"}
    ).respond_with_data("", status=304)
    result = fetch(httpserver.url_for("/feed"), etag='"v1"', last_modified="Sat, 01 Jan 2022 00:00:00 GMT")
    assert result.not_modified and result.error is None


def test_http_errors_are_results_not_exceptions(httpserver):
    httpserver.expect_request("/feed").respond_with_data("boom", status=503)
    result = fetch(httpserver.url_for("/feed"))
    assert not result.ok and result.error == "HTTP 503"


def test_unreachable_host_is_an_error_result():
    result = fetch("http://127.0.0.1:9/feed")
    assert not result.ok and "Connect" in result.error


def test_slow_drip_is_cut_by_the_total_deadline(httpserver):
    def drip(request):
        def body():
            for _ in range(50):
                time.sleep(0.2)
                yield b"<"

        return Response(body(), content_type="application/rss+xml")

    httpserver.expect_request("/slow").respond_with_handler(drip)
    started = time.monotonic()
    result = fetch(httpserver.url_for("/slow"), deadline_s=1.0)
    assert time.monotonic() - started < 3
    assert not result.ok and "1 s" in result.error


def test_body_over_the_cap_is_refused(httpserver):
    httpserver.expect_request("/big").respond_with_data(b"x" * 20_000)
    result = fetch(httpserver.url_for("/big"), max_bytes=10_000)
    assert not result.ok and "larger than" in result.error


def test_parse_reads_items_and_text():
    body = rss([seed_item("seed-001", link="https://example.org/a", pubdate="Tue, 16 Nov 2021 10:00:00 GMT")])
    parsed = parse_feed(body)
    [article] = parsed.articles
    assert article.guid == "tests-seed-001"
    assert article.link == "https://example.org/a"
    assert article.published == "2021-11-16T10:00:00+00:00"
    assert "شارع الوادي" in article.text and "<p>" not in article.text


def test_parse_refuses_entity_declarations_in_any_encoding():
    doc = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "'
        + "x" * 1000
        + '">]><rss><channel><item><title>&a;&a;</title></item></channel></rss>'
    )
    with pytest.raises(HostileFeedError):
        parse_feed(doc.encode("utf-8"))
    with pytest.raises(HostileFeedError):
        parse_feed(doc.encode("utf-16"))


def test_parse_never_treats_the_body_as_a_path_or_url(tmp_path, httpserver):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([{"title": "LOCAL-FILE-READ", "text": "x", "guid": "g"}]))
    httpserver.expect_request("/secret").respond_with_data(rss([{"title": "FETCHED", "guid": "g"}]))
    for body in (str(secret).encode(), f"file://{secret}".encode(), httpserver.url_for("/secret").encode()):
        with pytest.raises(FeedError):
            parse_feed(body)
    assert len(httpserver.log) == 0


def test_parse_rejects_non_feeds():
    with pytest.raises(FeedError):
        parse_feed(b"<html><body>not a feed</body></html>")


def test_parse_keeps_only_http_links_and_caps_titles():
    body = rss([{"title": "ع" * 10_000, "link": "javascript:alert(1)", "guid": "g", "text": "نص"}])
    [article] = parse_feed(body).articles
    assert article.link is None
    assert len(article.title) <= 501


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    assert html_to_text("<p>سطر</p><script>x()</script><p>آخر &amp; تم</p>") == "سطر\nآخر & تم"


def test_client_ignores_proxy_environment(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    client = make_client(LOOPBACK_ALLOWED)
    assert isinstance(client, httpx.AsyncClient)
    assert client._trust_env is False
    asyncio.run(client.aclose())


def test_a_gzip_bomb_is_refused_without_decoding_it_whole(httpserver):
    """200 KB of gzip that inflates to 200 MB (docs/reliability.md V11): refused at the decoded cap, and no
    step of the fetch holds more than the cap's worth of decoded bytes."""
    import resource
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip, built 1 MB at a time
    zeros = bytes(1024 * 1024)
    bomb = b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/rss+xml"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = fetch(httpserver.url_for("/bomb"))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert not result.ok and "decompresses to more than" in result.error
    assert grown_mb < 30, grown_mb


def test_gzip_and_deflate_bodies_are_decoded(httpserver):
    import gzip
    import zlib

    body = rss([seed_item("seed-003")])
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    for path, data, coding in (
        ("/gz", gzip.compress(body), "gzip"),
        ("/zlib", zlib.compress(body), "deflate"),
        ("/raw", raw_deflate.compress(body) + raw_deflate.flush(), "deflate"),
    ):
        httpserver.expect_request(path).respond_with_data(data, headers={"Content-Encoding": coding})
        result = fetch(httpserver.url_for(path))
        assert result.ok and result.body == body, path
    httpserver.expect_request("/br").respond_with_data(b"x", headers={"Content-Encoding": "br"})
    assert "unsupported content encoding" in fetch(httpserver.url_for("/br")).error


def test_retry_after_is_read_in_seconds_or_as_a_date_and_capped(httpserver):
    from datetime import UTC, datetime

    from feeds.fetch import retry_after_seconds

    httpserver.expect_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    result = fetch(httpserver.url_for("/busy"))
    assert result.error == "HTTP 429" and result.retry_after_s == 3600
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert retry_after_seconds("Thu, 01 Jan 2026 12:10:00 GMT", now) == 600
    assert retry_after_seconds("864000") == 6 * 3600  # ten days asked, six hours granted
    assert retry_after_seconds("soon") is None


def test_only_permanent_redirects_move_a_feed(httpserver):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/tmp").respond_with_data("", status=302, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(rss([seed_item("seed-003")]))
    assert fetch(httpserver.url_for("/old")).moved_to == httpserver.url_for("/new")
    assert fetch(httpserver.url_for("/tmp")).moved_to is None


def _entity_bomb(encoding: str, declared: bool = True) -> bytes:
    """A quadratic-entity feed (one 10 KB entity, 100 references) behind a malformed prolog, the shape
    that makes feedparser's loose parser expand it (docs/reliability.md V3b), in `encoding`."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if declared else ""
    doc = (
        f'{declaration}<!-- x -- y --><!DOCTYPE rss [<!ENTITY a "{"x" * 10_000}">]>'
        f'<rss version="2.0"><channel><title>t</title><item><title>x</title><description>'
        f"{'&a;' * 100}</description></item></channel></rss>"
    )
    if encoding == "utf-7":  # markup written in UTF-7's base64 form, as an attacker would ("+ADw-")
        doc = doc[: len(declaration)] + "".join(_utf7_shifted(c) for c in doc[len(declaration) :])
        return doc.encode("ascii")
    return doc.encode(encoding)


def _utf7_shifted(char: str) -> str:
    import base64

    if char.isalnum() or char == " ":
        return char
    return "+" + base64.b64encode(char.encode("utf-16-be")).decode().rstrip("=") + "-"


@pytest.mark.parametrize(
    ("encoding", "headers"),
    [
        ("utf-7", {}),
        ("utf-7", {"content-type": "application/rss+xml; charset=utf-7"}),
        ("cp037", {}),
        ("unicode_escape", {"content-type": "application/xml; charset=unicode_escape"}),
        ("utf-16", {}),
        ("utf-32", {}),
    ],
)
def test_entity_declarations_are_found_in_the_encoding_the_parser_will_read(encoding, headers):
    """No literal "<!ENTITY" bytes in these documents, yet feedparser decodes them and would expand
    the entity: the scan reads the text the parser reads, and refuses it fast."""
    body = _entity_bomb(encoding, declared="content-type" not in headers)
    assert encoding in {"unicode_escape"} or b"<!ENTITY" not in body
    started = time.monotonic()
    with pytest.raises(HostileFeedError):
        parse_feed(body, headers)
    assert time.monotonic() - started < 0.5


def test_windows_1256_declared_as_utf8_is_read_as_arabic_not_mojibake():
    """Reliability V6: the bytes fail UTF-8 and feedparser falls back to windows-1252 ("ÞÕÝ ãÏÝÚí");
    they are Arabic in windows-1256, and the parse says it read them so."""
    body = rss([{"title": "قصف مدفعي", "text": "قصف مدفعي على بلدة ذيبان", "guid": "g"}])
    cp1256 = body.decode("utf-8").encode("cp1256")
    parsed = parse_feed(cp1256, {"content-type": "application/rss+xml; charset=utf-8"})
    [article] = parsed.articles
    assert article.title == "قصف مدفعي" and "ذيبان" in article.text
    assert "windows-1256" in parsed.warning
    assert parse_feed(body).warning is None  # a correct feed gets no warning
