"""config.toml as the operator writes it: every bad value or unknown key stops `raqib run` with one line
naming the key and exit status 2, never a traceback, a crash later or a bot that silently stalls."""

import dataclasses
import tomllib

import pytest

from bot.config import FEED_SETTINGS, SETTINGS, Config
from tests.conftest import BOT_TOKEN, PROJECT_ROOT
from tests.test_cli import raqib, write_config

# Nothing listens here: a config that were accepted would leave the bot waiting for Telegram (the
# subprocess times out) instead of exiting at once.
DEAD_API = '[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n'


@pytest.mark.parametrize(
    ("snippet", "line"),
    [
        (
            "[delivery]\nsends_per_second = nan\n",
            "delivery.sends_per_second must be a finite number between 0.1 and 30, got nan",
        ),
        (
            "[delivery]\nsends_per_second = 31\n",
            "delivery.sends_per_second must be a finite number between 0.1 and 30, got 31",
        ),
        (
            "[delivery]\ninterval_seconds = nan\n",
            "delivery.interval_seconds must be a finite number between 0.05 and 60, got nan",
        ),
        (
            "[polling]\ntick_seconds = inf\n",
            "polling.tick_seconds must be a finite number between 0.05 and 3600, got inf",
        ),
        ("[polling]\ntick_seconds = -inf\n", "polling.tick_seconds must be a finite number"),
        (
            "[polling]\ninterval_seconds = 0\n",
            "polling.interval_seconds must be a whole number between 1 and 2592000, got 0",
        ),
        ("[polling]\ninterval_seconds = 60.5\n", "polling.interval_seconds must be a whole number"),
        ("[delivery]\nring_at_killed = true\n", "delivery.ring_at_killed must be a whole number"),
        ("[chat]\ncommands_per_minute = nan\n", "chat.commands_per_minute must be a finite number"),
        (
            '[[feeds]]\nurl = "http://127.0.0.1:9/f"\ninterval_seconds = 1000000000000\n',
            "feeds[0].interval_seconds must be a whole number between 1 and 2592000, got 1000000000000",
        ),
        (
            "[delivery]\nsends_per_secnd = 10\n",
            "delivery.sends_per_secnd is not a setting (did you mean delivery.sends_per_second?)",
        ),
        ("[delivry]\nsends_per_second = 10\n", "[delivry] is not a config table (did you mean delivery?)"),
        (
            '[[feeds]]\nurl = "http://127.0.0.1:9/f"\nintervl_seconds = 60\n',
            "feeds[0].intervl_seconds is not a feed setting (did you mean interval_seconds?)",
        ),
        ('[[feeds]]\nname = "no url"\n', "feeds[0].url is required"),
    ],
)
def test_a_bad_number_or_an_unknown_key_stops_start_up_naming_it(tmp_path, snippet, line):
    config, printed = start_refused(tmp_path, snippet)
    assert printed.startswith(f"raqib: {config}: {line}")


def start_refused(tmp_path, snippet: str):
    """Start the bot with `snippet` in its config: it must exit 2 with one line and no traceback;
    returns the config's path and that line."""
    config = write_config(tmp_path, DEAD_API + snippet)
    result = raqib(
        "run", "--config", str(config), "--sample", "no", env={"TELEGRAM_BOT_TOKEN": BOT_TOKEN}, timeout=20
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    [printed] = result.stderr.strip().splitlines()
    return config, printed


def test_a_directory_as_the_database_stops_start_up_naming_the_key(tmp_path):
    (tmp_path / "raqib.db").mkdir()
    config = write_config(tmp_path, DEAD_API)
    result = raqib("run", "--config", str(config), env={"TELEGRAM_BOT_TOKEN": BOT_TOKEN}, timeout=20)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"raqib: {config}: storage.database must name a file, but {tmp_path / 'raqib.db'} is a directory"
    ]


def test_a_directory_as_the_config_file_is_one_line(tmp_path):
    result = raqib("run", "--config", str(tmp_path), timeout=20)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"raqib: {tmp_path}: cannot be read (Is a directory)"]


def test_the_settings_table_fills_every_config_field_once():
    fields = [s.field for s in SETTINGS]
    assert len(fields) == len(set(fields))
    own = {f.name for f in dataclasses.fields(Config)} - {"path", "feeds", "extra"}
    assert set(fields) == own


def test_the_shipped_config_and_the_readme_agree_with_the_settings_table():
    shipped = tomllib.loads((PROJECT_ROOT / "config.toml").read_text(encoding="utf-8"))
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for setting in (*SETTINGS, *FEED_SETTINGS):
        row = next((r for r in readme.splitlines() if r.startswith(f"| `{setting.key}`")), "")
        assert row or f"`{setting.key}`" in readme, setting.key
        if setting.low is not None and row:
            assert f"| {_bounds(setting)} |" in row, row
        table, _, name = setting.key.partition(".")
        value = shipped.get(table, {}).get(name) if isinstance(shipped.get(table), dict) else None
        if value is not None and setting.kind in ("integer", "number", "choice"):
            assert value == setting.default, setting.key


def _bounds(setting) -> str:
    show = lambda x: str(int(x)) if float(x).is_integer() else str(x)  # noqa: E731
    return f"{show(setting.low)} – {show(setting.high)}"


def test_delivery_settings_defaults_are_the_settings_table_defaults():
    # alerts/ may not import bot/, so DeliverySettings keeps its own defaults for tests and benches;
    # this keeps them the table's (delivery.ring_at_killed was once written differently in places).
    from alerts.outcomes import DeliverySettings

    defaults = {s.field: s.default for s in SETTINGS}
    for own in dataclasses.fields(DeliverySettings):
        if own.name in defaults:
            expected = defaults[own.name]
            assert own.default == (tuple(expected) if isinstance(expected, list) else expected), own.name
