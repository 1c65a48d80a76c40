"""The role the words before a place give it: in, near, from, to, region, reference, site or outlet.

A sentence names many places for other reasons: where victims come from ("من أبناء بلدة"), where forces
went ("باتجاه"), the region ("بريف دير الزور الشرقي") and reference points ("شرقي دير الزور"). The town is
the settlement the event is placed in.
"""

from __future__ import annotations

from collections.abc import Sequence

from extraction.normalize import clitic_stems, keyset, stem_set
from extraction.tokens import DASHES, Token
from extraction.wordclass import any_of, stems_in

IN, NEAR, PLAIN, REFERENCE = "in", "near", "plain", "reference"
FROM, TO, REGION, OUTLET, SITE = "from", "to", "region", "outlet", "site"

STRICT = (IN, NEAR, PLAIN)

_SETTLEMENT_WORDS = keyset(
    # A base or an airport is named after the place it stands in: "قاعدة حميميم", "مطار كويرس".
    "قاعده",
    "مطار",
    "مدينه",
    "بلده",
    "قريه",
    "بلدتي",
    "قريتي",
    "مدينتي",
    "ناحيه",
    "مزرعه",
    "منطقه",
    "مخيم",
    "بلدات",
    "قري",
    "مدن",
    "حاره",
    "ضاحيه",
)
_QUOTES = keyset("“", "”", '"', "«", "»", "'", "(", ")", "#")
_FROM_WORDS = keyset(
    "ابناء",
    "اهالي",
    "سكان",
    "قادمين",
    "قادما",
    "قادمه",
    "قدموا",
    "نازحين",
    "مهجري",
    "اصله",
    "ينحدر",
    "انطلاقا",
)
# Where the attackers are, not where the attack landed: "الميليشيات المتمركزة في قرية البوليل".
_STATIONED_WORDS = keyset(
    "المتمركزه", "المتمركزين", "المتمركز", "المتواجده", "المتواجدين", "المنتشره", "المنتشرين"
)
_FROM_WORDS = _FROM_WORDS | _STATIONED_WORDS
_TO_WORDS = keyset(
    "الي", "نحو", "باتجاه", "اتجاه", "صوب", "قاصدين", "متجهين", "متجهه", "لمشفي", "مشفي", "مستشفي"
)
_NEAR_WORDS = keyset("قرب", "بالقرب", "محيط", "اطراف", "باديه", "مشارف", "مقربه", "جوار", "اطراف", "بين")
_DIRECTION_WORDS = keyset(
    "شرق",
    "شرقي",
    "غرب",
    "غربي",
    "شمال",
    "شمالي",
    "جنوب",
    "جنوبي",
    "شمال شرق",
    "جنوب شرق",
    "شمالي شرقي",
    "جنوبي شرقي",
    "جنوب غرب",
    "شمال غرب",
    "غرب شمال",
)
_REGION_WORDS = keyset("ريف", "ريفي", "محافظه", "ارياف")
# Region nouns in the dual and plural ("بمحافظتي القنيطرة ودرعا", "أرياف"): never a settlement's name.
_REGION_NOUNS = _REGION_WORDS | keyset("محافظتي", "محافظات", "منطقتي", "مناطق", "ناحيتي", "ريفي")
# A place inside an outlet's name is not where anything happened: "مراسل حلب اليوم", "شبكة عين الفرات".
# A capital standing for the power seated there: "حكومة دمشق", "نظام دمشق", "سلطات أنقرة", "محافظ درعا"
# (the governor). Like an outlet's name, it says who, not where.
_INSTITUTION_WORDS = keyset("حكومه", "نظام", "سلطات", "محافظ")
_OUTLET_WORDS = keyset(
    "مراسل",
    "موقع",
    "شبكه",
    "صفحه",
    "وكاله",
    "قناه",
    "اذاعه",
    "تلفزيون",
    "منصه",
    "صحيفه",
    "مجله",
    "راديو",
    "اعلام",
    "مرصد",
    "تنسيقيه",
    "حمله",
)
_IN_WORDS = keyset("في", "داخل", "وسط", "عند", "بين")
# Words that open the name of a street or a square: "شارع الجيش", "ساحة الشهداء", "نزلة الجمارك",
# "دوار الأمن" name places, not the parties their second word would name.
STREET_WORDS = keyset("ساحه", "شارع", "دوار", "جسر", "نزله", "طريق", "اوتوستراد")
# "ساحة الكرامة", "شارع حلب", "طريق دمشق": a name after these is a site or a road, not the town.
_SITE_WORDS = STREET_WORDS | keyset(
    "سوق",
    "مشفي",
    "مستشفي",
    "معبر",
    "جامع",
    "مسجد",
    "مدرسه",
    "فرع",
    "سجن",
)

_AREA_WORDS = keyset("منطقه", "مناطق")
# "وسط منطقة عفرين", "مركز منطقة منبج": the centre of a city's area is the city.
_CENTRE = keyset("وسط", "بوسط", "ووسط", "مركز", "بمركز")

