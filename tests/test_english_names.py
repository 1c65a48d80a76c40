"""An English chat reads towns and parties in English and may type them in any transliteration."""

from datetime import UTC, datetime

import pytest

from answers.context import AnswerContext, Asker
from feeds.article import Article
from ingest.poll import ingest_article
from storage.incidents import fill_english_names
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
REPORT = "اندلعت اشتباكات بين الدفاع الوطني والحرس الثوري الإيراني في مدينة العشارة بريف دير الزور."


@pytest.fixture
def ctx(db, gazetteer):
    article = Article(guid="a", link=None, title="", text=REPORT, published="2026-12-01")
    ingest_article(db, article, None, gazetteer, NOW, "test")
    return AnswerContext(db, gazetteer, NOW)


def ask(ctx, line, language="en"):
    return ask_line(ctx, Asker(1, "private", language), line).text


def test_english_mode_names_the_town_and_parties_in_english(ctx):
    reply = ask(ctx, "/town العشارة")
    assert "in al-Ashara" in reply and "· al-Ashara ·" in reply
    assert "National Defence Forces" in reply and "الدفاع الوطني" not in reply
    card = ask(ctx, "/incident 1")
    assert "Place: al-Ashara" in card and "(NDF)" not in card  # the gazetteer's note is not a name
    assert "العشارة" in ask(ctx, "/town العشارة", "ar")  # Arabic stays the name of record


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Dayr az Zawr", "Deir ez-Zor", "Deir al-Zor"])
def test_a_town_in_any_transliteration(ctx, gazetteer, spelling):
    assert [p.name for p in gazetteer.place_named(spelling)][:1] == ["دير الزور"]


@pytest.mark.parametrize("spelling", ["National Defence Forces", "National Defense Forces", "NDF"])
def test_an_actor_by_its_english_name_or_abbreviation(ctx, spelling):
    assert "1 incident" in ask(ctx, f"/actor {spelling}") or "#1" in ask(ctx, f"/actor {spelling}")


def test_rows_stored_before_english_names_get_them_at_start(ctx, db, gazetteer):
    db.execute("UPDATE incidents SET town_en = NULL")
    db.execute("UPDATE incident_actors SET name_en = NULL")
    db.conn.commit()
    assert "· العشارة ·" in ask(ctx, "/latest")
    english = lambda entries: next((e.name_en for e in entries if e.name_en), None)  # noqa: E731
    filled = fill_english_names(
        db, lambda n: english(gazetteer.place_named(n)), lambda n: english(gazetteer.actor_named(n))
    )
    assert filled >= 2 and "· al-Ashara ·" in ask(ctx, "/latest")
    assert fill_english_names(db, lambda n: "x", lambda n: "x") == 0  # each name looked up once
