"""Webhook mode (telegram.webhook_url): the real bot process sets its webhook on the Bot API emulator,
which POSTs the users' updates to it; a POST without the secret token is refused; alerts, health and
a clean stop work as with long polling; a bad webhook setting stops start-up naming the key."""

from __future__ import annotations

import re
import signal
import socket
import time

import httpx
import pytest

from tests.conftest import BOT_TOKEN, run_bot, write_bot_config
from tests.feed_builders import rss
from tests.test_cli import raqib
from tests.test_config import start_refused
from tests.test_telegram_e2e import subscribe_and_get_the_seed_alert

USER = 5561
SECRET = "test-Secret_0123456789"
ALLOWED_UPDATES = ["message", "channel_post", "callback_query", "inline_query"]


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def webhook_keys(port: int, secret: str = "") -> tuple[str, str]:
    """The webhook URL on loopback `port` and the [telegram] lines that set it."""
    url = f"http://127.0.0.1:{port}/raqib/updates"
    keys = f'webhook_url = "{url}"\nwebhook_port = {port}\n'
    return url, keys + (f'webhook_secret = "{secret}"\n' if secret else "")


def start_webhook_bot(tmp_path, telegram_emulator, httpserver, secret: str = ""):
    """The bot in webhook mode, polling an empty `/feed`; yields (webhook URL, process, log)."""
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    url, keys = webhook_keys(free_port(), secret)
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, telegram_keys=keys)
    before = len(telegram_emulator.calls("setWebhook"))
    for process, log in run_bot(config, tmp_path / "bot.log", telegram_emulator):
        telegram_emulator.wait_for_calls("setWebhook", before + 1, timeout=30)
        yield url, config, process, log


@pytest.fixture
def webhook_bot(tmp_path, telegram_emulator, httpserver):
    """The bot with a webhook and a secret it makes up itself."""
    yield from start_webhook_bot(tmp_path, telegram_emulator, httpserver)


@pytest.fixture
def webhook_bot_with_secret(tmp_path, telegram_emulator, httpserver):
    """The bot with a webhook and telegram.webhook_secret = SECRET."""
    yield from start_webhook_bot(tmp_path, telegram_emulator, httpserver, SECRET)


def test_the_bot_sets_its_webhook_and_answers_a_command_posted_to_it(webhook_bot, telegram_emulator):
    url, _config, process, log = webhook_bot
    [call] = telegram_emulator.calls("setWebhook")
    assert call["params"]["url"] == url
    assert call["params"]["allowed_updates"] == ALLOWED_UPDATES
    secret = call["params"]["secret_token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,256}", secret)

    sent = telegram_emulator.send_message(USER, "/help", user_id=USER, language_code="en")
    [reply] = telegram_emulator.wait_for_messages(USER, 1, timeout=30)
    assert "/town" in reply["text"]
    hook = telegram_emulator.webhook()
    assert hook["webhook"]["secret_token"] == secret
    assert [p["status"] for p in hook["posts"] if p["update_id"] == sent["update_id"]][-1] == 200
    assert not telegram_emulator.calls("getUpdates")  # no long polling beside the webhook

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    assert BOT_TOKEN not in log.read_text() and secret not in log.read_text()


def test_each_start_makes_a_new_secret_when_none_is_configured(tmp_path, telegram_emulator, httpserver):
    secrets = []
    for _ in range(2):
        for _started in start_webhook_bot(tmp_path, telegram_emulator, httpserver):
            secrets.append(telegram_emulator.webhook()["webhook"]["secret_token"])
    assert len(set(secrets)) == 2


def help_update(update_id: int) -> dict:
    """A user's /help as Telegram POSTs it."""
    message = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": USER, "type": "private", "first_name": "U"},
        "from": {"id": USER, "is_bot": False, "first_name": "U", "language_code": "en"},
        "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    return {"update_id": update_id, "message": message}


