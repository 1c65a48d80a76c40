"""Tokens and sentences with character offsets into the original article text.

camel-tools' `simple_word_tokenize` splits words from punctuation without changing characters, so its tokens
can be found again in the text in order; that gives each token its span for evidence quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from camel_tools.tokenizers.word import simple_word_tokenize

from extraction.normalize import normalize_token


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark: original text, span, and normalised matching form."""

    text: str
    start: int
    end: int
    norm: str
    index: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A run of tokens ending at a full stop, question mark, exclamation mark or line break."""

    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int


_SENTENCE_END = {".", "!", "?", "؟", "…"}


def tokenize(text: str) -> list[Token]:
    """Tokenise `text` once with camel-tools and locate every token in it."""
    tokens: list[Token] = []
    cursor = 0
    for raw in simple_word_tokenize(text):
        start = text.find(raw, cursor)
        if start < 0:  # camel-tools never rewrites characters; guard anyway rather than lose the rest
            continue
        end = start + len(raw)
        tokens.append(Token(raw, start, end, normalize_token(raw), len(tokens)))
        cursor = end
    return tokens


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Group tokens into sentences; a line break always ends a sentence and starts a paragraph."""
    sentences: list[Sentence] = []
    current: list[Token] = []
    paragraph = 0
    previous_end = 0

    def close() -> None:
        if current:
            sentences.append(
                Sentence(len(sentences), current[0].start, current[-1].end, tuple(current), paragraph)
            )
            current.clear()

    for token in tokens:
        if "\n" in text[previous_end : token.start]:
            close()
            paragraph += 1
        current.append(token)
        previous_end = token.end
        if token.text in _SENTENCE_END:
            close()
    close()
    return sentences
