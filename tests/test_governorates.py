"""A governorate is a place too: it lists every incident inside it, not only its capital's."""

from datetime import UTC, datetime

from answers.context import AnswerContext, Asker
from feeds.article import Article
from ingest.poll import ingest_article
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
REPORTS = [
    "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي.",
    "اندلعت اشتباكات في مدينة إدلب بين فصيلين.",
    "قصفت قوات النظام مدينة الميادين بريف دير الزور.",
]


def test_a_governorate_lists_every_incident_inside_it(db, gazetteer):
    for k, text in enumerate(REPORTS):
        article = Article(guid=f"g{k}", link=None, title="", text=text, published="2026-12-01")
        ingest_article(db, article, None, gazetteer, NOW, "test")
    ctx = AnswerContext(db, gazetteer, NOW)
    reply = ask_line(ctx, Asker(1, "private", "ar"), "/town محافظة إدلب").text
    assert "كفر نبل" in reply and "إدلب" in reply and "الميادين" not in reply
    assert reply.count("\n#") == 2
    stats = ask_line(ctx, Asker(1, "private", "en"), "/stats محافظة إدلب").text
    assert stats.startswith("2 incidents")
