"""One incident from many outlets: real pairs of reports that must merge, and pairs that must not."""

from datetime import UTC, datetime

from feeds.article import Article
from ingest.merge import conservative, toll
from ingest.poll import ingest_article
from storage.incidents import get_incident
from tests.conftest import TESTS_DIR

PAIRS = TESTS_DIR / "corpus" / "pairs"
NOW = datetime(2026, 1, 10, 12, tzinfo=UTC)
SAME_DAY = "2026-01-09"  # the pairs' pages give no date; the merge needs one


def ingest(db, gazetteer, name_or_text, published=None, title="", outlet="test"):
    path = PAIRS / f"{name_or_text}.txt"
    text = path.read_text(encoding="utf-8") if path.exists() else name_or_text
    article = Article(guid=f"g-{hash(text)}", link=None, title=title, text=text, published=published)
    return ingest_article(db, article, None, gazetteer, NOW, outlet)


def incidents(db):
    return db.execute(
        "SELECT id, town, event_type, source_count, killed FROM incidents ORDER BY id"
    ).fetchall()


def test_two_outlets_on_the_shuhayl_killings_make_one_incident(db, gazetteer):
    ingest(db, gazetteer, "dev-008", outlet="Naher Media", published=SAME_DAY)
    before = {row[1]: row for row in incidents(db)}
    ingest(db, gazetteer, "dev-009", outlet="North Press", published=SAME_DAY)
    after = {row[1]: row for row in incidents(db)}
    assert after["الشحيل"][3] == 2  # confirmed by 2 outlets
    assert after["الشحيل"][0] == before["الشحيل"][0]
    assert after["الشحيل"][4] == 2
    assert after["ذيبان"][3] == 2
    assert "البصيرة" in after  # only North Press reports the al-Busayra killing: a new incident


def test_reports_that_nothing_dates_are_never_merged(db, gazetteer):
    """Neither the text nor the feed dates them: nothing says they are the same day (an archive's
    reports of one town over years would otherwise become one incident)."""
    ingest(db, gazetteer, "dev-008", outlet="Naher Media")
    ingest(db, gazetteer, "dev-009", outlet="North Press")
    shuhayl = [row for row in incidents(db) if row[1] == "الشحيل"]
    assert [row[3] for row in shuhayl] == [1, 1]


def test_the_shafa_shelling_told_as_background_confirms_the_main_report(db, gazetteer):
    ingest(db, gazetteer, "dev-015", published=SAME_DAY)
    ingest(db, gazetteer, "dev-023", published=SAME_DAY)
    shafa = [row for row in incidents(db) if row[1] == "الشعفة"]
    assert len(shafa) == 1 and shafa[0][3] == 2 and shafa[0][4] == 3


def test_same_town_another_day_is_another_incident(db, gazetteer):
    ingest(db, gazetteer, "قتل 3 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة أمس.", published="2026-01-05")
    ingest(db, gazetteer, "قتل مدنيان بقصف مدفعي لقوات النظام على بلدة الشعفة أمس.", published="2026-01-09")
    assert [row[3] for row in incidents(db)] == [1, 1]


def test_same_day_another_town_is_another_incident(db, gazetteer):
    ingest(db, gazetteer, "قتل 3 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة.", published="2026-01-09")
    ingest(db, gazetteer, "قتل 3 مدنيين بقصف مدفعي لقوات النظام على بلدة السوسة.", published="2026-01-09")
    assert len(incidents(db)) == 2


def test_different_sides_in_one_town_are_different_clashes(db, gazetteer):
    ingest(
        db,
        gazetteer,
        "اندلعت اشتباكات بين الدفاع الوطني والحرس الثوري في مدينة العشارة.",
        published="2026-01-09",
    )
    ingest(
        db,
        gazetteer,
        "اندلعت اشتباكات بين الدفاع الوطني وأسود الشرقية في مدينة العشارة.",
        published="2026-01-09",
    )
    assert len(incidents(db)) == 2


def test_revisions_record_what_each_source_changed(db, gazetteer):
    ingest(db, gazetteer, "قتل 5 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة.", published="2026-01-09")
    ingest(db, gazetteer, "قتل 3 مدنيين بقصف مدفعي على بلدة الشعفة.", published="2026-01-09")
    [(incident_id, *_)] = incidents(db)
    row = get_incident(db, incident_id)
    assert row.killed == 3  # ACLED keeps the lowest credible figure
    revisions = db.execute("SELECT revision, changes FROM incident_revisions").fetchall()
    assert revisions == [(2, '{"source_count": [1, 2], "killed": [5, 3], "injured": [null, null]}')]


def test_conservative_figures():
    assert conservative((5, 3, None)) == 3
    assert conservative((0, 2)) == 2
    assert conservative((0, 0)) == 0
    assert conservative((None, None)) is None


def test_a_later_higher_toll_is_the_new_total(db, gazetteer):
    """ "3 dead" in the morning, "5 dead" in the evening: the toll rose, the incident takes 5."""
    ingest(
        db, gazetteer, "قتل 3 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة.", "2026-01-09T07:00:00+00:00"
    )
    ingest(
        db, gazetteer, "قتل 5 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة.", "2026-01-09T19:00:00+00:00"
    )
    [(incident_id, *_)] = incidents(db)
    assert get_incident(db, incident_id).killed == 5
    # an outlet still repeating the morning's figure later lowers nothing
    ingest(db, gazetteer, "قتل 3 مدنيين في قصف مدفعي على الشعفة.", "2026-01-10T08:00:00+00:00")
    assert get_incident(db, incident_id).killed == 5


def test_outlets_disagreeing_at_one_moment_give_the_conservative_figure(db, gazetteer):
    ingest(
        db, gazetteer, "قتل 5 مدنيين بقصف مدفعي لقوات النظام على بلدة الشعفة.", "2026-01-09T07:00:00+00:00"
    )
    ingest(db, gazetteer, "قتل 3 مدنيين بقصف مدفعي على بلدة الشعفة.", "2026-01-09T09:30:00+02:00")
    [(incident_id, *_)] = incidents(db)
    assert get_incident(db, incident_id).killed == 3


def test_the_toll_rule_by_moments():
    morning, noon, evening = "2026-01-09T07:00:00+00:00", "2026-01-09T12:00:00+00:00", "2026-01-09T19:00:00Z"
    assert toll([(morning, 3), (evening, 5)]) == 5
    assert toll([(morning, 5), (noon, 3)]) == 3  # within six hours: the same moment
    assert toll([(morning, 5), (noon, 3), (evening, 4)]) == 4
    assert toll([(morning, 0), (evening, None)]) == 0
    assert toll([(morning, None), (None, 2)]) == 2  # no publication time: seen last
    assert toll([]) is None