_QUOTE = any_of(_QUOTES)
_SETTLEMENT = stems_in(_SETTLEMENT_WORDS)
SETTLEMENT_OR_QUOTE = _QUOTE | _SETTLEMENT  # the words between a place's name and what governs it
_SITE = stems_in(_SITE_WORDS)
_AREA = stems_in(_AREA_WORDS)
_OUTLET_OR_INSTITUTION = stems_in(_OUTLET_WORDS | _INSTITUTION_WORDS)
_REGION_WORD = stems_in(_REGION_WORDS)
_DIRECTION = stems_in(_DIRECTION_WORDS)
_STATIONED = stems_in(_STATIONED_WORDS)
_NEAR_WORD = stems_in(_NEAR_WORDS)
_FROM_WORD = stems_in(_FROM_WORDS)
_TO_WORD = stems_in(_TO_WORDS)
_IN_WORD = stems_in(_IN_WORDS)


def _context(tokens: Sequence[Token], start: int, prefix: str, is_city: bool = False) -> str:
    """Classify the words before a place name (skipping "مدينة", "بلدة" and quotes)."""
    k = start - 1
    while k >= 0 and tokens[k].flags & _QUOTE:
        k -= 1
    if k >= 0 and (tokens[k].flags & _SITE or _far_end_of_road(tokens, k) or _second_town_of_road(tokens, k)):
        return SITE
    j = start - 1
    attached = prefix.rstrip("ال")
    saw_settlement_word = False
    while j >= 0 and tokens[j].flags & (_QUOTE | _SETTLEMENT):
        if tokens[j].flags & _AREA and is_city and not (j and tokens[j - 1].norm in _CENTRE):
            return REGION  # "منطقة منبج", "منطقة عفرين": the area around a city, not the city
        if tokens[j].flags & _SETTLEMENT:
            attached = tokens[j].norm[: len(tokens[j].norm) - len(_settlement_stem(tokens[j]))]
            saw_settlement_word = True
        j -= 1
    before = tokens[j].flags if j >= 0 else 0
    if before & _OUTLET_OR_INSTITUTION and not saw_settlement_word:
        return OUTLET
    if before & _REGION_WORD:
        return REGION
    if before & _DIRECTION or " ".join(t.norm for t in tokens[max(0, j - 1) : j + 1]) in _DIRECTION_WORDS:
        return REFERENCE
    # "المتمركزة في قرية البوليل": the position word comes before the preposition.
    stationed = before & _IN_WORD and j >= 1 and bool(tokens[j - 1].flags & _STATIONED)
    if _at_a_distance(tokens, j):
        return REFERENCE
    # "بالقرب من بئر النفط", "على مقربة من الحاجز": near, not from.
    if j >= 1 and tokens[j].norm == "من" and tokens[j - 1].flags & _NEAR_WORD:
        return NEAR
    if before & _FROM_WORD or (j >= 0 and tokens[j].norm == "من") or stationed:
        return FROM
    if before & _TO_WORD:
        return TO
    if before & _NEAR_WORD:
        return NEAR
    if before & _IN_WORD or attached.endswith(("ب", "في")):
        return IN
    if attached.endswith("ل"):
        return TO
    return IN if saw_settlement_word else PLAIN


def _far_end_of_road(tokens: Sequence[Token], k: int) -> bool:
    """ "طريق حمص - طرطوس", "أوتوستراد تدمر- دير الزور": the town after the dash ends a road's name,
    like the one after "طريق", and names where the road goes, not where the event was."""
    if tokens[k].norm not in DASHES:
        return False
    return any(t.flags & _SITE for t in tokens[max(0, k - 4) : k])


_ROAD_WORDS = keyset("طريق", "اوتوستراد", "اتوستراد")
_ROAD = stems_in(_ROAD_WORDS)


def _second_town_of_road(tokens: Sequence[Token], k: int) -> bool:
    """ "على طريق دمشق القنيطرة", "طريق دير الزور الحسكة": a road named by the two towns it joins,
    written without the dash; the second is no more where the event was than the first."""
    for j in range(k, max(-1, k - 3), -1):
        if tokens[j].flags & _ROAD:
            return j < k
        if not tokens[j].norm.isalpha() or tokens[j].flags & (_IN_WORD | _FROM_WORD | _TO_WORD | _NEAR_WORD):
            return False
    return False


# "على بعد 5 كم من مدينة الميادين": a distance measured from a place, which is a reference point.
_DISTANCE_UNITS = keyset(
    "كم", "كلم", "كيلو", "كيلومتر", "كيلومترات", "كيلومترا", "متر", "امتار", "مترا", "ميل"
)


def _at_a_distance(tokens: Sequence[Token], j: int) -> bool:
    """ "(على) بعد N كم من X": the "من" at `j` measures a distance from X."""
    if j < 2 or tokens[j].norm != "من" or not stem_set(tokens[j - 1].norm) & _DISTANCE_UNITS:
        return False
    return any(stem_set(t.norm) & {"بعد"} for t in tokens[max(0, j - 5) : j - 1])


def _settlement_stem(token: Token) -> str:
    for form in clitic_stems(token.norm):
        if form in _SETTLEMENT_WORDS:
            return form
    return token.norm
