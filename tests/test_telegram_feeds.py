"""The admins' feed commands through the Bot API emulator, against the real bot process, a real SQLite
file and local HTTP feed servers: /addfeed with its preview and buttons, /feeds, pause / resume /
remove with and without arguments, OPML in (a document) and out (/exportfeeds), and the refusal and
hidden menu everyone else gets."""

from __future__ import annotations

import httpx

from feeds.opml import read_opml
from tests.auxil.hostile_server import HostileServer, respond
from tests.conftest import ADMIN, BOT_TOKEN, USER
from tests.feed_builders import rss, seed_item

FEED = rss([seed_item("seed-003"), seed_item("seed-005")], title="Deir ez-Zor 24")


def say(emulator, text, user=ADMIN):
    """Send `text` from `user` (English app) and return the bot's next message to them."""
    before = len(emulator.messages(user))
    emulator.send_message(user, text, user_id=user, language_code="en")
    return emulator.wait_for_messages(user, before + 1, timeout=30)[before]


def press(emulator, message, label_part, user=ADMIN):
    """Press the button whose label contains `label_part`; return the bot's next message."""
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    [chosen] = [b for b in buttons if label_part in b["text"]]
    before = len(emulator.messages(user))
    emulator.press_button(user, message["message_id"], chosen["callback_data"], user_id=user)
    return emulator.wait_for_messages(user, before + 1, timeout=30)[before]


def labels(message):
    return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


def test_addfeed_previews_then_the_add_button_saves_and_the_bot_polls_it(admin_bot, telegram_emulator):
    with HostileServer("127.0.0.9") as server:
        server.route("/feed.xml", respond(FEED))
        preview = say(telegram_emulator, f"/addfeed {server.url('/feed.xml')}")
        assert preview["text"].startswith("📰 Deir ez-Zor 24\nItems in the feed: 2")
        assert "Armed clash · العشارة" in preview["text"]
        assert preview["text"].endswith("Add it as “Deir ez-Zor 24”?")
        assert labels(preview) == ["✔ Add", "✖ Cancel"]
        assert len(server.requests) == 1  # the preview fetched once; nothing saved yet
        assert "Deir ez-Zor 24" not in say(telegram_emulator, "/feeds")["text"]

        added = press(telegram_emulator, preview, "Add")
        assert added["text"] == "Added #2 Deir ez-Zor 24. It is polled from now on."
        server.wait_for_requests(2, timeout=15)  # the running bot polls the new feed at its next tick
        listing = say(telegram_emulator, "/feeds")["text"]
    assert listing.startswith("Feeds: 2\n\n#1 local ✅")
    assert "#2 Deir ez-Zor 24 ✅\nlast success: 1 min ago · errors in a row: 0" in listing
    assert "a day over 7 days: 0.3 items, 0.3 incidents" in listing


def test_cancel_adds_nothing_and_a_refused_url_says_why(admin_bot, telegram_emulator):
    with HostileServer("127.0.0.10") as server:
        server.route("/feed.xml", respond(FEED))
        preview = say(telegram_emulator, f"/addfeed {server.url('/feed.xml')} My name")
        assert preview["text"].endswith("Add it as “My name”?")
        assert press(telegram_emulator, preview, "Cancel")["text"] == "Not added."
    assert say(telegram_emulator, "/feeds")["text"].startswith("Feeds: 1\n")
    refused = say(telegram_emulator, "/addfeed http://169.254.169.254/latest/meta-data/")
    assert refused["text"] == "Refused: it points at a link-local address (169.254.169.254)"
    page = say(telegram_emulator, "/addfeed")
    assert page["text"].startswith("Send /addfeed URL [name]")


def test_a_web_page_offers_its_feeds_as_buttons(admin_bot, telegram_emulator):
    html = b'<html><head><link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml"></head></html>'
    with HostileServer("127.0.0.11") as server:
        server.route("/", respond(html, content_type="text/html"))
        server.route("/atom.xml", respond(FEED))
        offer = say(telegram_emulator, f"/addfeed {server.url('/')}")
        assert "is a web page, not a feed" in offer["text"] and labels(offer) == ["Atom"]
        preview = press(telegram_emulator, offer, "Atom")
        assert preview["text"].startswith("📰 Deir ez-Zor 24")


