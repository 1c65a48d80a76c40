"""Event triggers: the words that say something happened, and the ACLED type each one signals.

A trigger is a sequence of word stems; a token matches a stem when one of its clitic-free forms starts with
it (so اشتباك matches اشتباكات, والاشتباكات). A stem written with a trailing "=" must match exactly.
Weights follow ACLED's rule that the more specific or severe type wins: a sentence with "clashes that
killed" is a battle, with "set fire to tankers after attacking them" a property destruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from extraction.normalize import clitic_stems, keyset, normalize_ar, strip_article
from extraction.records import fact
from extraction.tokens import Token
from extraction.wordclass import flagged, present, word_class

# Sub-event codes resolved later from the victims: targeted violence against civilians is
# "Violence against civilians/Attack", against an armed group "Battles/Armed clash".
TARGETED = "targeted"
BATTLE = ("Battles", "Armed clash")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR = ("Explosions/Remote violence", "Air/drone strike")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
GRENADE = ("Explosions/Remote violence", "Grenade")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
CHEMICAL = ("Explosions/Remote violence", "Chemical weapon")
ATTACK = ("Violence against civilians", "Attack")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
SEXUAL = ("Violence against civilians", "Sexual violence")
PROTEST = ("Protests", "Peaceful protest")
PROTEST_INTERVENTION = ("Protests", "Protest with intervention")
EXCESSIVE_FORCE = ("Protests", "Excessive force against protesters")
RIOT = ("Riots", "Violent demonstration")
MOB = ("Riots", "Mob violence")
AGREEMENT = ("Strategic developments", "Agreement")
ARRESTS = ("Strategic developments", "Arrests")
CHANGE = ("Strategic developments", "Change to group/activity")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
BASE = ("Strategic developments", "Headquarters or base established")
LOOTING = ("Strategic developments", "Looting/property destruction")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
GOV_REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
VIOLENCE = (TARGETED, TARGETED)

# (stems, (event_type, sub_event_type), weight)
_LEXICON: list[tuple[str, tuple[str, str], int]] = [
    # Battles
    ("اشتباك", BATTLE, 3),
    ("اشتبك", BATTLE, 3),
    ("مواجهات", BATTLE, 3),
    ("مواجهه مسلحه", BATTLE, 3),
    ("معارك", BATTLE, 3),
    ("معركه", BATTLE, 2),
    ("اقتتال", BATTLE, 3),
    ("اقتتل", BATTLE, 3),
    ("تبادل اطلاق", BATTLE, 3),
    ("تبادل لاطلاق", BATTLE, 3),
    ("تبادل النار", BATTLE, 3),
    ("كمين", BATTLE, 3),
    ("هجوم مسلح", VIOLENCE, 2),
    ("هجوما مسلحا", VIOLENCE, 2),
    ("استعادت السيطره", GOV_REGAINS, 3),
    ("استعاده السيطره", GOV_REGAINS, 3),
    ("سيطرت علي", OVERTAKES, 2),
    ("سيطروا علي", OVERTAKES, 2),
    ("السيطره علي", OVERTAKES, 2),
    ("بسط سيطرته", OVERTAKES, 1),
    # Explosions / remote violence
    ("قصف مدفعي", SHELLING, 4),
    ("قصف صاروخي", SHELLING, 4),
    ("قصفا مدفعيا", SHELLING, 4),
    ("قصفا صاروخيا", SHELLING, 4),
    ("قذيفه", SHELLING, 3),
    ("قذائف", SHELLING, 3),
    ("صاروخ", SHELLING, 2),
    ("صواريخ", SHELLING, 2),
    ("هاون", SHELLING, 3),
    ("راجمه", SHELLING, 3),
    ("راجمات", SHELLING, 3),
    ("مدفعيه", SHELLING, 3),
    ("قصف", SHELLING, 3),
    ("قصفت", SHELLING, 3),
    ("يقصف", SHELLING, 3),
    ("تقصف", SHELLING, 3),
    ("استهدفت بالمدفعيه", SHELLING, 4),
    ("غاره", AIR, 4),
    ("غارات", AIR, 4),
    ("قصف جوي", AIR, 5),
    ("قصفا جويا", AIR, 5),
    ("ضربه جويه", AIR, 4),
    ("ضربات جويه", AIR, 4),
    # "ضربات إسرائيلية استهدفت…": strikes, in the plural, are from the air or by missile; a beating is "الضرب"
    ("ضربات", AIR, 3),
    ("عدوان جوي", AIR, 4),
    ("عدوانا جويا", AIR, 4),
    ("طائره مسيره", AIR, 4),
    ("طائرات مسيره", AIR, 4),
    ("مسيره", AIR, 3),
    ("مسيرات", AIR, 3),
    ("طائره مسيّره", AIR, 4),
    ("طيران مسير", AIR, 4),
    ("الطيران الحربي", AIR, 4),
    ("طائرات حربيه", AIR, 4),
    ("الطيران الروسي", AIR, 4),
    ("لغم", IED, 4),
    ("الغام", IED, 4),
    ("عبوه ناسفه", IED, 5),
    ("عبوات ناسفه", IED, 5),
    ("عبوه", IED, 3),
    ("عبوات", IED, 3),
    ("مفخخه", IED, 4),
    ("مفخخ", IED, 4),
    ("ناسفه", IED, 3),
    ("انفجار", IED, 2),
    ("انفجر", IED, 2),
    ("تفجير", IED, 2),
    ("قنبله يدويه", GRENADE, 5),
    ("قنابل يدويه", GRENADE, 5),
    ("رمانه يدويه", GRENADE, 5),
    ("انتحاري", SUICIDE, 5),
    ("حزام ناسف", SUICIDE, 5),
    ("انغماسي", SUICIDE, 4),
    # ACLED's Chemical weapon is the use of one: "أسلحة كيماوية" alone is also what a factory produces.
    ("هجوم كيماوي", CHEMICAL, 5),
    ("الهجوم الكيماوي", CHEMICAL, 5),
    ("قصف كيماوي", CHEMICAL, 5),
    ("كيماوي", CHEMICAL, 1),
    ("هجوم كيميائي", CHEMICAL, 5),
    ("الهجوم الكيميائي", CHEMICAL, 5),
    ("قصف كيميائي", CHEMICAL, 5),
    ("كيميائي", CHEMICAL, 1),
    ("غازات سامه", CHEMICAL, 4),
    ("غاز الكلور", CHEMICAL, 5),
    # Violence against civilians / targeted violence
    ("اغتيال", VIOLENCE, 3),
    ("اغتال", VIOLENCE, 3),
    ("تصفيه", VIOLENCE, 2),
    ("اعدام", VIOLENCE, 2),
    ("اعدم", VIOLENCE, 2),
    ("اطلاق النار", VIOLENCE, 2),
    ("اطلاق نار", VIOLENCE, 2),
    ("اطلاق الرصاص", VIOLENCE, 2),
    ("اطلقوا النار", VIOLENCE, 2),
    ("اطلق النار", VIOLENCE, 2),
    ("اطلقت النار", VIOLENCE, 2),
    ("برصاص", VIOLENCE, 2),
    ("رصاص", VIOLENCE, 1),
    ("طعن", VIOLENCE, 2),
    ("بسكين", VIOLENCE, 2),
    ("اله حاده", VIOLENCE, 2),
    ("بآله حاده", VIOLENCE, 2),
    ("ضرب مبرح", VIOLENCE, 2),
    ("الضرب", VIOLENCE, 1),
    ("اعتدي", VIOLENCE, 2),
    ("اعتداء", VIOLENCE, 2),
    ("الاعتداء", VIOLENCE, 2),
    ("تعذيب", VIOLENCE, 2),
    ("هاجم", VIOLENCE, 1),
    ("مهاجمه", VIOLENCE, 1),
    ("هجوم", VIOLENCE, 1),
    ("استهداف", VIOLENCE, 1),
    ("استهدف", VIOLENCE, 1),
    ("قتل", VIOLENCE, 1),
    ("مقتل", VIOLENCE, 1),
    ("جثه", VIOLENCE, 1),
    ("جثث", VIOLENCE, 1),
    ("مقتولا", VIOLENCE, 1),
    ("مقتولين", VIOLENCE, 1),
    ("جريمه قتل", VIOLENCE, 2),
    ("اختطاف", ABDUCTION, 4),
    ("اختطف", ABDUCTION, 4),
    ("خطف", ABDUCTION, 4),
    ("مختطف", ABDUCTION, 3),
    ("اخفاء قسري", ABDUCTION, 4),
    ("تغييب", ABDUCTION, 3),
    ("الخاطفه", ABDUCTION, 3),
    ("اغتصاب", SEXUAL, 5),
    ("تحرش", SEXUAL, 4),
    # Protests and riots
    ("مظاهره", PROTEST, 4),
    ("مظاهرات", PROTEST, 4),
    ("تظاهره", PROTEST, 4),
    ("تظاهر", PROTEST, 4),
    ("وقفه احتجاجيه", PROTEST, 5),
    ("وقفات احتجاجيه", PROTEST, 5),
    ("احتجاج", PROTEST, 3),
    ("احتجاجات", PROTEST, 3),
    ("اعتصام", PROTEST, 4),
    ("متظاهر", PROTEST, 2),
    ("محتج", PROTEST, 2),
    # "كانوا محتجزين لديها": held, not protesting (a state, too weak to start an incident)
    ("محتجز", ARRESTS, 1),
    ("مسيره احتجاجيه", PROTEST, 5),
    ("حراك", PROTEST, 3),
    ("احتشد", PROTEST, 3),
    ("لافتات", PROTEST, 3),
    ("هتافات", PROTEST, 3),
    ("رفعوا شعارات", PROTEST, 4),
    ("اضراب", PROTEST, 3),
    ("تفريق المتظاهرين", PROTEST_INTERVENTION, 6),
    ("فرقت", PROTEST_INTERVENTION, 2),
    ("اطلاق النار علي المتظاهرين", EXCESSIVE_FORCE, 7),
    ("النار علي المحتجين", EXCESSIVE_FORCE, 7),
    ("اعمال شغب", RIOT, 5),
    ("انتفاضه", RIOT, 4),
    ("مشاجره", MOB, 2),
    ("شجار", MOB, 2),
    # Strategic developments
    ("اتفاق", AGREEMENT, 3),
    # ACLED lists prisoner exchanges under Agreement (an exchange planned is a plan, unlike an
    # agreement reached: extraction.document)
    ("تبادل الاسري", AGREEMENT, 4),
    ("تبادل للاسري", AGREEMENT, 4),
    ("تبادل اسري", AGREEMENT, 4),
    ("صفقه تبادل", AGREEMENT, 4),
    ("اتفق", AGREEMENT, 3),
    ("مصالحه", AGREEMENT, 3),
    ("صلح", AGREEMENT, 3),
    (
        "تسويه",
        AGREEMENT,
        1,
    ),  # settling one's status with the authorities; a reconciliation is told as an agreement
    ("هدنه", AGREEMENT, 3),
    ("وقف اطلاق النار", AGREEMENT, 4),
    ("اعتقال", ARRESTS, 3),
    ("اعتقل", ARRESTS, 3),
    ("حمله اعتقالات", ARRESTS, 4),
    ("مداهمه", ARRESTS, 3),
    ("داهم", ARRESTS, 3),
    ("القبض علي", ARRESTS, 3),
    ("اعتقالات", ARRESTS, 3),
    ("توقيف", ARRESTS, 2),
    ("اوقفت", ARRESTS, 2),
    ("احتجاز", ARRESTS, 2),
    ("احتجز", ARRESTS, 2),
    ("اقتياد", ARRESTS, 2),
    ("اقتاد", ARRESTS, 2),
    ("انشقاق", CHANGE, 3),
    ("انشق", CHANGE, 3),
    ("حل فصيل", CHANGE, 3),
    ("حل نفسه", CHANGE, 4),
    ("حل تشكيل", CHANGE, 4),
    ("حل اللواء", CHANGE, 4),
    ("تفكيك عبوه", DISRUPTED, 6),
    # engineers dealing with a device defuse it or blow it up safely: "تعاملت وحدات الهندسة مع عبوة"
    ("تعاملت وحدات الهندسه", DISRUPTED, 7),
    ("تعاملت فرق الهندسه", DISRUPTED, 7),
    ("تعامل فريق الهندسه", DISRUPTED, 7),
    ("تفكيك عبوه ناسفه", DISRUPTED, 7),
    ("تفكيك عبوات ناسفه", DISRUPTED, 7),
    ("اسقاط طائره", DISRUPTED, 6),
    ("اسقاط مسيره", DISRUPTED, 6),
    ("اسقطت طائره", DISRUPTED, 6),
    ("اسقطت مسيره", DISRUPTED, 6),
    ("اعتراض صاروخ", DISRUPTED, 6),
    ("اعتراض مسيره", DISRUPTED, 6),
    ("تصدت الدفاعات", DISRUPTED, 6),
    ("الدفاعات الجويه", DISRUPTED, 5),
    ("ضبط اسلحه", DISRUPTED, 5),
    ("ضبط متفجرات", DISRUPTED, 5),
    ("ضبط عبوات", DISRUPTED, 5),
    ("تفكيك لغم", DISRUPTED, 6),
    # a device found, or blown up where it could not be defused ("بعد اكتشافها وتعذر تفكيكها")
    ("تفكيكها", DISRUPTED, 6),
    ("اكتشاف عبوه", DISRUPTED, 6),
    ("العثور علي عبوه", DISRUPTED, 6),
    ("ابطال", DISRUPTED, 2),
    ("مصادره اسلحه", DISRUPTED, 4),
    ("ضبط شحنه اسلحه", DISRUPTED, 5),
    ("مقر جديد", BASE, 4),
    ("مقرات جديده", BASE, 4),
    ("نقطه جديده", BASE, 4),
    ("نقاط جديده", BASE, 4),
    ("نقاطا جديده", BASE, 4),
    ("نقاط عسكريه جديده", BASE, 5),
    ("قاعده جديده", BASE, 4),
    ("انشاء قاعده", BASE, 4),
    ("انشاء نقطه", BASE, 4),
    ("استحدث", BASE, 3),
    ("تمركز", BASE, 1),
    ("حرق", LOOTING, 3),
    ("احراق", LOOTING, 3),
    ("احرق", LOOTING, 3),
    ("احتراق", LOOTING, 3),
    ("اضرام النار", LOOTING, 4),
    ("اضرموا النار", LOOTING, 4),
    ("نهب", LOOTING, 3),
    ("سرقه", LOOTING, 2),
    ("سرق", LOOTING, 2),
    ("تعفيش", LOOTING, 4),
    ("هدم", LOOTING, 2),
    ("تجريف", LOOTING, 3),
    ("الاستيلاء علي", LOOTING, 3),
    ("استولت", LOOTING, 3),
    ("استولي", LOOTING, 3),
    ("تفجير منزل", LOOTING, 4),
    ("انسحاب", TRANSFER, 2),
    ("انسحبت", TRANSFER, 3),
    ("تسليم", TRANSFER, 1),
    ("سلمت", TRANSFER, 2),
    ("تسلمت", TRANSFER, 2),
    ("استلمت", TRANSFER, 2),
    ("دخول قوات", TRANSFER, 2),
]


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
        if found is not None:
            mentions.append(found)
            free = found.end
    return mentions


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
    """The lexicon entries a trigger word can start, longest first."""
    return tuple(
        sorted(
            (e for first in trigger_stems(norm) for e in _INDEX.get(first, ())),
            key=lambda e: (-len(e[0]), -sum(len(p) for p in e[0])),
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
