"""A message that is no command: a name is answered like /town or /actor, anything else with a hint;
in a group, the bot keeps out of the talk."""

import time

from tests.feed_builders import rss, seed_item

USER = 5561
WAITER = 5562  # polls until the feed is stored, so USER's own commands stay under the rate limit


def test_a_name_sent_alone_is_answered_and_other_words_get_a_hint(bot_process, telegram_emulator, httpserver):
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item("seed-001")]), content_type="application/rss+xml"
    )
    # until the feed is stored: the bot fetches it first (seen in the server's log), then a /latest every
    # few seconds, so that a slow poll on a loaded machine does not bring WAITER to the rate limit either
    deadline = time.monotonic() + 60
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.2)
    for _ in range(20):
        sent = len(telegram_emulator.messages(WAITER))
        telegram_emulator.send_message(WAITER, "/latest 1", user_id=WAITER)
        if "#" in telegram_emulator.wait_for_messages(WAITER, sent + 1, timeout=15)[-1]["text"]:
            break
        time.sleep(3)  # the bucket refills one command every 3 s (commands_per_minute = 20)
    before = len(telegram_emulator.messages(USER))
    telegram_emulator.send_message(USER, "ديرالزور", user_id=USER)
    telegram_emulator.send_message(USER, "الدفاع الوطني", user_id=USER)
    telegram_emulator.send_message(USER, "مرحبا، ماذا تفعل؟", user_id=USER)
    town, actor, hint = telegram_emulator.wait_for_messages(USER, before + 3, timeout=20)[before:]
    assert town["text"].startswith("3 حوادث في دير الزور")
    assert "للدفاع الوطني" in actor["text"].splitlines()[0]
    assert hint["text"].startswith("أرسل اسم بلدة أو طرف")
    group = -100777
    telegram_emulator.send_message(group, "ديرالزور", user_id=USER, chat_type="supergroup")
    telegram_emulator.send_message(group, "/latest 1", user_id=USER, chat_type="supergroup")
    [only] = telegram_emulator.wait_for_messages(group, 1, timeout=15)
    assert only["text"].startswith("آخر حادثة")  # the group's words were not answered
