"""Numbers typed in chat: ASCII or Arabic-Indic digits, never larger than SQLite stores."""

from __future__ import annotations

import math

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MAX_DIGITS = 18  # every 18-digit number fits SQLite's 64-bit integers


def typed_number(word: str) -> int | None:
    """A whole number the user typed ("12", "#12", "١٢"), or None: not a number ("²" is a digit to
    Python but not a number), or too long to be an id or a count."""
    digits = word.lstrip("#").translate(_DIGITS)
    if not digits.isascii() or not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return None
    return int(digits)


def typed_decimal(word: str) -> float | None:
    """A number with an optional decimal part ("2.5", "٢,٥"), or None (also for "inf" and "nan")."""
    try:
        value = float(word.translate(_DIGITS).replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None
