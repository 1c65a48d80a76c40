"""Killed and injured counts: numbers near casualty words, summed within a sentence.

ACLED records a definite figure only: "عدة جرحى" gives no number, "دون وقوع إصابات" gives 0, and when
reports differ the lowest figure is kept. Within one sentence distinct mentions add up ("أصيب القيادي مع
ثلاثة من عناصره … وأصيب اثنان من الدورية" = 6); across sentences the same people are usually counted again
(title and body), so sentences are not summed but the largest figure is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extraction.normalize import clitic_stems, keyset
from extraction.numbers import dual_person, is_vague, number_value
from extraction.tokens import Token

KILLED, INJURED = "killed", "injured"

_KILL_STEMS = (
    "قتل",
    "مقتل",
    "قتلي",
    "قتيل",
    "قضي",
    "قضوا",
    "مصرع",
    "حتفه",
    "حتفهم",
    "استشهد",
    "شهيد",
    "شهداء",
    "مقتولا",
    "مقتولين",
    "توفي",
    "وفاه",
    "جثه",
    "جثث",
    "جثتي",
    "جثتين",
)
_INJURE_STEMS = ("اصيب", "اصابه", "اصابت", "اصابات", "جرح", "جرحي", "جريح", "مصاب", "اصيبوا")
# Nouns for one person: "أصيب شخص", "قتل شاب".
_PERSON_SINGULAR = keyset(
    "شخص",
    "شاب",
    "رجل",
    "امراه",
    "سيده",
    "طفل",
    "طفله",
    "فتاه",
    "فتي",
    "مدني",
    "مواطن",
    "عنصر",
    "قيادي",
    "سائق",
    "راعي",
    "ضحيه",
    "مقاتل",
    "جندي",
    "ضابط",
    "عامل",
    "مزارع",
    "مسن",
    "مدنيا",
    "شابا",
    "طفلا",
    "رجلا",
    "عنصرا",
    "شخصا",
    "مسلح",
    "مختار",
    "معلم",
    "طبيب",
    "امام",
    "صاحب",
)
# Words after a number that make it something other than a head count.
_UNITS = keyset(
    "كم",
    "كيلومتر",
    "كيلومترات",
    "متر",
    "امتار",
    "عام",
    "اعوام",
    "سنه",
    "سنوات",
    "عاما",
    "ساعه",
    "ساعات",
    "يوم",
    "ايام",
    "اسبوع",
    "شهر",
    "اشهر",
    "دولار",
    "الف",
    "مليون",
    "ليره",
    "ليرات",
    "دقيقه",
    "دقائق",
    "بالمئه",
    "%",
    "صهاريج",
    "صهريج",
    "سيارات",
    "سياره",
    "منازل",
    "منزل",
)
_NONE_RE = re.compile(
    r"(دون|بدون|من دون|لم (?:تسفر|يسفر|تسجل|يسجل|ترد|يرد)(?: عن)?|عدم)\s+"
    r"(?:(?:اي|وقوع|تسجيل|سقوط|ورود|انباء|معلومات|عن)\s+)*"
    r"(اصابات|اصابه|ضحايا|قتلي|خساءر بشريه|جرحي)"  # normalised: خسائر → خساءر
)
# Words between a casualty verb and its subject that do not push the subject away:
# "أصيب على إثرها القيادي", "قتل جراء ذلك شاب".
_FILLERS = keyset("علي", "اثرها", "اثر", "جراء", "ذلك", "فيه", "فيها", "بها", "خلالها", "نتيجه", "بجروح", "،")


@dataclass(frozen=True, slots=True)
class CasualtyCount:
    """A figure stated in one sentence, with the tokens it came from."""

    kind: str
    value: int | None  # None: casualties mentioned without a definite number
    start: int
    end: int


def casualty_kind(token: Token) -> str | None:
    """KILLED or INJURED when the token is a casualty word."""
    return _casualty_kind(token.norm)


@lru_cache(maxsize=1 << 16)
def _casualty_kind(norm: str) -> str | None:
    for form in clitic_stems(norm):
        if any(form.startswith(stem) and len(form) - len(stem) <= 3 for stem in _KILL_STEMS):
            if not form.startswith("قتال"):
                return KILLED
        if any(form.startswith(stem) and len(form) - len(stem) <= 3 for stem in _INJURE_STEMS):
            return INJURED
    return None


def states_no_casualties(sentence_norm: str) -> bool:
    """ "دون وقوع أي إصابات", "لم تسفر عن ضحايا" …"""
    return bool(_NONE_RE.search(sentence_norm))


def sentence_counts(tokens: Sequence[Token]) -> list[CasualtyCount]:
    """Every casualty mention in one sentence with the figure it states."""
    counts: list[CasualtyCount] = []
    for i, token in enumerate(tokens):
        kind = casualty_kind(token)
        if kind is None or _negated(tokens, i):
            continue
        value, last = _figure_after(tokens, i)
        if value is None:
            value, last = _figure_before(tokens, i), i
        if value is not None and value > 0:
            value += _additions(tokens, last + 1)
        counts.append(CasualtyCount(kind, value, i, last + 1))
    return counts


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """ "دون وقوع أي إصابات", "لم تسجل إصابات": the word is there to say there were none."""
    return any(t.norm in _NEGATIONS for t in tokens[max(0, i - 4) : i])


_NEGATIONS = keyset("دون", "بدون", "لم", "عدم", "لا", "ولم", "ولا")


def _figure_after(tokens: Sequence[Token], i: int) -> tuple[int | None, int]:
    """The count after a casualty word: a number, a dual noun or one person; None when vague or absent."""
    distance = 0
    for j in range(i + 1, min(len(tokens), i + 9)):
        norm = tokens[j].norm
        if casualty_kind(tokens[j]) or norm in {".", "؟", "!"}:
            break
        if norm in _FILLERS:
            continue
        distance += 1
        value = number_value(norm)
        if value is not None and not _followed_by_unit(tokens, j):
            return value, j
        if dual_person(norm):
            return 2, j
        if is_vague(norm):
            return None, j
        if distance <= 2 and any(form in _PERSON_SINGULAR for form in clitic_stems(norm)):
            return 1, j
    return None, i


def _figure_before(tokens: Sequence[Token], i: int) -> int | None:
    """ "3 قتلى", "شخصين قتلوا": a count just before the casualty word."""
    for j in range(i - 1, max(-1, i - 4), -1):
        norm = tokens[j].norm
        if norm in {"،", ",", ".", "و"}:
            break
        value = number_value(norm)
        if value is not None and not _followed_by_unit(tokens, j):
            return value
        if dual_person(norm):
            return 2
    return None


def _additions(tokens: Sequence[Token], start: int) -> int:
    """ "… مع ثلاثة من عناصره": people added to the first count in the same clause."""
    for j in range(start, min(len(tokens), start + 10)):
        norm = tokens[j].norm
        if casualty_kind(tokens[j]) or norm in {".", "؟", "!"}:
            return 0
        if norm == "مع" and j + 1 < len(tokens):
            value = number_value(tokens[j + 1].norm)
            if value is not None and not _followed_by_unit(tokens, j + 1):
                return value
            if dual_person(tokens[j + 1].norm):
                return 2
    return 0


def _followed_by_unit(tokens: Sequence[Token], j: int) -> bool:
    if j + 1 >= len(tokens):
        return False
    following = tokens[j + 1].norm
    return any(form in _UNITS for form in clitic_stems(following)) or following in {"-", "/", ":"}
