"""The day an incident happened, resolved against the article's publication date.

Relative expressions (أمس الثلاثاء، فجر اليوم، ليلة الأحد، السبت الفائت) need the published date; without
it they give no date. Absolute dates ("14 كانون الأول/ديسمبر 2025") need a year in the text or the
published year. Time precision follows ACLED: 1 the day is known, 2 the week, 3 the month or vaguer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from extraction.normalize import keyset
from extraction.records import fact
from extraction.tokens import Token, norm_of
from extraction.wordclass import any_of, word_class

_MONTHS = {
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "افريل": 4,
    "مايو": 5,
    "ماي": 5,
    "يونيو": 6,
    "يونيه": 6,
    "جوان": 6,
    "يوليو": 7,
    "يوليه": 7,
    "جويليه": 7,
    "اغسطس": 8,
    "اوت": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
_WEEKDAYS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A month name is a whole word ("5 ابناء" is not 5 August).
_ABSOLUTE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({_MONTH_ALT})(?![^\s/])(?:\s*/\s*(?:{_MONTH_ALT})(?![^\s/]))?"
    rf"(?:\s*(?:عام|سنه|لعام)?\s*(\d{{4}}))?"
)
# "12/5/2024", "12.5.2024", "2024-05-12"; in a sentence's text the separators stand apart as tokens.
_NUMERIC_RE = re.compile(
    r"(?<!\d)(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})(?!\d)|(?<!\d)(\d{4}) ?- ?(\d{2}) ?- ?(\d{2})(?!\d)"
)
# Every match of _NUMERIC_RE matches this too, which a regex engine finds five times faster.
_NUMERIC_HINT_RE = re.compile(r"\d+ ?[/.-] ?\d+ ?[/.-] ?\d+")
_DIGIT_RE = re.compile(r"\d")
_PAST_MARKERS = keyset("الماضي", "الفائت", "المنصرم", "السابق")


@fact
class ResolvedDate:
    """A day and how precisely the text gives it."""

    day: date
    precision: int
    start: int  # character span in the sentence's normalised text
    end: int


def resolve_date(sentence_norm: str, published: date | None, flags: int = -1) -> ResolvedDate | None:
    """The day a sentence's event happened, if the sentence says and it can be resolved.

    `flags`, the sentence's word classes when known, skips the searches that cannot succeed."""
    found = _absolute(sentence_norm, published, flags)
    if found is None and flags & _DAY_WORDS:
        found = _relative(sentence_norm, published)
    if found and published and found.day > published:
        return None  # a date after publication is a planned event or a misreading
    return found


RECENT_DAYS = 7  # an event dated within a week before publication is the day's news


def is_recent(found: ResolvedDate | None, published: date | None, norm: str, flags: int = -1) -> bool:
    """The sentence dates its event to the days of publication: a resolved day at most a week before
    it, or, when the publication date is unknown, a day named relative to it ("أمس", "اليوم الاثنين")
    and no calendar date ("مساء الأربعاء 23 من آذار 2011", "السبت 7 أبريل" are days of their own)."""
    if flags & _JUST_NOW_WORDS and _JUST_NOW_RE.search(f" {norm} "):
        return True
    if published is not None:
        return found is not None and (published - found.day).days <= RECENT_DAYS
    if found is not None or not flags & _DAY_WORDS or _month_date(norm, flags):
        return False  # "يوم السبت الواقع 7 أبريل": a day and month of their own, whatever the year
    return _relative(norm, _ANY_DAY) is not None


# "قبل قليل", "منذ ساعات": the hours before publication, whatever its date.
_JUST_NOW_RE = re.compile(r" و?(?:قبل|منذ) (?:قليل|ساعات|ساعه|ساعتين|لحظات|دقاءق) ")


_ANY_DAY = date(2001, 1, 1)  # a stand-in publication date: only whether a relative day is named matters


