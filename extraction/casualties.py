"""Killed and injured counts: numbers near casualty words, summed within a sentence.

ACLED records a definite figure only: "عدة جرحى" gives no number, "دون وقوع إصابات" gives 0 while "دون
ورود معلومات عن خسائر" gives none, and when reports differ the lowest figure is kept. Within one sentence
distinct mentions add up ("أصيب القيادي مع ثلاثة من عناصره … وأصيب اثنان من الدورية" = 6); across sentences
the same people are usually counted again (title and body), so sentences are not summed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extraction.normalize import clitic_stems, keyset, normalize_ar, stem_set
from extraction.numbers import dual_person, is_vague, number_phrase, number_value, vague_at_least
from extraction.records import fact
from extraction.tokens import Token, negated
from extraction.wordclass import flagged, present, stems_in, word_class

KILLED, INJURED = "killed", "injured"

# Word stems, each matching its inflections (up to three more letters): قتل → قتلوا, مقتل, قتلى…
_KILL_STEMS = tuple(
    normalize_ar(w)
    for w in (
        "قتل مقتل قتلى قتيل قضى قضوا مصرع حتفه حتفهم استشهد استشهاد شهيد شهداء مقتولا مقتولين توفي وفاة "
        "جثة جثث جثتي جثتين اغتيال اغتال اغتالوا إعدام أعدم تصفية"
    ).split()
)
# "لقي" (met [his death]) only as a whole word: as a prefix it would match "لقوات".
_KILL_WORDS = keyset("لقي", "لقيت", "لقوا", "لقيا", "ارتقى", "ارتقت", "ارتقوا", "ارتقاء", "ارتقاءه")
# Deaths told as a life lost: "فارق الحياة", "فقد حياته", "أودى بحياة طفلين". The life noun counts as
# the casualty word when its verb stands just before it (or, for بحياة, أودى a few words before).
_LIFE_NOUNS = keyset("الحياة", "حياة", "حياته", "حياتها", "حياتهم", "حياتهما")
_LOSS_VERBS = keyset("فقد", "فقدت", "فقدوا", "فقدا", "فارق", "فارقت", "فارقوا", "فارقا")
_CAUSED_DEATH_VERBS = keyset("أودى", "أودت", "أوديا", "يودي", "تودي")
_INJURE_STEMS = tuple(
    normalize_ar(w) for w in "أصيب إصابة أصابت إصابات جرح جرحى جريح مصاب أصيبوا إعاقة".split()
)
# "لقي … مصرعه": the count sits between the two words, so the second is not another mention.
_AFTER_LAQIYA = keyset("مصرعه", "مصرعها", "مصرعهم", "مصرعهما", "حتفه", "حتفها", "حتفهم", "حتفهما")
# Killing words that mean an attempt when "محاولة" comes first: "محاولة اغتيال".
_ATTEMPT = keyset("محاولة", "محاولات")
_PERSON_SINGULAR = keyset(
    *(
        "شخص شاب رجل امرأة سيدة طفل طفلة فتاة فتى مدني مواطن عنصر قيادي سائق راعي ضحية مقاتل جندي ضابط "
        "عامل مزارع مسن مدنيا شابا طفلا رجلا عنصرا شخصا مسلح مختار معلم طبيب إمام صاحب أحد راع "
        "لاجئ نازح موظف ناشط صحفي مسعف ممرض سائقا لاجئا نازحا شرطي آخر أخرى"
    ).split()
)
# Words after a number that make it something other than a head count.
_UNITS = keyset(
    *(
        "كم كيلومتر كيلومترات متر أمتار عام أعوام سنة سنوات عاما ساعة ساعات يوم أيام أسبوع شهر أشهر "
        "دولار ألف مليون ليرة ليرات دقيقة دقائق بالمئة % صهاريج صهريج سيارات سيارة منازل منزل "
        "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين يناير فبراير مارس أبريل مايو يونيو "
        "يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
    ).split()
)
_CAUSED = keyset("أسفر", "أسفرت", "أدى", "أدت", "خلف", "خلفت", "تسبب", "تسببت")
_DATE_WORDS = keyset("تاريخ", "بتاريخ", "عام", "العام", "الساعة", "في")
_NONE_RE = re.compile(
    r"(دون|بدون|من دون|لم (?:تسفر|يسفر|تسجل|يسجل|يقع|تقع|يسقط|يتسبب|تتسبب)(?: عن)?|عدم)\s+"
    # "دون أن يسفر ذلك عن إصابات", "دون أن يؤدي الانفجار إلى وقوع ضحايا"
    r"(?:ان (?:يسفر|تسفر|يودي|تودي|يوقع|توقع)(?: ذلك| الانفجار| الهجوم| القصف| الاستهداف)? (?:عن|الي)\s+)?"
    r"(?:(?:اي|وقوع|بوقوع|تسجيل|سقوط|عن)\s+)*"
    r"(اصابات|اصابه|ضحايا|قتلي|خساءر بشريه|خساءر في الارواح|خساءر في صفوف|جرحي)"
    r"|اقتصرت (?:الاضرار|الخساءر) علي (?:الماديات|الماديه|الاضرار الماديه)"
)
# Words between a casualty verb and its subject that do not push the subject away:
# "أصيب على إثرها القيادي", "قتل جراء ذلك شاب".
_FILLERS = keyset(*"على إثرها إثر جراء ذلك فيه فيها بها خلالها نتيجة بجروح ، حينها".split())
_STOPS = {".", "؟", "!"}


@fact
class CasualtyCount:
    """A figure stated in one sentence, with the tokens it came from."""

    kind: str
    value: int | None  # None: casualties mentioned without a definite number
    start: int
    end: int
    at_least: int | None = None  # a vague figure's conservative reading ("عشرات" 10), value None


def casualty_kind(token: Token) -> str | None:
    """KILLED or INJURED when the token is a casualty word."""
    flags = token.flags
    return KILLED if flags & _KILLED_WORD else INJURED if flags & _INJURED_WORD else None


@lru_cache(maxsize=1 << 16)
def _casualty_kind(norm: str) -> str | None:
    for form in clitic_stems(norm):
        if form in _KILL_WORDS:
            return KILLED
        if form.startswith("قتال"):
            continue
        if _inflects(form, _KILL_STEM_SET):
            return KILLED
        if _inflects(form, _INJURE_STEM_SET):
            return INJURED
    return None


_KILL_STEM_SET, _INJURE_STEM_SET = frozenset(_KILL_STEMS), frozenset(_INJURE_STEMS)


def _inflects(form: str, stems: frozenset[str]) -> bool:
    """`form` is one of `stems` with up to three more letters: its prefixes looked up, not every stem
    tried (every distinct word of the text is asked this once)."""
    for cut in range(max(1, len(form) - 3), len(form) + 1):
        if form[:cut] in stems:
            return True
    return False


_KILLED_WORD = word_class(lambda norm: _casualty_kind(norm) == KILLED)
_INJURED_WORD = word_class(lambda norm: _casualty_kind(norm) == INJURED)
_CASUALTY_WORD = _KILLED_WORD | _INJURED_WORD
_LIFE_NOUN = stems_in(_LIFE_NOUNS)
_LOSS_VERB = stems_in(_LOSS_VERBS)
_CAUSED_DEATH = stems_in(_CAUSED_DEATH_VERBS)
# Every match of _NONE_RE has a word ending in one of these before a space.
NONE_CUES = word_class(lambda norm: norm.endswith(("دون", "لم", "عدم", "اقتصرت")))


_RISE_VERB = stems_in(keyset("ارتفع", "ارتفعت", "ارتفاع", "بلغت", "وصلت"))
_TOLL_NOUN = stems_in(keyset("حصيله", "حصيلة", "عدد"))


def tells_rising_toll(tokens: Sequence[Token], flags: int | None = None) -> bool:
    """ "وارتفعت الحصيلة إلى 9 قتلى": the sentence gives a new total, not more victims to add."""
    flags = present(tokens, flags)
    return bool(flags & _RISE_VERB) and bool(flags & _TOLL_NOUN)


def states_no_casualties(sentence_norm: str, flags: int = -1) -> bool:
    """ "دون وقوع أي إصابات", "لم تسفر عن ضحايا", "اقتصرت الأضرار على الماديات".

    `flags`, the sentence's word classes when known, skips the search when no cue word is there."""
    return bool(flags & NONE_CUES) and bool(_NONE_RE.search(sentence_norm))


