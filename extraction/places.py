"""Where it happened: the town among the places a sentence names, and the finer location.

A sentence names many places for other reasons: where victims come from ("من أبناء بلدة"), where forces
went ("باتجاه"), the region ("بريف دير الزور الشرقي") and reference points ("شرقي دير الزور"). The town is
the settlement the event is placed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from extraction.gazetteer import Gazetteer, Place
from extraction.normalize import clitic_stems, keyset, stem_set
from extraction.records import fact
from extraction.tokens import Token
from extraction.wordclass import any_of, flagged, present, stems_in

IN, NEAR, PLAIN, REFERENCE = "in", "near", "plain", "reference"
FROM, TO, REGION, OUTLET, SITE = "from", "to", "region", "outlet", "site"
_RANK = {IN: 0, NEAR: 1, PLAIN: 2, REFERENCE: 3, REGION: 4, TO: 5, FROM: 6, OUTLET: 7, SITE: 8}
# Place names that are also ordinary words ("باب" door, "الثورة" revolution, "البعث" the party):
# they count only when the text introduces them as a place (PLACES.md lists these collisions).
_ORDINARY_WORDS = keyset(
    "باب", "ثوره", "بعث", "شام", "دير", "جزيره", "شاميه", "كرامه", "حريه", "نصر", "سلام", "امل"
)
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


@fact
class PlaceMention:
    """A place named in the text and why it is named there."""

    start: int
    end: int
    place: Place
    context: str
    has_article: bool = False
    introduced: bool = False  # "مدينة", "بلدة"… stands right before the name
    broad: bool = False  # "في درعا": a city named like its governorate, without "مدينة": maybe the province
    capital: Place | None = None  # for a governorate: its capital, the last-resort town


def find_place_mentions(
    tokens: Sequence[Token], gazetteer: Gazetteer, flags: int | None = None
) -> list[PlaceMention]:
    """Every place in `tokens` with its context: gazetteer names, and names the text introduces as a
    settlement ("بلدة الحارة", "قريتي زمرين والطيحة") even when the gazetteer lacks them.

    `flags`: the tokens' word classes when the caller has them (a sentence's)."""
    mentions = []
    matches = gazetteer.place_matcher.find(tokens)
    for match in matches:
        place = _prefer_settlement(match.values)
        if _compound_follows(tokens, match.start, match.end):
            continue  # "قرية تل جرنك" is Tal Jarnak, not al-Tall
        introduced = _introduced(tokens, match.start)
        if _ordinary_word(tokens, match.start, match.end) and not introduced:
            continue
        if _bare_word(tokens, match.start, match.end, match.has_article) and not introduced:
            continue  # "في قريتين بحوض اليرموك": two villages, not al-Qaryatayn
        if _adjective_here(tokens, match.start, match.end, match.prefix) and not introduced:
            continue  # "مظاهرة سلمية" is a peaceful protest, not one in Salamiyah
        if match.start and tokens[match.start - 1].norm in _DEMONSTRATIVES and match.has_article:
            continue  # "في هذا الصدد" is "in this regard", not the village Sadad
        context = _context(tokens, match.start, match.prefix, place.kind == "city")
        if _dateline(tokens, match.start, match.end):
            context = OUTLET  # "دمشق - قُتل عشرة أشخاص…": where the report was filed, not the scene
        broad = not introduced and gazetteer.is_capital(place)
        capital = gazetteer.capital_of(place)
        mentions.append(
            PlaceMention(
                match.start, match.end, place, context, match.has_article, introduced, broad, capital
            )
        )
    taken = {i for m in mentions for i in range(m.start, m.end)}
    regions = {m.place.admin1 for m in mentions if m.place.admin1}
    for start, end, place in introduced_settlements(tokens, flags):
        if not taken & set(range(start, end)):
            place = _qualified(gazetteer, place, regions)
            context = _context(tokens, start, "")
            has_article = tokens[start].norm.startswith("ال")
            mentions.append(PlaceMention(start, end, place, context, has_article, introduced=True))
    return _spans(tokens, _share_list_context(tokens, sorted(mentions, key=lambda m: m.start)))


def _qualified(gazetteer: Gazetteer, bare: Place, regions: set[str]) -> Place:
    """The gazetteer row a name introduced as a settlement stands for when only qualified rows have
    it ("مدينة سلمى" → سلمى (ناحية صلنفة)): the only one, or the only one in a province the sentence
    names; several in one province give that province ("قرية حيالين بريف حماة": two villages of
    Hama); else the name alone, unplaced. It keeps the name the text gives it, as users type it."""
    rows = gazetteer.qualified_named(bare.name)
    if len(rows) > 1:
        rows = [p for p in rows if p.admin1 in regions] or rows
    if len(rows) == 1:
        return replace(rows[0], name=bare.name, aliases=(rows[0].name, *rows[0].aliases))
    # several villages of that name: the province (and district) they share, if they share one
    shared = {(p.admin1, p.admin2) for p in rows}
    provinces = {p.admin1 for p in rows}
    if len(provinces) != 1 or "" in provinces:
        return bare
    admin1, admin2 = next(iter(shared)) if len(shared) == 1 else (rows[0].admin1, "")
    return replace(bare, admin1=admin1, admin2=admin2)


def _spans(tokens: Sequence[Token], mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "من الصورة إلى خربة عواد": the places that bound an extent (a front, a road, a province's
    reach) are neither where it happened nor a destination: both are read as the region. The first
    may be a name the gazetteer lacks or an ordinary word, so the pattern is read on the words."""
    spans = list(mentions)
    for k, mention in enumerate(spans):
        i = mention.start
        if i < 3 or tokens[i - 1].norm not in {"الي", "حتي"}:
            continue
        opener = next((j for j in (i - 3, i - 4) if j >= 0 and tokens[j].norm == "من"), None)
        if opener is None or any(t.norm in {"،", ".", ","} for t in tokens[opener:i]):
            continue
        spans[k] = replace(mention, context=REGION)
        for m, other in enumerate(spans):
            if opener < other.start < i - 1:
                spans[m] = replace(other, context=REGION)
    return spans


