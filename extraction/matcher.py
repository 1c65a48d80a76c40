"""One name matcher for every gazetteer: normalised token sequences, clitic-aware, leftmost-longest.

Names are keyed by their normalised tokens with the article dropped from every word and the clitics from
the first, so one entry is reached from `العشارة`, `بالعشارة`, `وبالعشارة` and `عشارة`, and one spelling
of a multi-word name serves its definite and indefinite forms (`قوات النظام السوري`, `قوات نظام سوري`:
news writes both, and a gazetteer that had to list each would miss the one nobody wrote down). A
multi-word name is also keyed by its words written together (`ديرالزور`), a common way of typing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress, count, repeat
from typing import Generic, TypeVar

from extraction.normalize import clitic_stems, drop_latin_article, fold_latin, normalize_token, strip_article
from extraction.records import fact
from extraction.tokens import DASHES, Token, norm_of
from extraction.vendored_camel_tools import simple_word_tokenize

T = TypeVar("T")


@fact
class NameMatch(Generic[T]):
    """A gazetteer name found in a token list: tokens [start, end), the entries it names, and how."""

    start: int
    end: int
    values: tuple[T, ...]
    prefix: str  # clitics removed from the first token ("و", "بال", ""…)
    has_article: bool  # the text form carries ال (directly or inside "لل")


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> tuple[str, ...]:
    """The lookup key of a gazetteer name (Arabic, or a Latin transliteration)."""
    if any("a" <= c <= "z" or "A" <= c <= "Z" or "\u00c0" <= c <= "\u024f" for c in name):
        name = fold_latin(name)
    tokens = [normalize_token(t) for t in simple_word_tokenize(name)]
    tokens = drop_latin_article([t for t in tokens if t and t not in _IGNORED_IN_NAMES])
    if not tokens:
        return ()
    return tuple(map(strip_article, tokens))


_IGNORED_IN_NAMES = {"-", "“", "”", '"', "«", "»", "(", ")"}


class NameMatcher(Generic[T]):
    """Finds every gazetteer name in a token list, preferring the longest name at each position."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[T]] = {}
        # The keys as a word tree: first word → node; a node maps the next word to its node, and None
        # to the entries of the name ending there.
        self._trie: dict[str, dict] = {}
        self._starts: dict[str, tuple[tuple[dict, str, bool], ...]] = {}  # memo: norm → name starts

    def add(self, name: str, value: T) -> None:
        """Register `name` (any spelling) for `value`."""
        key = name_key(name)
        if not key:
            return
        self._add_key(key, value)
        if len(key) > 1:
            self._add_key((strip_article("".join(name_key(name.replace(" ", "")) or key)),), value)

    def add_all(self, names: Iterable[str], value: T) -> None:
        """Register several spellings of one entry."""
        for name in names:
            self.add(name, value)

    def _add_key(self, key: tuple[str, ...], value: T) -> None:
        bucket = self._entries.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
        node = self._trie.setdefault(key[0], {})
        for word in key[1:]:
            node = node.setdefault(word, {})
        node[None] = bucket
        self._starts.clear()

    def lookup(self, name: str) -> list[T]:
        """Entries whose name is exactly `name` (after normalisation and clitic removal)."""
        key = name_key(name)
        if not key:
            return []
        for stem in clitic_stems(key[0]):
            found = self._entries.get((strip_article(stem), *key[1:]))  # key[1:] has no article
            if found:
                return list(found)
        return []

    def keys(self) -> Iterable[tuple[str, ...]]:
        """Every registered key (for suggestions)."""
        return self._entries.keys()

    def find(self, tokens: Sequence[Token]) -> list[NameMatch[T]]:
        """Leftmost-longest matches over `tokens` (which must come from `tokenize`)."""
        matches: list[NameMatch[T]] = []
        get = self._starts.get
        size, free = len(tokens), 0
        # Words known to start no name are memoised as (), so one pass at C speed keeps the positions
        # worth a look (and words not seen yet, True).
        starts = list(map(get, map(norm_of, tokens), repeat(True)))
        for i in compress(count(), starts):
            if i < free:
                continue  # inside the previous match
            candidates = starts[i]
            if candidates is True:
                candidates = self._name_starts(tokens[i].norm)
            if candidates and (best := self._best_at(tokens, i, size, candidates)) is not None:
                best = self._overlapping_longer(tokens, best, size)
                matches.append(best)
                free = best.end
        return matches

    def _overlapping_longer(self, tokens: Sequence[Token], best: NameMatch[T], size: int) -> NameMatch[T]:
        """A name starting inside `best` that runs past its end covers more of the text and wins: in
        "قرية كفر شاغر" the village is كفر شاغر, not the town "قرية الكفر" (a name the gazetteer
        writes with its settlement word)."""
        for k in range(best.start + 1, best.end):
            candidates = self._name_starts(tokens[k].norm)
            later = self._best_at(tokens, k, size, candidates) if candidates else None
            if later is not None and later.end > best.end:
                return later
        return best

    def _name_starts(self, norm: str) -> tuple[tuple[dict, str, bool], ...]:
        """(the first word's node, clitic prefix, has article) for each way `norm` can start a name."""
        found = self._starts.get(norm)
        if found is None:
            starts: dict[str, tuple[dict, str, bool]] = {}
            for stem in clitic_stems(norm):
                first = strip_article(stem)
                # "العشاره" and its stem "عشاره" reach one node: the first (longest) reading is kept.
                if first in self._trie and first not in starts:
                    starts[first] = (self._trie[first], norm[: len(norm) - len(stem)], stem != first)
            found = tuple(starts.values())
            if len(self._starts) > 200_000:
                self._starts.clear()
            self._starts[norm] = found
        return found

    def _best_at(
        self, tokens: Sequence[Token], i: int, size: int, candidates: tuple[tuple[dict, str, bool], ...]
    ) -> NameMatch[T] | None:
        best: NameMatch[T] | None = None
        for node, prefix, article in candidates:
            # Walk the words after the first while they continue some name; keep the longest name.
            values = node.get(None)
            length = 1 if values else 0
            j = i + 1
            while j < size:
                if tokens[j].norm in DASHES and j + 1 < size:
                    j += 1  # "طريق دير الزور - الحسكة": the dash of a name, which its key leaves out
                    continue
                node = node.get(strip_article(tokens[j].norm))
                if node is None:
                    break
                j += 1
                found = node.get(None)
                if found:
                    values, length = found, j - i
            if not length or (best is not None and length < best.end - best.start):
                continue
            if best is not None and length == best.end - best.start:
                # "بنجارة": the village بنجارة, or ب + نجارة; both readings, the whole word first.
                extra = tuple(v for v in values if v not in best.values)
                best = NameMatch(best.start, best.end, best.values + extra, best.prefix, best.has_article)
                continue
            has_article = article or prefix.endswith("لل")
            best = NameMatch(i, i + length, tuple(values), prefix, has_article)
        return best