def sentence_counts(tokens: Sequence[Token], flags: int | None = None) -> list[CasualtyCount]:
    """Every casualty mention in one sentence with the figure it states (`flags`: the tokens' word
    classes when the caller has them)."""
    counts: list[CasualtyCount] = []
    if not present(tokens, flags) & (_CASUALTY_WORD | _LIFE_NOUN):
        return counts
    for i, kind in _mentions(tokens, flags):
        if negated(tokens, i) or _continues_laqiya(tokens, i) or _attempt(tokens, i):
            continue
        if _coordinated(tokens, i):
            # "قتل وجرح عشرة مدنيين": one figure for both; ACLED cannot split it.
            counts.append(CasualtyCount(kind, None, i, i + 1))
            continue
        if counts and counts[-1].kind == kind and counts[-1].value and 0 <= i - counts[-1].end <= 1:
            continue  # "إصابة حوالي 8 آخرين بإصابات مختلفة": how the counted were hurt, not more of them
        adjacent = _number_just_before(tokens, i)
        found, value, last = (True, adjacent, i) if adjacent else _figure_after(tokens, i)
        if not found:
            value, last = _figure_before(tokens, i), i
        if value is None and not found:
            value = _pronoun_count(tokens[i].norm)
            if value is not None and any(c.kind == kind and c.value for c in counts):
                continue  # "بمقتل اثنين … أدى لاستشهادهما": the pronoun is the two already counted
        if value is not None and value > 0:
            value += _additions(tokens, last + 1)
        at_least = _vague_figure(tokens, i, last if found else None) if value is None else None
        counts.append(CasualtyCount(kind, value, i, last + 1, at_least))
    return counts


