"""Groups, channels and forum topics through the Bot API emulator (docs/reliability.md §5 group F, case 42):
who may change a group's subscriptions, where its alerts go, and how muted chats are alerted."""

from __future__ import annotations

import time

from storage.db import open_database
from tests.feed_builders import rss, seed_item

GROUP = -4001
ADMIN_USER = 4100
MEMBER = 4101
ANONYMOUS_ADMIN = 1087968824  # Telegram's "Group" user, for admins posting anonymously
SUBSCRIBE = "/subscribe town دير الزور"


def say(emulator, text, user=MEMBER, chat=GROUP, chat_type="supergroup", **extra):
    """A message in the group; returns the bot's reply."""
    before = len(emulator.messages(chat))
    emulator.send_message(chat, text, user_id=user, chat_type=chat_type, title="Raqib test", **extra)
    return emulator.wait_for_messages(chat, before + 1, timeout=15)[-1]


def subscriptions_of(bot_process, chat):
    process, log = bot_process
    db = open_database(log.parent / "raqib.db")
    try:
        return db.execute(
            "SELECT thread_id FROM subscriptions WHERE chat_id = ? AND active = 1", (chat,)
        ).fetchall()
    finally:
        db.conn.close()


def publish_seed(httpserver, name="seed-001"):
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item(name)]), content_type="application/rss+xml"
    )


def test_only_admins_change_a_groups_subscriptions(bot_process, telegram_emulator):
    telegram_emulator.set_chat(GROUP, admins=[ADMIN_USER], type="supergroup")
    refused = say(telegram_emulator, SUBSCRIBE, user=MEMBER)
    assert "Only the group's admins" in refused["text"] or "فقط مشرفو" in refused["text"]
    assert subscriptions_of(bot_process, GROUP) == []
    accepted = say(telegram_emulator, SUBSCRIBE, user=ADMIN_USER)
    assert "دير الزور" in accepted["text"] and "فقط" not in accepted["text"]
    assert subscriptions_of(bot_process, GROUP) == [(0,)]
    # Anyone may ask questions.
    assert "فقط مشرفو" not in say(telegram_emulator, "/subscriptions", user=MEMBER)["text"]


def test_anonymous_admins_yes_other_chats_and_forwards_no(bot_process, telegram_emulator):
    telegram_emulator.set_chat(GROUP, admins=[ADMIN_USER], type="supergroup")
    group_itself = {"id": GROUP, "type": "supergroup", "title": "Raqib test"}
    linked_channel = {"id": -1009999, "type": "channel", "title": "Some channel"}
    forwarded = {"forward_origin": {"type": "user", "date": int(time.time()), "sender_user": {
        "id": ADMIN_USER, "is_bot": False, "first_name": "Admin"}}}  # fmt: skip
    say(telegram_emulator, "/subscribe actor الدفاع الوطني", user=ANONYMOUS_ADMIN, sender_chat=linked_channel)
    say(telegram_emulator, "/subscribe type Battles", user=MEMBER, extra=forwarded)
    assert subscriptions_of(bot_process, GROUP) == []
    say(telegram_emulator, SUBSCRIBE, user=ANONYMOUS_ADMIN, sender_chat=group_itself)
    assert subscriptions_of(bot_process, GROUP) == [(0,)]


def test_alerts_go_to_the_forum_topic_the_subscription_was_made_in(
    bot_process, telegram_emulator, httpserver
):
    forum = -4002
    telegram_emulator.set_chat(forum, admins=[ADMIN_USER], type="supergroup", is_forum=True)
    reply = say(
        telegram_emulator, SUBSCRIBE, user=ADMIN_USER, chat=forum, message_thread_id=77, is_forum=True
    )
    assert reply.get("message_thread_id") == 77  # the reply is in the topic too
    assert subscriptions_of(bot_process, forum) == [(77,)]
    publish_seed(httpserver)
    alert = telegram_emulator.wait_for(
        lambda ms: [m for m in ms if m.get("text", "").startswith("🔔")], chat_id=forum, timeout=30
    )[-1]
    assert alert.get("message_thread_id") == 77


def test_a_non_admin_press_on_a_remove_button_changes_nothing(bot_process, telegram_emulator):
    telegram_emulator.set_chat(GROUP, admins=[ADMIN_USER], type="supergroup")
    say(telegram_emulator, SUBSCRIBE, user=ADMIN_USER)
    listing = say(telegram_emulator, "/subscriptions", user=MEMBER)
    [remove] = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    telegram_emulator.press_button(GROUP, listing["message_id"], remove["callback_data"], user_id=MEMBER)
    [answer] = telegram_emulator.wait_for_calls("answerCallbackQuery", 1, timeout=15)
    assert answer["params"].get("show_alert")
    assert subscriptions_of(bot_process, GROUP) == [(0,)]
    telegram_emulator.press_button(GROUP, listing["message_id"], remove["callback_data"], user_id=ADMIN_USER)
    telegram_emulator.wait_for_calls("answerCallbackQuery", 2, timeout=15)
    deadline = time.monotonic() + 10
    while subscriptions_of(bot_process, GROUP) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert subscriptions_of(bot_process, GROUP) == []


def test_a_muted_chat_gets_its_alert_silently(bot_process, telegram_emulator, httpserver):
    user = 4200
    for command in ("/subscribe town دير الزور", "/mute 2h"):
        before = len(telegram_emulator.messages(user))
        telegram_emulator.send_message(user, command, user_id=user, language_code="en")
        telegram_emulator.wait_for_messages(user, before + 1, timeout=15)
    assert "silently until" in telegram_emulator.messages(user)[-1]["text"]
    publish_seed(httpserver)
    telegram_emulator.wait_for(
        lambda ms: [m for m in ms if m.get("text", "").startswith("🔔")], chat_id=user, timeout=30
    )
    alerts = [c for c in telegram_emulator.calls("sendMessage", chat_id=user) if "🔔" in c["params"]["text"]]
    assert alerts and all(c["params"].get("disable_notification") for c in alerts)


def test_a_channel_subscribes_by_a_post_and_gets_its_alerts(bot_process, telegram_emulator, httpserver):
    channel = -1004003
    itself = {"id": channel, "type": "channel", "title": "Raqib channel"}
    telegram_emulator.set_chat(channel, type="channel")
    reply = say(telegram_emulator, SUBSCRIBE, chat=channel, chat_type="channel", sender_chat=itself)
    assert "دير الزور" in reply["text"]
    assert subscriptions_of(bot_process, channel) == [(0,)]
    publish_seed(httpserver)
    telegram_emulator.wait_for(
        lambda ms: [m for m in ms if m.get("text", "").startswith("🔔")], chat_id=channel, timeout=30
    )
