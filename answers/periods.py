"""Time periods users type after a name: 7d, 4w, 6m, 1y, 2024-05, 2024, and the Arabic and English words."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extraction.normalize import normalize_ar

_SPAN_RE = re.compile(
    r"^(\d{1,4})\s*(d|days?|يوم|ايام|w|weeks?|اسبوع|اسابيع|m|months?|شهر|اشهر|y|years?|سنه|سنوات)$"
)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_UNITS = {
    "يوم": "d",
    "ايام": "d",
    "اسبوع": "w",
    "اسابيع": "w",
    "شهر": "m",
    "اشهر": "m",
    "سنه": "y",
    "سنوات": "y",
}
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_WORDS = {
    "اليوم": "today",
    "today": "today",
    "امس": "yesterday",
    "البارحه": "yesterday",
    "yesterday": "yesterday",
    "هذا الاسبوع": "week",
    "الاسبوع": "week",
    "this week": "week",
    "هذا الشهر": "month",
    "الشهر": "month",
    "this month": "month",
}


def parse_period(words: str, today: date) -> tuple[date, date] | None:
    """The [start, end] days a period names, or None when `words` is not a period."""
    key = normalize_ar(words)
    if match := _SPAN_RE.match(key):
        unit = _UNITS.get(match.group(2), match.group(2)[0])
        days = max(1, min(int(match.group(1)) * _UNIT_DAYS[unit], 36500))
        return today - timedelta(days=days - 1), today
    if _YEAR_RE.match(key):
        return date(int(key), 1, 1), date(int(key), 12, 31)
    if match := _MONTH_RE.match(key):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return None
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return start, end
    word = _WORDS.get(key)
    if word == "today":
        return today, today
    if word == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if word == "week":
        return today - timedelta(days=6), today
    if word == "month":
        return today.replace(day=1), today
    return None


# What a user means as a period even when it names none: "99999d", "2026-13", "2021-02-30".
_PERIOD_SHAPE_RE = re.compile(
    r"^(\d+\s*(d|days?|يوم|ايام|w|weeks?|اسبوع|اسابيع|m|months?|شهر|اشهر|y|years?|سنه|سنوات)"
    r"|\d{4}-\d{1,2}(-\d{1,2})?)$"
)


def bad_period(args: list[str], today: date) -> str | None:
    """The last word when it is written as a period but names none (a month 13, more than 36,500
    days, a day that does not exist), so that it is answered with an error, not read as a name."""
    if not args:
        return None
    last = args[-1]
    key = normalize_ar(last)
    if _PERIOD_SHAPE_RE.match(key) and parse_period(last, today) is None:
        return last
    if match := _SPAN_RE.match(key):
        if int(match.group(1)) == 0:
            return last
    return None


def split_period(args: list[str], today: date) -> tuple[list[str], tuple[date, date] | None]:
    """Take a trailing period (one or two words) off the arguments; the period may be all there is."""
    for width in (2, 1):
        if len(args) >= width:
            period = parse_period(" ".join(args[-width:]), today)
            if period:
                return args[:-width], period
    return args, None
