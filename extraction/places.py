"""The places a sentence names, gazetteer names and names it introduces, each with its role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.gazetteer import Gazetteer, Place
from extraction.normalize import keyset, stem_set
from extraction.place_context import _QUOTE, _SETTLEMENT, OUTLET, REGION, _context
from extraction.place_names import _COMPOUND_HEADS, _NOT_NAMES, _PLACE_PREPOSITIONS, introduced_settlements
from extraction.records import fact
from extraction.tokens import DASHES, Token

# Place names that are also ordinary words ("باب" door, "الثورة" revolution, "البعث" the party):
# they count only when the text introduces them as a place (PLACES.md lists these collisions).
_ORDINARY_WORDS = keyset(
    "باب", "ثوره", "بعث", "شام", "دير", "جزيره", "شاميه", "كرامه", "حريه", "نصر", "سلام", "امل"
)


# Words whose first letter و is their own, not "and": the stem left by cutting it is no place.
_WAW_WORDS = keyset(
    *"وزاره الوزاره وزير الوزير وزراء وكاله الوكاله وفد الوفد وحده الوحده وسط وقت وضع الوضع".split()
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
        if match.prefix.startswith("و") and stem_set(tokens[match.start].norm) & _WAW_WORDS:
            continue  # "وزارة الإعلام" is a ministry, not "و" + the village Zara
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


# A noun with the article after a demonstrative is that noun, not a place's name.
_DEMONSTRATIVES = keyset("هذا", "هذه", "ذلك", "تلك", "وهذا", "وهذه", "بهذا", "بهذه", "لهذا", "لهذه", "فهذا")

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
    return k < len(tokens) and tokens[k].text in DASHES
