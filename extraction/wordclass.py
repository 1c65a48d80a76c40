"""Which hand-written word lists each word belongs to, worked out once per distinct word.

A pass looking for settlement words, trigger stems or attack nouns would otherwise strip every token's
clitics and intersect sets again, sentence after sentence. Instead each list is registered here as a
class with one bit: a token carries the bits of its word (`Token.flags`, computed once per distinct word
when it is tokenised) and a sentence the union of its tokens' (`Sentence.flags`), so a pass tests one
integer per token and passes over a sentence that has none of its words.

Classes are registered when their modules are imported, before any text is read (a registration clears
the per-word caches, so tokens made after it carry the new bit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, reduce
from itertools import count
from operator import attrgetter, or_
from typing import Protocol

from extraction.normalize import stem_set

_PREDICATES: list[tuple[int, Callable[[str], bool]]] = []  # (bit, predicate) of the general classes
_STEM_BITS: dict[str, int] = {}  # a word without clitics → the bits of the word lists holding it
_EXACT_BITS: dict[str, int] = {}  # a token → the bits of the lists holding it as written
_ON_REGISTER: list[Callable[[], None]] = []
_POSITIONS = count()  # the next class's bit position


def word_class(predicate: Callable[[str], bool]) -> int:
    """Register the words (normalised tokens) for which `predicate` holds; returns the class's bit."""
    bit = _new_bit()
    _PREDICATES.append((bit, predicate))
    return bit


def stems_in(words: frozenset[str]) -> int:
    """The class of tokens that are one of `words` once their clitics are removed ("وبالقرية")."""
    bit = _new_bit()
    for word in words:
        _STEM_BITS[word] = _STEM_BITS.get(word, 0) | bit
    return bit


def any_of(words: Iterable[str]) -> int:
    """The class of tokens that are exactly one of `words`."""
    bit = _new_bit()
    for word in words:
        _EXACT_BITS[word] = _EXACT_BITS.get(word, 0) | bit
    return bit


def _new_bit() -> int:
    bit = 1 << next(_POSITIONS)
    flags_of.cache_clear()
    for clear in _ON_REGISTER:
        clear()
    return bit


def on_register(clear: Callable[[], None]) -> None:
    """Call `clear` whenever a class is registered (for caches that hold flags)."""
    _ON_REGISTER.append(clear)


@lru_cache(maxsize=1 << 17)
def flags_of(norm: str) -> int:
    """The bits of every class a normalised token belongs to: the word lists are looked up by the
    token's stems (one dictionary probe each), the general classes asked one by one."""
    flags = _EXACT_BITS.get(norm, 0)
    for stem in stem_set(norm):
        flags |= _STEM_BITS.get(stem, 0)
    for bit, predicate in _PREDICATES:
        if predicate(norm):
            flags |= bit
    return flags


class _Flagged(Protocol):
    flags: int


def flagged(tokens: Sequence[_Flagged], bit: int) -> list[int]:
    """Indexes of the tokens in class `bit`."""
    return [i for i, token in enumerate(tokens) if token.flags & bit]


_FLAGS = attrgetter("flags")


def present(tokens: Iterable[_Flagged], flags: int | None) -> int:
    """`flags` when the caller knows them (a sentence's), else the union of the tokens' classes."""
    return union(tokens) if flags is None else flags


def union(tokens: Iterable[_Flagged]) -> int:
    """The bits of every class some token belongs to."""
    return reduce(or_, map(_FLAGS, tokens), 0)
