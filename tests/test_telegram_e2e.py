"""The whole path through real parts: a report appears on a feed served over HTTP, the bot (a separate
process, real PTB) polls it, stores the incident in SQLite, and the subscribed chat receives the alert
through the Telegram Bot API emulator; a user's command arrives by getUpdates and the reply comes back."""

import signal

from tests.conftest import BOT_TOKEN as TOKEN
from tests.feed_builders import rss, seed_item

USER = 5551


def texts(messages):
    return [m.get("text", "") for m in messages]


def subscribe_and_get_the_seed_alert(telegram_emulator, httpserver, user: int, timeout: float) -> str:
    """Subscribe `user` to دير الزور, serve the first seed report on /feed, and return its alert."""
    telegram_emulator.send_message(user, "/subscribe town دير الزور", user_id=user)
    [reply] = telegram_emulator.wait_for_messages(user, 1, timeout=timeout)
    assert reply["text"] == "تم الاشتراك: بلدة: دير الزور."
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item("seed-001")]), content_type="application/rss+xml"
    )
    return telegram_emulator.wait_for_messages(user, 2, timeout=timeout)[1]["text"]


def test_feed_report_becomes_an_alert_and_a_chat_answer(bot_process, telegram_emulator, httpserver):
    process, log = bot_process
    alert = subscribe_and_get_the_seed_alert(telegram_emulator, httpserver, USER, timeout=20)
    assert alert.startswith("🔔")
    assert "دير الزور" in alert and "الدفاع الوطني" in alert and "اشتباك مسلح" in alert

    telegram_emulator.send_message(USER, "/town ديرالزور", user_id=USER)
    messages = telegram_emulator.wait_for_messages(USER, 3, timeout=15)
    assert messages[2]["text"].startswith("3 حوادث في دير الزور")
    assert messages[2]["text"].count("\n#") == 3  # seed-001: the clash, the agreement, the earlier clash

    # Only the chat that subscribed got an alert, once.
    assert sum(t.startswith("🔔") for t in texts(telegram_emulator.messages())) == 1

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    assert TOKEN not in log.read_text()


def test_command_menu_is_set_in_both_languages(bot_process, telegram_emulator):
    calls = telegram_emulator.calls("setMyCommands")
    languages = {call["params"].get("language_code") for call in calls}
    assert languages == {None, "ar", "en"}
    english = next(c for c in calls if c["params"].get("language_code") == "en")
    names = [command["command"] for command in english["params"]["commands"]]
    assert names[:3] == ["help", "latest", "town"] and "start" not in names


def test_replies_follow_the_users_language(bot_process, telegram_emulator):
    telegram_emulator.send_message(USER + 1, "/latest", user_id=USER + 1, language_code="en")
    [reply] = telegram_emulator.wait_for_messages(USER + 1, 1, timeout=15)
    assert reply["text"] == "No incidents stored yet."
