"""Word classes only let passes skip work: with a sentence's classes, every gated search answers what
the search alone would (on sentences written from the very words the gates and searches look for)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import document, framing
from extraction.casualties import states_no_casualties
from extraction.dates import is_recent, names_a_day, resolve_date, sentence_norm
from extraction.tokens import sentences_in
from extraction.wordclass import flags_of, union

# Phrases of the cue lists, dates, numbers and ordinary words; some with a conjunction on them.
PHRASES = [
    *"في ظل|حالة من|لا تزال|المستمرة|يومياً|أحصى|وثقت|خلال شهر|منذ مطلع العام|في وقت سابق|سبق".split("|"),
    *"الأسبوع الماضي|منذ صباح|منذ أيام|وكانت|قد|التقى|ندد|طالب|دون وقوع أي إصابات|بدون ضحايا".split("|"),
    *"لم تسفر عن خسائر بشرية|لم يسجل|اقتصرت الأضرار على الماديات|عدم وقوع|أمس|البارحة|أمس الأول".split("|"),
    *"فجر اليوم|اليوم|ليلة الأحد|السبت الفائت|الجمعة|سوق الجمعة|14 كانون الأول|5 آب|3 أيار 2024".split("|"),
    *"14 من شهر تشرين الثاني|5ايار|ايار/مايو|10 ديسمبر/كانون الأول 2023|12/05/2024|2024-05-10".split("|"),
    *"أبناء|5 أبناء|3 أبرياء|2 ماينرز|عام 2023|قتل|مقتل 3|شاب|أصيب|مسلحون|بلدة الشحيل|مدينة درعا|.|،|/".split(
        "|"
    ),
    *"الذكرى|يصادف اليوم|من المقرر|المفاوضات|الأسبوع المقبل|التحقيق في|محاكمة|مقطع فيديو|اجتماع".split("|"),
    *"قبل قليل|منذ ساعات|بعد ساعات|عام 1974|كما|ساد هدوء حذر".split("|"),
]
WORDS = st.sampled_from(PHRASES + [f"و{p}" for p in PHRASES] + [f"ف{p}" for p in PHRASES[:20]])
TEXTS = st.lists(WORDS, min_size=1, max_size=10).map(" ".join)


def _sentences(text):
    return sentences_in(text, [(0, len(text))])


@settings(max_examples=500)
@given(TEXTS, st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)))
def test_gated_searches_answer_as_the_searches_alone(text, published):
    for sentence in _sentences(text):
        norm, flags = sentence_norm(sentence.tokens), sentence.flags
        assert flags == union(sentence.tokens)
        assert resolve_date(norm, published, flags) == resolve_date(norm, published)
        assert names_a_day(norm, flags) == names_a_day(norm)
        assert states_no_casualties(norm, flags) == states_no_casualties(norm)
        for cues in (
            framing._TALLY,
            framing._GENERIC,
            framing._EARLIER,
            framing._ANNIVERSARY,
            framing._PLAN,
            framing._INVESTIGATION,
            framing._EVIDENCE,
            framing._MEETING,
        ):
            assert cues.found_in(norm, flags) == bool(cues.pattern.search(f" {norm} "))
        found = resolve_date(norm, published)
        assert is_recent(found, published, norm, flags) == is_recent(found, published, norm)


def test_a_token_carries_the_classes_of_its_word():
    [sentence] = _sentences("وفي ظل القصف المستمر قتل 5 أبناء")
    assert all(token.flags == flags_of(token.norm) for token in sentence.tokens)
    assert sentence.flags & framing._GENERIC.words
    assert not sentence.flags & framing._TALLY.words


@settings(max_examples=300)
@given(TEXTS)
def test_a_sentence_without_searched_words_needs_no_text(text):
    """`_facts` joins a sentence's text only when it has a word some search looks for: with the
    empty text, every search answers as with the real one."""
    for sentence in _sentences(text):
        if sentence.flags & document._SEARCHED:
            continue
        norm = sentence_norm(sentence.tokens)
        for searched in (norm, ""):
            assert resolve_date(searched, date(2024, 5, 10), sentence.flags) is None
            assert not names_a_day(searched, sentence.flags)
            assert not states_no_casualties(searched, sentence.flags)
        assert framing.is_earlier(sentence, "") == framing.is_earlier(sentence, norm)
        assert framing.sentence_frame(sentence, "", ()) == framing.sentence_frame(sentence, norm, ())
        for published in (None, date(2024, 5, 10)):
            assert not is_recent(None, published, norm, sentence.flags)
