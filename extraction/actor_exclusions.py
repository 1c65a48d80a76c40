"""Names that are no party: streets, sources and speakers, gunmen of a named group, affiliations, guesses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.actor_mentions import ActorMention
from extraction.generic_actors import _QUOTE_MARKS
from extraction.normalize import keyset, with_conjunction
from extraction.place_context import STREET_WORDS
from extraction.tokens import Token
from extraction.wordclass import any_of, stems_in

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
