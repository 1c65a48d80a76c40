"""`raqib feeds …` run as a user runs it (a subprocess) against local HTTP feed servers and a real
SQLite file: refused addresses (exit 2, one line, no connection), add with its preview, list, pause,
resume, remove, OPML import and export."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from feeds.opml import read_opml
from tests.auxil.hostile_server import HostileServer, respond
from tests.feed_builders import rss, seed_item
from tests.test_cli import raqib

FEED = rss([seed_item("seed-003"), seed_item("seed-005")], title="Deir ez-Zor 24")


def write_config(tmp_path: Path, allow_private: bool) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{tmp_path / "configured.db"}"\n[polling]\ninterval_seconds = 600\n'
        f"[fetch]\nallow_private_addresses = {str(allow_private).lower()}\n",
        encoding="utf-8",
    )
    return config


def feeds(tmp_path: Path, *args: str, allow_private: bool = True):
    config = write_config(tmp_path, allow_private)
    return raqib("feeds", *args, "--db", str(tmp_path / "raqib.db"), "--config", str(config))


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1", "017700000001", "[::ffff:127.0.0.1]"]
)
def test_feeds_add_of_a_loopback_url_exits_2_with_one_line_and_no_connection(tmp_path, host):
    with HostileServer("127.0.0.1") as server:
        server.route("/feed.xml", respond(FEED))
        url = f"http://{host}:{server.port}/feed.xml"
        result = feeds(tmp_path, "add", url, allow_private=False)
        assert result.returncode == 2, result.stderr
        [line] = result.stderr.splitlines()
        assert line.startswith(f"raqib feeds add: {url}: refused: it points at a loopback address (")
        assert result.stdout == ""
        assert server.connections == 0
    assert not (tmp_path / "raqib.db").exists()


def test_feeds_add_prints_the_preview_and_adds_when_the_config_allows_local_feeds(tmp_path):
    with HostileServer("127.0.0.1") as server:
        server.route("/feed.xml", respond(FEED))
        result = feeds(tmp_path, "add", server.url("/feed.xml"))
        assert result.returncode == 0, result.stderr
        assert server.connections == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Deir ez-Zor 24: 2 items"
    assert "Battles / Armed clash, العشارة" in result.stdout
    assert lines[-1] == f"added #1 Deir ez-Zor 24 ({server.url('/feed.xml')}), polled every 600 s"
    with sqlite3.connect(tmp_path / "raqib.db") as conn:
        assert conn.execute("SELECT name, origin, interval_s, next_poll_at FROM feeds").fetchall() == [
            ("Deir ez-Zor 24", "chat", 600, "")
        ]
    assert not (tmp_path / "configured.db").exists()  # --db wins over the config's database


def test_feeds_list_pause_resume_remove_and_export(tmp_path):
    with HostileServer("127.0.0.1") as server:
        server.route("/a", respond(FEED))
        server.route("/b", respond(rss([], title="Other")))
        assert feeds(tmp_path, "add", server.url("/a"), "--name", "First feed").returncode == 0
        assert feeds(tmp_path, "add", server.url("/b")).returncode == 0
        again = feeds(tmp_path, "add", server.url("/a"))
    assert again.returncode == 1
    assert (
        again.stderr.strip()
        == f"raqib feeds add: {server.url('/a')}: {server.url('/a')} is polled already, as #1 First feed"
    )

    listed = feeds(tmp_path, "list").stdout.splitlines()
    assert listed[0].split() == [
        "#",
        "state",
        "last",
        "success",
        "errors",
        "items/d",
        "incidents/d",
        "next",
        "poll",
        "name",
    ]
    assert listed[1].split()[:4] == ["1", "ok", "never", "0"] and listed[1].endswith("First feed")
    assert listed[2].endswith("Other")

    assert feeds(tmp_path, "pause", "First", "feed").stdout.strip() == "paused #1 First feed"
    assert feeds(tmp_path, "pause", "1").stdout.strip() == "#1 First feed was already paused"
    assert feeds(tmp_path, "list").stdout.splitlines()[1].split()[1] == "paused"
    assert feeds(tmp_path, "resume", "#1").stdout.strip() == "resumed #1 First feed"

    exported = feeds(tmp_path, "export")
    assert [f.title for f in read_opml(exported.stdout.encode())] == ["First feed", "Other"]
    written = feeds(tmp_path, "export", str(tmp_path / "out.opml"))
    assert written.returncode == 0
    assert read_opml((tmp_path / "out.opml").read_bytes()) == read_opml(exported.stdout.encode())

    assert (
        feeds(tmp_path, "remove", "2").stdout.strip() == "removed #2 Other; its articles and incidents stay"
    )
    missing = feeds(tmp_path, "remove", "Other")
    assert (missing.returncode, missing.stderr.strip()) == (1, "raqib feeds remove: Other: no feed 'Other'")
    assert len(feeds(tmp_path, "list").stdout.splitlines()) == 2


def test_feeds_add_of_a_web_page_offers_its_feeds(tmp_path):
    page = b'<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/feed/"></head></html>'
    with HostileServer("127.0.0.1") as server:
        server.route("/", respond(page, content_type="text/html"))
        result = feeds(tmp_path, "add", server.url("/"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{server.url('/')} is a web page, not a feed; it names these feeds (add one of them):",
        f"  {server.url('/feed/')}  News",
    ]


def test_feeds_import_adds_what_the_opml_lists_and_skips_what_it_must(tmp_path):
    with HostileServer("127.0.0.1") as server:
        opml = tmp_path / "mine.opml"
        opml.write_text(
            '<?xml version="1.0"?><opml version="2.0"><body>'
            f'<outline text="Local" xmlUrl="{server.url("/a")}"/>'
            '<outline text="Metadata" xmlUrl="http://169.254.169.254/"/></body></opml>',
            encoding="utf-8",
        )
        result = feeds(tmp_path, "import", str(opml))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "added #1 Local",
        "skipped http://169.254.169.254/: it points at a link-local address (169.254.169.254)",
        "1 feeds added, 1 skipped",
    ]
    assert server.connections == 0  # imported feeds are fetched when they come due, not now
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b'<!DOCTYPE opml [<!ENTITY x "y">]><opml/>')
    refused = feeds(tmp_path, "import", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"raqib feeds import: {bad}: the file declares a DTD or entities (DTDForbidden)"
    ]
    missing = feeds(tmp_path, "import", str(tmp_path / "none.opml"))
    assert missing.returncode == 1 and "No such file" in missing.stderr


def test_the_terminal_operator_administers_the_feeds(tmp_path):
    from tests.test_cli import write_config as write_sample_config

    config = write_sample_config(tmp_path, "[fetch]\nallow_private_addresses = true\n")
    with HostileServer("127.0.0.1") as server:
        server.route("/feed.xml", respond(FEED))
        url = server.url("/feed.xml")
        first = raqib("run", "--config", str(config), stdin=f"/feeds\n/addfeed {url}\n")
        assert first.returncode == 0, first.stderr
        out = first.stdout
        assert out.startswith("الخلاصات: 1\n\n#1 Raqib sample feed ✅")
        assert "📰 Deir ez-Zor 24" in out and "هل أضيفها باسم «Deir ez-Zor 24»؟" in out
        [save] = [line.strip()[2:] for line in out.splitlines() if "/addfeed save" in line]
        assert save == f"/addfeed save {url} 'Deir ez-Zor 24'"
        second = raqib("run", "--config", str(config), stdin=f"{save}\n/feeds\n")
    assert "أضيفت الخلاصة #2 Deir ez-Zor 24" in second.stdout
    assert "الخلاصات: 2" in second.stdout and "\n#2 Deir ez-Zor 24 ✅\n" in second.stdout
