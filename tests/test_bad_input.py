"""Bad input gets a one-line error with the usage, never a silent default or a misreading."""

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from answers.context import AnswerContext, Asker
from tests.conftest import PROJECT_ROOT, ask_line
from tests.test_cli import raqib

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


@pytest.fixture
def ask(db, gazetteer):
    ctx = AnswerContext(db, gazetteer, NOW)
    return lambda line: ask_line(ctx, Asker(1, "private", "en"), line).text


@pytest.mark.parametrize("line", ["/latest abc", "/latest -5", "/latest 0", "/latest 101", "/latest 3 4"])
def test_latest_takes_a_count_it_can_show(ask, line):
    assert ask(line).startswith("Usage: /latest")


@pytest.mark.parametrize(
    "line", ["/town العشارة 2026-13", "/stats 99999d", "/actor قسد 2021-02-30", "/map 0d"]
)
def test_something_written_as_a_period_that_names_none_is_an_error_not_a_name(ask, line):
    assert "is not a period" in ask(line)


@pytest.mark.parametrize("line", ["/near العشارة 99999", "/near العشارة 0", "/near العشارة -3"])
def test_near_refuses_a_distance_it_would_not_use(ask, line):
    assert ask(line).startswith("Usage: /near") and "from 0.5 to 100 km" in ask(line)


@pytest.mark.parametrize(
    "line",
    [
        "/subscribe town العشارة min_killed -1",
        "/subscribe town العشارة min_killed 0",
        "/subscribe town العشارة min_killed 2.5",
        "/subscribe town العشارة min_killed 1000000",
    ],
)
def test_min_killed_is_a_whole_number_in_range(ask, db, line):
    assert ask(line).startswith("min_killed takes a whole number")
    assert db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 0


def test_a_radius_out_of_range_subscribes_nothing(ask, db):
    assert ask("/subscribe near العشارة 99999").startswith("The distance is from 1 to 100 km")
    assert db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 0


def test_extract_refuses_a_day_that_does_not_exist():
    result = raqib("extract", "--published", "2021-13-45", "-", stdin="قصف على الشعفة")
    assert result.returncode == 2
    assert "'2021-13-45' is not a day" in result.stderr and "Traceback" not in result.stderr


def test_extract_into_a_closed_pipe_ends_without_a_traceback():
    reader = "import sys; sys.stdin.readline()"
    files = [
        str(p) for p in sorted((PROJECT_ROOT / "tests" / "corpus" / "batch5-northwest-centre").glob("*.txt"))
    ]
    extract = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "extract", *files * 20],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=PROJECT_ROOT,
    )
    head = subprocess.run([sys.executable, "-c", reader], stdin=extract.stdout, timeout=120)
    extract.stdout.close()
    _, err = extract.communicate(timeout=120)
    assert head.returncode == 0
    assert extract.returncode == 141 and b"Traceback" not in err


def test_config_given_before_run_is_the_one_used(tmp_path):
    config = tmp_path / "other.toml"
    config.write_text('[storage]\ndatabase = "mine.db"\n', encoding="utf-8")
    result = raqib("--config", str(config), "run", "--sample", "no", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mine.db").exists()
