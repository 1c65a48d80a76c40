"""Which feed rows a start registers: the config's feeds, and one sample feed row reused at every start."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import load_config
from bot.runtime import SAMPLE_FEED_NAME, open_runtime
from bot.sample_feed import SampleFeedServer
from storage.db import open_database
from storage.feeds import due_feeds, upsert_feed
from tests.conftest import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "samples" / "seeds.xml"


@pytest.fixture(autouse=True)
def quick_gazetteer(monkeypatch, gazetteer):
    """open_runtime loads the gazetteer at every start; these tests start often and never extract."""
    monkeypatch.setattr("bot.runtime.load_gazetteer", lambda: gazetteer)


def write_config(tmp_path: Path, feeds: str = "") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{tmp_path / "raqib.db"}"\n[sample]\nfeed = "{SAMPLE}"\n{feeds}',
        encoding="utf-8",
    )
    return config


def start(config_path: Path, with_sample: bool = True) -> str | None:
    """Open and close the runtime as `raqib run` does; returns the sample feed's URL of this start."""
    config = load_config(config_path)
    if not with_sample:
        asyncio.run(open_runtime(config).close())
        return None
    with SampleFeedServer(config.sample_feed) as sample:
        asyncio.run(open_runtime(config, sample).close())
        return sample.url


def feed_rows(db_path: Path) -> list[tuple]:
    db = open_database(db_path)
    try:
        return db.execute("SELECT origin, name, url, active FROM feeds ORDER BY id").fetchall()
    finally:
        db.conn.close()


def test_three_starts_with_the_sample_feed_leave_one_sample_row_at_the_last_url(tmp_path):
    config = write_config(tmp_path)
    urls = [start(config) for _ in range(3)]
    assert len(set(urls)) == 3  # a new port each time
    assert feed_rows(tmp_path / "raqib.db") == [("sample", SAMPLE_FEED_NAME, urls[-1], 1)]


def test_a_start_without_the_sample_feed_stops_polling_it(tmp_path):
    config = write_config(tmp_path)
    start(config)
    start(config, with_sample=False)
    [(origin, _, _, active)] = feed_rows(tmp_path / "raqib.db")
    assert (origin, active) == ("sample", 0)
    start(config)
    assert [row[3] for row in feed_rows(tmp_path / "raqib.db")] == [1]


def test_the_sample_row_is_polled_again_at_once_at_its_new_address(tmp_path):
    config = write_config(tmp_path)
    start(config)
    db = open_database(tmp_path / "raqib.db")
    db.execute("UPDATE feeds SET next_poll_at = '2999-01-01', error_count = 7, last_error = 'refused'")
    db.conn.close()
    url = start(config)
    db = open_database(tmp_path / "raqib.db")
    [due] = due_feeds(db, datetime.now(UTC).isoformat(timespec="seconds"))
    assert (due.url, due.error_count) == (url, 0)
    db.conn.close()


def test_feeds_gone_from_the_config_and_old_sample_rows_are_no_longer_polled(tmp_path):
    db = open_database(tmp_path / "raqib.db")
    # Before one sample row was kept, every start added another on a port that then died.
    for port in (40001, 40002):
        upsert_feed(db, f"http://127.0.0.1:{port}/seeds.xml", SAMPLE_FEED_NAME, 300)
    upsert_feed(db, "https://removed.example/feed", "removed", 300)
    db.conn.close()
    config = write_config(tmp_path, '[[feeds]]\nname = "kept"\nurl = "https://kept.example/feed"\n')
    url = start(config)
    db = open_database(tmp_path / "raqib.db")
    due = due_feeds(db, datetime.now(UTC).isoformat(timespec="seconds"))
    assert sorted(feed.url for feed in due) == sorted(["https://kept.example/feed", url])
    assert db.execute("SELECT count(*) FROM feeds WHERE active = 0").fetchone()[0] == 3
    db.conn.close()
