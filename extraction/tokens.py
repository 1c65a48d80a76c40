"""Tokens and sentences with character offsets into the original article text.

camel-tools' `simple_word_tokenize` splits words from punctuation without changing characters, so its tokens
can be found again in the text in order; that gives each token its span for evidence quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from camel_tools.tokenizers.word import simple_word_tokenize

from extraction.normalize import normalize_token
from extraction.wordclass import flags_of, on_register


class Token(NamedTuple):
    """One word or punctuation mark: original text, span, and normalised matching form.

    A NamedTuple rather than a frozen dataclass: an article makes hundreds, and this is the cheapest
    immutable record to build."""

    text: str
    start: int
    end: int
    norm: str
    index: int
    flags: int = 0  # the word classes of `norm` (extraction.wordclass)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A run of tokens ending at a full stop, question mark, exclamation mark or line break."""

    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int
    flags: int = 0  # the union of its tokens' word classes


_SENTENCE_END = {".", "!", "?", "؟", "…"}


def tokenize(text: str, offset: int = 0, first_index: int = 0) -> list[Token]:
    """Tokenise `text` with camel-tools and give every token its span (offsets shifted by `offset`).

    camel-tools splits on whitespace first and then each word on its own, so the same word always
    splits the same way: each distinct word is tokenised (and normalised) once and remembered, and
    the pieces of a word are consecutive in it, which gives their offsets without searching."""
    tokens: list[Token] = []
    append = tokens.append
    index = first_index
    for word in _WORD_RE.finditer(text):
        base = word.start() + offset
        for piece, start, end, norm, flags in _pieces(word.group()):
            append(_new(Token, (piece, base + start, base + end, norm, index, flags)))
            index += 1
    return tokens


_new = tuple.__new__  # builds a Token without the NamedTuple constructor's Python-level call


_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=1 << 17)
def _pieces(word: str) -> tuple[tuple[str, int, int, str, int], ...]:
    """camel-tools' tokens of one whitespace-delimited word, with their offsets in it, norms and
    word classes."""
    pieces, cursor = [], 0
    for raw in simple_word_tokenize(word):
        start = word.find(raw, cursor)
        if start < 0:  # camel-tools never rewrites characters; guard anyway rather than lose the rest
            continue
        cursor = start + len(raw)
        norm = normalize_token(raw)
        pieces.append((raw, start, cursor, norm, flags_of(norm)))
    return tuple(pieces)


on_register(_pieces.cache_clear)


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Group tokens into sentences; a line break always ends a sentence and starts a paragraph."""
    sentences: list[Sentence] = []
    current: list[Token] = []
    paragraph = 0
    previous_end = 0

    def close() -> None:
        if current:
            flags = 0
            for token in current:
                flags |= token.flags
            sentences.append(
                Sentence(len(sentences), current[0].start, current[-1].end, tuple(current), paragraph, flags)
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
