"""Numbers as Arabic news writes them: digits (Western and Arabic-Indic), number words, duals, vague counts."""

from __future__ import annotations

from functools import lru_cache

from extraction.normalize import clitic_stems, keyset, normalize_ar

# Normalised number words (masculine and feminine, nominative and oblique).
_WORDS: dict[str, int] = {
    normalize_ar(word): value
    for word, value in {
        "واحد": 1,
        "احد": 1,
        "واحده": 1,
        "اثنان": 2,
        "اثنين": 2,
        "اثنتان": 2,
        "اثنتين": 2,
        "ثلاث": 3,
        "ثلاثه": 3,
        "اربع": 4,
        "اربعه": 4,
        "خمس": 5,
        "خمسه": 5,
        "ست": 6,
        "سته": 6,
        "سبع": 7,
        "سبعه": 7,
        "ثمان": 8,
        "ثماني": 8,
        "ثمانيه": 8,
        "تسع": 9,
        "تسعه": 9,
        "عشر": 10,
        "عشره": 10,
        "احد عشر": 11,
        "عشرين": 20,
        "عشرون": 20,
        "ثلاثين": 30,
        "ثلاثون": 30,
        "اربعين": 40,
        "اربعون": 40,
        "خمسين": 50,
        "خمسون": 50,
        "ستين": 60,
        "ستون": 60,
        "سبعين": 70,
        "سبعون": 70,
        "ثمانين": 80,
        "ثمانون": 80,
        "تسعين": 90,
        "تسعون": 90,
        "اثنا": 2,
        "اثني": 2,
        "مئه": 100,
        "مائه": 100,
        "مئتان": 200,
        "مئتين": 200,
        "مائتان": 200,
        "مائتين": 200,
        **{
            f"{unit}{hundred}": value * 100
            for unit, value in (
                ("ثلاث", 3),
                ("اربع", 4),
                ("خمس", 5),
                ("ست", 6),
                ("سبع", 7),
                ("ثمان", 8),
                ("تسع", 9),
            )
            for hundred in ("مئه", "مائه")
        },
        "الف": 1000,
    }.items()
}
_TENS = {form: value for form, value in _WORDS.items() if value in range(20, 100, 10)}
_TEEN = keyset("عشر", "عشره")
# What ACLED codes for a vague figure (its note on fatalities: "tens" 10, "dozens" 12, "hundreds" 100,
# "and so on"), the conservative number the word promises; "عدة", "بعض", "آخرون" promise none.
_VAGUE_AT_LEAST = {
    **dict.fromkeys(keyset("عشرات", "العشرات"), 10),
    **dict.fromkeys(keyset("مئات", "المئات"), 100),
    **dict.fromkeys(keyset("الاف", "الالاف"), 1000),
}
# Words that say "some" without a definite number: the figure stays unknown.
VAGUE_WORDS = keyset(*"عده عدد بعض مجموعه العديد عديد اخرون اخرين".split()) | frozenset(_VAGUE_AT_LEAST)
# Nouns for people in the dual: "شخصان", "عنصرين", "طفلين" mean two. Nouns whose plural also ends in
# -ين (مسلحين, مدنيين, مقاتلين) are dual only in the nominative -ان.
_DUAL_PERSON_STEMS = keyset(*"شخص عنصر طفل شاب رجل جندي قيادي فتا شقيق امرات سيدت ضابط طبيب".split())
_DUAL_NOMINATIVE_ONLY = keyset(*"مدني مقاتل مسلح مواطن راعي سائق عامل مزارع معلم ممرض".split())
_DUAL_SUFFIXES = ("ان", "ين")


@lru_cache(maxsize=1 << 15)
def number_value(norm: str) -> int | None:
    """The number a normalised token states, or None ("الأحد" is Sunday, not one)."""
    if norm[:1] in ("و", "ف") and norm[1:].isdigit():
        norm = norm[1:]  # "35 شهيداً و43 جريحاً": the conjunction written on the figure
    if norm.isdigit():
        return int(norm) if len(norm) <= 6 else None
    for form in clitic_stems(norm):
        if form in _WORDS and not norm.endswith("ال" + form):
            return _WORDS[form]
    return None


def number_phrase(norms: list[str]) -> tuple[int, int] | None:
    """The number a run of number words states, and how many words it takes, in the order Arabic
    writes them: hundreds, then units, then tens, joined by و ("مئة وخمسة وعشرون" 125, "ثلاث مئة"
    300, "ثلاثة عشر" 13, "ثلاثة وعشرين" 23). "خمسة وعشرون وثلاثة" stops at 25: a list, not a number."""
    if not norms or (value := number_value(norms[0])) is None:
        return None
    used = 1
    following = norms[1] if len(norms) > 1 else None
    if 1 <= value <= 9 and following is not None and number_value(following) in (100, 1000):
        value, used = value * number_value(following), 2  # "ثلاث مئة"
    elif (teen := compound_number(value, following)) is not None:
        return teen, 2
    hundreds = value if value >= 100 and value % 100 == 0 else 0
    rest = value - hundreds
    while used < len(norms) and norms[used].startswith("و") and len(norms[used]) > 2:
        part = number_value(norms[used][1:])
        if part is None:
            break
        if hundreds and not rest and part < 100:
            rest = part
        elif 0 < rest < 10 and part in _TENS.values():
            rest += part
        else:
            break
        used += 1
    return hundreds + rest, used


def compound_number(first: int, following: str | None) -> int | None:
    """The number a unit word makes with the word after it: "ثلاثة عشر" 13, "ثلاثة وعشرين" 23."""
    if following is None or not 1 <= first <= 9:
        return None
    if following in _TEEN:
        return first + 10
    if following.startswith("و") and following[1:] in _TENS:
        return first + _TENS[following[1:]]
    return None


@lru_cache(maxsize=1 << 15)
def dual_person(norm: str) -> bool:
    """A dual noun for people: "شخصين", "مدنيان", "عنصرين" (but "مسلحين" is a plural)."""
    for form in clitic_stems(norm):
        for suffix in _DUAL_SUFFIXES:
            stem = form[: -len(suffix)]
            if not form.endswith(suffix):
                continue
            if stem in _DUAL_PERSON_STEMS or (suffix == "ان" and stem in _DUAL_NOMINATIVE_ONLY):
                return True
    return False


@lru_cache(maxsize=1 << 15)
def is_vague(norm: str) -> bool:
    """ "عدة", "عشرات", "آخرون"… — a count without a number."""
    return any(form in VAGUE_WORDS for form in clitic_stems(norm))


def vague_at_least(norm: str) -> int | None:
    """The figure ACLED reads a vague count as: "عشرات" 10, "المئات" 100, "آلاف" 1000; None for "عدة"."""
    return next((_VAGUE_AT_LEAST[f] for f in clitic_stems(norm) if f in _VAGUE_AT_LEAST), None)
