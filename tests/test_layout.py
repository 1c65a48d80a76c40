"""The layout shows the flow: each stage imports only earlier stages, nothing imports bot/, and
extraction does no I/O."""

import ast

import pytest

from tests.conftest import PROJECT_ROOT

# feed → article → incident → alert → chat; storage and i18n sit beside the flow.
ORDER = ["i18n", "storage", "feeds", "extraction", "ingest", "alerts", "answers", "handlers", "bot"]
ALLOWED = {
    "i18n": set(),
    "storage": set(),
    "extraction": set(),
    "feeds": {"extraction"},  # the article fingerprint uses the shared normaliser
    "ingest": {"storage", "feeds", "extraction"},
    "alerts": {"storage", "i18n", "extraction"},
    "answers": {"storage", "i18n", "extraction", "ingest", "alerts"},  # feed admin answers call ingest
    "handlers": {"storage", "i18n", "extraction", "answers"},
    "bot": set(ORDER),
}
IO_MODULES = {
    "sqlite3",
    "sqlite_utils",
    "httpx",
    "telegram",
    "socket",
    "urllib",
    "requests",
    "feedparser",
    "os",
}


def imports_of(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("package", ORDER)
def test_packages_import_only_earlier_stages(package):
    for path in (PROJECT_ROOT / package).glob("*.py"):
        for name in imports_of(path):
            if name in ORDER and name != package:
                assert name in ALLOWED[package], f"{path.relative_to(PROJECT_ROOT)} imports {name}"


def test_extraction_is_pure():
    for path in (PROJECT_ROOT / "extraction").glob("*.py"):
        if path.name == "gazetteer.py":  # loads the data files once, at start-up, for the caller
            continue
        found = set(imports_of(path)) & IO_MODULES
        assert not found, f"{path.name} imports {found}"
        assert "datetime.now" not in path.read_text(encoding="utf-8"), path.name
