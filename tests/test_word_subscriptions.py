"""/subscribe words …: an alert for every incident whose report holds all the words, read as /search
reads them, through the real ingest path and outbox."""

from datetime import UTC, datetime

from answers.context import AnswerContext, Asker
from feeds.article import Article
from ingest.poll import ingest_article
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


def alerted(db, chat):
    return db.execute(
        "SELECT incident_id FROM alerts WHERE chat_id = ? ORDER BY incident_id", (chat,)
    ).fetchall()


def test_every_word_in_any_form_alerts_and_one_missing_does_not(db, gazetteer):
    ctx = AnswerContext(db, gazetteer, NOW)
    reply = ask_line(ctx, Asker(70, "private", "en"), "/subscribe words مليشيا الكمين").text
    assert reply.startswith("Subscribed") and "words" in reply
    reports = [
        "قتل عنصران من ميليشيا الدفاع الوطني بكمين في بلدة الشعفة.",  # both words, other forms
        "اندلعت اشتباكات بين ميليشيا الدفاع الوطني ومسلحين في مدينة الميادين.",  # no ambush
    ]
    for k, text in enumerate(reports):
        article = Article(guid=f"w{k}", link=None, title="", text=text, published="2026-12-01")
        ingest_article(db, article, None, gazetteer, NOW, "test")
    assert alerted(db, 70) == [(1,)]


def test_a_backfill_alerts_no_keyword_subscriber(db, gazetteer):
    ask_line(AnswerContext(db, gazetteer, NOW), Asker(71, "private", "en"), "/subscribe words كمين")
    article = Article(
        guid="old", link=None, title="", text="قتل عنصران بكمين في بلدة الشعفة.", published="2019-01-01"
    )
    ingest_article(db, article, None, gazetteer, NOW, "test", alerts=False)
    assert alerted(db, 71) == []


def test_too_many_words_is_an_error(db, gazetteer):
    reply = ask_line(
        AnswerContext(db, gazetteer, NOW), Asker(72, "private", "en"), "/subscribe words a b c d e f g"
    )
    assert reply.text.startswith("Usage: /subscribe words")
