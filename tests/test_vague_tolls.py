"""Vague tolls ("عشرات القتلى") as ACLED codes them, and tolls told in Arabic as Arabic counts them.

ACLED's note on fatalities: a vague estimate is coded conservatively, 10 for "tens", 12 for "dozens", 100
for "hundreds" and so on. Arabic writes "عشرات" (tens), "مئات", "آلاف"; the extraction keeps the toll
unknown and records the conservative figure beside it; the CSV codes it, the JSON keeps null for the
unknown and gives the figure in its own field; a "killed ≥ N" subscription compares it."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from alerts.render import casualties_text
from answers.context import AnswerContext, Asker
from extraction.incidents import extract_incidents
from feeds.article import Article
from ingest.poll import ingest_article
from storage.incidents import IncidentRow
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "killed", "vague"),
    [
        ("قصفت طائرات حربية مدينة معرة النعمان، ما أدى إلى مقتل عشرات المدنيين.", None, 10),
        ("قصفت طائرات حربية مدينة معرة النعمان، ما أسفر عن سقوط المئات من القتلى.", None, 100),
        ("قصفت طائرات حربية مدينة معرة النعمان وأوقعت آلاف القتلى.", None, 1000),
        # "عدة", "عدد من": no number promised
        ("قصفت طائرات حربية مدينة معرة النعمان، ما أدى إلى مقتل عدد من المدنيين.", None, None),
        # a definite figure is the toll; the vague injured say nothing of the dead
        ("قصفت طائرات حربية مدينة معرة النعمان، ما أدى إلى مقتل 5 مدنيين وعشرات الجرحى.", 5, None),
        # two vague figures: the conservative one
        ("قصفت طائرات حربية مدينة معرة النعمان فقتلت العشرات. وقالت مصادر إن مئات القتلى سقطوا.", None, 10),
    ],
)
def test_a_vague_toll_keeps_the_count_unknown_and_its_acled_figure(gazetteer, text, killed, vague):
    (incident,) = [i for i in extract_incidents(text, gazetteer).incidents if i.main]
    assert (incident.killed, incident.vague_killed) == (killed, vague)


def store(db, gazetteer, text, guid="a", published="2026-12-01T08:00:00+00:00"):
    article = Article(guid=guid, link=None, title="", text=text, published=published)
    return ingest_article(db, article, None, gazetteer, NOW, "test")


def ask(db, gazetteer, line, language="en", chat=1):
    return ask_line(AnswerContext(db, gazetteer, NOW), Asker(chat, "private", language), line)


TENS = "قصفت طائرات حربية تابعة للنظام مدينة معرة النعمان، ما أدى إلى مقتل عشرات المدنيين."


def test_exports_code_a_vague_toll_as_acled_does_and_json_keeps_null(db, gazetteer):
    store(db, gazetteer, TENS)
    (row,) = list(csv.DictReader(io.StringIO(ask(db, gazetteer, "/export csv").attachment.data.decode())))
    assert (row["fatalities"], row["fatalities_vague"]) == ("10", "10")
    (record,) = json.loads(ask(db, gazetteer, "/export json").attachment.data)
    assert (record["fatalities"], record["fatalities_vague"]) == (None, 10)


def test_a_second_vaguer_report_keeps_the_conservative_figure(db, gazetteer):
    store(db, gazetteer, TENS.replace("عشرات", "مئات"))
    store(db, gazetteer, TENS, guid="b", published="2026-12-01T09:00:00+00:00")
    assert db.execute("SELECT count(*), min(vague_killed), max(source_count) FROM incidents").fetchone() == (
        1,
        10,
        2,
    )


def test_a_killed_at_least_subscription_hears_of_tens_killed(db, gazetteer):
    assert ask(db, gazetteer, "/subscribe town معرة النعمان min_killed 5", chat=7).text.startswith(
        "Subscribed"
    )
    assert ask(db, gazetteer, "/subscribe town معرة النعمان min_killed 50", chat=8).text.startswith(
        "Subscribed"
    )
    store(db, gazetteer, TENS)
    assert [c for (c,) in db.execute("SELECT chat_id FROM alerts ORDER BY chat_id")] == [7]


def test_the_card_says_tens_killed(db, gazetteer):
    store(db, gazetteer, TENS)
    assert "tens killed" in ask(db, gazetteer, "/incident 1").text
    assert "عشرات القتلى" in ask(db, gazetteer, "/incident 1", "ar").text


def row(killed, injured, vague=None):
    return IncidentRow(1, "Battles", "Armed clash", None, "", None, None, killed, injured, True, (), "", None, {},
                       vague_killed=vague)  # fmt: skip


@pytest.mark.parametrize(
    ("killed", "injured", "shown"),
    [
        (1, None, "قتيل واحد"),
        (2, 3, "قتيلان، 3 جرحى"),
        (11, 1, "11 قتيلاً، جريح واحد"),
        (100, 2, "100 قتيل، جريحان"),
        (5, 102, "5 قتلى، 102 جريح"),
    ],
)
def test_arabic_tolls_agree_with_their_number(killed, injured, shown):
    assert casualties_text(row(killed, injured), "ar") == shown


def test_english_tolls_and_unknowns():
    assert casualties_text(row(1, 2), "en") == "1 killed, 2 injured"
    assert casualties_text(row(None, 4, 100), "en") == "hundreds killed, 4 injured"
    assert casualties_text(row(None, None), "en") == "unknown"
