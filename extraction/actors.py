"""Who took part: gazetteer actors, generic parties (unknown gunmen, civilians, protesters), families and
named people, with the context that excludes mediators, patrons and control-area descriptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extraction.gazetteer import Actor, Gazetteer
from extraction.matcher import NameMatch, name_key
from extraction.normalize import keyset, stem_set, with_conjunction
from extraction.place_context import STREET_WORDS
from extraction.records import fact
from extraction.tokens import Token
from extraction.wordclass import any_of, flagged, present, stems_in, word_class

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
# Words after which an actor is described, not acting: patrons, control areas, mediators.
_EXCLUDING_CONTEXT = keyset(
    "الموالي",
    "الموالين",
    "المواليه",
    "موالي",
    "مواليه",
    "المدعوم",
    "المدعومه",
    "المدعومين",
    "مدعوم",
    "مدعومه",
    "وساطه",
    "الوساطه",
    "بوساطه",
    "برعايه",
    "رعايه",
    "بحضور",
    "حضور",
    "المقرب",
    "المقربه",
    "يدعمها",
    "تدعمها",
    "يدعمه",
    "الداعمه",
    "التابعه",
    "التابعين",
)
# Words that open a description of who controls an area: every actor up to the end of the clause
# ("الخاضع لسيطرة النظام السوري والميليشيات التابعة لـ الحرس الثوري") is background.
_CONTROL_WORDS = keyset("سيطره", "نفوذ", "الخاضع", "الخاضعه", "خاضع", "خاضعه", "مناطق", "تسيطر", "يسيطر")
_CLAUSE_BREAKS = {"،", ".", ":", ",", "؛"}
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


@fact
class ActorMention:
    """A party named in a sentence (token span), resolved to a gazetteer actor when possible."""

    start: int
    end: int
    name: str
    aliases: tuple[str, ...]
    name_en: str
    acled_type: str
    inter: int | None
    kind: str  # gazetteer kind, or civilians | protesters | unidentified | family | person
    excluded: bool  # named as a patron, a mediator or a control area, not a party
    others: tuple[Actor, ...] = ()  # other gazetteer rows with the same name (other periods, meanings)

    @property
    def is_civilian(self) -> bool:
        """Victims rather than an armed party."""
        return self.kind in {"civilians", "protesters"} or self.acled_type == "Civilians"


def find_actor_mentions(
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    published: date | None = None,
    flags: int | None = None,
    matches: Sequence[NameMatch] | None = None,
) -> list[ActorMention]:
    """Every party named in `tokens`, in order, overlapping matches resolved longest first.

    A name that meant different actors in different periods ("الجيش السوري" before and after
    8 December 2024) is read as the actor of the publication date. `flags`: the tokens' word classes
    when the caller has them (a sentence's); `matches`: the gazetteer's matches in them, when the
    caller has them already.
    """
    flags = present(tokens, flags)
    mentions = [
        _from_gazetteer(tokens, m.start, m.end, _valid_at(m.values, published))
        for m in (gazetteer.actor_matcher.find(tokens) if matches is None else matches)
    ]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for i in flagged(tokens, _GENERIC_START) if flags & _GENERIC_START else ():
        if i in taken:
            continue
        for extra in _generic_at(tokens, i):
            if not taken & set(range(extra.start, extra.end)):
                mentions.append(extra)
                taken.update(range(extra.start, extra.end))
    mentions = [_with_nationality(tokens, m, gazetteer, published) for m in mentions]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    if flags & _ATTACK_NOUN:
        mentions += _national_attacks(tokens, taken, gazetteer, published)
    mentions = [m for m in mentions if not _street_named(tokens, m.start)]
    mentions = _named_after(tokens, sorted(mentions, key=lambda m: m.start))
    return _speakers_apart(tokens, _exclude_affiliations(tokens, mentions))


_STREET_WORD = stems_in(STREET_WORDS | keyset("حي"))


def _street_named(tokens: Sequence[Token], start: int) -> bool:
    """ "في نزلة الجمارك", "شارع الجيش", "حي أمن الدولة": the party's name is the second word of a
    street's or a quarter's."""
    return start > 0 and bool(tokens[start - 1].flags & _STREET_WORD)


# "أعلنت وزارة الدفاع السورية عن استهداف إسرائيل …": who announces is the source of the news.
_REPORTING_VERBS = keyset(
    *"أعلنت أعلن ذكرت ذكر أفادت أفاد قالت قال أوضحت أوضح نشرت نشر أكدت أكد زعمت زعم ادعت ادعى".split()
)


_REPORTING_VERB = any_of(with_conjunction(_REPORTING_VERBS))
# "بحسب وزارة الدفاع", "وفق الأجهزة الأمنية", "بيان صادر عن القيادة", "نقلاً عن الشرطة": a source.
_SOURCE_WORDS = keyset("بحسب", "حسب", "وفق", "وفقا")
_FROM_SOURCE = keyset("صادر", "صادره", "الصادر", "الصادره", "نقلا")


def _cited(tokens: Sequence[Token], start: int) -> bool:
    """Named as who the news comes from ("بحسب X", "بيان صادر عن X"), wherever the party is named."""
    if start == 0:
        return False
    before = tokens[start - 1].norm
    return before in _SOURCE_WORDS or (
        before == "عن" and start > 1 and tokens[start - 2].norm in _FROM_SOURCE
    )


def _speakers_apart(tokens: Sequence[Token], mentions: list[ActorMention]) -> list[ActorMention]:
    """A party named as the subject of a reporting verb is the source, not a party, when another armed
    party is named after it in the sentence (an announcer of its own act is kept); one cited as the
    source ("بحسب X") when another is named anywhere in it."""
    result = []
    for k, mention in enumerate(mentions):
        spoken = mention.start > 0 and tokens[mention.start - 1].flags & _REPORTING_VERB
        cited = _cited(tokens, mention.start)
        others = mentions[k + 1 :] if spoken else [m for m in mentions if m is not mention] if cited else []
        if not mention.excluded and any(not m.excluded and not m.is_civilian for m in others):
            mention = replace(mention, excluded=True)
        if _source_of(tokens, mention.start):
            mention = replace(mention, excluded=True)
        result.append(mention)
    return result


# "قال مصدر في قيادة شرطة درعا", "المتحدث باسم قسد": whom the source speaks for tells the news.
_SPOKESMEN = keyset(*"مصدر مصادر مسؤول مسؤولون المسؤول ناطق الناطق متحدث المتحدث".split())


def _source_of(tokens: Sequence[Token], start: int) -> bool:
    if start < 2:
        return False
    before = tokens[start - 1].norm
    return (before in {"في", "من"} and tokens[start - 2].norm in _SPOKESMEN) or (
        before == "باسم" and tokens[start - 2].norm in _SPOKESMEN
    )


# "قصف تركي", "غارة إسرائيلية", "الغارات الروسية": a nationality on the attack names the attacker.
_ATTACK_NOUNS = keyset(
    *"قصف القصف غاره الغاره غارات الغارات قذيفه قذائف القذائف ضربه ضربات صاروخ صواريخ هجوم الهجوم".split(),
    *"قصفا هجوما صاروخا عدوانا".split(),  # indefinite accusative: "شن هجوماً إسرائيلياً"
)


def _national_attacks(
    tokens: Sequence[Token], taken: set[int], gazetteer: Gazetteer, published: date | None
) -> list[ActorMention]:
    """ "قصف تركي", "طائرة تركية مسيّرة", "طائرة مسيرة تركية": the nationality on an attack or a weapon
    (one adjective of the weapon may come between) names whose force did it."""
    found = []
    for i in range(1, len(tokens)):
        if i in taken or i - 1 in taken:
            continue
        start = i - 1
        if not tokens[start].flags & _ATTACK_NOUN:
            if i < 2 or not (tokens[i - 2].flags & _WEAPON_NOUN and tokens[i - 1].flags & _WEAPON_NOUN):
                continue
            start = i - 2  # "طائرة مسيرة تركية"
        mention = _national(tokens, i, i, gazetteer, published)
        if mention is not None:
            found.append(replace(mention, start=start) if start < i - 1 else mention)
    return found


# Weapons a nationality may qualify, and the adjectives that may stand between ("طائرة مسيرة تركية").
_WEAPON_NOUNS = keyset(
    *"طائره طائرات مسيره مسيرات مسيرتين مقاتلات مقاتله مروحيه مروحيات حربيه حربي دبابه دبابات".split(),
    *"مدفعيه راجمات طيران بارجه بوارج".split(),
)
_ATTACK_NOUN = stems_in(_ATTACK_NOUNS | _WEAPON_NOUNS)
_WEAPON_NOUN = stems_in(_WEAPON_NOUNS)


def _named_after(tokens: Sequence[Token], mentions: list[ActorMention]) -> list[ActorMention]:
    """ "مسلحين من هيئة تحرير الشام": gunmen "of" a named group are that group, not unknown gunmen."""
    starts = {m.start for m in mentions if m.kind != "unidentified"}
    kept = []
    for m in mentions:
        if m.kind == "unidentified" and m.end < len(tokens) and tokens[m.end].norm == "من":
            j = m.end + 1
            while j < len(tokens) and tokens[j].text in _QUOTE_MARKS:
                j += 1
            if j in starts:
                continue
        kept.append(m)
    return kept


# "الطيران الحربي الروسي", "المدفعية التركية": a nationality after a weapon or force names whose it is.
_NATIONAL_FORCES = {
    **dict.fromkeys(keyset("الروسي", "الروسيه"), "القوات الروسية"),
    **dict.fromkeys(keyset("التركي", "التركيه"), "الجيش التركي"),
    **dict.fromkeys(keyset("الاسرائيلي", "الاسرائيليه"), "الجيش الإسرائيلي"),
    **dict.fromkeys(keyset("الامريكي", "الاميركي", "الامريكيه", "الاميركيه"), "القوات الأمريكية"),
}
_GENERIC_FORCE_WORDS = keyset(
    "طيران",
    "الطيران",
    "طائرات",
    "الطائرات",
    "طائره",
    "مسيره",
    "المسيره",
    "مدفعيه",
    "المدفعيه",
    "قوات",
    "القوات",
)


def _with_nationality(
    tokens: Sequence[Token], mention: ActorMention, gazetteer: Gazetteer, published: date | None
) -> ActorMention:
    if mention.end >= len(tokens) or not stem_set(tokens[mention.start].norm) & _GENERIC_FORCE_WORDS:
        return mention
    replaced = _national(tokens, mention.start, mention.end, gazetteer, published)
    return mention if replaced is None else replace(replaced, excluded=mention.excluded)


def _national(
    tokens: Sequence[Token], start: int, nationality: int, gazetteer: Gazetteer, published: date | None
) -> ActorMention | None:
    """The national force whose nationality adjective is token `nationality` ("التركية", "تركي"), as a
    mention of tokens [start, nationality]; None for other words."""
    norm = tokens[nationality].norm
    if norm.endswith("يا"):  # the indefinite accusative "إسرائيلياً" is "إسرائيلي"
        norm = norm[:-1]
    nation = _NATIONAL_FORCES.get(norm) or _NATIONAL_FORCES.get("ال" + norm)
    rows = _valid_at(tuple(gazetteer.actor_named(nation)), published) if nation else ()
    return _from_gazetteer(tokens, start, nationality + 1, rows) if rows else None


# "الدفاع الذاتي التابع لقسد", "الأمن العسكري التابع للنظام", "عائلتي العيفان والهويش من عشيرة الشعيطات":
# the second name says whom the first belongs to; the first is the party.
_AFFILIATION_WORDS = keyset(
    "التابع",
    "التابعه",
    "التابعين",
    "التابعتين",
    "تابع",
    "تابعه",
    "تابعين",
    "المنضوي",
    "المنضويه",
    "المنضويين",
    "احد فصائل",
    "ضمن",
)


_FORMERLY = keyset("سابقا", "سابقاً", "سابقه", "المعروفه", "المعروف")


_FORMERLY_WORD = stems_in(_FORMERLY)
_AFFILIATION_WORD = stems_in(_AFFILIATION_WORDS)


def _exclude_affiliations(tokens: Sequence[Token], mentions: list[ActorMention]) -> list[ActorMention]:
    """Second names of a party are not parties: "X التابع لـ Y", "X (Y سابقاً)"."""
    result: list[ActorMention] = []
    for mention in mentions:
        after = tokens[mention.end : mention.end + 2]
        if result and any(t.flags & _FORMERLY_WORD for t in after):
            mention = replace(mention, excluded=True)
        previous = result[-1] if result else None
        if previous is not None and previous.kind == "unidentified" and _suspected(tokens, previous, mention):
            mention = replace(mention, excluded=True)  # ACLED codes the unidentified; the guess is a note
        if previous is not None and not mention.excluded and 0 < mention.start - previous.end <= 3:
            between = [t for t in tokens[previous.end : mention.start] if t.text not in _QUOTE_MARKS]
            new_party = any(t.norm.startswith("و") and len(t.norm) > 2 for t in between)  # "ودورية تابعة لـ"
            affiliated = not new_party and any(t.flags & _AFFILIATION_WORD for t in between)
            member_of = len(between) == 1 and between[0].norm == "من" and previous.kind == "family"
            if affiliated or member_of:
                mention = replace(mention, excluded=True)
        result.append(mention)
    return result


# "مسلحين مجهولين يُعتقد أنهم من عناصر تنظيم الدولة": who they are thought to be is no second party.
_SUSPECTED = keyset(*"يعتقد يرجح يشتبه يظن يعتقدون يرجحون".split())


def _suspected(tokens: Sequence[Token], previous: ActorMention, mention: ActorMention) -> bool:
    between = tokens[previous.end : mention.start]
    return 0 < len(between) <= 6 and any(t.norm in _SUSPECTED for t in between)


def _valid_at(actors: tuple[Actor, ...], published: date | None) -> tuple[Actor, ...]:
    """The rows valid on `published` first (half-open [valid_from, valid_to)); all rows when unknown."""
    if published is None:
        return actors
    day = published.isoformat()
    valid = [a for a in actors if (a.valid_from or "") <= day and (not a.valid_to or day < a.valid_to)]
    return tuple(valid) + tuple(a for a in actors if a not in valid)


def _named_as(words: Sequence[Token], actors: tuple[Actor, ...]) -> Actor:
    """Among rows sharing a name, the one whose own name the text uses ("هيئة تحرير الشام" is HTS even
    where the Nusra row lists it as a later name); otherwise the first (valid-at-date) row."""
    if len(actors) == 1:
        return actors[0]
    said = name_key(" ".join(t.text for t in words))
    for actor in actors:
        if name_key(actor.name.split(" (")[0]) == said:
            return actor
    return actors[0]


_GENERIC_KINDS = {"Civilians": "civilians", "Protesters": "protesters", "Rioters": "rioters"}


def _from_gazetteer(tokens: Sequence[Token], start: int, end: int, actors: tuple[Actor, ...]) -> ActorMention:
    actor = _named_as(tokens[start:end], actors)
    kind = actor.kind
    if kind == "generic":
        kind = _GENERIC_KINDS.get(actor.acled_type, "unidentified")
    return ActorMention(
        start,
        end,
        actor.name,
        actor.aliases,
        actor.name_en,
        actor.acled_type,
        actor.inter,
        kind,
        _excluded(tokens, start),
        actors[1:],
    )


def _excluded(tokens: Sequence[Token], start: int) -> bool:
    """A patron, mediation or affiliation word just before, or a control description in the clause."""
    for j in range(start - 1, max(-1, start - 10), -1):
        flags = tokens[j].flags
        if flags & _CLAUSE_BREAK:
            return False
        if flags & _CONTROL_WORD or (start - j <= 3 and flags & _EXCLUDING_WORD):
            return True
    return False


_CLAUSE_BREAK = any_of(_CLAUSE_BREAKS)
_CONTROL_WORD = stems_in(_CONTROL_WORDS)
_EXCLUDING_WORD = stems_in(_EXCLUDING_CONTEXT)


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
    if forms & {"دوريه", "دوريات"} and _security_patrol(tokens, i):
        return [_generic(i, i + 2, SECURITY_FORCES, (), "State forces", 1, "security_forces", tokens)]
    if forms & _PROTEST_NOUNS:
        return [_generic(i, i + 1, PROTESTERS, _PROTESTER_ALIASES, "Protesters", 6, "protesters", tokens)]
    if forms & _CIVILIAN_NOUNS:
        return [_generic(i, i + 1, CIVILIANS, _CIVILIAN_ALIASES, "Civilians", 7, "civilians", tokens)]
    return []


_NAMED = {"المدعو", "المدعوه"}
_GENERIC_STARTS = (
    _KIN_WORDS | _UNIDENTIFIED_NOUNS | _PROTEST_NOUNS | _CIVILIAN_NOUNS | frozenset({"دوريه", "دوريات"})
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
