"""What is shown as an incident's date is true: the event's day when a report tells it, "unknown" with
the first report's day (or the day Raqib first saw it) when none does, never the day it was fetched."""

import csv
import io
import json
from datetime import UTC, datetime

from answers.context import AnswerContext, Asker
from feeds.article import Article
from ingest.poll import ingest_article
from tests.conftest import ask_line

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
UNDATED = "اندلعت اشتباكات بين قوات النظام والدفاع الوطني في مدينة الميادين، قتل فيها عنصران."
DATED = "اندلعت اشتباكات بين قوات النظام والدفاع الوطني في مدينة الميادين يوم 3 آذار 2021، قتل فيها عنصران."


def store(db, gazetteer, text, published=None, guid="a"):
    article = Article(guid=guid, link=None, title="", text=text, published=published)
    return ingest_article(db, article, None, gazetteer, NOW, "test")


def ask(db, gazetteer, line, language="en"):
    return ask_line(AnswerContext(db, gazetteer, NOW), Asker(1, "private", language), line)


def test_an_incident_nothing_dates_is_unknown_and_first_seen_today(db, gazetteer):
    store(db, gazetteer, UNDATED)
    card = ask(db, gazetteer, "/incident 1").text
    assert "Date: unknown (first seen 2026-12-02)" in card.replace("\u2066", "").replace("\u2069", "")
    arabic = ask(db, gazetteer, "/incident 1", "ar").text
    assert "غير معروف (رُصد أول مرة في" in arabic


def test_an_incident_its_feed_dates_shows_the_report_day_as_such(db, gazetteer):
    store(db, gazetteer, UNDATED, published="2021-03-04T08:00:00+00:00")
    card = ask(db, gazetteer, "/incident 1").text.replace("\u2066", "").replace("\u2069", "")
    assert "Date: unknown (first reported 2021-03-04)" in card
    listed = ask(db, gazetteer, "/latest").text.replace("\u2066", "").replace("\u2069", "")
    assert "unknown (first reported 2021-03-04)" in listed and "2026-12-02" not in listed


def test_the_event_day_a_report_tells_is_the_date(db, gazetteer):
    store(db, gazetteer, DATED, published="2021-03-04T08:00:00+00:00")
    card = ask(db, gazetteer, "/incident 1").text.replace("\u2066", "").replace("\u2069", "")
    assert "Date: 2021-03-03" in card


def test_undated_reports_stay_out_of_every_period(db, gazetteer):
    """A backfill of an archive without dates does not land in this week's figures."""
    for k in range(3):
        store(db, gazetteer, UNDATED.replace("عنصران", f"{k + 3} عناصر"), guid=f"old{k}")
    assert db.execute("SELECT count(*) FROM incidents").fetchone()[0] == 3
    this_week = ask(db, gazetteer, "/stats 7d").text
    assert "No incidents match" in this_week
    assert "Not counted: 3 incidents with no known date" in this_week
    assert "No incidents" in ask(db, gazetteer, "/town الميادين 7d").text


def test_exports_leave_an_unknown_day_blank_and_keep_what_is_known(db, gazetteer):
    store(db, gazetteer, UNDATED, published="2021-03-04T08:00:00+00:00")
    store(db, gazetteer, DATED.replace("الميادين", "البوكمال"), guid="b")
    reply = ask(db, gazetteer, "/export csv")
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(reply.attachment.data.decode("utf-8")))}
    undated, dated = rows["الميادين"], rows["البوكمال"]
    assert (undated["event_date"], undated["year"], undated["time_precision"]) == ("", "", "")
    assert undated["first_reported"] == "2021-03-04" and undated["first_seen"].startswith("2026-12-02")
    assert (dated["event_date"], dated["year"], dated["time_precision"]) == ("2021-03-03", "2021", "1")
    assert undated["admin1"] and undated["admin2"] and undated["admin3"]  # admin3 was always blank


def test_json_keeps_null_for_unknown_where_the_csv_codes_acled_zero(db, gazetteer):
    store(db, gazetteer, "اندلعت اشتباكات بين قوات النظام والدفاع الوطني في مدينة الميادين.")
    records = json.loads(ask(db, gazetteer, "/export json").attachment.data)
    (row,) = list(csv.DictReader(io.StringIO(ask(db, gazetteer, "/export csv").attachment.data.decode())))
    assert records[0]["fatalities"] is None and records[0]["event_date"] is None
    assert row["fatalities"] == "0"


def test_a_later_report_that_tells_the_day_dates_the_incident(db, gazetteer):
    store(db, gazetteer, UNDATED, published="2021-03-04T08:00:00+00:00")
    store(db, gazetteer, DATED.replace("قتل فيها عنصران", "وقتل عنصران"), "2021-03-05T08:00:00+00:00", "b")
    assert db.execute("SELECT count(*), event_date, reported_on, sort_date FROM incidents").fetchone() == (
        1,
        "2021-03-03",
        "2021-03-04",
        "2021-03-03",
    )
    assert db.execute("SELECT DISTINCT sort_date FROM incident_actors").fetchall() == [("2021-03-03",)]


def test_incident_shows_how_its_toll_rose(db, gazetteer):
    store(db, gazetteer, UNDATED, published="2021-03-04T06:00:00+00:00")
    later = UNDATED.replace("قتل فيها عنصران", "وارتفعت حصيلة القتلى إلى 5 عناصر")
    store(db, gazetteer, later, published="2021-03-04T20:00:00+00:00", guid="b")
    card = ask(db, gazetteer, "/incident 1").text.replace("\u2066", "").replace("\u2069", "")
    assert "Casualties: 5 killed" in card
    assert "↑ Toll rose from 2 to 5 killed (test, 2021-03-04)" in card
