"""User-facing text in Arabic and English from gettext catalogs (`i18n/locale/LANG/LC_MESSAGES/raqib.po`).

Messages are looked up by a stable key ("card.place"), the way handlers and alerts name them; the
catalogs are ordinary PO files, so translators use their usual tools. Babel reads them and compiles them
in memory at import (no build step, no binary files in the tree); stdlib `gettext` then does the lookups
and the plural forms (Arabic has six: 0, 1, 2, 3–10, 11–99, 100+).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
DOMAIN = "raqib"
LOCALE_DIR = Path(__file__).with_name("locale")
ACLED_CONTEXT = "acled"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    """One language's PO file, parsed."""
    with catalog_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """A parsed catalog as a gettext translation (compiled to MO bytes in memory)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


_SOURCES = {language: read_catalog(language) for language in LANGUAGES}
_CATALOGS = {language: compile_catalog(catalog) for language, catalog in _SOURCES.items()}


def _catalog(language: str) -> gettext.GNUTranslations:
    return _CATALOGS.get(language) or _CATALOGS[DEFAULT_LANGUAGE]


def message_keys(language: str) -> set[tuple[str | None, str]]:
    """(context, key) of every message the language's catalog translates (for completeness checks)."""
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in _SOURCES[language]
        if message.id and message.string and all(message.string)
    }


def text(key: str, language: str, **values: object) -> str:
    """The text for `key` in `language` (Arabic when the language is unknown), with `values` filled in."""
    template = _catalog(language).gettext(key)
    if template == key:
        raise KeyError(f"no message {key!r} in the {language} catalog")
    return template.format(**values) if values else template


def plural_text(key: str, n: int, language: str, **values: object) -> str:
    """The form of `key` that agrees with the number `n` ({n} is filled in)."""
    template = _catalog(language).ngettext(key, key + ".plural", n)
    if template in (key, key + ".plural"):
        raise KeyError(f"no plural message {key!r} in the {language} catalog")
    return template.format(n=n, **values)


def acled_label(name: str, language: str) -> str:
    """An ACLED type or sub-type in the chat's language."""
    return _catalog(language).pgettext(ACLED_CONTEXT, name) if language == "ar" else name


def acled_names(language: str) -> dict[str, str]:
    """Every ACLED event and sub-event type, as ACLED spells it, with its label in `language`."""
    names = sorted(key for context, key in message_keys(DEFAULT_LANGUAGE) if context == ACLED_CONTEXT)
    return {name: acled_label(name, language) for name in names}


def pick_language(preferred: str | None, fallback: str) -> str:
    """The chat's chosen language, else the configured default."""
    return preferred if preferred in LANGUAGES else fallback


def isolate(value: object) -> str:
    """Keep a left-to-right value (a date, "2026-08-26") in one piece inside Arabic text: Unicode
    isolates, which Telegram clients and matplotlib's layout both honour; without them the bidi
    algorithm shows "26-08-2026"."""
    return f"\u2066{value}\u2069"


def incidents_count(n: int, language: str) -> str:
    """ "3 حوادث", "11 حادثة", "1 incident": the number with the noun in agreement."""
    return plural_text("count.incidents", n, language)


def display_name(arabic: str, english: str | None, language: str) -> str:
    """A town's or party's name for a chat: the gazetteer's English name in English, without the
    notes in brackets it may carry ("Buqrus (Baqrus, Bouqras)" → "Buqrus"); else the Arabic."""
    if language != "en" or not english:
        return arabic
    return english.split(" (", 1)[0].strip() or arabic


def for_name(name: str) -> str:
    """The preposition ل joined to a name as Arabic writes it: "للدفاع الوطني" (its alef dropped
    before the article), "لقسد"; "لـ NDF" before a Latin name."""
    if name.startswith("ال"):
        return "لل" + name[2:]
    if name[:1] and "\u0600" <= name[0] <= "\u06ff":
        return "ل" + name
    return "لـ " + name