def test_pause_resume_and_remove_by_button_name_and_number(admin_bot, telegram_emulator):
    with HostileServer("127.0.0.12") as server:
        server.route("/feed.xml", respond(FEED))
        press(telegram_emulator, say(telegram_emulator, f"/addfeed {server.url('/feed.xml')} second"), "Add")
    choose = say(telegram_emulator, "/pausefeed")
    assert choose["text"] == "Which feed?" and labels(choose) == ["#1 local", "#2 second"]
    assert press(telegram_emulator, choose, "#2")["text"] == "Paused #2 second."
    assert "#2 second ⏸ paused" in say(telegram_emulator, "/feeds")["text"]
    assert labels(say(telegram_emulator, "/resumefeed")) == ["#2 second"]  # only the paused one
    assert (
        say(telegram_emulator, "/resumefeed SECOND")["text"]
        == "Resumed #2 second: it is polled at the next tick."
    )
    assert say(telegram_emulator, "/removefeed 1")["text"].startswith(
        "Not done: #1 local is listed in config.toml"
    )
    assert (
        say(telegram_emulator, "/removefeed 2")["text"]
        == "Removed #2 second; its articles and incidents stay."
    )
    assert say(telegram_emulator, "/removefeed 2")["text"].startswith("No such feed.")


def test_opml_arrives_as_a_document_and_leaves_as_one(admin_bot, telegram_emulator):
    opml = (
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Syria">'
        '<outline text="Enab Baladi" xmlUrl="http://127.0.0.13:9/feed/"/>'
        '<outline text="Metadata" xmlUrl="http://169.254.169.254/"/></outline></body></opml>'
    ).encode()
    before = len(telegram_emulator.messages(ADMIN))
    telegram_emulator.send_document(ADMIN, "mine.opml", opml, user_id=ADMIN, mime_type="text/x-opml")
    reply = telegram_emulator.wait_for_messages(ADMIN, before + 1, timeout=30)[before]
    assert reply["text"].splitlines()[1:] == [
        "• #2 Enab Baladi",
        "✖ \u2066http://169.254.169.254/\u2069: it points at a link-local address (169.254.169.254)",
    ]

    telegram_emulator.send_message(ADMIN, "/exportfeeds", user_id=ADMIN, language_code="en")
    [sent] = telegram_emulator.wait_for_calls("sendDocument", 1, chat_id=ADMIN, timeout=30)
    document = next(m for m in telegram_emulator.messages(ADMIN) if m.get("document"))
    assert (
        document["document"]["file_name"] == "raqib-feeds.opml" and document["caption"] == "Feeds as OPML: 2"
    )
    url = f"{telegram_emulator.file_base_url}{BOT_TOKEN}/documents/{document['document']['file_id']}"
    exported = read_opml(httpx.get(url, trust_env=False).content)
    assert [f.title for f in exported] == ["local", "Enab Baladi"]


def test_everyone_else_gets_one_polite_refusal_and_never_sees_the_commands(admin_bot, telegram_emulator):
    for line in ("/feeds", "/addfeed http://example.org/feed", "/removefeed 1", "/exportfeeds"):
        assert (
            say(telegram_emulator, line, user=USER)["text"]
            == "Sorry, this is for the bot's administrators only."
        )
    before = len(telegram_emulator.messages(USER))
    telegram_emulator.send_document(USER, "mine.opml", b"<opml/>", user_id=USER)
    refusal = telegram_emulator.wait_for_messages(USER, before + 1, timeout=30)[before]
    assert refusal["text"] == "Sorry, this is for the bot's administrators only."
    assert "/addfeed" not in say(telegram_emulator, "/help", user=USER)["text"]
    assert "/addfeed" in say(telegram_emulator, "/help")["text"]
    menus = telegram_emulator.wait_for_calls("setMyCommands", 6, timeout=30)
    for call in menus:
        names = {c["command"] for c in call["params"]["commands"]}
        for_admin = (call["params"].get("scope") or {}).get("chat_id") == ADMIN
        assert ("addfeed" in names) == for_admin and "help" in names
    assert say(telegram_emulator, "/feeds")["text"].startswith("Feeds: 1")  # the import was refused
