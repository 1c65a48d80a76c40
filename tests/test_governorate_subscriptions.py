"""Subscribing to a governorate: every incident in any town inside it alerts, one elsewhere does not;
read by the one selection grammar, in any spelling, in Arabic or English."""

from datetime import UTC, datetime

import pytest

from answers.context import AnswerContext, Asker
from feeds.article import Article
from ingest.poll import ingest_article
from storage.schema import _GOVERNORATE_KEYS
from storage.subscriptions import governorate_key, list_subscriptions
from tests.conftest import ask_line
from tests.feed_builders import rss, seed_item

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
IN_IDLIB = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي."
IN_DEIR_EZ_ZOR = "قصفت قوات النظام مدينة الميادين بريف دير الزور."


def report(db, gazetteer, guid: str, text: str) -> list[int]:
    """Ingest one report as the poller does (alerts queued); the chats it alerted."""
    article = Article(guid=guid, link=None, title="", text=text, published="2026-12-01")
    ingest_article(db, article, None, gazetteer, NOW, "test")
    rows = db.execute(
        "SELECT DISTINCT a.chat_id FROM alerts a JOIN incidents i ON i.id = a.incident_id "
        "JOIN incident_sources s ON s.incident_id = i.id JOIN articles r ON r.id = s.article_id "
        "WHERE r.guid = ? ORDER BY a.chat_id",
        (guid,),
    ).fetchall()
    return [chat for (chat,) in rows]


def say(db, gazetteer, chat: int, line: str, language: str = "ar") -> str:
    return ask_line(AnswerContext(db, gazetteer, NOW), Asker(chat, "private", language), line).text


@pytest.mark.parametrize(
    "line",
    [
        "/subscribe محافظة إدلب",
        "/subscribe محافظه ادلب",  # ة/ه, أ/ا
        "/subscribe governorate Idlib",
        "/subscribe governorate إدلب",
        "/subscribe Idlib Governorate",
        "/subscribe town محافظة إدلب",
        "/subscribe ريف إدلب",
        "/subscribe بمحافظة إدلب",  # a clitic, as in a sentence
    ],
)
def test_a_governorate_subscription_alerts_for_its_towns_only(db, gazetteer, line):
    reply = say(db, gazetteer, 11, line, "en")
    assert reply == "Subscribed: governorate: Idleb."
    assert report(db, gazetteer, "idlib", IN_IDLIB) == [11]
    assert report(db, gazetteer, "deir", IN_DEIR_EZ_ZOR) == []


def test_spellings_of_deir_ez_zor_subscribe_to_one_governorate(db, gazetteer):
    assert say(db, gazetteer, 12, "/subscribe محافظة ديرالزور") == "تم الاشتراك: محافظة: دير الزور."
    assert say(db, gazetteer, 12, "/subscribe محافظه دير الزور").startswith("أنت مشترك مسبقاً")
    assert say(db, gazetteer, 12, "/subscribe governorate Deir ez-Zor", "en").startswith("Already")
    assert report(db, gazetteer, "deir", IN_DEIR_EZ_ZOR) == [12]
    assert report(db, gazetteer, "idlib", IN_IDLIB) == []


def test_the_governorate_is_listed_in_the_chats_language_and_can_be_left(db, gazetteer):
    say(db, gazetteer, 13, "/subscribe محافظة إدلب")
    assert say(db, gazetteer, 13, "/subscriptions") == "اشتراكاتك:\n• محافظة: إدلب"
    assert say(db, gazetteer, 13, "/subscriptions", "en") == "Your subscriptions:\n• governorate: Idleb"
    assert (
        say(db, gazetteer, 13, "/unsubscribe governorate Idlib", "en") == "Unsubscribed: governorate: Idleb."
    )
    assert list_subscriptions(db, 13) == []
    assert report(db, gazetteer, "idlib", IN_IDLIB) == []


def test_a_city_subscription_is_not_its_governorate(db, gazetteer):
    assert say(db, gazetteer, 14, "/subscribe town إدلب", "en") == "Subscribed: town: إدلب."
    assert report(db, gazetteer, "idlib", IN_IDLIB) == []  # Kafr Nabl is in Idlib governorate, not the city


def test_an_unknown_governorate_subscribes_nothing(db, gazetteer):
    reply = say(db, gazetteer, 15, "/subscribe governorate Atlantis", "en")
    assert reply.startswith("I know no governorate called “Atlantis”")
    assert list_subscriptions(db, 15) == []


def test_the_migrations_governorate_keys_are_the_gazetteers(gazetteer):
    governorates = {p.name: governorate_key(p.admin1) for p in gazetteer.places if p.kind == "governorate"}
    assert _GOVERNORATE_KEYS == governorates


DEIR_USER, IDLIB_USER = 5661, 5662


def test_governorate_subscribers_get_their_governorates_alerts_over_telegram(
    bot_process, telegram_emulator, httpserver
):
    telegram_emulator.send_message(DEIR_USER, "/subscribe محافظة ديرالزور", user_id=DEIR_USER)
    telegram_emulator.send_message(IDLIB_USER, "/subscribe governorate Idlib", user_id=IDLIB_USER)
    [deir] = telegram_emulator.wait_for_messages(DEIR_USER, 1, timeout=15)
    [idlib] = telegram_emulator.wait_for_messages(IDLIB_USER, 1, timeout=15)
    assert deir["text"] == "تم الاشتراك: محافظة: دير الزور."
    assert idlib["text"] == "تم الاشتراك: محافظة: إدلب."

    httpserver.clear()
    idlib_item = {"title": "قصف على كفرنبل", "text": IN_IDLIB, "guid": "idlib-1"}
    httpserver.expect_request("/feed").respond_with_data(
        rss([seed_item("seed-001"), idlib_item]), content_type="application/rss+xml"
    )
    deir_alerts = telegram_emulator.wait_for_messages(DEIR_USER, 2, timeout=20)[1:]
    idlib_alerts = telegram_emulator.wait_for_messages(IDLIB_USER, 2, timeout=20)[1:]
    assert all(m["text"].startswith("🔔") for m in deir_alerts + idlib_alerts)
    assert all("دير الزور" in m["text"] and "كفر نبل" not in m["text"] for m in deir_alerts)
    assert all("كفر نبل" in m["text"] for m in idlib_alerts)
    assert len(telegram_emulator.messages(IDLIB_USER)) == 2  # seed-001's Deir ez-Zor incidents: none
