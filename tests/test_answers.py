"""Chat answers on a real database: the same functions Telegram and the terminal call."""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answers.commands import COMMANDS, answer_line, split_command
from answers.context import AnswerContext, Asker
from answers.paging import split_pages, utf16_length
from answers.periods import parse_period, split_period
from extraction.incidents import extract_incidents
from ingest.rows import incident_rows
from storage.articles import NewArticle, store_article
from tests.conftest import TESTS_DIR

NOW = datetime(2026, 1, 10, 12, tzinfo=UTC)


@pytest.fixture
def loaded(db, gazetteer):
    """The five seeds stored as if fetched on 2026-01-10."""
    for k, path in enumerate(sorted((TESTS_DIR / "corpus" / "seeds").glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        extraction = extract_incidents(text, gazetteer)
        article = NewArticle(None, f"g{k}", None, f"h{k}", path.stem, text, None)
        store_article(db, article, incident_rows(extraction, "2026-01-10"), NOW.isoformat())
    return AnswerContext(db, gazetteer, NOW)


def ask(ctx, line, language="ar", chat_id=100):
    return asyncio.run(answer_line(ctx, Asker(chat_id, "private", language), line)).text


@pytest.mark.parametrize("spelling", ["العشارة", "العشاره", "بالعشارة", "وبالعشارة", "عشارة", "Ashara"])
def test_town_accepts_every_spelling(loaded, spelling):
    reply = ask(loaded, f"/town {spelling}")
    assert reply.count("اشتباك مسلح") == 2, reply


def test_town_with_period(loaded):
    assert "اشتباك مسلح" in ask(loaded, "/town العشارة 7d")
    assert "لا حوادث" in ask(loaded, "/town العشارة 2020-01")


def test_actor_lists_its_incidents_in_english(loaded):
    reply = ask(loaded, "/actor الدفاع الوطني", language="en")
    assert reply.startswith("7 incidents involving National Defence Forces (newest first)")
    assert reply.count("\n#") == 7


def test_unknown_names_get_suggestions(loaded):
    reply = ask(loaded, "/town العشاري")
    assert "لا أعرف" in reply and "العشارة" in reply


def test_latest_and_incident_card(loaded):
    latest = ask(loaded, "/latest 2", language="en")
    assert latest.startswith("Latest 2 incidents")
    number = latest.split("\n")[1].split()[0].lstrip("#")
    card = ask(loaded, f"/incident {number}", language="en")
    assert f"Incident #{number}" in card and "Place:" in card and "Text: «" in card


def test_subscribe_is_idempotent_and_listed(loaded):
    assert "تم الاشتراك" in ask(loaded, "/subscribe town دير الزور")
    assert "مسبقاً" in ask(loaded, "/subscribe town ديرالزور")
    assert "دير الزور" in ask(loaded, "/subscriptions")
    assert "تم إلغاء" in ask(loaded, "/unsubscribe town دير الزور")
    assert "لا اشتراكات" in ask(loaded, "/subscriptions")


def test_subscribe_to_a_type_and_an_actor(loaded):
    assert "Subscribed" in ask(loaded, "/subscribe type armed clash", language="en")
    assert "Subscribed" in ask(loaded, "/subscribe actor قسد", language="en")
    assert "Unknown type" in ask(loaded, "/subscribe type fireworks", language="en")
    assert "Usage" in ask(loaded, "/subscribe", language="en")


def test_lang_switches_the_chat(loaded):
    assert ask(loaded, "/lang en") == "Replies will be in English."
    assert "Unknown command" in ask(loaded, "/nope", language="en")


def test_help_lists_every_listed_command_and_admin_commands_to_admins_alone(loaded):
    reply = ask(loaded, "/help")
    admins = asyncio.run(answer_line(loaded, Asker(100, "private", "en", is_admin=True), "/help")).text
    for command in COMMANDS:
        assert (f"/{command.name} " in reply) == (command.listed and not command.admin)
        assert (f"/{command.name} " in admins) == command.listed
    assert "/addfeed " in admins.split("only its admins see this")[1]


def test_an_admin_command_from_anyone_else_gets_one_polite_refusal(loaded):
    for line in ("/feeds", "/addfeed http://127.0.0.1/", "/removefeed 1", "/exportfeeds"):
        assert ask(loaded, line, language="en") == "Sorry, this is for the bot's administrators only."


def test_hostile_arguments_are_bounded(loaded):
    reply = ask(loaded, "/town " + "ع" * 5000 + "\x00\u202e")
    assert len(reply) < 600
    assert "لا أعرف" in ask(loaded, '/town "NEAR( * AND')


def test_split_command():
    assert split_command("/town@raqib_bot العشارة 7d") == ("town", ["العشارة", "7d"])
    assert split_command("hello") is None
    assert split_command('/town "دير الزور') == ("town", ['"دير', "الزور"])


def test_periods():
    today = NOW.date()
    assert parse_period("7d", today) == (today.replace(day=4), today)
    assert parse_period("أمس", today) == (today.replace(day=9), today.replace(day=9))
    assert parse_period("هذا الشهر", today) == (today.replace(day=1), today)
    assert parse_period("2024-02", today)[1].day == 29
    assert parse_period("2024-13", today) is None
    assert parse_period("2w", today) == (today - timedelta(days=13), today)
    assert parse_period("٣ أيام", today) == (today - timedelta(days=2), today)
    assert parse_period("1y", today) == (today - timedelta(days=364), today)
    assert parse_period("2024", today) == (date(2024, 1, 1), date(2024, 12, 31))
    assert parse_period("3000", today) is None
    assert split_period(["90d"], today) == ([], (today - timedelta(days=89), today))  # /stats 90d


# Catalogue F44: what users may type after a command, at its worst.
HOSTILE_WORDS = st.sampled_from(
    ['"', "*", "NEAR(", "AND", "OR", "NOT", "\x00", "\u202e", "<b>", "&amp;", "(.*)+$", "\\", "'", ";--",
     "ـــ", "العشارةَََ", "وبالعشارة", "Ashara", "7d", "2024-05", "0", "-5", "99999999999999999999", "km",
     "town", "actor", "type", "near", "min_killed", "=", "=الصالحية", "ا" * 4000, "🙂" * 300,
     "²", "inf", "nan", "1e999", "١٢", "#3"]
)  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "/incident 99999999999999999999",
        "/incident ²",
        "/latest ²",
        "/latest 99999999999999999999",
        "/near العشارة ²",
        "/near العشارة inf",
        "/unsubscribe 99999999999999999999",
        "/subscribe town العشارة min_killed inf",
        "/subscribe town العشارة min_killed 1e300",
        "/subscribe near العشارة nan",
    ],
)
def test_numbers_too_large_or_not_numbers_get_an_answer(loaded, line):
    """Python calls "²" a digit and reads "inf" as a number; SQLite stores 64-bit integers."""
    assert ask(loaded, line).strip()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from([c.name for c in COMMANDS]),
    words=st.lists(HOSTILE_WORDS | st.text(max_size=40), max_size=6),
    language=st.sampled_from(["ar", "en"]),
    admin=st.booleans(),
)
def test_no_argument_breaks_a_command(loaded, command, words, language, admin):
    asker = Asker(100, "private", language, is_admin=admin)
    reply = asyncio.run(answer_line(loaded, asker, " ".join([f"/{command}", *words])))
    assert reply is not None and reply.text.strip()
    assert "fts5" not in reply.text.lower() and "syntax error" not in reply.text.lower()
    assert all(utf16_length(page) <= 4096 for page in split_pages(reply.text))


