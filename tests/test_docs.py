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


def test_no_comment_or_doc_cites_a_file_outside_the_repository():
    """What the code relies on is in docs/ (reliability and performance facts), not in ../shared."""
    sources = [
        path
        for pattern in ("*.py", "*.md")
        for path in PROJECT_ROOT.rglob(pattern)
        if ".venv" not in path.parts and path.parent.name not in {"corpus"} and "corpus" not in path.parts
    ]
    outside = "shared" + "/notes"  # split, so this test does not cite it
    citing = [str(p.relative_to(PROJECT_ROOT)) for p in sources if outside in p.read_text(encoding="utf-8")]
    assert citing == []
    for name in ("reliability.md", "performance.md"):
        assert (PROJECT_ROOT / "docs" / name).is_file()