def _vague_figure(tokens: Sequence[Token], i: int, after: int | None) -> int | None:
    """The conservative figure of a vague count told after the casualty word ("مقتل عشرات المدنيين")
    or before it ("عشرات الجرحى", "العشرات من الضحايا")."""
    if after is not None:
        return vague_at_least(tokens[after].norm)
    j = i - 2 if i >= 2 and tokens[i - 1].norm == "من" else i - 1
    return vague_at_least(tokens[j].norm) if j >= 0 else None


# "كتائب سيد الشهداء", "لواء الشهداء", "كتيبة شهداء": a unit named after its dead counts no one.
_UNIT_NOUNS = keyset(
    "كتائب", "كتيبه", "لواء", "الويه", "سرايا", "سريه", "فوج", "فيلق", "جيش", "تجمع", "حركه", "جبهه",
    "سيد", "ابناء", "مقبره", "مقابر", "عوائل", "اسر", "ذوي",
)  # fmt: skip


def _in_unit_name(tokens: Sequence[Token], i: int) -> bool:
    return i > 0 and bool(stem_set(tokens[i - 1].norm) & _UNIT_NOUNS)


def _mentions(tokens: Sequence[Token], flags: int | None) -> list[tuple[int, str]]:
    """The positions of casualty words and what each counts, a life lost ("فارق الحياة") included."""
    found = [
        (i, casualty_kind(tokens[i])) for i in flagged(tokens, _CASUALTY_WORD) if not _in_unit_name(tokens, i)
    ]
    if present(tokens, flags) & _LIFE_NOUN:
        found += [(i, KILLED) for i in flagged(tokens, _LIFE_NOUN) if _life_lost(tokens, i)]
        found.sort()
    return found


def _life_lost(tokens: Sequence[Token], i: int) -> bool:
    before = tokens[max(0, i - 3) : i]
    if any(t.flags & _LOSS_VERB for t in before):
        return True
    return tokens[i].norm.startswith("بح") and any(t.flags & _CAUSED_DEATH for t in tokens[max(0, i - 7) : i])


