"""Self-tests of the hostile feed server and payload builders, with plain httpx."""

import asyncio
import socket
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pytest

from tests.auxil import hostile_payloads as payloads
from tests.auxil.hostile_server import (
    HostileServer,
    chunked_forever,
    compressed_zeros,
    deflate_bomb,
    drip,
    gzip_bomb,
    hang_after_headers,
    hang_before_headers,
    lying_length,
    redirect,
    reset_mid_body,
    respond,
    retry_after,
)

BODY = payloads.rss([payloads.item(guid="g1")])


@pytest.fixture
def server():
    with HostileServer() as running:
        yield running


def test_respond_serves_the_body_and_records_the_request(server):
    server.route("/feed", respond(BODY, headers={"ETag": '"v1"'}))
    response = httpx.get(
        server.url("/feed?x=1"),
        headers={"If-None-Match": '"v0"', "If-Modified-Since": "Sat, 01 Jan 2022 00:00:00 GMT"},
    )
    assert response.status_code == 200 and response.content == BODY
    assert response.headers["etag"] == '"v1"' and response.headers["content-type"].startswith(
        "application/rss+xml"
    )
    [request] = server.requests_for("/feed")
    assert (request.method, request.path, request.target) == ("GET", "/feed", "/feed?x=1")
    assert request.headers["if-none-match"] == '"v0"' and "gzip" in request.headers["accept-encoding"]
    assert request.headers["if-modified-since"].startswith("Sat")


def test_last_route_wins_and_unknown_paths_are_404(server):
    server.route("/feed", respond(b"one"))
    server.route("/feed", respond(b"two"))
    assert httpx.get(server.url("/feed")).content == b"two"
    assert httpx.get(server.url("/nothing")).status_code == 404


def test_status_helpers(server):
    server.route("/304", respond(status=304))
    server.route("/429", retry_after(120))
    server.route("/410", respond(b"gone", 410))
    server.route("/old", redirect(server.url("/new"), 308))
    server.route("/new", respond(b"moved"))
    assert httpx.get(server.url("/304")).status_code == 304
    limited = httpx.get(server.url("/429"))
    assert limited.status_code == 429 and limited.headers["retry-after"] == "120"
    assert httpx.get(server.url("/410")).status_code == 410
    moved = httpx.get(server.url("/old"), follow_redirects=True)
    assert moved.content == b"moved" and moved.history[0].status_code == 308


def test_drip_delivers_at_about_the_rate(server):
    server.route("/slow", drip(b"x" * 40, bytes_per_second=100))
    started = time.monotonic()
    with httpx.stream("GET", server.url("/slow")) as response:
        pieces = list(response.iter_raw())
    elapsed = time.monotonic() - started
    assert b"".join(pieces) == b"x" * 40 and len(pieces) > 5
    assert 0.3 < elapsed < 1.5


def test_hang_before_headers_fires_a_read_timeout(server):
    server.route("/hang", hang_before_headers())
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(server.url("/hang"), timeout=httpx.Timeout(5, read=0.5))
    assert time.monotonic() - started < 2


def test_hang_after_headers_gives_headers_then_a_read_timeout(server):
    server.route("/hang", hang_after_headers(content_length=500))
    with httpx.stream("GET", server.url("/hang"), timeout=httpx.Timeout(5, read=0.5)) as response:
        assert response.status_code == 200 and response.headers["content-length"] == "500"
        with pytest.raises(httpx.ReadTimeout):
            response.read()


def test_reset_mid_body_breaks_the_read(server):
    server.route("/reset", reset_mid_body(b"y" * 5000, after_bytes=1000))
    # ReadError (ECONNRESET), not RemoteProtocolError: a RST, not a clean close, ends the body.
    with pytest.raises(httpx.ReadError):
        httpx.get(server.url("/reset"))


def test_lying_length_too_long_raises_and_too_short_truncates(server):
    server.route("/long", lying_length(b"z" * 100, declared=1000))
    server.route("/short", lying_length(b"z" * 100, declared=10))
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(server.url("/long"))
    assert httpx.get(server.url("/short")).content == b"z" * 10


