"""The incident's killed and injured: one figure per sentence, the scene's first, vague tolls apart."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.casualties import INJURED, KILLED, tells_rising_toll
from extraction.document import SentenceFacts
from extraction.normalize import keyset, stem_set
from extraction.place_context import STRICT
from extraction.wordclass import flagged, stems_in


def choose_casualties(
    sentences: Sequence[SentenceFacts], town: str | None = None
) -> dict[str, tuple[int | None, tuple | None]]:
    """Killed and injured, ACLED-style: vague → None, "none" → 0, else a definite figure.

    Sentences usually repeat the same victims (headline, lead, details), so the largest figure of one
    sentence is kept, not a sum; figures from sentences set in the incident's town win over a summary
    that names no town ("حادثتي اغتيال أودت بحياة شخصين" before each killing is told). A sentence that
    says "also" ("أسفر الهجوم أيضاً عن إصابة شاب") adds its victims."""
    at_scene = [
        f for f in sentences if town and any(m.place.name == town for m in f.places if m.context in STRICT)
    ]
    result: dict[str, tuple[int | None, tuple | None]] = {}
    for kind in (KILLED, INJURED):
        # ACLED codes per location: a total over several places is no one incident's figure
        figures = [f for f in _figures(sentences, kind) if not _spans_places(f[2])]
        scene_figures = [f for f in figures if f[2] in at_scene and not f[3]]
        main = scene_figures or [f for f in figures if not f[3]]
        extra = sum(f[0] for f in figures if f[3])
        vague = any(c.value is None for f in sentences for c in f.counts if c.kind == kind)
        if main or extra:
            total, evidence = (max(main, key=lambda f: f[0])[:2]) if main else (0, figures[0][1])
            result[kind] = (total + extra, evidence)
        elif not vague and any(f.no_casualties for f in sentences):
            result[kind] = (0, None)
        else:
            result[kind] = (None, None)
    return result


def vague_toll(sentences: Sequence[SentenceFacts], kind: str) -> int | None:
    """The most conservative reading of the vague figures told ("عشرات القتلى" 10, "مئات" 100), for an
    incident whose toll has no definite number (ACLED codes such reports with these numbers)."""
    readings = [c.at_least for f in sentences for c in f.counts if c.kind == kind and c.at_least]
    return min(readings, default=None)


# Nouns in the dual that say a figure covers two places: "في منطقتي حمص وطرطوس". (Two towns named in
# one sentence often are one place and its district: not enough.)
_TWO_PLACES = keyset("منطقتي", "مدينتي", "بلدتي", "قريتي", "محافظتي")
# Two events in the dual are one event when they struck one place (ACLED aggregates what happens on one
# day, at one place, by the same actors): "حصيلة التفجيرين قرب مدينة طرطوس" is one toll; "في مجزرتين"
# with two towns named is two.
_TWO_EVENTS = keyset("مجزرتين", "هجومين", "تفجيرين", "حادثتين", "مجزرتي", "هجومي", "تفجيري", "حادثتي")
_TWO_OF_WORD = stems_in(_TWO_PLACES | _TWO_EVENTS)


def _spans_places(facts: SentenceFacts) -> bool:
    """The sentence's figures cover two places, told with a noun in the dual; "بين قريتي الكشمة
    والدوير" is one place, between two."""
    if not facts.sentence.flags & _TWO_OF_WORD:
        return False
    tokens = facts.tokens
    towns = {m.place.name for m in facts.places if m.context in STRICT}
    for k in flagged(tokens, _TWO_OF_WORD):
        if k and tokens[k - 1].norm == "بين":
            continue
        if stem_set(tokens[k].norm) & _TWO_PLACES or len(towns) != 1:
            return True
    return False


_ALSO = keyset("ايضا", "كذلك")


_ALSO_WORD = stems_in(_ALSO)


def _figures(sentences: Sequence[SentenceFacts], kind: str) -> list[tuple[int, tuple, SentenceFacts, bool]]:
    """(sum of the sentence's definite figures, evidence, sentence, says "also") per sentence."""
    figures = []
    for facts in sentences:
        definite = [c for c in facts.counts if c.kind == kind and c.value is not None]
        if definite:
            also = bool(facts.sentence.flags & _ALSO_WORD)
            evidence = (facts, definite[0].start, definite[-1].end)
            # A sentence that tells the toll rising gives the new total, which replaces its first figure.
            values = [c.value for c in definite]
            total = max(values) if tells_rising_toll(facts.tokens, facts.sentence.flags) else sum(values)
            figures.append((total, evidence, facts, also and facts is not sentences[0]))
    return figures
