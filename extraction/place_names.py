"""Names of places the gazetteer lacks: those the text introduces as settlements, and compound names."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from extraction.gazetteer import Place
from extraction.normalize import keyset, stem_set
from extraction.place_context import _QUOTES, _REGION_NOUNS, _SETTLEMENT_WORDS
from extraction.tokens import Token
from extraction.wordclass import flagged, present, stems_in

# "بلدة X", "قريتي X وY": the word for a settlement, in the construct state, before its name.
_INTRODUCERS = {
    **dict.fromkeys(keyset("مدينه", "مدينتي"), "city"),
    **dict.fromkeys(keyset("بلده", "بلدتي", "بلدات"), "town"),
    **dict.fromkeys(keyset("قريه", "قريتي", "قري", "مزرعه", "مخيم", "مخيمي", "بلدتا", "قريتا"), "village"),
    # Front lines and hills are where battles are placed: "جبهة الصراف", "محور كبانة", "تلة الحدادة".
    **dict.fromkeys(keyset("جبهه", "محور", "تله"), "village"),
}
# First words of compound names: "كفر شاغر", "تل جرنك", "عين العرب", "دير حافر".
_COMPOUND_HEADS = keyset(
    "كفر",
    "تل",
    "عين",
    "دير",
    "بيت",
    "خربه",
    "خربة",
    "جسر",
    "راس",
    "ابو",
    "ام",
    "معره",
    "قصر",
    "جب",
    "حوش",
    "بير",
    "بئر",
    "عرب",
    "سهل",
    "وادي",
    "جبل",
    "خان",
    "قلعه",
    "مساكن",
    "حي",
    "ضاحيه",
    "شيخ",
    "الشيخ",
    "تل",
    "نبع",
    "سرمدا",
    "مزرعه",
)
# Second words that belong to a name: "الصورة الكبيرة", "بقرص فوقاني".
_NAME_QUALIFIERS = keyset(
    "الكبيره",
    "الصغيره",
    "الكبير",
    "الصغير",
    "الشرقيه",
    "الغربيه",
    "الشماليه",
    "الجنوبيه",
    "الشرقي",
    "الغربي",
    "الشمالي",
    "الجنوبي",
    "الفوقاني",
    "التحتاني",
    "الفوقانيه",
    "التحتانيه",
    "فوقاني",
    "تحتاني",
    "الجديده",
    "القديمه",
    "كبير",
    "صغير",
    "الوسطاني",
    "الوسطانيه",
    "وسطاني",
)
# Words that follow a settlement word without being a name.
_NOT_NAMES = keyset(
    # a verb of naming comes before the name: "قرية تسمى فوج الميلبية", "بلدة يطلق عليها"
    "تسمى",
    "يسمى",
    "تدعى",
    "يدعى",
    "تعرف",
    "يعرف",
    "اسمها",
    "يطلق",
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "التي",
    "الذي",
    "الواقعه",
    "المجاوره",
    "المذكوره",
    "نفسها",
    "ذاتها",
    "صغيره",
    "كبيره",
    "مجاوره",
    "نائيه",
    "حدوديه",
    "واحده",
    "اخري",
    "ثانيه",
    "جديده",
    "قديمه",
    "الحدوديه",
    "الصغيره",
    "الكبيره",
    "تابعه",
    "التابعه",
    "بريف",
    "ريف",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "قرب",
    "بالقرب",
    "عده",
    "عدد",
    "اخرى",
    # adjectives and verbs that follow a plural "قرى/بلدات" without being names: "في قرى متنوعة تشمل…",
    # "بلدات تسيطر عليها", "قرى ريفية"
    "متنوعه",
    "متفرقه",
    "مختلفه",
    "محيطه",
    "عديده",
    "كثيره",
    "قريبه",
    "بعيده",
    "ريفيه",
    "ريفي",
    "متاخمه",
    "تسيطر",
    "يسيطر",
    "تقع",
    "يقع",
    "تتبع",
    "تخضع",
    "تشهد",
    "شهدت",
    "تضم",
    "يقطنها",
    # a description after the settlement word: "قرية سكانها من العلويين", "بلدة غالبية أهلها…"
    "سكانها",
    "اهلها",
    "اهاليها",
    "غالبيه",
    "معظم",
    "اغلب",
    # nationality and community adjectives: "ثالث أكبر مدينة سورية", "قرية علوية", "بلدات كردية"
    "سوريه",
    "لبنانيه",
    "عراقيه",
    "تركيه",
    "اردنيه",
    "علويه",
    "سنيه",
    "درزيه",
    "مسيحيه",
    "كرديه",
    "عربيه",
    "تركمانيه",
    "شيعيه",
)


_INTRODUCER_WORDS = frozenset(_INTRODUCERS)
_COMPOUND_START_WORDS = _COMPOUND_HEADS - keyset("حي", "ابو", "ام", "مزرعه")
_INTRODUCER = stems_in(_INTRODUCER_WORDS)
_COMPOUND_START = stems_in(_COMPOUND_START_WORDS)


def introduced_settlements(tokens: Sequence[Token], flags: int | None = None) -> list[tuple[int, int, Place]]:
    """Names introduced by "مدينة/بلدة/قرية/مخيم" (and their duals and plurals), as bare places."""
    flags = present(tokens, flags)
    if not flags & (_INTRODUCER | _COMPOUND_START):
        return []
    found = []
    for i in flagged(tokens, _INTRODUCER) if flags & _INTRODUCER else ():
        token = tokens[i]
        forms = stem_set(token.norm)
        kind = next((_INTRODUCERS[f] for f in forms if f in _INTRODUCERS), None)
        if kind is None or token.norm.startswith(("ال", "وال", "بال")):
            continue  # "القرية" is a village already named, not an introduction
        several = token.norm.endswith(("تي", "تا", "ات")) or token.norm == "قري"
        j = i + 1
        while j < len(tokens):
            name = _name_at(tokens, j)
            if name is None:
                break
            start, end, text = name
            found.append((start, end, _bare_place(text, kind)))
            if not several or end >= len(tokens) or not tokens[end].norm.startswith("و"):
                break
            j = end
    found.extend(_compound_names(tokens, {i for start, end, _ in found for i in range(start, end)}))
    return found


_PLACE_PREPOSITIONS = keyset("في", "قرب", "بالقرب", "من", "الي", "نحو", "محيط", "اطراف", "بلدة")


def _compound_names(tokens: Sequence[Token], taken: set[int]) -> list[tuple[int, int, Place]]:
    """ "في تل خاروف", "قرب كفر شاغر": Syrian place names built on تل, كفر, عين, دير, خربة… are places
    even without "قرية" before them, when a preposition introduces them."""
    found = []
    for j in flagged(tokens, _COMPOUND_START):
        token = tokens[j]
        if j in taken or j + 1 >= len(tokens):
            continue
        forms = stem_set(token.norm)
        head = next((f for f in forms if f in _COMPOUND_START_WORDS), None)
        if head is None:
            continue
        prefix = token.norm[: len(token.norm) - len(head)]
        before = tokens[j - 1].norm if j else ""
        if not (prefix.endswith("ب") or stem_set(before) & _PLACE_PREPOSITIONS):
            continue
        second = tokens[j + 1]
        if not second.norm.isalpha() or stem_set(second.norm) & _NOT_NAMES or len(second.norm) < 3:
            continue
        text = f"{token.text[len(prefix) :]} {second.text}"
        found.append((j, j + 2, _bare_place(text, "village")))
    return found


def _name_at(tokens: Sequence[Token], j: int) -> tuple[int, int, str] | None:
    """A name starting at token j (quotes skipped), one word or a compound of two."""
    while j < len(tokens) and tokens[j].norm in _QUOTES:
        j += 1
    if j >= len(tokens):
        return None
    first = tokens[j]
    text, norm = first.text, first.norm
    listed = len(norm) > 3 or norm[1:] in _COMPOUND_HEADS  # "وتل الأقرع" as well as "والطيحة"
    if norm.startswith("و") and j > 0 and tokens[j - 1].norm not in _QUOTES and listed:
        text, norm = text[1:], norm[1:]  # the next name of a list: "قريتي زمرين والطيحة"
    forms = stem_set(norm)
    if not norm.isalpha() or forms & (_NOT_NAMES | _SETTLEMENT_WORDS | _REGION_NOUNS) or len(norm) < 2:
        return None
    if j + 1 < len(tokens) and tokens[j + 1].norm in _RESUMPTIVES:
        return None  # "مخيم يعيش فيها", "بلدات تسيطر عليها": a verb whose pronoun points back to the place
    end = j + 1
    if end < len(tokens) and tokens[end].norm.isalpha():
        second = tokens[end].norm
        compound = norm in _COMPOUND_HEADS and not (stem_set(second) & _NOT_NAMES)
        if compound or second in _NAME_QUALIFIERS:
            text, end = f"{text} {tokens[end].text}", end + 1
    return j, end, text.strip("“”\"«»'")


@lru_cache(maxsize=1 << 12)
def _bare_place(name: str, kind: str) -> Place:
    return Place(
        name=name, aliases=(), name_en="", kind=kind, admin1="", admin2="", admin3="", lat=None, lon=None
    )


# A preposition with a pronoun right after a word makes that word a verb of a relative clause
# describing the settlement before it, not the settlement's name.
_RESUMPTIVES = keyset("فيها", "فيه", "بها", "به", "عليها", "عليه", "منها", "منه", "اليها", "اليه", "فيهم")
