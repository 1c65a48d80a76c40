"""Tokens and sentences with character offsets into the original article text.

camel-tools' `simple_word_tokenize` splits words from punctuation without changing characters, so its tokens
can be found again in the text in order; that gives each token its span for evidence quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from extraction.normalize import keyset, normalize_token
from extraction.records import fact
from extraction.vendored_camel_tools import simple_word_tokenize
from extraction.wordclass import flags_of, on_register, union


class Token(NamedTuple):
    """One word or punctuation mark: original text, span, and normalised matching form.

    A NamedTuple rather than a frozen dataclass: an article makes hundreds, and this is the cheapest
    immutable record to build."""

    text: str
    start: int
    end: int
    norm: str
    flags: int = 0  # the word classes of `norm` (extraction.wordclass)


@fact
class Sentence:
    """A run of tokens ending at a full stop, question mark, exclamation mark or line break."""

    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int
    flags: int = 0  # the union of its tokens' word classes


_SENTENCE_END = {".", "!", "?", "؟", "…"}


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokenise `text` with camel-tools and give every token its span (offsets shifted by `offset`)."""
    tokens: list[Token] = []
    _tokenize_into(tokens, [], text, 0, len(text), offset)
    return tokens


def _tokenize_into(tokens: list[Token], ends: list[int], text: str, start: int, end: int, shift: int) -> None:
    """Append the tokens of text[start:end] to `tokens` (spans shifted by `shift`) and the positions
    in `tokens` of those that end a sentence to `ends`.

    camel-tools splits on whitespace first and then each word on its own, so the same word always
    splits the same way: each distinct word is tokenised (and normalised) once and remembered, and
    the pieces of a word are consecutive in it, which gives their offsets without searching."""
    append = tokens.append
    find, cursor = text.find, start
    words = text[start:end].split()  # the same words as \S+ (one Unicode whitespace set)
    if _TATWEEL not in text[start:end]:  # nearly every line: no word to join, one plain pass
        for word in words:
            position = find(word, cursor)
            cursor = position + len(word)
            base = position + shift
            for piece, piece_start, piece_end, norm, flags, ends_sentence in _pieces(word):
                if ends_sentence:
                    ends.append(len(tokens))
                append(_new(Token, (piece, base + piece_start, base + piece_end, norm, flags)))
        return
    k = 0
    while k < len(words):
        word = words[k]
        position = find(word, cursor)
        cursor = position + len(word)
        base = position + shift
        if _TATWEEL in word and "." in word:
            # "تفتـ.ـيش", "تعـ.ـرضت": a word broken by a stop between two tatweels (to get past filters)
            # is that word; the same length keeps every offset
            word = _BROKEN_WORD.sub(_TATWEEL * 3, word)
        if (
            word.endswith(_TATWEEL)
            and k + 1 < len(words)
            and words[k + 1].startswith(_TATWEEL)
            and (word + words[k + 1]).replace(_TATWEEL, "").isalpha()
        ):
            # "مقتــ ـل": one word stretched with tatweel across a space (written so to get past
            # filters) is that word, one token spanning both halves
            second = find(words[k + 1], cursor)
            joined = word + words[k + 1]
            cursor, k = second + len(words[k + 1]), k + 2
            norm = normalize_token(joined)
            append(_new(Token, (text[position:cursor], base, cursor + shift, norm, flags_of(norm))))
            continue
        k += 1
        for piece, piece_start, piece_end, norm, flags, ends_sentence in _pieces(word):
            if ends_sentence:
                ends.append(len(tokens))
            append(_new(Token, (piece, base + piece_start, base + piece_end, norm, flags)))


_TATWEEL = "\u0640"
_BROKEN_WORD = re.compile("\u0640[.]\u0640")


_new = tuple.__new__  # builds a Token without the NamedTuple constructor's Python-level call
norm_of = attrgetter("norm")  # a token's norm, for map() over many tokens


# A number glued to a word of two letters or more is two words: "قُتل18" (a typing slip), "18قتيلا".
# A one-letter prefix ("و14") or the article ("الـ55") stays with its number.
_WORD_THEN_NUMBER = re.compile(r"(\D*[^\W\d_]\D*[^\W\d_]\D*?)(\d+)")
_NUMBER_THEN_WORD = re.compile(r"(\d+)(\D*[^\W\d_]\D*[^\W\d_]\D*)")


def _unglued(raw: str) -> tuple[str, ...]:
    if raw.isdigit() or raw.isalpha() or not any(c.isdigit() for c in raw):
        return (raw,)
    glued = _WORD_THEN_NUMBER.fullmatch(raw) or _NUMBER_THEN_WORD.fullmatch(raw)
    if glued is None or normalize_token(glued.group(1)) in _ARTICLES:
        return (raw,)  # "الـ55" in "منطقة الـ55" is the article on the number
    return glued.groups()


_ARTICLES = {"ال", "وال", "بال", "فال", "كال", "لل"}
# Arabic letters, tatweel and diacritics: none is a symbol, a punctuation mark or the start of an emoji
# sequence, so a word of them alone is one token of camel-tools (and has no digit to unglue), found
# without trying its symbol pattern at every character.
_ARABIC_WORD = re.compile("[\u0621-\u0652]+")