def test_chunked_forever_keeps_sending_until_the_client_leaves(server):
    server.route("/forever", chunked_forever(b"<item/>", interval=0.005))
    received = 0
    with httpx.stream("GET", server.url("/forever")) as response:
        assert response.headers["transfer-encoding"] == "chunked"
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > 500:
                break
    assert received > 500
    deadline = time.monotonic() + 2
    while server.open_connections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.open_connections == 0


def test_gzip_bomb_is_small_on_the_wire_and_decodes_to_zeros(server):
    server.route("/bomb", gzip_bomb())
    with httpx.stream("GET", server.url("/bomb")) as response:
        assert response.headers["content-encoding"] == "gzip"
        raw = b"".join(response.iter_raw())
    assert len(raw) < 400_000 and int(response.headers["content-length"]) == len(raw)
    assert compressed_zeros(200, "gzip") is compressed_zeros(200, "gzip")  # built once
    server.route("/deflate", deflate_bomb(decoded_mb=8))
    decoded = httpx.get(server.url("/deflate"))
    assert decoded.headers["content-encoding"] == "deflate"
    assert len(decoded.content) == 8 << 20 and not decoded.content.strip(b"\0")


def test_counters_count_connections_and_peak_concurrency():
    with HostileServer("127.0.0.1") as one, HostileServer("127.0.0.2") as two:
        one.route("/feed", respond(BODY, delay=0.3))
        two.route("/feed", respond(BODY))

        async def fetch_all():
            async with httpx.AsyncClient() as client:
                await asyncio.gather(*(client.get(one.url("/feed")) for _ in range(3)))
                for _ in range(2):
                    await client.get(two.url("/feed"))

        asyncio.run(fetch_all())
    assert (one.connections, one.peak_connections, one.open_connections) == (3, 3, 0)
    assert (two.connections, two.peak_connections) == (2, 1)
    assert two.url("/x").startswith("http://127.0.0.2:")


def test_keep_alive_reuses_one_connection():
    with HostileServer(keep_alive=True) as server, httpx.Client() as client:
        server.route("/feed", respond(BODY))
        assert [client.get(server.url("/feed")).status_code for _ in range(3)] == [200, 200, 200]
    assert server.connections == 1 and len(server.requests) == 3


def test_stop_cuts_hanging_connections_promptly_and_leaves_no_thread():
    threads = threading.active_count()
    server = HostileServer().start()
    server.route("/hang", hang_before_headers())
    sockets = [socket.create_connection((server.host, server.port)) for _ in range(3)]
    try:
        for sock in sockets:
            sock.sendall(b"GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")
        server.wait_for_requests(3)
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1
        for sock in sockets:
            sock.settimeout(1)
            try:
                assert sock.recv(100) == b""
            except ConnectionResetError:
                pass
    finally:
        for sock in sockets:
            sock.close()
    assert threading.active_count() == threads


# Payloads. The entity bombs are checked as bytes and text only: parsing them is the slow path.


@pytest.mark.parametrize("encoding", ["utf-7", "cp037", "unicode_escape"])
def test_disguised_quadratic_entity_hides_the_declaration_from_a_byte_scan(encoding):
    doc = payloads.quadratic_entity(size_kb=10, refs=50, encoding=encoding)
    assert b"<!ENTITY" not in doc
    text = doc.decode(encoding)
    assert '<!ENTITY a "' in text and text.count("&a;") == 50 and "x" * 10240 in text
    assert text.index("<!-- x -- y -->") < text.index("<!DOCTYPE")
    if encoding == "cp037":
        assert doc[:4] == b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC, which feedparser sniffs
        assert "&#1575;" in text  # Arabic survives as character references
    else:
        assert doc.startswith(f'<?xml version="1.0" encoding="{encoding}"?>'.encode("ascii"))
        assert payloads.ARABIC_TITLE in text


