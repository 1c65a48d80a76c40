"""Tokens are camel-tools' tokens, each with the span it came from."""

from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given
from hypothesis import strategies as st

from extraction.tokens import sentences_in, tokenize
from extraction.wordclass import union

# Arabic letters and marks, digits, punctuation, and every kind of space str.split() knows.
ALPHABET = st.sampled_from(
    list('قتلوجرحفيبلدةالشحيل٠١٢3،؛؟.!"«»()#ـًٌٍَُِّْ')
    + [" ", "\n", "\t", "\xa0", "\u2003", "\u200f", "\x1c", "\x85", "🙂"]
)


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_tokens_are_camel_tools_tokens_at_their_offsets(text):
    """camel-tools' tokens, in order and at their offsets; only a number glued to a word is cut in
    two, so tokens that touch join back into camel-tools' token."""
    tokens = tokenize(text, offset=5)
    assert all(text[t.start - 5 : t.end - 5] == t.text for t in tokens)
    joined: list[str] = []
    for k, token in enumerate(tokens):
        touching = k and tokens[k - 1].end == token.start and _glued(tokens[k - 1].text, token.text)
        if touching:
            joined[-1] += token.text
        else:
            joined.append(token.text)
    assert joined == simple_word_tokenize(text)


def _glued(left: str, right: str) -> bool:
    """A number and a word that tokenize() cut apart: one side all digits, the other with letters
    (marks and invisible format characters such as U+200F may sit between)."""

    def wordy(piece: str) -> bool:
        return sum(c.isalpha() for c in piece) >= 2

    return (left.isdigit() and wordy(right)) or (wordy(left) and right.isdigit())


def test_a_number_glued_to_a_word_is_its_own_token():
    assert [t.text for t in tokenize("قُتل18 أشخاص و14 18قتيلا")] == [
        "قُتل",
        "18",
        "أشخاص",
        "و14",
        "18",
        "قتيلا",
    ]


def _reference_sentences(text, spans):
    """The straightforward reading: every token checked for a line break before it."""
    tokens = []
    for start, end in spans:
        tokens.extend(tokenize(text[start:end], start))
    sentences, current, paragraph, previous_end = [], [], 0, 0
    for k, token in enumerate(tokens):
        if "\n" in text[previous_end : token.start]:
            if current:
                sentences.append((tuple(current), paragraph))
                current = []
            paragraph += 1
        current.append(token)
        previous_end = token.end
        before, after = tokens[k - 1] if k else None, tokens[k + 1] if k + 1 < len(tokens) else None
        decimal = (  # "2.5": a point between digits of one word
            token.text == "."
            and before is not None
            and after is not None
            and before.end == token.start
            and after.start == token.end
            and before.text.isdigit()
            and after.text.isdigit()
        )
        if token.text in {".", "!", "?", "؟", "…"} and not decimal:
            sentences.append((tuple(current), paragraph))
            current = []
    if current:
        sentences.append((tuple(current), paragraph))
    return sentences


@given(st.text(alphabet=ALPHABET, max_size=300), st.data())
def test_sentences_split_at_stops_and_line_breaks(text, data):
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        lines.append((offset, offset + len(stripped)))
        offset += len(line)
    spans = [span for span in lines if data.draw(st.booleans())]  # some lines dropped as boilerplate
    sentences = sentences_in(text, spans)
    assert [(s.tokens, s.paragraph) for s in sentences] == _reference_sentences(text, spans)
    for sentence in sentences:
        assert sentence.flags == union(sentence.tokens)
        assert (sentence.start, sentence.end) == (sentence.tokens[0].start, sentence.tokens[-1].end)


def test_a_word_stretched_with_tatweel_across_a_space_is_one_token():
    """ "مقتــ ـل 6 أشخاص" (written so to get past filters) is the word مقتل, its span both halves."""
    text = "وأسفرت عن مقتــ ـل 6 أشخاص."
    tokens = tokenize(text)
    word = next(t for t in tokens if t.norm == "مقتل")
    assert text[word.start : word.end] == "مقتــ ـل"
    assert [t.norm for t in tokens][-3:] == ["6", "اشخاص", "."]
