"""Parties named by what they are: unknown gunmen, civilians, protesters, patrols, families, named people."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.actor_mentions import ActorMention, _excluded
from extraction.normalize import keyset, stem_set
from extraction.tokens import Token
from extraction.wordclass import word_class

CIVILIANS = "مدنيين"
PROTESTERS = "الأهالي"
SECURITY_FORCES = "الأجهزة الأمنية"

_CIVILIAN_ALIASES = (
    "مدني",
    "المدنيين",
    "مدنيون",
    "مدنيان",
    "مواطن",
    "المواطنين",
    "مواطنين",
    "أهالي",
)
_PROTESTER_ALIASES = ("الاهالي", "أهالي", "متظاهرين", "المتظاهرين", "محتجين", "المحتجين", "سكان")
# Nouns that make a person a victim of the "civilians" party.
_CIVILIAN_NOUNS = keyset(
    "مدني",
    "مدنيين",
    "مدنيان",
    "مدنيون",
    "مدنيا",
    "مواطن",
    "مواطنين",
    "مواطنون",
    "مواطنا",
    "شخص",
    "شخصين",
    "شخصان",
    "اشخاص",
    "شاب",
    "شابين",
    "شابان",
    "شبان",
    "رجل",
    "امراه",
    "نساء",
    "طفل",
    "طفله",
    "اطفال",
    "طفلين",
    "فتاه",
    "مسن",
    "راعي",
    "رعاه",
    "سائق",
    "سائقي",
    "مزارع",
    "عامل",
    "عمال",
    "طبيب",
    "معلم",
    "تاجر",
    "ضحيه",
    "الضحيه",
    "عائله",
    "مختار",
    "نازحين",
    "مهجرين",
    "طالب",
    "طلاب",
)
_PROTEST_NOUNS = keyset("اهالي", "الاهالي", "متظاهرين", "متظاهرون", "محتجين", "محتجون", "سكان", "ابناء")
# A party named only by its kin group: "عائلة العيفان", "عشيرة الشعيطات".
_KIN_WORDS = keyset("عائله", "عائلتي", "عشيره", "قبيله", "ال", "اسره")

# Unnamed attackers: ACLED's "Unidentified Armed Group".
UNIDENTIFIED = "مجهولين"
_UNIDENTIFIED_ALIASES = ("مجهولون", "مسلحين مجهولين", "مسلحون مجهولون", "جهة مجهولة", "ملثمين")
_UNIDENTIFIED_NOUNS = keyset(
    "مجهولين",
    "مجهولون",
    "ملثمين",
    "ملثمون",
    "المهاجمين",
    "المهاجمون",
    "مهاجمين",
    "الجناه",
    "الخاطفين",
    "الخاطفون",
    "خاطفين",
    "مسلحين",
    "مسلحون",
    "عصابه",
    "الفاعلين",
    "المتورطين",
    "المتورطون",
    "المنفذين",
)


def _generic_at(tokens: Sequence[Token], i: int) -> list[ActorMention]:
    """The generic party a word of `_GENERIC_START` opens (the caller visits only those words)."""
    norm = tokens[i].norm
    forms = stem_set(norm)
    if forms & _KIN_WORDS:
        return _kin_mentions(tokens, i)
    if norm in _NAMED and i + 1 < len(tokens):
        person = _person_after(tokens, i)
        return [person] if person else []
    if forms & _UNIDENTIFIED_NOUNS:
        end = i + 2 if i + 1 < len(tokens) and tokens[i + 1].norm.startswith("مجهول") else i + 1
        kind = "unidentified"
        return [_generic(i, end, UNIDENTIFIED, _UNIDENTIFIED_ALIASES, "Political militia", 3, kind, tokens)]
    if forms & _GROUP_NOUNS:
        return _described_group(tokens, i)
    if forms & {"دوريه", "دوريات"} and _security_patrol(tokens, i):
        return [_generic(i, i + 2, SECURITY_FORCES, (), "State forces", 1, "security_forces", tokens)]
    if forms & _PROTEST_NOUNS:
        return [_generic(i, i + 1, PROTESTERS, _PROTESTER_ALIASES, "Protesters", 6, "protesters", tokens)]
    if forms & _CIVILIAN_NOUNS:
        return [_generic(i, i + 1, CIVILIANS, _CIVILIAN_ALIASES, "Civilians", 7, "civilians", tokens)]
    return []


# An armed group described, not named: "مجموعة مسلحة محلية", "فصائل محلية", "عصابات خارجة عن القانون".
# ACLED's Unidentified Armed Group, named as the text describes it.
_GROUP_NOUNS = keyset(*"مجموعه مجموعات فصائل فصيل ميليشيا ميليشيات مليشيا مليشيات خليه خلايا عصابات".split())
_OWNED_BY = keyset(*"تابعه التابعه تابعين التابعين مواليه المواليه موالين الموالين".split())
_GROUP_QUALIFIERS = keyset(*"مسلحه محليه ارهابيه مجهوله عشائريه متطرفه اسلاميه خارجه".split())


def _described_group(tokens: Sequence[Token], i: int) -> list[ActorMention]:
    j = i + 1
    while j < len(tokens) and j - i <= 3 and stem_set(tokens[j].norm) & _GROUP_QUALIFIERS:
        j += 1
        if tokens[j - 1].norm == "خارجه" and [t.norm for t in tokens[j : j + 2]] == ["عن", "القانون"]:
            j += 2  # "خارجة عن القانون"
    if j == i + 1:
        return []  # "مجموعة من الأطفال": a bare group noun names no one
    if j < len(tokens) and (tokens[j].norm in _OWNED_BY or tokens[j].norm.startswith("ل")):
        return []  # "خلية إرهابية لتنظيم داعش", "مليشيات محلية تابعة لقوات النظام": the owner is the party
    name = " ".join(t.text for t in tokens[i:j])
    if name.startswith(("و", "ف")) and tokens[i].norm[1:] in _GROUP_NOUNS:
        name = name[1:]  # "وفصائل محلية": the conjunction is not the name
    return [
        _generic(
            i, j, name, (UNIDENTIFIED, *_UNIDENTIFIED_ALIASES), "Political militia", 3, "unidentified", tokens
        )
    ]


_NAMED = {"المدعو", "المدعوه"}
_GENERIC_STARTS = (
    _KIN_WORDS
    | _UNIDENTIFIED_NOUNS
    | _PROTEST_NOUNS
    | _CIVILIAN_NOUNS
    | _GROUP_NOUNS
    | frozenset({"دوريه", "دوريات"})
)
_GENERIC_START = word_class(lambda norm: not stem_set(norm).isdisjoint(_GENERIC_STARTS) or norm in _NAMED)
_QUOTE_MARKS = {"“", "”", '"', "«", "»", "'"}


_CLAN_NOUNS = keyset("عشيره", "عشيرتي")
_DUAL_KIN_NOUNS = keyset("عائلتي", "عشيرتي")


def _kin_mentions(tokens: Sequence[Token], i: int) -> list[ActorMention]:
    """ "عائلة العيفان", "عائلتي “العيفان” والهويش": one party per family named (quotes skipped)."""
    forms = stem_set(tokens[i].norm)
    noun = "عشيرة" if forms & _CLAN_NOUNS else "عائلة"
    dual = bool(forms & _DUAL_KIN_NOUNS)
    names: list[tuple[int, int, str]] = []
    j = i + 1
    while j < len(tokens) and len(names) < (2 if dual else 1):
        if tokens[j].text in _QUOTE_MARKS:
            j += 1
            continue
        text, token_norm = tokens[j].text, tokens[j].norm
        if names and token_norm.startswith("و") and len(token_norm) > 3:
            text, token_norm = text[1:], token_norm[1:]
        elif names:
            break
        quoted = j > 0 and tokens[j - 1].text in _QUOTE_MARKS
        if not (token_norm.startswith("ال") or quoted) or not token_norm.isalpha():
            break
        names.append((j, j + 1, f"{noun} {text}"))
        j += 1
    return [
        _generic(
            i if k == 0 else start,
            end,
            name,
            (name.split(" ", 1)[1],),
            "Identity militia",
            4,
            "family",
            tokens,
        )
        for k, (start, end, name) in enumerate(names)
    ]


def _security_patrol(tokens: Sequence[Token], i: int) -> bool:
    """ "دورية أمنية مشتركة" with no force named after it: the security services acting together."""
    following = [t.norm for t in tokens[i + 1 : i + 3]]
    if not any(f.startswith(("امني", "مشترك")) for f in following):
        return False
    for token in tokens[i + 2 : i + 5]:
        if token.norm in {"من", "تابعه", "التابعه"} or (token.norm.startswith("ل") and len(token.norm) > 3):
            return False
    return True


def _person_after(tokens: Sequence[Token], i: int) -> ActorMention | None:
    """ "المدعو “كعبول اللاحج”": the quoted or following two-word name."""
    j = i + 1
    quoted = tokens[j].text in {"“", '"', "«", "”"}
    if quoted:
        j += 1
    words = []
    while j < len(tokens) and len(words) < 4 and tokens[j].text not in {"”", '"', "»", "“", "،", "."}:
        words.append(tokens[j].text)
        j += 1
        if not quoted and len(words) == 2:
            break
    if not words:
        return None
    return _generic(i, j, " ".join(words), (), "", None, "person", tokens)


def _generic(
    start: int,
    end: int,
    name: str,
    aliases: tuple[str, ...],
    acled_type: str,
    inter: int | None,
    kind: str,
    tokens: Sequence[Token],
) -> ActorMention:
    return ActorMention(start, end, name, aliases, "", acled_type, inter, kind, _excluded(tokens, start))