def test_quadratic_entity_in_plain_encodings():
    doc = payloads.quadratic_entity()
    assert len(doc) > 100 * 1024 and doc.count(b"&a;") == 1000 and b"<!ENTITY" in doc
    utf16 = payloads.quadratic_entity(size_kb=1, refs=5, encoding="utf-16")
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff") and "<!ENTITY" in utf16.decode("utf-16")
    bare = payloads.quadratic_entity(size_kb=1, refs=5, declare_in="none", malformed_prolog=False)
    assert not bare.startswith(b"<?xml") and b"<!--" not in bare


def test_other_entity_payloads():
    one_line = payloads.billion_laughs(one_line=True)
    assert one_line.count(b"<!ENTITY") == 10 and b"&lol9;" in one_line
    doctype = one_line[one_line.index(b"<!DOCTYPE") : one_line.index(b"]>")]
    assert b"\n" not in doctype
    assert payloads.billion_laughs(one_line=False).count(b"\n  <!ENTITY") == 10
    assert b'SYSTEM "file:///etc/passwd"' in payloads.xxe_file("/etc/passwd")
    assert payloads.external_dtd("http://127.0.0.1:9/x.dtd").count(b'SYSTEM "http://127.0.0.1:9/x.dtd"') == 2


def test_cp1256_payload_lies_about_its_encoding():
    doc = payloads.cp1256_declared_utf8()
    assert doc.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    with pytest.raises(UnicodeDecodeError):
        doc.decode("utf-8")
    assert payloads.ARABIC_TITLE in doc.decode("cp1256")


def test_big_payloads_are_well_formed():
    huge = payloads.huge_title(mb=1)
    title = ET.fromstring(huge).findtext("./channel/item/title")
    assert len(huge) >= 1 << 20 and len(title) > 500_000 and title.startswith(payloads.ARABIC_TITLE)
    items = ET.fromstring(payloads.many_items(1000)).findall("./channel/item")
    assert len({i.findtext("guid") for i in items}) == 1000


def test_markup_titles():
    items = ET.fromstring(payloads.markup_titles()).findall("./channel/item")
    by_guid = {i.findtext("guid"): i for i in items}
    assert by_guid["markup-b"].find("title/b") is not None
    assert "<script>alert(1)</script>" in by_guid["markup-script"].findtext("title")
    assert by_guid["markup-amp"].findtext("title") == "قوات النظام & قسد"
    assert by_guid["markup-amp-double"].findtext("title") == "قوات النظام &amp; قسد"
    assert by_guid["markup-js"].findtext("link") == "javascript:alert(1)"
    assert '"' in by_guid["markup-quote"].findtext("link")
    assert by_guid["markup-rlo"].findtext("title").startswith("\u202e")


def test_item_helpers_write_guid_pathologies():
    doc = payloads.rss(
        [
            payloads.item("بلا معرّف"),
            payloads.item(guid=""),
            payloads.item("أ", "نص أول", guid="same"),
            payloads.item(
                "ب",
                "نص آخر",
                guid="same",
                link="https://example.org/b",
                pub_date="Tue, 16 Nov 2021 10:00:00 GMT",
            ),
        ]
    )
    items = ET.fromstring(doc).findall("./channel/item")
    assert [i.findtext("guid") for i in items] == [None, "", "same", "same"]
    assert items[3].findtext("pubDate").startswith("Tue") and "نص آخر" in items[3].findtext("description")


def test_bodies_that_are_a_path_or_a_url(tmp_path):
    assert payloads.body_is_a_path(tmp_path / "f.xml") == str(tmp_path / "f.xml").encode()
    assert payloads.body_is_a_url("http://127.0.0.1:9/feed") == b"http://127.0.0.1:9/feed"


def test_a_slow_reader_gets_the_whole_body_before_the_connection_closes(server):
    # The last writes sit in asyncio's write buffer (up to 64 KB) when the behaviour returns; closing
    # then must not drop them (the CI flake: "received 4161112 bytes, expected 4194869").
    body = b"x" * 4_000_000
    server.route("/big", respond(body))
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)  # small enough to back the server up
        sock.connect((server.host, server.port))
        sock.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)  # let the server fill every buffer before anything is read
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    assert received.endswith(body) and len(received) - len(body) < 300
