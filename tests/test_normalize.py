"""Arabic normalisation and clitic handling: the properties every name match relies on."""

from hypothesis import given
from hypothesis import strategies as st

from extraction.normalize import clitic_stems, entity_key, normalize_ar, normalize_words

ARABIC_LETTERS = st.text(
    alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=12
)
WORDS = st.lists(ARABIC_LETTERS, min_size=1, max_size=4).map(" ".join)
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


@given(st.text(max_size=60))
def test_normalize_is_idempotent(text):
    assert normalize_ar(normalize_ar(text)) == normalize_ar(text)


# Letters, marks, every kind of space and invisible control, and characters NFKC expands (with spaces).
MIXED = st.sampled_from(
    list('قتلوجرحفيبلدةالشحيل٠١٢3،؛؟.!"«»()#ـًٌٍَُِّْﷺﷲAbc¯')
    + [" ", "\n", "\t", "\xa0", "\u2003", "\u200f", "\u200b", "\x1c", "\x85", "\ufeff", "\u3000", "\u2028"]
)


@given(st.text(alphabet=MIXED, max_size=60) | st.text(max_size=40))
def test_word_by_word_normalisation_is_normalize_ar(text):
    assert normalize_words(text) == normalize_ar(text)


@given(WORDS, st.data())
def test_normalize_ignores_tatweel_and_diacritics(word, data):
    positions = data.draw(st.lists(st.integers(0, len(word)), max_size=4))
    decorated = word
    for pos in sorted(positions, reverse=True):
        decorated = decorated[:pos] + data.draw(st.sampled_from("\u0640" + DIACRITICS)) + decorated[pos:]
    assert normalize_ar(decorated) == normalize_ar(word)


def test_normalize_merges_spelling_variants():
    assert normalize_ar("الرقة") == normalize_ar("الرقه")
    assert normalize_ar("مستشفى") == normalize_ar("مستشفي")
    assert normalize_ar("إزرع") == normalize_ar("ازرع") == normalize_ar("أزرع") == normalize_ar("آزرع")
    assert normalize_ar("مسؤول") == normalize_ar("مسئول")
    assert normalize_ar("٣ قتلى") == normalize_ar("3 قتلي")
    assert normalize_ar("ديـــر الـزور") == normalize_ar("دير الزور")


def test_normalize_removes_bidi_controls():
    assert normalize_ar("\u202eالعشارة\u200f") == normalize_ar("العشارة")


@given(
    st.sampled_from(["العشارة", "الميادين", "الشرطة", "الدفاع"]),
    st.sampled_from(["", "و", "ف", "ب", "وب", "فب", "ل", "ك"]),
)
def test_clitic_stems_reach_the_bare_noun(name, prefix):
    word = normalize_ar(name)
    assert word[2:] in clitic_stems(prefix + word)


def test_clitic_stems_handle_lam_lam():
    assert "شرطه" in clitic_stems(normalize_ar("للشرطة"))
    assert "شرطه" in clitic_stems(normalize_ar("وللشرطة"))


def test_clitic_stems_never_leave_a_single_letter():
    assert all(len(stem) >= 2 for stem in clitic_stems("ولل"))


def test_entity_key_ignores_article_and_variants():
    assert entity_key("العشارة") == entity_key("عشاره") == entity_key(" العشاره ")
    assert entity_key("الدفاع الوطني") == entity_key("دفاع الوطنى")
