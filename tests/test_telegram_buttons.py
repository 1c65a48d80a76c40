"""Buttons through the Bot API emulator: choosing among places, turning pages, forged presses,
pictures and files."""

import email.utils
import time
from datetime import UTC, datetime, timedelta

from tests.feed_builders import rss, seed_item

USER = 6001
OTHER = 6002


def serve_seeds(httpserver, telegram_emulator):
    httpserver.clear()
    published = email.utils.format_datetime(datetime.now(UTC) - timedelta(days=1))
    items = [{**seed_item(f"seed-00{n}"), "pubdate": published} for n in range(1, 6)]
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type="application/rss+xml")
    wait_until_stored(telegram_emulator)


def wait_until_stored(telegram_emulator, attempts=30):
    """Ask /latest until the bot has polled the feed (it polls every second)."""
    for _ in range(attempts):
        sent = len(telegram_emulator.messages(USER))
        telegram_emulator.send_message(USER, "/latest 1", user_id=USER)
        reply = telegram_emulator.wait_for_messages(USER, sent + 1, timeout=15)[-1]
        if "#" in reply["text"]:
            return
        time.sleep(3)  # the flood guard refills one command every 3 s (20 a minute): never run it dry
    raise AssertionError("the feed was never stored")


def ask_which_place(emulator):
    """/town with a name several villages share; returns the bot's question with its buttons."""
    emulator.send_message(USER, "/town الصالحية", user_id=USER)
    return emulator.wait_for(lambda ms: [m for m in ms if m.get("reply_markup")], chat_id=USER, timeout=15)[
        -1
    ]


def keyboard(message):
    return [button for row in message["reply_markup"]["inline_keyboard"] for button in row]


def test_a_place_several_villages_share_is_chosen_with_buttons(bot_process, telegram_emulator, httpserver):
    serve_seeds(httpserver, telegram_emulator)
    question = ask_which_place(telegram_emulator)
    buttons = keyboard(question)
    assert len(buttons) == 2
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    before = len(telegram_emulator.messages(USER))
    telegram_emulator.press_button(USER, question["message_id"], buttons[0]["callback_data"], user_id=USER)
    answer = telegram_emulator.wait_for_messages(USER, before + 1, timeout=15)[-1]
    assert "الصالحية" in answer["text"] and not answer.get("reply_markup")  # answered, not asked again


def test_a_press_from_another_chat_has_expired(bot_process, telegram_emulator, httpserver):
    serve_seeds(httpserver, telegram_emulator)
    question = ask_which_place(telegram_emulator)
    forged = keyboard(question)[0]["callback_data"]
    telegram_emulator.press_button(OTHER, question["message_id"], forged, user_id=OTHER)
    telegram_emulator.press_button(USER, question["message_id"], "c:unknownkey", user_id=USER)
    answers = telegram_emulator.wait_for_calls("answerCallbackQuery", 2, timeout=15)
    assert all(call["params"].get("show_alert") for call in answers)
    assert telegram_emulator.messages(OTHER) == []


def test_long_answers_are_paged(bot_process, telegram_emulator, httpserver, gazetteer):
    httpserver.clear()
    villages = [
        p.name
        for p in gazetteer.places
        if p.admin1 == "Deir-ez-Zor" and p.kind == "village" and "(" not in p.name
    ]
    items = [
        {
            "title": f"تقرير {n}",
            "guid": f"g{n}",
            "text": f"قتل شخص برصاص مجهولين في بلدة {name}. تفاصيل الخبر.",
        }
        for n, name in enumerate(villages[:60])
    ]
    # sixty killings in sixty villages: sixty incidents, a listing longer than one message
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type="application/rss+xml")
    wait_until_stored(telegram_emulator)
    telegram_emulator.send_message(USER, "/search تفاصيل", user_id=USER)
    first = telegram_emulator.wait_for(
        lambda ms: [m for m in ms if m.get("reply_markup") and "1/" in str(m["reply_markup"])],
        chat_id=USER,
        timeout=15,
    )[-1]
    assert len(first["text"]) <= 4096
    forward = next(b for b in keyboard(first) if b["text"] == "›")
    telegram_emulator.press_button(USER, first["message_id"], forward["callback_data"], user_id=USER)
    telegram_emulator.wait_for_calls("editMessageText", 1, timeout=15)
    edited = next(m for m in telegram_emulator.messages(USER) if m["message_id"] == first["message_id"])
    assert edited["text"] != first["text"] and "2" in edited["text"].splitlines()[-1]


def test_stats_arrive_as_a_photo_and_exports_as_a_document(bot_process, telegram_emulator, httpserver):
    serve_seeds(httpserver, telegram_emulator)
    telegram_emulator.send_message(USER, "/stats", user_id=USER)
    [photo] = telegram_emulator.wait_for_calls("sendPhoto", 1, timeout=30)
    assert photo["status"] == 200
    telegram_emulator.send_message(USER, "/export csv", user_id=USER)
    [document] = telegram_emulator.wait_for_calls("sendDocument", 1, timeout=30)
    assert document["status"] == 200


def test_every_query_answers_through_telegram(bot_process, telegram_emulator, httpserver):
    serve_seeds(httpserver, telegram_emulator)
    commands = ["/type Battles", "/near الميادين 20", "/search الجورة", "/incident 1", "/map", "/actor قسد"]
    for command in commands:
        before = len(telegram_emulator.calls("sendMessage", USER)) + len(
            telegram_emulator.calls("sendPhoto", USER)
        )
        telegram_emulator.send_message(USER, command, user_id=USER)
        telegram_emulator.wait_for(
            lambda calls, before=before: (
                len([c for c in calls if c["method"] in ("sendMessage", "sendPhoto")]) > before
            ),
            source="calls",
            chat_id=USER,
            timeout=30,
        )
    failed = [
        c
        for c in telegram_emulator.calls(chat_id=USER)
        if c["status"] != 200 and c["method"].startswith("send")
    ]
    assert failed == []