def _coordinated(tokens: Sequence[Token], i: int) -> bool:
    """ "قتل وجرح", "مقتل وإصابة": killed and injured joined before one shared figure. Not when the
    first has its own figure before it: "ثلاثة مدنيين قتلوا وأصيب آخرون" is 3 killed."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            other = casualty_kind(tokens[j])
            joined = tokens[max(i, j)].norm.startswith("و")
            if other is not None and other != casualty_kind(tokens[i]) and joined:
                return _figure_before(tokens, min(i, j)) is None
    return False


# "ما أدى لمقتله", "أدت إلى إصابتها": the victim is a pronoun on the casualty noun.
_PRONOUN_COUNTS = {"ه": 1, "ها": 1, "هما": 2}
_PRONOUN_BASES = tuple(normalize_ar(w) for w in "مقتل إصابت وفات استشهاد اغتيال جرح".split())


def _pronoun_count(norm: str) -> int | None:
    for form in clitic_stems(norm):
        for base in _PRONOUN_BASES:
            if form.startswith(base) and form[len(base) :] in _PRONOUN_COUNTS:
                return _PRONOUN_COUNTS[form[len(base) :]]
    return None


def _continues_laqiya(tokens: Sequence[Token], i: int) -> bool:
    if tokens[i].norm not in _AFTER_LAQIYA:
        return False
    return any(stem_set(t.norm) & _KILL_WORDS for t in tokens[max(0, i - 7) : i])


def _attempt(tokens: Sequence[Token], i: int) -> bool:
    return i > 0 and bool(stem_set(tokens[i - 1].norm) & _ATTEMPT)


def _figure_after(tokens: Sequence[Token], i: int) -> tuple[bool, int | None, int]:
    """The count after a casualty word: a number, a dual noun or one person.

    Returns (found, value, index): found with value None means a vague count ("آخرون", "عدد من")."""
    distance = 0
    for j in range(i + 1, min(len(tokens), i + 9)):
        norm = tokens[j].norm
        if casualty_kind(tokens[j]) or norm in _STOPS:
            break
        if norm == "،" and j + 1 < len(tokens) and _opens_clause(tokens[j + 1].norm):
            break  # "قُتلت إثر القذائف، وتم نقل 5 إصابات": the figure is the next clause's
        if norm in _FILLERS:
            continue
        distance += 1
        phrase = number_phrase([t.norm for t in tokens[j : j + 4]])
        if phrase is not None and _is_head_count(tokens, j + phrase[1] - 1):
            return True, phrase[0], j + phrase[1] - 1
        if dual_person(norm):
            return True, 2, j
        if is_vague(norm):
            return True, None, j
        if distance <= 2 and stem_set(norm) & _PERSON_SINGULAR:
            return True, 1, j
    return False, None, i


def _opens_clause(norm: str) -> bool:
    """ "وتم", "وأكد", "فيما": a conjunction on a verb or a clause word starts another clause."""
    return norm in {"فيما", "بينما", "كما"} or (norm.startswith("و") and len(norm) > 2 and norm[1] in "يتنا")


def _figure_before(tokens: Sequence[Token], i: int) -> int | None:
    """A count just before the casualty word, not another word's count: "3 قتلى", "شخصين قتلوا",
    "تعرض شخص لعملية اغتيال"; a parenthesis in between is skipped ("11 مدنياً (6 أطفال) قتلوا")."""
    j, steps = i - 1, 0
    while j >= 0 and steps < 3:
        if tokens[j].text == ")":
            while j >= 0 and tokens[j].text != "(":
                j -= 1
            j -= 1
            continue
        norm = tokens[j].norm
        steps += 1
        if norm in {"،", ",", ".", "و"} or casualty_kind(tokens[j]) or norm in _CAUSED:
            break  # "نزاع مسلح أسفر عن قتلى": what caused the casualties is not who they were
        owned = j > 0 and casualty_kind(tokens[j - 1]) is not None
        if not owned:
            value = number_value(norm)
            if value is not None and _is_head_count(tokens, j):
                return _total_before_subset(tokens, j) or value
            if dual_person(norm):
                return 2
            if stem_set(norm) & _PERSON_SINGULAR and not norm.startswith("ال"):
                # "11 مدنياً … قتلوا": a singular noun after a number is that number's noun.
                counted = number_value(tokens[j - 1].norm) if j > 0 else None
                return counted if counted is not None and _is_head_count(tokens, j - 1) else 1
        j -= 1
    return None


_AMONG = keyset("بينهم", "منهم", "بينهن", "منهن", "بينها", "بينهما")


def _total_before_subset(tokens: Sequence[Token], j: int) -> int | None:
    """ "عشرة آخرين بينهم سبعة جنود أصيبوا": the count after "بينهم" is a part of the one before it,
    which is the total (the 10 wounded, 7 of them soldiers)."""
    if j < 2 or tokens[j - 1].norm not in _AMONG:
        return None
    for k in range(j - 2, max(-1, j - 5), -1):
        value = number_value(tokens[k].norm)
        if value is not None and _is_head_count(tokens, k):
            return value
    return None


def _number_just_before(tokens: Sequence[Token], i: int) -> int | None:
    """A head count written right before the casualty word is its figure, whatever follows: "5 قتلى
    بينهم 3 أطفال" is 5, "إن 43 أصيبوا …، وهناك عدد منهم في حالة حرجة" is 43."""
    joined = tokens[i - 1].norm.startswith(("و", "ف")) if i else False  # "35 شهيداً و43 جريحاً"
    if i == 0 or (i > 1 and casualty_kind(tokens[i - 2]) is not None and not joined):
        return None
    if tokens[i].norm.startswith("و") and _casualty_kind(tokens[i].norm[1:]) is not None:
        return None  # "استشهاد مدنيين اثنين وإصابة خمسة": the number ends the phrase before "و"
    value = number_value(tokens[i - 1].norm)
    return value if value and _is_head_count(tokens, i - 1) else None


