"""The README documents what users type: every command, every config key, the two commands."""

import tomllib

from answers.commands import COMMANDS
from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_commands():
    assert "make run" in README and "make test" in README


def test_ci_runs_the_readme_test_command():
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for command in COMMANDS:
        assert f"`/{command.name}" in README, command.name


def flatten(table, prefix=""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def test_every_config_key_is_documented():
    config = tomllib.loads((PROJECT_ROOT / "config.toml").read_text(encoding="utf-8"))
    for key in flatten(config):
        assert f"`{key}`" in README, key
    assert "`feeds[].url`" in README