@pytest.mark.parametrize(
    ("n", "head"), [(1, "آخر حادثة:"), (2, "آخر حادثتين:"), (3, "آخر 3 حوادث:"), (5, "آخر 5 حوادث:")]
)
def test_latest_counts_in_arabic_plural_forms(loaded, n, head):
    assert ask(loaded, f"/latest {n}").splitlines()[0] == head


def test_latest_one_in_english(loaded):
    assert ask(loaded, "/latest 1", language="en").splitlines()[0] == "The latest incident:"


def test_an_actor_takes_the_preposition_as_arabic_writes_it(loaded):
    assert ask(loaded, "/actor الدفاع الوطني").splitlines()[0].startswith("7 حوادث للدفاع الوطني")


def test_mute_says_the_zone_of_its_end_time_and_quiet_off_clears_the_zone(loaded):
    ask(loaded, "/quiet 23:00-07:00 Europe/Berlin", language="en")
    assert ask(loaded, "/mute 2h", language="en").endswith(
        "until \u20662026-01-10 15:00 Europe/Berlin\u2069 (incidents with many dead still ring)."
    )
    ask(loaded, "/quiet off", language="en")
    assert loaded.db.execute("SELECT quiet_hours, timezone FROM chats WHERE id = 100").fetchone() == (
        None,
        None,
    )
    assert "Asia/Damascus" in ask(loaded, "/mute 1h", language="en")
