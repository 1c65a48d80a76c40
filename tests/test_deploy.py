"""The deploy files: the shipped container config loads, the unit and the Dockerfile say what they must."""

from __future__ import annotations

from bot.config import load_config
from tests.conftest import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"


def test_the_deploy_config_loads_with_the_database_on_the_volume():
    config = load_config(DEPLOY / "config.toml")
    assert str(config.database) == "/data/raqib.db"
    assert str(config.backup_dir) == "/data/backups" and config.backup_keep == 7


def test_the_dockerfile_runs_as_a_user_with_a_volume_and_a_health_check():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "USER raqib" in text and 'VOLUME ["/data"]' in text
    assert 'CMD ["/app/.venv/bin/raqib", "health"]' in text


def test_the_unit_keeps_state_in_its_state_directory_and_is_hardened():
    text = (DEPLOY / "raqib.service").read_text(encoding="utf-8")
    for line in ("StateDirectory=raqib", "DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes"):
        assert f"\n{line}\n" in text, line
    assert "TELEGRAM_BOT_TOKEN" not in text.split("[Unit]", 1)[1]  # the token lives in token.env
