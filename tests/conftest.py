"""Shared fixtures: a real SQLite file, the project's gazetteer, corpus folders, feed servers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extraction.gazetteer import Gazetteer, load_gazetteer
from storage.db import open_database

pytest_plugins = ["tests.auxil.emulator_fixture"]

# As the bot sets it: RetryAfter.retry_after as a timedelta, without PTB's deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")

TESTS_DIR = Path(__file__).parent
PROJECT_ROOT = TESTS_DIR.parent
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The project's gazetteer, loaded once."""
    return load_gazetteer()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "raqib.db"


@pytest.fixture
def db(db_path: Path):
    """A migrated database in a real file."""
    database = open_database(db_path)
    yield database
    database.conn.close()


def corpus_cases(folder: Path) -> list[Path]:
    """The .txt files of a corpus folder that have an annotation beside them."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.txt")) if p.with_suffix(".json").is_file()]
