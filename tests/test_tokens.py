"""Tokens are camel-tools' tokens, each with the span it came from."""

from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given
from hypothesis import strategies as st

from extraction.tokens import tokenize

# Arabic letters and marks, digits, punctuation, and every kind of space str.split() knows.
ALPHABET = st.sampled_from(
    list('قتلوجرحفيبلدةالشحيل٠١٢3،؛؟.!"«»()#ـًٌٍَُِّْ')
    + [" ", "\n", "\t", "\xa0", "\u2003", "\u200f", "\x1c", "\x85", "🙂"]
)


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_tokens_are_camel_tools_tokens_at_their_offsets(text):
    tokens = tokenize(text, offset=5, first_index=2)
    assert [t.text for t in tokens] == simple_word_tokenize(text)
    assert all(text[t.start - 5 : t.end - 5] == t.text for t in tokens)
    assert [t.index for t in tokens] == list(range(2, 2 + len(tokens)))
