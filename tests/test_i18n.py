"""The gettext catalogs: both languages complete, placeholders that agree, Arabic plural forms."""

import re
import string
from pathlib import Path

import pytest

from extraction.taxonomy import EVENT_TYPES, SUB_EVENT_PARENT
from i18n.catalog import (
    LANGUAGES,
    acled_label,
    acled_names,
    incidents_count,
    message_keys,
    plural_text,
    read_catalog,
    text,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["alerts", "answers", "handlers", "bot", "i18n"]
LOOKUP = re.compile(r"\b(text|plural_text)\(\s*\"([a-z_]+\.[a-z_.]+)\"")


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_both_languages_translate_the_same_messages():
    assert message_keys("ar") == message_keys("en")
    assert len(message_keys("ar")) > 100


def test_every_message_the_code_asks_for_is_in_the_catalogs():
    used = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            used |= {key for _, key in LOOKUP.findall(path.read_text(encoding="utf-8"))}
    known = {key for context, key in message_keys("ar") if context is None}
    assert used and used <= known, sorted(used - known)


def test_placeholders_agree_between_languages():
    catalogs = {language: {m.id: m.string for m in read_catalog(language) if m.id} for language in LANGUAGES}
    for key, arabic in catalogs["ar"].items():
        english = catalogs["en"][key]
        forms = [
            *(arabic if isinstance(arabic, tuple) else [arabic]),
            *(english if isinstance(english, tuple) else [english]),
        ]
        fields = [placeholders(form) - {"n"} for form in forms]
        assert all(f == fields[0] for f in fields), (key, fields)


def test_an_unknown_key_is_an_error_not_a_silent_key():
    with pytest.raises(KeyError):
        text("no.such.message", "en")


@pytest.mark.parametrize(
    ("n", "arabic"),
    [
        (1, "حادثة واحدة"),
        (2, "حادثتان"),
        (3, "3 حوادث"),
        (10, "10 حوادث"),
        (11, "11 حادثة"),
        (99, "99 حادثة"),
        (100, "100 حادثة"),
        (103, "103 حوادث"),
    ],
)
def test_arabic_numbers_take_the_noun_form_they_govern(n, arabic):
    assert incidents_count(n, "ar") == arabic


def test_english_plurals():
    assert incidents_count(1, "en") == "1 incident"
    assert incidents_count(2, "en") == "2 incidents"
    assert plural_text("confidence.many", 3, "en") == "confirmed by 3 outlets"
    assert plural_text("confidence.many", 2, "ar") == "أكده مصدران"
    assert plural_text("confidence.many", 15, "ar") == "أكده 15 مصدراً"


def test_every_acled_type_has_an_arabic_label():
    names = set(acled_names("ar"))
    assert set(EVENT_TYPES) | set(SUB_EVENT_PARENT) <= names
    assert acled_label("Battles", "ar") == "معارك" and acled_label("Battles", "en") == "Battles"