def _share_list_context(tokens: Sequence[Token], mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "بين بلدة الحراك وبلدة الصورة", "في قرى الجيعة والجنينة": a place joined by و to the one before
    it shares that one's context."""
    shared: list[PlaceMention] = []
    for mention in mentions:
        previous = shared[-1] if shared else None
        if previous is not None and mention.start - previous.end in (0, 1):
            joiner = tokens[previous.end] if mention.start > previous.end else tokens[mention.start]
            if joiner.norm.startswith("و"):
                mention = replace(mention, context=previous.context)
        shared.append(mention)
    return shared


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


_AREA_WORDS = keyset("منطقه", "مناطق")
# A noun with the article after a demonstrative is that noun, not a place's name.
_DEMONSTRATIVES = keyset("هذا", "هذه", "ذلك", "تلك", "وهذا", "وهذه", "بهذا", "بهذه", "لهذا", "لهذه", "فهذا")
# A preposition with a pronoun right after a word makes that word a verb of a relative clause
# describing the settlement before it, not the settlement's name.
_RESUMPTIVES = keyset("فيها", "فيه", "بها", "به", "عليها", "عليه", "منها", "منه", "اليها", "اليه", "فيهم")


# Names that are also adjectives: a place only after a preposition ("في السلمية", "بالسلمية") or a
# settlement word, never right after the noun they would qualify ("مظاهرة سلمية").
_ADJECTIVE_NAMES = keyset("سلميه")
_PREPOSITIONS = _PLACE_PREPOSITIONS | keyset("عند", "داخل", "حول", "ريف", "بريف")


# Names that are ordinary words without their article: "قريتين" (two villages) is القريتين only with it.
_ARTICLE_NAMES = keyset("قريتين")


def _bare_word(tokens: Sequence[Token], start: int, end: int, has_article: bool) -> bool:
    return end - start == 1 and not has_article and bool(stem_set(tokens[start].norm) & _ARTICLE_NAMES)


def _adjective_here(tokens: Sequence[Token], start: int, end: int, prefix: str) -> bool:
    if end - start != 1 or not stem_set(tokens[start].norm) & _ADJECTIVE_NAMES:
        return False
    if prefix.rstrip("ال").endswith(("ب", "ل")):
        return False
    return start == 0 or not stem_set(tokens[start - 1].norm) & _PREPOSITIONS


def _ordinary_word(tokens: Sequence[Token], start: int, end: int) -> bool:
    return end - start == 1 and bool(stem_set(tokens[start].norm) & _ORDINARY_WORDS)


def _compound_follows(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A one-word match on a compound head (تل, كفر, عين…) that is the first word of a longer name."""
    if end - start != 1 or end >= len(tokens) or not stem_set(tokens[start].norm) & _COMPOUND_HEADS:
        return False
    following = tokens[end].norm
    return following.isalpha() and not stem_set(following) & _NOT_NAMES and not following.startswith("و")


def _introduced(tokens: Sequence[Token], start: int) -> bool:
    """ "مدينة درعا": a settlement word before the name, or starting the matched name itself."""
    if tokens[start].flags & _SETTLEMENT:
        return True
    j = start - 1
    while j >= 0 and tokens[j].flags & _QUOTE:
        j -= 1
    return j >= 0 and bool(tokens[j].flags & _SETTLEMENT)


def _prefer_settlement(places: Sequence[Place]) -> Place:
    if len(places) == 1:  # most names
        return places[0]
    return sorted(places, key=lambda p: (not p.is_settlement, p.kind == "governorate"))[0]


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
    if k >= 0 and tokens[k].flags & _SITE:
        return SITE
    j = start - 1
    attached = prefix.rstrip("ال")
    saw_settlement_word = False
    while j >= 0 and tokens[j].flags & (_QUOTE | _SETTLEMENT):
        if tokens[j].flags & _AREA and is_city:
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


# "على بعد 5 كم من مدينة الميادين": a distance measured from a place, which is a reference point.
_DISTANCE_UNITS = keyset(
    "كم", "كلم", "كيلو", "كيلومتر", "كيلومترات", "كيلومترا", "متر", "امتار", "مترا", "ميل"
)


def _at_a_distance(tokens: Sequence[Token], j: int) -> bool:
    """ "(على) بعد N كم من X": the "من" at `j` measures a distance from X."""
    if j < 2 or tokens[j].norm != "من" or not stem_set(tokens[j - 1].norm) & _DISTANCE_UNITS:
        return False
    return any(stem_set(t.norm) & {"بعد"} for t in tokens[max(0, j - 5) : j - 1])


_DASHES = frozenset("-–—")


def _dateline(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A city that opens a paragraph and is followed by a dash, perhaps after the agency in brackets:
    "دمشق - …", "بيروت (أ ف ب) - …"."""
    if start != 0 or end >= len(tokens):
        return False
    k = end
    if tokens[k].text == "(":
        while k < len(tokens) and tokens[k].text != ")":
            k += 1
        k += 1
    return k < len(tokens) and tokens[k].text in _DASHES


def _stripped(token: Token) -> set[str]:
    return stem_set(token.norm)


def _settlement_stem(token: Token) -> str:
    for form in clitic_stems(token.norm):
        if form in _SETTLEMENT_WORDS:
            return form
    return token.norm


def best_town(mentions: Sequence[PlaceMention], contexts: tuple[str, ...] = STRICT) -> PlaceMention | None:
    """The settlement an event is placed in among mentions with one of `contexts`: "in" before "near"
    before a bare mention. A bare mention needs a name that cannot be an ordinary word: a city, or a
    name written with its article or in several words."""
    candidates = [
        m
        for m in mentions
        if m.place.is_settlement and m.context in contexts and (m.context != PLAIN or unmistakable(m))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: (_RANK[m.context], m.start))


def unmistakable(mention: PlaceMention) -> bool:
    """A name that cannot be an ordinary word: a city, a name of several words or with its article."""
    return mention.place.kind == "city" or mention.end - mention.start > 1 or mention.has_article


def geo_precision(mention: PlaceMention) -> int:
    """ACLED geo precision: 1 in the town, 2 near or part of it, 3 only the region."""
    return {IN: 1, PLAIN: 1, NEAR: 2, REFERENCE: 2}.get(mention.context, 3)


_LOCATION_HEADS = keyset(
    "حي",
    "شارع",
    "ساحه",
    "دوار",
    "سوق",
    "جسر",
    "حاجز",
    "مفرق",
    "طريق",
    "اوتوستراد",
    "مدخل",
    "باديه",
    "محيط",
    "وسط",
    "مشفي",
    "مستشفي",
    "معبر",
    "حقل",
    "مطار",
    "قاعده",
    "سجن",
)
_LOCATION_STOPS = keyset(
    "غرب",
    "شرق",
    "شمال",
    "جنوب",
    "غربي",
    "شرقي",
    "شمالي",
    "جنوبي",
    "في",
    "من",
    "علي",
    "الي",
    "بين",
    "،",
    ".",
    ",",
    "قرب",
    "عند",
    "و",
    "بعد",
    "قبل",
    "حيث",
)


_LOCATION_HEAD = stems_in(_LOCATION_HEADS)


def _has_article(token: Token, heads: set[str]) -> bool:
    return any(form.startswith("ال") and form[2:] in heads for form in clitic_stems(token.norm))


def find_location(tokens: Sequence[Token], town: PlaceMention | None, flags: int | None = None) -> str | None:
    """The finer place ("شارع الوادي", "حي الجورة", "وسط البلدة") named with the event, if any
    (`flags`: the tokens' word classes when the caller has them)."""
    if not present(tokens, flags) & _LOCATION_HEAD:
        return None
    for i in flagged(tokens, _LOCATION_HEAD):
        token = tokens[i]
        heads = _stripped(token) & _LOCATION_HEADS
        if _has_article(token, heads):
            continue  # "الشارع" is any street; "شارع الوادي" names one
        stem = next(form for form in clitic_stems(token.norm) if form in heads)
        words = [token.text[len(token.norm) - len(stem) :]]
        j = i + 1
        while j < len(tokens) and len(words) < 4:
            if tokens[j].norm in _QUOTES:
                j += 1
                continue
            norm = tokens[j].norm
            if norm in _LOCATION_STOPS or (town and town.start <= j < town.end) or norm.startswith("و"):
                break
            if len(words) > 1 and norm.startswith(("ب", "ل")) and len(norm) >= 4:
                break  # "حي الجورة بهدف اعتقال": a clitic preposition starts the rest of the clause
            words.append(tokens[j].text)
            j += 1
        if len(words) > 1:
            return " ".join(words)
    return None
