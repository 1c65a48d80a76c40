"""The camel-tools 1.6.0 functions Raqib uses, copied so that installing Raqib does not install camel-tools.

camel-tools declares torch, transformers, pandas and scipy (for its models) as requirements, and pip
installs them with it; these functions need only `regex` and `emoji`. Copied from camel_tools/utils/
dediac.py, utils/normalize.py, utils/charsets.py and tokenizers/word.py; tests/test_vendored_camel_tools.py
checks that they give camel-tools' own output. Changes: formatting; the encodings and options Raqib does
not use are left out; and a match is tested as a symbol by its Unicode category instead of by membership
in a set built at import from every code point (the same answer, without 0.4 s and 40 MB at start-up).

camel-tools is under the MIT License:

Copyright 2018-2026 New York University Abu Dhabi

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

from __future__ import annotations

import re
import unicodedata

import regex
from emoji import EMOJI_DATA

CAMEL_TOOLS_VERSION = "1.6.0"

# camel_tools.utils.charsets.AR_DIAC_CHARSET: tanween, short vowels, shadda, sukun, dagger alef.
_AR_DIAC_CHARSET = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
_DIAC_RE_AR = re.compile("[" + re.escape("".join(_AR_DIAC_CHARSET)) + "]")
_ALEF_NORMALIZE_AR_RE = re.compile("[\u0625\u0623\u0671\u0622]")


def dediac_ar(s: str) -> str:
    """Remove Arabic diacritics (camel_tools.utils.dediac.dediac_ar)."""
    return _DIAC_RE_AR.sub("", s)


def normalize_alef_ar(s: str) -> str:
    """Write إ أ ٱ آ as ا (camel_tools.utils.normalize.normalize_alef_ar)."""
    return _ALEF_NORMALIZE_AR_RE.sub("\u0627", s)


def normalize_alef_maksura_ar(s: str) -> str:
    """Write ى as ي (camel_tools.utils.normalize.normalize_alef_maksura_ar)."""
    return s.replace("\u0649", "\u064a")


def normalize_teh_marbuta_ar(s: str) -> str:
    """Write ة as ه (camel_tools.utils.normalize.normalize_teh_marbuta_ar)."""
    return s.replace("\u0629", "\u0647")


# Possible emoji sequences, symbols and punctuation (camel_tools.tokenizers.word._SYMBOLS_RE), after the
# regex suggested in UTS #51: https://www.unicode.org/reports/tr51/#EBNF_and_Regex
_SYMBOLS_RE = regex.compile(
    r"(?:(?:\p{RI}\p{RI}|\p{Emoji}(?:\p{EMod}|\uFE0F\u20E3?|[\U000E0020-\U000E007E]+\U000E007F)?"
    r"(?:\u200D(?:\p{RI}\p{RI}|\p{Emoji}(?:\p{EMod}|\uFE0F\u20E3?|[\U000E0020-\U000E007E]+\U000E007F)?))*)"
    r"|(?:[0-9*#]\u20e3)|\p{S}|\p{P})"
)


def _is_symbol(match: str) -> bool:
    """`match in _SYMBOLS_ALL` of camel-tools: an emoji, or one character whose Unicode category
    (Python's unicodedata, not the regex module's tables) is punctuation or a symbol."""
    return (len(match) == 1 and unicodedata.category(match)[0] in "PS") or match in EMOJI_DATA


def simple_word_tokenize(s: str) -> list[str]:
    """Split on whitespace, then split off each punctuation mark, symbol and emoji sequence
    (camel_tools.tokenizers.word.simple_word_tokenize with split_digits=False)."""
    tokens = []
    for word in s.split():
        word_len = len(word)
        curr_ndx = 0
        curr_start = 0
        while curr_ndx < word_len:
            symbol_match = _SYMBOLS_RE.match(word, pos=curr_ndx)
            if symbol_match is not None:
                match_str = symbol_match[0]
                if _is_symbol(match_str):
                    if curr_ndx != curr_start:
                        tokens.append(word[curr_start:curr_ndx])
                    tokens.append(match_str)
                    curr_ndx = curr_start = symbol_match.end()
                    continue
            curr_ndx += 1
        if curr_ndx != curr_start:
            tokens.append(word[curr_start:])
    return tokens