def test_a_post_without_the_secret_token_is_refused_and_not_answered(
    webhook_bot_with_secret, telegram_emulator
):
    url, _config, _process, _log = webhook_bot_with_secret
    assert telegram_emulator.calls("setWebhook")[0]["params"]["secret_token"] == SECRET
    header = "X-Telegram-Bot-Api-Secret-Token"
    with httpx.Client(trust_env=False, timeout=10) as client:
        for update_id, headers in ((900, {}), (901, {header: "wrong"}), (902, {header: SECRET[:-1]})):
            refused = client.post(url, json=help_update(update_id), headers=headers)
            assert refused.status_code == 403, refused.text
        time.sleep(1.5)
        assert telegram_emulator.messages(USER) == []
        accepted = client.post(url, json=help_update(903), headers={header: SECRET})
        assert accepted.status_code == 200
    [reply] = telegram_emulator.wait_for_messages(USER, 1, timeout=30)
    assert "/town" in reply["text"]
    time.sleep(1)
    assert len(telegram_emulator.messages(USER)) == 1  # only the POST with the secret was answered


def test_an_alert_is_delivered_and_health_watches_the_webhook(webhook_bot, telegram_emulator, httpserver):
    _url, config, _process, _log = webhook_bot
    alert = subscribe_and_get_the_seed_alert(telegram_emulator, httpserver, USER, timeout=30)
    assert alert.startswith("🔔") and "دير الزور" in alert

    deadline = time.monotonic() + 30
    while (done := raqib("health", "--config", str(config))).returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert done.stdout.strip() == "ok: polling, delivery and the webhook are running", done.stderr


@pytest.mark.parametrize(
    ("snippet", "line"),
    [
        (
            'webhook_url = "http://example.org/hook"\n',
            "telegram.webhook_url must be an https URL without query or fragment (http only to a "
            "loopback host), or empty for long polling, got 'http://example.org/hook'",
        ),
        ('webhook_url = "https://example.org/hook?x=1"\n', "telegram.webhook_url must be an https URL"),
        ('webhook_url = "example.org/hook"\n', "telegram.webhook_url must be an https URL"),
        (
            "webhook_port = 0\n",
            "telegram.webhook_port must be a whole number between 1 and 65535, got 0",
        ),
        ("webhook_port = 65536\n", "telegram.webhook_port must be a whole number between 1 and 65535"),
        (
            'webhook_listen = "everywhere"\n',
            "telegram.webhook_listen must be an IP address (127.0.0.1, 0.0.0.0, ::1…), got 'everywhere'",
        ),
        (
            'webhook_secret = "has space"\n',
            "telegram.webhook_secret must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -, or empty",
        ),
        (f'webhook_secret = "{"x" * 257}"\n', "telegram.webhook_secret must be 1 to 256 characters"),
        ("webhook_secret = 12\n", "telegram.webhook_secret must be 1 to 256 characters"),
        ('webhook_ulr = "https://example.org/hook"\n', "telegram.webhook_ulr is not a setting (did you mean"),
    ],
)
def test_a_bad_webhook_setting_stops_start_up_naming_the_key(tmp_path, snippet, line):
    config, printed = start_refused(tmp_path, snippet)
    assert printed.startswith(f"raqib: {config}: {line}")
    assert "has space" not in printed  # a secret is not echoed


def test_an_empty_webhook_url_keeps_long_polling(tmp_path, telegram_emulator, httpserver):
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(tmp_path, telegram_emulator, httpserver, telegram_keys='webhook_url = ""\n')
    for _started in run_bot(config, tmp_path / "bot.log", telegram_emulator):
        telegram_emulator.send_message(USER, "/help", user_id=USER, language_code="en")
        telegram_emulator.wait_for_messages(USER, 1, timeout=30)
        assert telegram_emulator.calls("getUpdates") and not telegram_emulator.calls("setWebhook")
        assert telegram_emulator.webhook()["posts"] == []
