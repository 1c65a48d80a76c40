"""Event triggers: the words that say something happened, and the ACLED type each one signals.

A trigger is a sequence of word stems; a token matches a stem when one of its clitic-free forms starts with
it (so اشتباك matches اشتباكات, والاشتباكات). A stem written with a trailing "=" must match exactly.
Weights follow ACLED's rule that the more specific or severe type wins: a sentence with "clashes that
killed" is a battle, with "set fire to tankers after attacking them" a property destruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from extraction.event_lexicon import _LEXICON, AGREEMENT, AIR, CHEMICAL, RIOT
from extraction.normalize import clitic_stems, keyset, normalize_ar, strip_article
from extraction.records import fact
from extraction.tokens import Token
from extraction.wordclass import flagged, present, word_class


@fact
class EventMention:
    """A trigger found in the text."""

    start: int  # token index
    end: int
    event_type: str
    sub_event_type: str
    weight: int
    stems: str


def _compile(lexicon: list[tuple[str, tuple[str, str], int]]):
    """Entries by their first stem, longest triggers first; the later words without their article."""
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, str], int, str]]] = {}
    for stems, codes, weight in lexicon:
        first, *rest = normalize_ar(stems).split(" ")
        # a later word matches with or without its article: "إطلاق النار على (ال)متظاهرين"
        parts = (first, *map(strip_article, rest))
        index.setdefault(parts[0], []).append((parts, codes, weight, stems))
    for entries in index.values():
        entries.sort(key=lambda e: (-len(e[0]), -sum(len(p) for p in e[0])))
    return index


_INDEX = _compile(_LEXICON)
_ALL_STEMS = frozenset(part for entries in _INDEX.values() for e in entries for part in e[0])
_MAX_SUFFIX = 4


@lru_cache(maxsize=1 << 16)
def trigger_stems(norm: str) -> frozenset[str]:
    """The lexicon stems a normalised word matches: itself or a prefix of it within four letters of
    suffix, after removing clitics (اشتباك ← والاشتباكات)."""
    found = set()
    for form in clitic_stems(norm):
        if form + "=" in _ALL_STEMS:
            found.add(form + "=")
        for cut in range(max(1, len(form) - _MAX_SUFFIX), len(form) + 1):
            if form[:cut] in _ALL_STEMS:
                found.add(form[:cut])
    return frozenset(found)


TRIGGER_WORDS = word_class(lambda norm: bool(trigger_stems(norm)))


EXCHANGE_STEMS = ("تبادل", "صفقه")


def find_event_mentions(tokens: Sequence[Token], flags: int | None = None) -> list[EventMention]:
    """Every trigger in `tokens`, longest first at each position, without overlaps (`flags`: the
    tokens' word classes when the caller has them)."""
    if not present(tokens, flags) & TRIGGER_WORDS:
        return []
    mentions: list[EventMention] = []
    free = 0
    for i in flagged(tokens, TRIGGER_WORDS):
        if i < free:
            continue  # inside the previous trigger
        found = _match_at(tokens, i)
        if (
            found is not None
            and found.sub_event_type == AGREEMENT[1]
            and _not_a_conflict_agreement(tokens, i)
        ):
            continue
        if found is not None and found.stems == "استهدف" and _aimed_work(tokens, i):
            continue
        if found is not None and _cleared_of(tokens, found):
            free = found.end  # "من العبوات الناسفة": neither the phrase nor its last word
            continue
        if found is not None and _left_or_stopped(tokens, found):
            continue
        if found is not None and _used_as_a_weapon(tokens, found):
            found = replace(found, start=found.start - 1, weight=USED_WEAPON_WEIGHT)
        if found is not None and _with_stones(tokens, found):
            found = replace(found, event_type=RIOT[0], sub_event_type=RIOT[1])
        if found is not None and _from_the_air(tokens, found):
            found = replace(found, event_type=AIR[0], sub_event_type=AIR[1], weight=AERIAL_WEIGHT)
        if found is not None:
            mentions.append(found)
            free = found.end
    return mentions


# "بالسلاح الكيميائي": a weapon named as the instrument of what was done is a weapon used, not one held.
_INSTRUMENTS = keyset("بالسلاح", "بالاسلحه", "بسلاح", "باسلحه", "بالغازات", "بغاز", "بالغاز")
USED_WEAPON_WEIGHT = 5


def _used_as_a_weapon(tokens: Sequence[Token], found: EventMention) -> bool:
    """ "هجوم النظام بالسلاح الكيميائي": the chemical word after "بالسلاح" tells its use (ACLED's
    Chemical weapon), which alone ("مصنع أسلحة كيميائية") it does not."""
    if found.sub_event_type != CHEMICAL[1] or found.weight >= USED_WEAPON_WEIGHT or not found.start:
        return False
    return tokens[found.start - 1].norm in _INSTRUMENTS


# "اشتباكات بالحجارة": a fight with stones (ACLED: "rock throwing") is a riot, not an armed clash.
_STONES = keyset("بالحجاره", "بالحجار", "بالحصي", "بالعصي")


def _with_stones(tokens: Sequence[Token], found: EventMention) -> bool:
    """A clash whose weapon, right after it, is stones or sticks."""
    return (
        found.sub_event_type == "Armed clash"
        and found.end < len(tokens)
        and tokens[found.end].norm in _STONES
    )


# "الاستهداف الإسرائيلي الجوي", "هجوم جوي روسي": an attack qualified as aerial, its attacker's adjective
# between or not, is an air strike (ACLED's Air/drone strike), whatever its victims.
_AERIAL = keyset("جوي", "الجوي", "جويه", "الجويه", "جويا")
_ATTACK_NOUNS = keyset("استهداف", "الاستهداف", "هجوم", "الهجوم", "هجوما", "هجمات", "الهجمات", "قصف", "القصف")
AERIAL_WEIGHT = 4


def _from_the_air(tokens: Sequence[Token], found: EventMention) -> bool:
    """The attack noun is followed, within two words, by "جوي" (a nationality adjective may stand
    between: "الاستهداف الإسرائيلي الجوي")."""
    if found.sub_event_type == AIR[1] or tokens[found.start].norm not in _ATTACK_NOUNS:
        return False
    return any(t.norm in _AERIAL for t in tokens[found.end : found.end + 2])


# "مخلفات القصف": what an event left; "توقف القصف", "القصف توقف": an event that has stopped.
_REMAINS = keyset("مخلفات", "بقايا", "مخلفاته", "مخلفاتها")
_STOPPED = keyset("توقف", "توقفت", "يتوقف", "تتوقف", "وتوقف", "وتوقفت")


def _left_or_stopped(tokens: Sequence[Token], found: EventMention) -> bool:
    """The trigger names what an event left behind, or says the event stopped: no event is told."""
    before = tokens[found.start - 1].norm if found.start else ""
    after = tokens[found.end].norm if found.end < len(tokens) else ""
    return before in _REMAINS or before in _STOPPED or after in _STOPPED


# "انتهت وحدات الهندسة من تطهير عدة قرى من العبوات الناسفة والألغام": an area cleared of explosives
# is no explosion (ACLED codes a device defused or detonated as disrupted, not a clearance).
_CLEARING = keyset("تطهير", "بتطهير", "لتطهير", "تطهيرها", "ازاله", "بازاله", "لازاله", "نزع", "مسح", "تنظيف")
_REMOTE_DEVICES = {"Remote explosive/landmine/IED", "Grenade"}


def _cleared_of(tokens: Sequence[Token], found: EventMention) -> bool:
    """The device follows "من" (itself or a device joined to it) after a verb of clearing an area in
    the twelve words before it."""
    if found.sub_event_type not in _REMOTE_DEVICES or not found.start:
        return False
    if not any(t.norm == "من" for t in tokens[max(0, found.start - 3) : found.start]):
        return False  # "من العبوات الناسفة والألغام": the second device is cleared too
    return any(t.norm in _CLEARING for t in tokens[max(0, found.start - 12) : found.start])


# "عملية الترميم استهدفت ثلاث مدارس", "حملة تلقيح تستهدف الأطفال": a work aimed at something, not an attack.
_WORKS = keyset(
    "ترميم", "تاهيل", "صيانه", "مشروع", "مشاريع", "برنامج", "برامج", "مبادره", "توزيع", "تلقيح", "لقاح",
    "توعيه", "تدريب", "منحه", "مساعدات", "اعمار",
)  # fmt: skip


def _aimed_work(tokens: Sequence[Token], i: int) -> bool:
    """The subject of "استهدف" just before it is a work or a programme (a campaign of vaccination, a
    restoration), which aims at people or buildings without attacking them."""
    return any(set(clitic_stems(t.norm)) & _WORKS for t in tokens[max(0, i - 3) : i])


# "رئيس لجنة المصالحة", "مركز التسوية": an office named after the agreement, not one reached.
_OFFICES = keyset("لجنه", "لجان", "مركز", "مراكز", "هيئه", "مكتب", "مكاتب", "وزاره", "وزير", "ملف", "لجنتي")


# "اتفاقية استثمار … مع شركة", "تسوية أوضاع المتخلفين": a contract or a person's status settled, not an
# agreement between the parties of a conflict (ACLED's Agreement: ceasefires, truces, exchanges…).
_NOT_CONFLICT_AFTER = keyset(
    "استثمار", "استثماريه", "استثماري", "تعاون", "تجاريه", "اقتصاديه", "تجاره", "توريد", "تشغيل",
    "شراكه", "تفاهم", "قرض", "بقيمه", "قيمتها",
    "اوضاع", "وضع", "الاوضاع", "وضعه", "اوضاعهم", "وضعهم",
)  # fmt: skip
_COMPANIES = keyset("شركه", "شركات", "الشركه", "مستثمر", "مستثمرين", "دولار", "يورو", "استثمارات")


def _not_a_conflict_agreement(tokens: Sequence[Token], i: int) -> bool:
    """An office named after agreements, a contract, or a person's status settled."""
    if i > 0 and set(clitic_stems(tokens[i - 1].norm)) & _OFFICES:
        return True
    following = tokens[i + 1 : i + 3]
    if any(set(clitic_stems(t.norm)) & _NOT_CONFLICT_AFTER for t in following):
        return True
    return any(set(clitic_stems(t.norm)) & _COMPANIES for t in tokens)


def _match_at(tokens: Sequence[Token], i: int) -> EventMention | None:
    for parts, codes, weight, stems in _candidates(tokens[i].norm):
        end = _phrase_end(tokens, i, parts)
        if end is not None:
            return EventMention(i, end, codes[0], codes[1], weight, stems)
    return None


@lru_cache(maxsize=1 << 14)
def _candidates(norm: str) -> tuple[tuple[tuple[str, ...], tuple[str, str], int, str], ...]:
    """The lexicon entries a trigger word can start, longest first; between two as long ("الضربات":
    the strikes "ضربات", or the beating "الضرب" with a suffix), the more specific (heavier) one, then
    the spelling: never the order of a set, which changes from one run to the next."""
    return tuple(
        sorted(
            (e for first in trigger_stems(norm) for e in _INDEX.get(first, ())),
            key=lambda e: (-len(e[0]), -sum(len(p) for p in e[0]), -e[2], e[3]),
        )
    )


# A time word or the two sides as subject may stand between a verb and its object: "أسقطت أمس طائرة
# مسيرة", "قصفت اليوم بلدة", "تبادل الطرفان إطلاق النار".
_TIME_WORDS = keyset(
    "امس", "اليوم", "فجر", "صباح", "مساء", "ليلا", "ظهر", "فجرا", "صباحا", "مساءا", "الطرفان", "الجانبان"
)


def _phrase_end(tokens: Sequence[Token], i: int, parts: tuple[str, ...]) -> int | None:
    """Where the lexicon phrase `parts` starting at token i ends, or None if the words do not follow."""
    j = i + 1
    for k in range(1, len(parts)):
        if k == 1 and j < len(tokens) - 1 and tokens[j].norm in _TIME_WORDS:
            j += 1
        if j >= len(tokens) or parts[k] not in trigger_stems(tokens[j].norm):
            return None
        j += 1
    return j
