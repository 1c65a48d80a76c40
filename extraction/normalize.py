"""Arabic normalisation for matching names: one function, used on gazetteer names, article text and user queries.

The same key must come out of every spelling a reader would accept as the same word: diacritics, tatweel,
alef forms (أ إ آ ٱ), alef maksura (ى/ي), teh marbuta (ة/ه), hamza seats (ؤ ئ), Persian letters and
Arabic-Indic digits. camel-tools' functions (vendored_camel_tools) do the Arabic-specific steps.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extraction.vendored_camel_tools import (
    dediac_ar,
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

_TATWEEL = "\u0640"
# Zero-width and bidirectional controls: invisible, but they break string equality (and U+202E flips text).
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_EXTRA_MAP = str.maketrans(
    {
        "ؤ": "ء",  # hamza seats vary between writers (مسؤول/مسئول): keep the hamza, not the seat
        "ئ": "ء",
        "ک": "ك",
        "ی": "ي",
        "ٹ": "ت",
        "گ": "ك",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
        _TATWEEL: None,
    }
)
_SPACE_RE = re.compile(r"\s+")


def normalize_ar(text: str) -> str:
    """Return the matching key of `text`: every accepted spelling variant maps to one string.

    Idempotent. Keeps the text's tokens and spaces (runs of whitespace become one space).
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    text = text.translate(_EXTRA_MAP)
    return _SPACE_RE.sub(" ", text).strip().lower()


@lru_cache(maxsize=1 << 17)
def normalize_token(token: str) -> str:
    """Normalise one token: the same key as `normalize_ar`, without the whitespace pass."""
    token = _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", token))
    token = dediac_ar(token)
    token = normalize_alef_ar(token)
    token = normalize_alef_maksura_ar(token)
    token = normalize_teh_marbuta_ar(token)
    return token.translate(_EXTRA_MAP).lower()


def normalize_words(text: str) -> str:
    """`normalize_ar(text)` built from each word's cached key: the same string, cheaper on text whose
    words repeat (news does), for callers that normalise every line."""
    return " ".join(filter(None, map(_word_key, text.split())))


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    # NFKC can give a word spaces of its own ("¯" is a space and a combining macron), and a word of
    # invisible characters alone has no key.
    return " ".join(normalize_token(word).split())


# Proclitics that attach to a noun: conjunction (و ف), preposition (ب ل ك), then the article (ال).
# "لل" is ل + ال with the alef dropped. Stems shorter than two letters are never produced.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


@lru_cache(maxsize=1 << 16)
def clitic_stems(token: str) -> tuple[str, ...]:
    """Return the token and every stem left after removing attached proclitics, longest first.

    `وبالعشاره` gives `('وبالعشاره', 'بالعشاره', 'العشاره', 'عشاره')`; the article-less stem is how names
    are keyed, so `العشارة`, `بالعشارة` and `عشارة` all reach the same entry. Cached: news repeats words.
    """
    stems = [token]
    rest = token
    if len(rest) > 2 and rest[0] in _CONJUNCTIONS:  # "وتل" → "تل": a two-letter stem may remain
        rest = rest[1:]
        stems.append(rest)
    if len(rest) > 3 and rest.startswith("لل"):
        # ل + ال ("للشرطة" → شرطة), or ل before a word that starts with ل ("للواء" → لواء)
        stems.extend((rest[2:], rest[1:]))
        return _unique(stems)
    if len(rest) > 2 and rest[0] in _PREPOSITIONS:
        rest = rest[1:]
        stems.append(rest)
    if len(rest) > 3 and rest.startswith("ال"):
        stems.append(rest[2:])
    return _unique(stems)


@lru_cache(maxsize=1 << 16)
def stem_set(token: str) -> frozenset[str]:
    """`clitic_stems` as a set, for intersecting with word lists."""
    return frozenset(clitic_stems(token))


def with_conjunction(words: frozenset[str]) -> frozenset[str]:
    """`words`, and each after the conjunction و or ف: the tokens `verb_in(token, words)` accepts, as
    one set (an exact-word class answers it with one dictionary probe per new word)."""
    return words | {conjunction + word for word in words for conjunction in _CONJUNCTIONS}


def verb_in(token: str, verbs: frozenset[str]) -> bool:
    """A normalised token is one of `verbs`, bare or after the conjunction و or ف (the only proclitic
    a past-tense verb takes: "وسيطرت", "فأعلنت")."""
    return token in verbs or (token[:1] in _CONJUNCTIONS and token[1:] in verbs)


def strip_article(token: str) -> str:
    """Drop a leading ال from a normalised token that is long enough to keep a stem."""
    return token[2:] if len(token) > 3 and token.startswith("ال") else token


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def entity_key(name: str) -> str:
    """The key a town, actor or type is stored and subscribed under: normalised, article-free first word."""
    words = normalize_ar(name).split(" ")
    return " ".join([strip_article(words[0]), *words[1:]]) if words and words[0] else ""


