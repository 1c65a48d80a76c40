"""/search finds what the user means in every spelling and clitic form, through the real index."""

from datetime import UTC, datetime

import pytest

from answers.context import AnswerContext, Asker
from extraction.normalize import query_words, search_words
from feeds.article import Article
from ingest.poll import ingest_article
from storage.articles import index_missing_articles
from storage.db import open_database
from storage.incidents import search_articles
from storage.schema import MIGRATIONS
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
REPORTS = [
    "اندلعت اشتباكات بين ميليشيا الدفاع الوطني ومسلحين في مدينة الميادين.",
    "قتل عنصران من مليشيا الدفاع الوطني بكمين في بلدة الشعفة.",
    "نصب مسلحون كميناً لدورية من ميلشيا الدفاع الوطني قرب مدينة البوكمال.",
    "قتل عنصر من قوات النظام في الكمين الذي استهدف دورية في ديرالزور.",
    "اندلعت اشتباكات عنيفة في حي الجورة بمدينة دير الزور.",
]


@pytest.fixture
def ctx(db, gazetteer):
    for k, text in enumerate(REPORTS):
        article = Article(guid=f"r{k}", link=None, title="", text=text, published="2026-12-01")
        ingest_article(db, article, None, gazetteer, NOW, "test")
    return AnswerContext(db, gazetteer, NOW)


def found(ctx, words):
    reply = ask_line(ctx, Asker(1, "private", "en"), f"/search {words}").text
    return {line.split()[0] for line in reply.splitlines() if line.startswith("#")}


def test_a_loanword_in_each_of_its_spellings_finds_the_same_incidents(ctx):
    spellings = [found(ctx, word) for word in ("ميليشيا", "مليشيا", "ميلشيا", "الميليشيا")]
    assert len(spellings[0]) == 3 and all(s == spellings[0] for s in spellings)


def test_a_name_glued_to_its_article_is_the_same_name(ctx):
    assert found(ctx, "دير الزور") == found(ctx, "ديرالزور") == found(ctx, "بديرالزور")
    # both reports, one written each way (one incident: the same clash, confirmed)
    assert len(search_articles(ctx.db, query_words("ديرالزور"), 10)) == 2


def test_a_word_is_found_with_every_prefix_and_ending(ctx):
    """كمين finds بكمين, كميناً and الكمين; a word that starts like a prefix is not cut ("كمين" is not
    ك + مين)."""
    assert len(found(ctx, "كمين")) == 3
    assert found(ctx, "كمين") == found(ctx, "الكمين") == found(ctx, "كميناً")


def test_an_index_made_before_is_rebuilt_in_the_new_forms(db_path, gazetteer):
    db = open_database(db_path)
    article = Article(guid="old", link=None, title="", text=REPORTS[1], published="2026-12-01")
    ingest_article(db, article, None, gazetteer, NOW, "test")
    # the index as the schema before v7 wrote it: one shortest stem per word
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('delete-all')")
    db.execute("INSERT INTO articles_fts (rowid, words) VALUES (1, 'قتل عنصران من مين')")
    db.conn.commit()
    assert found(AnswerContext(db, gazetteer, NOW), "كمين") == set()
    for statement in MIGRATIONS[6]:  # v7, as an upgrade runs it
        db.execute(statement)
    db.conn.commit()
    assert index_missing_articles(db, lambda text: " ".join(search_words(text))) == 1
    assert found(AnswerContext(db, gazetteer, NOW), "كمين") == {"#1"}
