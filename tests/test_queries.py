"""The analyst queries on a real database: types, places, search, the full card, charts, exports."""

import asyncio
import csv
import io
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answers.commands import answer_line
from answers.context import AnswerContext, Asker
from answers.paging import split_pages, utf16_length
from feeds.article import Article
from ingest.poll import ingest_article
from storage.incidents import IncidentFilter, count_matching, find_incidents
from tests.conftest import TESTS_DIR

NOW = datetime(2026, 1, 10, 12, tzinfo=UTC)


@pytest.fixture
def ctx(db, gazetteer):
    """Seeds and the outlet pairs stored through the real ingest path (with merging), published the day
    before (their pages give no date, and reports nothing dates are never merged)."""
    folders = [TESTS_DIR / "corpus" / "seeds", TESTS_DIR / "corpus" / "pairs"]
    for path in sorted(p for folder in folders for p in folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article = Article(
            guid=path.stem,
            link=f"https://example.org/{path.stem}",
            title="",
            text=text,
            published="2026-01-09",
        )
        ingest_article(db, article, None, gazetteer, NOW, outlet=path.stem.split("-")[0])
    return AnswerContext(db, gazetteer, NOW)


def ask(ctx, line, language="en", chat_id=100):
    return asyncio.run(answer_line(ctx, Asker(chat_id, "private", language), line))


@pytest.mark.parametrize("spelling", ["Battles", "battles", "معارك"])
def test_type_by_event_type_in_either_language(ctx, spelling):
    reply = ask(ctx, f"/type {spelling}").text
    assert reply.splitlines()[0].endswith("(newest first):") and "Armed clash" in reply


def test_type_by_sub_event_type(ctx):
    reply = ask(ctx, "/type Looting/property destruction").text
    assert reply.count("\n#") == 1 and "Buqrus" in reply


def test_near_finds_incidents_within_the_radius(ctx):
    close = ask(ctx, "/near الميادين 15").text
    far = ask(ctx, "/near دمشق 20").text
    assert "al-Ashara" in close
    assert far.startswith("No incidents")


@pytest.mark.parametrize("words", ["الجورة", "الجوره", "بالجورة", "وبالجورة"])
def test_search_ignores_spelling_and_clitics(ctx, words):
    reply = ask(ctx, f"/search {words}").text
    assert "الجورة" in reply and reply.count("\n#") >= 1


def test_search_survives_fts_syntax(ctx):
    for words in ('"NEAR( * AND', "OR", "*", "a:b", '"'):
        assert ask(ctx, f"/search {words}").text


def test_incident_card_lists_every_source(ctx, db):
    [(incident_id,)] = db.execute("SELECT id FROM incidents WHERE town = 'الشحيل'").fetchall()
    card = ask(ctx, f"/incident {incident_id}").text
    assert "confirmed by 2 outlets" in card
    assert "https://example.org/dev-008" in card and "https://example.org/dev-009" in card
    assert "Text: «" in card


def test_stats_sends_a_chart(ctx):
    reply = ask(ctx, "/stats الدفاع الوطني")
    assert reply.attachment.kind == "photo" and reply.attachment.data.startswith(b"\x89PNG")
    assert len(reply.attachment.data) > 10_000
    assert "Battles" in reply.text


def test_map_sends_a_picture(ctx):
    reply = ask(ctx, "/map", language="ar")
    assert reply.attachment.data.startswith(b"\x89PNG")
    assert "دير الزور" in reply.text


def test_map_says_how_many_incidents_it_could_not_place(ctx, db, gazetteer):
    # a village the text introduces and the gazetteer lacks has no point
    unlisted = "قتل شخصان باشتباكات بين قوات النظام والدفاع الوطني في قرية تل المقيبرة."
    article = Article(guid="unlisted", link=None, title="", text=unlisted, published="2026-01-09")
    ingest_article(db, article, None, gazetteer, NOW, outlet="test")
    unplaced = db.execute("SELECT count(*) FROM incidents WHERE latitude IS NULL").fetchone()[0]
    assert unplaced > 0
    assert f"not on the map: {unplaced} " in ask(ctx, "/map 365d").text


def test_export_csv_has_acleds_columns(ctx):
    reply = ask(ctx, "/export csv town دير الزور")
    rows = list(csv.DictReader(io.StringIO(reply.attachment.data.decode("utf-8"))))
    assert rows
    assert list(rows[0])[:8] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "inter1",
    ]
    for row in rows:
        assert row["location"] == "دير الزور" and row["country"] == "Syria"
        assert row["event_type"] in {"Battles", "Strategic developments", "Violence against civilians"}
        assert row["fatalities"].isdigit()
        assert float(row["latitude"]) == pytest.approx(35.33, abs=0.1)


def test_export_geojson_and_json_read_back(ctx):
    geo = json.loads(ask(ctx, "/export geojson type Battles").attachment.data)
    assert geo["type"] == "FeatureCollection"
    assert all(f["properties"]["event_type"] == "Battles" for f in geo["features"])
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"] if f["geometry"])
    records = json.loads(ask(ctx, "/export json").attachment.data)
    assert {r["event_id_cnty"] for r in records} >= {
        f["properties"]["event_id_cnty"] for f in geo["features"]
    }


def test_an_ambiguous_place_offers_a_button_per_place(ctx):
    reply = ask(ctx, "/town الصالحية 7d")
    commands = [b.command for row in reply.buttons for b in row]
    assert len(commands) == 2 and all(c.startswith("/town =الصالحية") and c.endswith(" 7d") for c in commands)
    for command in commands:  # each button picks its own place: no second question
        answer = ask(ctx, command)
        assert not answer.buttons and "al-Salihiyah" in answer.text  # the English chat's name for it


@given(st.lists(st.text(alphabet="ابتثجحخ دذرز\n😀", max_size=900), max_size=12))
def test_pages_fit_telegram_and_keep_every_line(lines):
    message = "\n".join(lines)
    pages = split_pages(message)
    assert all(utf16_length(page) <= 3900 for page in pages)
    assert "".join(pages).replace("\n", "") == message.replace("\n", "")


def test_a_search_counts_the_incidents_it_would_list(ctx, db):
    articles = tuple(r[0] for r in db.execute("SELECT id FROM articles").fetchall())
    for chosen in (articles, articles[:3], ()):
        selection = IncidentFilter(article_ids=chosen)
        assert count_matching(db, selection) == len(find_incidents(db, selection, 10_000))
    assert count_matching(db, IncidentFilter(article_ids=articles), cap=1) == 2