def _additions(tokens: Sequence[Token], start: int) -> int:
    """ "… مع ثلاثة من عناصره": people added to the first count in the same clause, or joined
    straight after it ("امرأتين وطفل")."""
    joined = _joined_people(tokens, start)
    if joined:
        return joined
    for j in range(start, min(len(tokens), start + 10)):
        norm = tokens[j].norm
        if casualty_kind(tokens[j]) or norm in _STOPS:
            return 0
        if others := _others_joined(tokens, j):
            return others
        if norm == "مع" and j + 1 < len(tokens):
            value = number_value(tokens[j + 1].norm)
            if value is not None and _is_head_count(tokens, j + 1):
                return value
            if dual_person(tokens[j + 1].norm):
                return 2
    return 0


_OTHERS = keyset("اخرين", "اخرون", "اخريات", "اخري")


def _others_joined(tokens: Sequence[Token], j: int) -> int:
    """ "مقتل قيادي تونسي في صفوف التنظيم، وخمسة إرهابيين أجانب آخرين": a number joined by و and
    called "others" adds to the first count, however far its clause."""
    norm = tokens[j].norm
    if not norm.startswith("و") or (value := number_value(norm[1:])) is None:
        return 0
    return value if any(t.norm in _OTHERS for t in tokens[j + 1 : j + 5]) else 0


def _joined_people(tokens: Sequence[Token], start: int) -> int:
    """One person (or two) joined by و straight after a count, past its counted noun: "امرأتين وطفل",
    "ثلاثة مدنيين وشابان"."""
    j = start if start < len(tokens) and tokens[start].norm.startswith("و") else start + 1
    if j >= len(tokens) or casualty_kind(tokens[j]) is not None:
        return 0
    norm = tokens[j].norm
    if not norm.startswith("و") or len(norm) <= 3:
        return 0
    if dual_person(norm[1:]):
        return 2
    return 1 if norm[1:] in _PERSON_SINGULAR else 0


def _is_head_count(tokens: Sequence[Token], j: int) -> bool:
    """A number that counts people: not followed by a unit or a month, not a date, a year or an age."""
    if tokens[j].norm.isdigit() and len(tokens[j].norm) == 4:
        return False  # a year
    if j > 0 and stem_set(tokens[j - 1].norm) & _DATE_WORDS and tokens[j].norm.isdigit():
        return False
    if j + 1 >= len(tokens):
        return True
    following = tokens[j + 1].norm
    return not (stem_set(following) & _UNITS or following in {"-", "/", ":"})
