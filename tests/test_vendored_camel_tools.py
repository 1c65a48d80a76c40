"""The camel-tools functions Raqib ships give camel-tools' own output (camel-tools is in the dev group)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction import vendored_camel_tools as vendored
from tests.conftest import PROJECT_ROOT, SHARED_CORPUS

camel_dediac = pytest.importorskip("camel_tools.utils.dediac")
camel_normalize = pytest.importorskip("camel_tools.utils.normalize")
camel_word = pytest.importorskip("camel_tools.tokenizers.word")

PAIRS = [
    (vendored.dediac_ar, camel_dediac.dediac_ar),
    (vendored.normalize_alef_ar, camel_normalize.normalize_alef_ar),
    (vendored.normalize_alef_maksura_ar, camel_normalize.normalize_alef_maksura_ar),
    (vendored.normalize_teh_marbuta_ar, camel_normalize.normalize_teh_marbuta_ar),
    (vendored.simple_word_tokenize, camel_word.simple_word_tokenize),
]
CORPUS = sorted((PROJECT_ROOT / "tests" / "corpus").glob("**/*.txt")) + sorted(SHARED_CORPUS.glob("**/*.txt"))

# Arabic letters and marks (alef forms, ى, ة, tashkeel, dagger alef), Persian letters, digits, punctuation,
# symbols and the spaces str.split() knows; then emoji with skin tones, ZWJ sequences, flags, keycaps, tags.
CHARACTERS = (
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىيًٌٍَُِّْٰٱپچڤگ٠١٢3،؛؟.!\"«»()#*%$€+=<>|~^`'-_/\\©™Az"
    " \n\t\xa0\u2003\u200f\u200b\u200d\ufe0f\u20e3\x1c\x85\u3000"
)
SEQUENCES = ["🙂", "👍🏽", "👨‍👩‍👧", "🇸🇾", "🇸", "1️⃣", "#⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]
MIXED = st.lists(st.text(alphabet=CHARACTERS, min_size=1, max_size=8) | st.sampled_from(SEQUENCES)).map(
    "".join
)
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_vendored_functions_match_camel_tools_on_the_corpus(path):
    text = path.read_text(encoding="utf-8")
    for ours, theirs in PAIRS:
        assert ours(text) == theirs(text), ours.__name__


@given(MIXED | st.text(max_size=80))
def test_vendored_functions_match_camel_tools_on_any_text(text):
    for ours, theirs in PAIRS:
        assert ours(text) == theirs(text), ours.__name__


def test_vendored_functions_match_camel_tools_on_every_character():
    for ours, theirs in PAIRS:
        assert ours(EVERY_CHARACTER) == theirs(EVERY_CHARACTER), ours.__name__


def test_the_symbol_test_is_camel_tools_symbol_set():
    """The one rewritten step: every code point and every emoji is a symbol for both or for neither."""
    candidates = [*EVERY_CHARACTER, *vendored.EMOJI_DATA]
    ours = {s for s in candidates if vendored._is_symbol(s)}
    assert ours == {s for s in candidates if s in camel_word._SYMBOLS_ALL}
