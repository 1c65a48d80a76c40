"""What a sentence is when it is not a report of an event: a situation, a tally, a statement, an
anniversary, a plan or negotiation, an investigation or trial, published evidence; or a report told as
earlier than the article's news.

News states its news in the lead (the inverted pyramid). A lead that frames the article as one of these
makes the events told after it background, unless one of them is dated to the days of publication: an
anniversary piece recounts the massacre, a monthly tally lists the month's killings, a statement on a
settlement cites the agreement of 1974, and none of them is an incident to alert on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from extraction.casualties import CasualtyCount
from extraction.normalize import keyset, normalize_ar, with_conjunction
from extraction.tokens import Sentence, Token
from extraction.wordclass import any_of, stems_in, word_class

# Sentences about a situation rather than an event.
_GENERIC_CUES = (
    "حاله من",
    "يستمرون",
    "مستمر",
    "مستمره",
    "المستمر",
    "المستمره",
    "بشكل مستمر",
    "بشكل يومي",
    "يوميا",
    "تعاني",
    "يعاني",
    "تزايد",
    "تزايدا",
    "تزايد في",
    "ارتفاع في",
    "المتكرره",
    "المتكرر",
    "متكرره",
    "في ظل",
    "تستمر",
    "يستمر",
    "ما تزال",
    "لا تزال",
    "مازالت",
    "ما زالت",
    "لازالت",
    "بعض الاحيان",
    "احيانا",
    "بين الحين والاخر",
    "بين حين واخر",
    "من حين لاخر",
    "من حين الي اخر",
    "بين الفينه والاخري",
    "لا يمكن",
    "يمكن ان",
    "قد يكون",
    "ربما",
    "تعد",
    "يعد",
    "عمليات اغتيال",
    "سلسله من",
    "الفلتان الامني",
    "فوضي امنيه",
    "تشهد المنطقه",
)
# Sentence openings that place what follows before the main event.
_EARLIER_CUES = (
    "ياتي ذلك",
    "ياتي هذا",
    "تاتي هذه",
    "تاتي تلك",
    "بعد يومين",
    "بعد ايام",
    "بعد اسبوع",
    "في وقت سابق",
    "وقت سابق",
    "سبق",
    "قبل ايام",
    "قبل يومين",
    "قبل اسبوع",
    "قبل اسابيع",
    "قبل عده",
    "الاسبوع الماضي",
    "الشهر الماضي",
    "العام الماضي",
    "مطلع الشهر",
    "مطلع العام",
    # an event noun called earlier: "بمقتل تسعة في تفجير سابق بمدينة عزاز"
    *(
        f"{noun} {earlier}"
        for noun in ("تفجير", "انفجار", "هجوم", "قصف", "اعتداء", "حادث", "غاره", "استهداف", "اشتباك")
        for earlier in ("سابق", "سابقه")
    ),
)


# Tallies of many events: "أحصى 33 عملية … أسفرت عن مقتل 18 شخصاً خلال شهر أيار".
_TALLY_CUES = (
    "احصي",
    "احصت",
    "وثق",
    "وثقت",
    "توثيق",
    "خلال شهر",
    "خلال الشهر",
    "خلال العام",
    # "خلال الأسبوع الجاري" is this week's news, not a tally of a week gone by
    "خلال الاسبوع الماضي",
    "خلال الاسبوع الفائت",
    "خلال الاسبوع المنصرم",
    "منذ مطلع",
    "منذ بدايه",
    "اجمالي",
    "حصيله شهريه",
    "حصيله اسبوعيه",
    "منذ مطلع العام",
    # a count over a span of days: "في الفترة الواقعة بين 1 و16 كانون الثاني"
    "الفتره الواقعه بين",
    "الفتره الممتده",
    "الفتره ما بين",
    "الفتره بين",
)


# Sentences that open with a meeting or a position: the events in them are topics, not reports.
_POSITION_VERBS = keyset(
    *"التقى يلتقي اجتمع يجتمع بحث يبحث ناقش يناقش زار يزور استقبل يستقبل ندد يندد تندد دان أدان يدين "
    "تدين حذر يحذر تحذر طالب يطالب تطالب دعا يدعو تدعو رحب يرحب ترحب استنكر يستنكر تستنكر جدد يجدد "
    "أعرب أعربت يعرب تعرب".split()
)


@dataclass(frozen=True, slots=True)
class _Cues:
    """Cue phrases as one regex over a sentence's normalised text, each as whole words, also after a
    conjunction ("وتستمر"), and the word class that every match contains (one word of each cue,
    the longest), so a sentence without any of those words is not searched."""

    pattern: re.Pattern[str]
    words: int

    @classmethod
    def of(cls, cues) -> _Cues:
        normalised = sorted({normalize_ar(c) for c in cues}, key=len, reverse=True)
        alternatives = "|".join(re.escape(c) for c in normalised)
        marked = frozenset(max(reversed(c.split(" ")), key=len) for c in normalised)
        return cls(
            re.compile(f" [وف]?(?:{alternatives}) "),
            any_of(with_conjunction(marked)),
        )

    def found_in(self, norm: str, flags: int) -> bool:
        return bool(flags & self.words) and bool(self.pattern.search(f" {norm} "))


_TALLY = _Cues.of(_TALLY_CUES)
# An ordinal counting the event in a series is a report of one event, not a tally: "عدوان جديد …
# يعتبر الرابع من نوعه خلال شهر", "للمرة الثالثة خلال أسبوع", "العدوان الرابع على دمشق خلال شهر".
_ORDINALS = "ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر".split()
_SERIES = re.compile(rf" [وف]?(?:لل|ال)?(?:{'|'.join(_ORDINALS)})[هة]?(?: \S+){{0,4}} (?:خلال|غضون|من نوع)")
_GENERIC = _Cues.of(_GENERIC_CUES)
_EARLIER = _Cues.of(_EARLIER_CUES)
_POSITION_VERB = stems_in(_POSITION_VERBS)
_SINCE = any_of(["منذ", "ومنذ"])

# Anniversaries and commemorations: "يصادف اليوم الذكرى السادسة لمجزرة …", "يستذكر الأهالي …".
_ANNIVERSARY_CUES = (
    "ذكرى",
    "الذكرى",
    "ذكراها",
    "ذكراه",
    "يستذكر",
    "يستذكرون",
    "استذكار",
    "يصادف اليوم",
    "تصادف اليوم",
    "احياء ذكرى",
)
# "بعد 11 عاماً: مجزرة الشعيطات", "بعد مرور عشر سنوات على …": years on, the event is remembered.
_YEARS_ON = re.compile(r" بعد (?:مرور )?(?:\S+ ){1,2}(?:عاما|اعوام|سنوات) | بعد (?:مرور )?(?:عامين|سنتين) ")
_YEARS_ON_WORDS = word_class(lambda norm: norm in ("عاما", "اعوام", "سنوات", "عامين", "سنتين"))
# Plans, preparations and negotiations: what is to happen, not what happened.
_COMING = ("المقبل", "المقبله", "القادم", "القادمه")
_TIME_UNITS = (
    "الاسبوع",
    "الشهر",
    "العام",
    "الايام",
    "الساعات",
    "الاسابيع",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    # "في الخامس والعشرين من سبتمبر المقبل", "مطلع آذار القادم"
    *"كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين".split(),
    *"يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر".split(),
)
_PLAN_CUES = (
    "من المقرر",
    "من المرتقب",
    "من المتوقع",
    "من المنتظر",
    "مساعي",
    "المساعي",
    "تحضيرات",
    "التحضيرات",
    "استعدادات",
    "الاستعدادات",
    "مفاوضات",
    "المفاوضات",
    "تعزيزات",
    "التعزيزات",
    "سيتم",
    "ستتم",
    "سيجري",
    "ستجري",
    "تستعد",
    "يستعد",
    "تهديدات",
    *(f"{unit} {coming}" for unit, coming in product(_TIME_UNITS, _COMING)),
)
# Investigations, trials and accountability: the event is their subject, told before.
_INVESTIGATION_CUES = (
    "التحقيق في",
    "للتحقيق في",
    "لجنه تحقيق",
    "لجنه للتحقيق",
    "لجنه تقصي",
    "محاكمه",
    "المحاكمه",
    "محاكمات",
    "محاسبه",
    # a verdict: "قضت محكمة ألمانية بالسجن مدى الحياة بحق …"
    "قضت محكمه",
    "حكمت محكمه",
    "اصدرت محكمه",
    "بالسجن مدى الحياه",
    "حكما بالسجن",
    "حكم بالسجن",
    "حكما بالاعدام",
    "حكم بالاعدام",
)
# A trial or accountability demanded is what a protest calls for, not an investigation under way:
# "مظاهرات نادت بإسقاط ومحاكمة قائد الهيئة", "طالب المحتجون بمحاسبة المتورطين".
_DEMAND = stems_in(
    keyset(
        *"نادت نادى نادوا ينادون طالب طالبت طالبوا يطالب يطالبون تطالب مطالبين مطالبه مطالبا هتف هتفوا".split()
    )
)
# Meetings and conferences: "عقد أمس اجتماع في مجلس المحافظة لإعلان …" (not "عقد صلح", an agreement).
# (not "لقاء": it also means "in exchange for")
_MEETING_CUES = (
    *("اجتماع", "اجتماعا", "الاجتماع", "مؤتمر", "مؤتمرا", "المؤتمر"),
    # "خلال لقائهم وزير الدفاع", "استقبل وزير الدفاع وفداً": an audience, not an event
    *("لقائهم", "لقائه", "لقائها", "خلال لقاء", "استقبل وزير", "استقبلت وزيره", "استقبل الرئيس", "وفدا من"),
)
# Business: a contract or an investment is no conflict agreement ("توقيع اتفاقية استثمار…").
_BUSINESS_CUES = (
    "اتفاقية استثمار",
    "اتفاقية تعاون",
    "مذكرة تفاهم",
    "عقد استثمار",
    "فرص استثمارية",
    "مشاريع استثمارية",
    "الاستثمار في",
    "اتفاقية استثمارية",
    "استثمارات",
    "الاستثمارات",
    "لشراء حصة",
    "تستحوذ على",
    "يستحوذ على",
)
# Evidence published about past events: "نشرت صحيفة … مقطع فيديو يظهر …".
_EVIDENCE_CUES = (
    "مقطع فيديو",
    "مقطع مصور",
    "تسجيل مصور",
    "شريط فيديو",
    "فيديو مسرب",
    "صور مسربه",
    "يوثق",
    "توثق",
)


_ANNIVERSARY = _Cues.of(_ANNIVERSARY_CUES)
_PLAN = _Cues.of(_PLAN_CUES)
_INVESTIGATION = _Cues.of(_INVESTIGATION_CUES)
_EVIDENCE = _Cues.of(_EVIDENCE_CUES)
_MEETING = _Cues.of(_MEETING_CUES)
_BUSINESS = _Cues.of(_BUSINESS_CUES)
# Frames that, in the lead, make the article not an incident report (a situation sentence does not: an
# article may open on the situation and then tell the day's event).
ARTICLE_FRAMES = frozenset(
    {"tally", "position", "anniversary", "plan", "investigation", "evidence", "meeting", "business"}
)


def sentence_frame(sentence: Sentence, norm: str, counts: tuple[CasualtyCount, ...]) -> str | None:
    """What the sentence is when it reports nothing (a tally, a statement, an anniversary, a plan, an
    investigation, published evidence, a situation), else None. Apart from a tally or a statement, a
    sentence with a definite casualty figure is a report ("تتواصل الفوضى، حيث قتل شاب …")."""
    flags = sentence.flags
    if _TALLY.found_in(norm, flags) and not _SERIES.search(f" {norm} "):
        return "tally"
    if _opens_with_position(sentence.tokens):
        return "position"
    if any(c.value for c in counts):
        return None  # a definite toll makes it a report: "بعد فشل المفاوضات … قتل 18 مدنياً"
    for kind, cues in (
        ("anniversary", _ANNIVERSARY),
        ("plan", _PLAN),
        ("investigation", _INVESTIGATION),
        ("evidence", _EVIDENCE),
        ("meeting", _MEETING),
        ("business", _BUSINESS),
        ("situation", _GENERIC),
    ):
        if cues.found_in(norm, flags) and not (kind == "investigation" and flags & _DEMAND):
            return kind
        if kind == "anniversary" and flags & _YEARS_ON_WORDS and _YEARS_ON.search(f" {norm} "):
            return kind
    return None


def planned_before(tokens: tuple[Token, ...], index: int, flags: int) -> bool:
    """A plan cue ("من المقرر", "سيتم"…) stands before token `index`: what follows is to happen."""
    return _PLAN.found_in(" ".join(t.norm for t in tokens[:index]), flags)


def _opens_with_position(tokens: tuple[Token, ...]) -> bool:
    """The sentence opens with a verb of meeting or position ("ندد", "وطالب", "كما دعا"); further in,
    the same letters are other words ("ساد هدوء حذر")."""
    first = 1 if tokens and tokens[0].norm in _OPENERS and len(tokens) > 1 else _after_the_channel(tokens)
    return first < len(tokens) and bool(tokens[first].flags & _POSITION_VERB)


_OPENERS = keyset("كما", "فيما", "بينما", "ثم", "وقد", "قد")
_CHANNELS = keyset("بيان", "تصريح", "تصريحات", "كلمه", "رساله", "مؤتمر", "تغريده", "منشور", "مقابله")


def _after_the_channel(tokens: tuple[Token, ...]) -> int:
    """ "في بيان مشترك، أعرب …": where the sentence goes on after the channel it names (0 when none)."""
    if len(tokens) < 3 or tokens[0].norm != "في" or tokens[1].norm not in _CHANNELS:
        return 0
    return next((i + 1 for i in range(2, min(len(tokens), 6)) if tokens[i].norm in ("،", ",")), 0)


def is_earlier(sentence: Sentence, norm: str) -> bool:
    """Told as before the main event: "ومنذ عدة أيام", "في وقت سابق", "وكانت … قد", "الشهر الماضي"."""
    if _EARLIER.found_in(norm, sentence.flags):
        return True
    if sentence.flags & _SINCE and _SINCE_RE.search(f" {norm} "):
        return True
    if told_a_while_after(sentence, norm):
        return True
    first = sentence.tokens[0].norm
    return first in {"وكان", "وكانت", "كان", "كانت"} and bool(sentence.flags & _QAD)


# "عاد الأهالي … بعد أشهر على استعادة الجيش السيطرة عليها": the event told after a span of days or
# more is when the sentence is told from, not what it reports (hours after may be the same day).
_AFTER = any_of(["بعد", "وبعد"])


def told_a_while_after(sentence: Sentence, norm: str) -> bool:
    """ "بعد أشهر على …", "بعد أيام من …": the sentence is told from days or more after its event."""
    return bool(sentence.flags & _AFTER) and bool(_A_WHILE_AFTER_RE.search(f" {norm} "))


_A_WHILE_AFTER_RE = re.compile(
    " و?بعد (?:اشهر|شهور|شهر|شهرين|ايام|يومين|اسابيع|اسبوع|اسبوعين|سنوات|سنه|سنتين|اعوام|عام|عامين) (?:علي|من) "
)


_YEAR = word_class(lambda norm: len(norm) == 4 and norm.isdigit() and 1900 <= int(norm) <= 2100)


def years_named(tokens: tuple[Token, ...], flags: int) -> tuple[tuple[int, int], ...]:
    """(token index, year) of every year a sentence names ("عام 2018", "25/5/2012")."""
    if not flags & _YEAR:
        return ()
    return tuple((i, int(t.norm)) for i, t in enumerate(tokens) if t.flags & _YEAR)


_QAD = any_of(["قد"])
_SINCE_RE = re.compile(r" و?منذ (?!صباح|فجر|ظهر|مساء|ليل|الصباح|ساعات|ساعه|الساعات|بدايه)")
SEARCHED = (
    _TALLY.words
    | _GENERIC.words
    | _EARLIER.words
    | _SINCE
    | _AFTER
    | _ANNIVERSARY.words
    | _YEARS_ON_WORDS
    | _PLAN.words
    | _INVESTIGATION.words
    | _EVIDENCE.words
    | _MEETING.words
    | _BUSINESS.words
)
