"""The fetch policy as the bot applies it: loopback refused by default (backfill, polls, redirects),
the bundled sample feed exempt at its own address alone, and the config key that allows local feeds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import ConfigError, address_policy, load_config
from bot.runtime import open_runtime
from bot.sample_feed import SampleFeedServer
from feeds.fetch import fetch_feed, make_client
from ingest.poller import poll_due_feeds
from tests.auxil.hostile_server import HostileServer, redirect, respond
from tests.conftest import PROJECT_ROOT
from tests.feed_builders import rss, seed_item
from tests.test_cli import raqib

SAMPLE = PROJECT_ROOT / "samples" / "seeds.xml"
BODY = rss([seed_item("seed-003")])


def write_config(tmp_path: Path, extra: str = "") -> Path:
    """A config on a database in `tmp_path` with the sample feed and no [fetch] table (the default)."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{tmp_path / "raqib.db"}"\n[sample]\nfeed = "{SAMPLE}"\n{extra}',
        encoding="utf-8",
    )
    return config


def test_backfill_of_a_loopback_url_is_refused_in_one_line_before_any_connection(tmp_path):
    with HostileServer("127.0.0.1") as server:
        server.route("/feed", respond(BODY))
        database = tmp_path / "archive.db"
        result = raqib(
            "backfill", server.url(), "--db", str(database), "--config", str(write_config(tmp_path))
        )
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            f"raqib backfill: {server.url()}: refused: 127.0.0.1 is a loopback address"
        ]
        assert server.connections == 0
        assert not database.exists()


def test_backfill_fetches_from_loopback_when_the_config_allows_it(tmp_path, capsys):
    from bot.archive_commands import backfill_command

    config = load_config(write_config(tmp_path, "[fetch]\nallow_private_addresses = true\n"))
    with HostileServer("127.0.0.1") as server:
        server.route("/feed", respond(BODY))
        assert backfill_command(tmp_path / "archive.db", server.url(), False, address_policy(config)) == 0
        assert server.connections == 1
    assert '"stored": 1' in capsys.readouterr().out


@pytest.mark.parametrize("status", [301, 302])
def test_a_redirect_from_the_exempt_address_to_another_loopback_port_is_refused(tmp_path, status):
    config = load_config(write_config(tmp_path))
    with HostileServer("127.0.0.1") as allowed, HostileServer("127.0.0.1") as other:
        allowed.route("/feed", redirect(other.url(), status))
        other.route("/feed", respond(BODY))
        policy = address_policy(config, ("127.0.0.1", allowed.port))

        async def go():
            async with make_client(policy) as client:
                return await fetch_feed(client, allowed.url()), await fetch_feed(client, other.url())

        hop, direct = asyncio.run(go())
        assert "127.0.0.1 is a loopback address" in hop.error and hop.moved_to is None
        assert "127.0.0.1 is a loopback address" in direct.error
        assert (allowed.connections, other.connections) == (1, 0)


def test_the_sample_feed_is_polled_under_the_default_policy_and_other_loopback_feeds_are_not(
    tmp_path, gazetteer
):
    with HostileServer("127.0.0.1") as local:
        local.route("/feed", respond(BODY))
        extra = f'[[feeds]]\nname = "local"\nurl = "{local.url()}"\n'
        config = load_config(write_config(tmp_path, extra))
        assert config.allow_private_addresses is False
        with SampleFeedServer(config.sample_feed) as sample:
            runtime = open_runtime(config, sample)

            async def go():
                try:
                    return await poll_due_feeds(runtime.db, runtime.http, gazetteer, datetime.now(UTC))
                finally:
                    await runtime.close()

            reports = {report.feed: report for report in asyncio.run(go())}
        assert reports["Raqib sample feed"].new_articles == 5
        assert "127.0.0.1 is a loopback address" in reports["local"].error
        assert local.connections == 0


def test_allow_private_addresses_must_be_a_boolean(tmp_path):
    with pytest.raises(ConfigError, match="fetch.allow_private_addresses must be true or false, got 'yes'"):
        load_config(write_config(tmp_path, '[fetch]\nallow_private_addresses = "yes"\n'))
    shipped = load_config(PROJECT_ROOT / "config.toml")
    assert shipped.allow_private_addresses is False
    assert address_policy(shipped).allow_private is False