def _absolute(text: str, published: date | None, flags: int = -1) -> ResolvedDate | None:
    if not flags & _DIGITS or not _DIGIT_RE.search(text):
        return None
    if match := _numeric_date(text, flags):
        try:
            if match.group(1):
                day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            else:
                day = date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        except ValueError:
            return None
        return ResolvedDate(day, 1, match.start(), match.end())
    if match := _month_date(text, flags):
        year = int(match.group(3)) if match.group(3) else (published.year if published else None)
        if year is None:
            return None
        try:
            day = date(year, _MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
        if not match.group(3) and published and day > published:
            day = day.replace(year=year - 1)  # "14 December" read in January is last year
        return ResolvedDate(day, 1, match.start(), match.end())
    return None


def _numeric_date(text: str, flags: int) -> re.Match[str] | None:
    """ "12/5/2024", searched only where a token has a separator and the hint regex finds one."""
    if not flags & _NUMERIC_DATE or not _NUMERIC_HINT_RE.search(text):
        return None
    return _NUMERIC_RE.search(text)


def _month_date(text: str, flags: int) -> re.Match[str] | None:
    """ "14 كانون الأول 2025", searched only where a month name is."""
    return _ABSOLUTE_RE.search(text) if flags & _MONTH_NAME else None


def _relative(text: str, published: date | None) -> ResolvedDate | None:
    if published is None:
        return None
    words = text.split(" ")
    for i, word in enumerate(words):
        stem = _day_stem(word)
        offset = text.find(word)
        if stem in {"امس", "البارحه"}:
            back = 2 if i + 1 < len(words) and words[i + 1] == "الاول" else 1
            return ResolvedDate(published - timedelta(days=back), 1, offset, offset + len(word))
        if (
            stem == "اليوم"
            and i > 0
            and words[i - 1] in {"فجر", "صباح", "ظهر", "عصر", "مساء", "ليل", "ظهيره"}
        ):
            return ResolvedDate(published, 1, offset, offset + len(word))
        if stem in _WEEKDAYS and _is_day_reference(words, i):
            back = (published.weekday() - _WEEKDAYS[stem]) % 7
            following = words[i + 1] if i + 1 < len(words) else ""
            if back == 0 and following in _PAST_MARKERS:
                back = 7
            if i > 0 and words[i - 1] in {"ليله", "ليل"}:
                back = (back + 1) % 7 if back else 1  # the night before the named day
            return ResolvedDate(published - timedelta(days=back), 1, offset, offset + len(word))
    return None


def _day_stem(word: str) -> str:
    return word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word


_DIGITS = word_class(lambda norm: _DIGIT_RE.search(norm) is not None)
# In a sentence's text (its tokens' norms joined by spaces) a month name (its first word) is a token or
# ends one after the day's digits ("و5ايار"), and a numeric date has a separator in some token.
_MONTH_FIRST_WORDS = "|".join(sorted({m.split()[0] for m in _MONTHS}))
_MONTH_NAME = word_class(re.compile(rf"(?:^|\d)(?:{_MONTH_FIRST_WORDS})$").search)
_NUMERIC_DATE = word_class(re.compile(r"[/.-]").search)
_DAY_WORDS = word_class(lambda norm: _day_stem(norm) in {"امس", "البارحه", "اليوم", *_WEEKDAYS})
_JUST_NOW_WORDS = any_of(["قليل", "ساعات", "ساعه", "ساعتين", "لحظات", "دقاءق"])
DATE_WORDS = _DIGITS | _DAY_WORDS | _JUST_NOW_WORDS  # a sentence without them gives no date


def _is_day_reference(words: Sequence[str], i: int) -> bool:
    """A weekday name used as a date ("السبت", "يوم السبت", "أمس الثلاثاء"), not in a name."""
    before = words[i - 1] if i > 0 else ""
    if before in {"سوق", "صلاه", "خطبه", "جامع"}:
        return False
    # "أولادها الاثنين", "الطفلين الاثنين": "the two" after a noun with a suffix or in the dual/plural,
    # not Monday (which follows يوم, أمس, مساء… or stands after a comma or a verb)
    return not (
        words[i] == "الاثنين"
        and before.endswith(("ها", "هم", "هما", "ين", "ان"))
        and before not in _DAY_FRAMES
    )


_DAY_FRAMES = {"يوم", "اليوم", "امس", "صباح", "مساء", "ليله", "ليل", "فجر", "ظهر", "عصر", "نهار", "حين"}


def sentence_norm(tokens: Sequence[Token]) -> str:
    """The normalised text of a token run, single-spaced (what date and pattern rules read)."""
    return " ".join(map(norm_of, tokens))


def names_a_day(sentence_norm: str, flags: int = -1) -> bool:
    """The sentence dates its event to a calendar day other than today ("في 13 نوفمبر"), so it is
    not a detail of today's report ("اليوم 17 من تشرين الأول" is)."""
    if not flags & _DIGITS or " اليوم " in f" {sentence_norm} " or not _DIGIT_RE.search(sentence_norm):
        return False
    return bool(_month_date(sentence_norm, flags) or _numeric_date(sentence_norm, flags))