def keyset(*words: str) -> frozenset[str]:
    """A set of word lists written by hand, normalised like the text they are compared with."""
    return frozenset(normalize_ar(word) for word in words)


_LATIN_APOSTROPHES = str.maketrans({c: None for c in "'`‘’ʿʾ´"})
_LATIN_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "et"}


def fold_latin(text: str) -> str:
    """Latin transliterations compared loosely: "Al ‘Ashārah", "al-Ashara" and "Ashara" agree."""
    if text.isascii() and "'" not in text and "`" not in text:
        folded = text
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_APOSTROPHES))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c) or ord(c) >= 0x0600)
        folded = unicodedata.normalize("NFC", folded)
    return folded.replace("-", " ").lower()


_LATIN_VOWELS = str.maketrans("", "", "aeiouyw")


def latin_skeleton(name: str) -> str:
    """A loose key for transliterations of one Arabic name: its consonants, articles dropped and
    doubled letters (an assimilated article: "Ezzor") single. "Deir ez-Zor", "Deir Ezzor", "Dayr az
    Zawr" and "Deir al-Zor" are all "drzr"."""
    words = [w for w in fold_latin(name).split() if w not in _LATIN_ARTICLES]
    consonants = "".join(c for c in "".join(words).translate(_LATIN_VOWELS) if c.isalpha())
    return re.sub(r"(.)\1+", r"\1", consonants)


def drop_latin_article(words: list[str]) -> list[str]:
    """["al", "ashara"] → ["ashara"]; Arabic words are left alone."""
    if len(words) > 1 and words[0] in _LATIN_ARTICLES:
        return words[1:]
    return words


_WORD_RE = re.compile(r"\w+")
# The alef that carries an accusative tanween ("كميناً", "كمينًا") is an ending, not part of the word.
_TANWEEN_ALEF_RE = re.compile("(?:\u064b\u0627|\u0627\u064b|\u064b)" + r"(?=\W|$)")
# Names written glued to their second word's article: "ديرالزور", "راسالعين", "جسرالشغور".
_GLUED_HEADS = ("دير", "راس", "تل", "عين", "جسر", "بيت", "خان", "باب", "دار", "بني", "معره", "سوق", "جبل")
_GLUED_RE = re.compile(f"^({'|'.join(_GLUED_HEADS)})(ال\\w{{3,}})$")
# Loanwords news spells several ways, each mapped to one spelling (read as written after normalize_ar).
_LOANWORD_SPELLINGS = {
    normalize_ar(variant): normalize_ar(spelling)
    for spelling, variants in {
        "ميليشيا": ("مليشيا", "ميلشيا", "ميليشا", "مليشا"),
        "ميليشيات": ("مليشيات", "ميلشيات", "ميليشات"),
        "أوتوستراد": ("اوتستراد", "أتوستراد", "اوتوستراض"),
    }.items()
    for variant in variants
}


def search_words(text: str) -> list[str]:
    """The words of a text as the search index keeps them: every word in each form its clitics
    allow ("بكمين" as بكمين and كمين; "كمين" as كمين and مين, since ك may be a preposition), so a
    query in the form the user types finds it whatever prefixes the article wrote (`query_words`)."""
    return [form for word in _search_tokens(text) for form in clitic_stems(word)]


def query_words(text: str) -> list[str]:
    """The words of a search as typed, one form each: an article and the prefixes before it are
    dropped ("بالكمين" → كمين), other letters kept, since a word may begin with what looks like a
    prefix ("كمين" is not ك + مين). Indexed forms come from `search_words`."""
    return [_without_article(word) for word in _search_tokens(text)]


def word_keys(text: str) -> list[str]:
    """One key per word, its shortest clitic stem: for comparing two texts' vocabularies."""
    return [clitic_stems(word)[-1] for word in _search_tokens(text)]


def _without_article(word: str) -> str:
    stems = clitic_stems(word)
    for k, stem in enumerate(stems[:-1]):
        if stem.startswith("ال") and stems[k + 1] == stem[2:]:
            return stems[k + 1]
    if word.startswith(("لل", "ولل", "فلل")) and len(stems) > 1:
        return stems[-2] if len(stems) > 2 else stems[-1]
    return word


def _search_tokens(text: str) -> list[str]:
    """Normalised words, without a tanween's alef, glued names split, loanwords in one spelling."""
    words = []
    for word in _WORD_RE.findall(normalize_ar(_TANWEEN_ALEF_RE.sub("", text))):
        glued = next((m for stem in clitic_stems(word) if (m := _GLUED_RE.match(stem))), None)
        for part in glued.groups() if glued else (word,):  # "بديرالزور": دير، الزور
            words.append(_loanword(part))
    return words


def _loanword(word: str) -> str:
    """ "ومليشيات" → "وميليشيات": the variant spelling of a loanword, its prefixes kept."""
    for stem in clitic_stems(word):
        if stem in _LOANWORD_SPELLINGS:
            return word[: len(word) - len(stem)] + _LOANWORD_SPELLINGS[stem]
    return word
