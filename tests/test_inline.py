"""Inline mode: `@bot العشارة` typed in any chat offers that town's newest incident cards, read by the
one selection grammar (any spelling, Arabic or English), in the user's language, through real PTB and
the Bot API emulator."""

from datetime import UTC, datetime

import pytest

from feeds.article import Article
from handlers.inline import INLINE_CACHE_SECONDS
from ingest.poll import ingest_article
from storage.db import open_database
from storage.subscriptions import ensure_chat, set_chat_language
from tests.conftest import run_bot, write_bot_config
from tests.feed_builders import rss

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
REPORTS = [
    "اندلعت اشتباكات في بلدة العشارة بريف دير الزور الشرقي بين مسلحين من العشائر وقوات النظام.",
    "قصفت قوات النظام بلدة العشارة بريف دير الزور مما أدى لمقتل مدنيين اثنين.",
    "قصفت قوات النظام مدينة الميادين بريف دير الزور.",
    "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي.",
]
ASHARA = ["2", "1"]  # newest first
USER, ENGLISH_USER = 5771, 5772


@pytest.fixture
def stocked_bot(tmp_path, telegram_emulator, httpserver, gazetteer):
    """The bot on a database holding REPORTS' four incidents; ENGLISH_USER chose English (/lang en)."""
    db = open_database(tmp_path / "raqib.db")
    for k, text in enumerate(REPORTS):
        article = Article(guid=f"r{k}", link=None, title="", text=text, published="2026-12-01")
        ingest_article(db, article, None, gazetteer, NOW, "test")
    ensure_chat(db, ENGLISH_USER, "private", None, NOW.isoformat())
    set_chat_language(db, ENGLISH_USER, "en")
    db.conn.close()
    httpserver.expect_request("/feed").respond_with_data(rss([]), content_type="application/rss+xml")
    config = write_bot_config(tmp_path, telegram_emulator, httpserver)
    yield from run_bot(config, tmp_path / "bot.log", telegram_emulator)


def ask_inline(telegram_emulator, query: str, user: int = USER, **extra) -> dict:
    sent = telegram_emulator.send_inline_query(user, query, **extra)
    return telegram_emulator.inline_answer(sent["inline_query_id"], timeout=15)


def test_an_inline_query_offers_the_towns_incident_cards(stocked_bot, telegram_emulator):
    answer = ask_inline(telegram_emulator, "العشارة")
    results = answer["results"]
    assert [r["id"] for r in results] == ASHARA
    assert answer["cache_time"] == INLINE_CACHE_SECONDS and answer["is_personal"]
    assert results[0]["type"] == "article"
    assert results[0]["title"].startswith("قصف مدفعي/صاروخي · العشارة · ")
    assert "2026-12-01" in results[0]["title"]
    assert results[0]["description"] == "قوات النظام / المدنيون — قتيلان"
    card = results[0]["input_message_content"]
    assert card["parse_mode"] == "HTML"
    assert card["message_text"].startswith("<b>حادثة رقم 2</b>\n")
    assert "<b>المكان:</b> العشارة" in card["message_text"]


@pytest.mark.parametrize("spelling", ["عشاره", "بالعشارة", "Ashara", "  العشاره  "])
def test_spellings_of_a_town_offer_the_same_cards(stocked_bot, telegram_emulator, spelling):
    assert [r["id"] for r in ask_inline(telegram_emulator, spelling)["results"]] == ASHARA


def test_an_unknown_name_offers_nothing_but_a_way_to_the_bot(stocked_bot, telegram_emulator):
    answer = ask_inline(telegram_emulator, "زززز")
    assert answer["results"] == []
    assert answer["button"] == {"text": "لا أعرف «زززز»: افتح البوت", "start_parameter": "inline"}


def test_an_empty_query_offers_the_newest_incidents_and_a_governorate_its_own(stocked_bot, telegram_emulator):
    assert [r["id"] for r in ask_inline(telegram_emulator, "")["results"]] == ["4", "3", "2", "1"]
    assert [r["id"] for r in ask_inline(telegram_emulator, "محافظة إدلب")["results"]] == ["4"]
    assert [r["id"] for r in ask_inline(telegram_emulator, "قصف")["results"]] == ["4", "3", "2"]


def test_cards_come_in_the_users_language(stocked_bot, telegram_emulator):
    from_app = ask_inline(telegram_emulator, "العشارة", user=USER + 9, language_code="en")["results"]
    assert from_app[0]["title"].startswith("Shelling/artillery/missile attack · al-Ashara · ")
    assert from_app[0]["input_message_content"]["message_text"].startswith("<b>Incident #2</b>")
    chosen = ask_inline(telegram_emulator, "Ashara", user=ENGLISH_USER, language_code="ar")["results"]
    assert chosen[0]["description"] == "Syrian Arab Army / regime forces / Civilians — 2 killed"