@lru_cache(maxsize=1 << 17)
def _pieces(word: str) -> tuple[tuple[str, int, int, str, int, bool], ...]:
    """camel-tools' tokens of one whitespace-delimited word, with their offsets in it, norms, word
    classes, and whether each ends a sentence."""
    if _ARABIC_WORD.fullmatch(word):
        raws = [word]
    else:
        raws = [part for raw in simple_word_tokenize(word) for part in _unglued(raw)]
    pieces, cursor = [], 0
    for k, raw in enumerate(raws):
        start = word.find(raw, cursor)
        if start < 0:  # camel-tools never rewrites characters; guard anyway rather than lose the rest
            continue
        cursor = start + len(raw)
        norm = normalize_token(raw)
        # A point between digits ("2.5 كم", "12.5.2024") is part of a number or a date.
        inside_number = (
            raw == "." and 0 < k < len(raws) - 1 and raws[k - 1].isdigit() and raws[k + 1].isdigit()
        )
        pieces.append((raw, start, cursor, norm, flags_of(norm), raw in _SENTENCE_END and not inside_number))
    return tuple(pieces)


on_register(_pieces.cache_clear)


def sentences_in(text: str, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
    """Tokenise the spans of `text` that are kept (whole lines, in order) and group their tokens into
    sentences: a sentence ends at a full stop, question or exclamation mark, or a line break, which
    also starts a paragraph."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    paragraph = 0
    previous_end = 0  # where the last token ended: a line break after it starts a paragraph

    def close(first: int, last: int) -> None:
        for lo, hi in _run_on_clauses(tokens, first, last):
            run = tuple(tokens[lo:hi])
            sentences.append(Sentence(len(sentences), run[0].start, run[-1].end, run, paragraph, union(run)))

    first, broken = 0, False  # broken: a line break seen since the last token
    for start, end in spans:
        if not broken and "\n" in text[previous_end:start]:
            close(first, len(tokens))
            first, broken = len(tokens), True
            paragraph += 1
        ends: list[int] = []
        count = len(tokens)
        _tokenize_into(tokens, ends, text, start, end, 0)
        for last in ends:
            close(first, last + 1)
            first = last + 1
        if len(tokens) > count:
            previous_end, broken = tokens[-1].end, False
    close(first, len(tokens))
    return sentences


RUN_ON = 80  # tokens: longer than any punctuated sentence of the corpora (their longest is 57)
# A reporting verb opens the next sentence of a text copied without its punctuation: with و ("… وذكر
# مصدر محلي أن …"), after فيما/بينما ("… فيما ذكر مصدر …"), or "من جهته" ("… من جهته أعلن الجيش").
_REPORT_VERBS = keyset("ذكر", "اضاف", "قال", "اشار", "اكد", "اعلن", "افاد", "نقل", "اوضح", "تابع")
_REPORT_OPENERS = frozenset("و" + verb for verb in _REPORT_VERBS)
_CLAUSE_LINKS = keyset("فيما", "بينما")
_SIDES = keyset("جهته", "جهتها", "جانبه", "جانبها", "جهتهم", "جانبهم")
_MIN_CLAUSE = 6


def _run_on_clauses(tokens: Sequence[Token], first: int, last: int) -> list[tuple[int, int]]:
    """[first, last) as one sentence, or split before each reporting verb when it runs on past RUN_ON
    tokens without an end: punctuation lost in copying, not one sentence of 180 words."""
    if last - first <= RUN_ON:
        return [(first, last)] if last > first else []
    cuts = [first]
    for k in range(first + _MIN_CLAUSE, last - _MIN_CLAUSE):
        norm, after = tokens[k].norm, tokens[k + 1].norm
        opens = (
            norm in _REPORT_OPENERS
            or (norm in _CLAUSE_LINKS and after in _REPORT_VERBS)
            or (norm == "من" and after in _SIDES)
        )
        if opens and k - cuts[-1] >= _MIN_CLAUSE and tokens[k - 1].norm not in _CLAUSE_LINKS:
            cuts.append(k)
    return list(zip(cuts, cuts[1:] + [last], strict=True))


_NEGATIONS = keyset("دون", "بدون", "لم", "عدم", "لا", "ولم", "ولا")
CLAUSE_ENDS = frozenset({"،", ",", ".", "؛", ":"})  # the stops that end a clause
DASHES = frozenset({"-", "–", "—"})  # "طريق حمص - طرطوس": a dash inside or between names


def negated(tokens: Sequence[Token], i: int) -> bool:
    """ "دون وقوع أي إصابات", "لم تسجل إصابات", "دون ورود معلومات حول اعتقال المطلوب": the word at i is
    there to say it did not happen (a negation up to six words before it, in the same clause)."""
    for t in reversed(tokens[max(0, i - 6) : i]):
        if t.norm in CLAUSE_ENDS:
            return False
        if t.norm in _NEGATIONS:
            return True
    return False
