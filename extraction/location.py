"""The finer location named with the event: a street, a quarter, a square, a checkpoint."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.normalize import clitic_stems, keyset, stem_set
from extraction.place_context import _QUOTES, _SETTLEMENT_WORDS
from extraction.places import PlaceMention
from extraction.tokens import Token
from extraction.wordclass import flagged, present, stems_in


def _stripped(token: Token) -> set[str]:
    return stem_set(token.norm)


_LOCATION_HEADS = keyset(
    "حي",
    "شارع",
    "ساحه",
    "دوار",
    "سوق",
    "جسر",
    "حاجز",
    "مفرق",
    "طريق",
    "اوتوستراد",
    "مدخل",
    "باديه",
    "محيط",
    "وسط",
    "مشفي",
    "مستشفي",
    "معبر",
    "حقل",
    "مطار",
    "قاعده",
    "سجن",
)
_LOCATION_STOPS = keyset(
    "غرب",
    "شرق",
    "شمال",
    "جنوب",
    "غربي",
    "شرقي",
    "شمالي",
    "جنوبي",
    "في",
    "من",
    "علي",
    "الي",
    "بين",
    "،",
    ".",
    ",",
    "قرب",
    "عند",
    "و",
    "بعد",
    "قبل",
    "حيث",
)


_LOCATION_HEAD = stems_in(_LOCATION_HEADS)


def _has_article(token: Token, heads: set[str]) -> bool:
    return any(form.startswith("ال") and form[2:] in heads for form in clitic_stems(token.norm))


def find_location(tokens: Sequence[Token], town: PlaceMention | None, flags: int | None = None) -> str | None:
    """The finer place ("شارع الوادي", "حي الجورة", "وسط البلدة") named with the event, if any
    (`flags`: the tokens' word classes when the caller has them)."""
    if not present(tokens, flags) & _LOCATION_HEAD:
        return None
    for i in flagged(tokens, _LOCATION_HEAD):
        token = tokens[i]
        heads = _stripped(token) & _LOCATION_HEADS
        if _has_article(token, heads):
            continue  # "الشارع" is any street; "شارع الوادي" names one
        stem = next(form for form in clitic_stems(token.norm) if form in heads)
        words = [token.text[len(token.norm) - len(stem) :]]
        j = i + 1
        while j < len(tokens) and len(words) < 4:
            if tokens[j].norm in _QUOTES:
                j += 1
                continue
            norm = tokens[j].norm
            if norm in _LOCATION_STOPS or (town and town.start <= j < town.end) or norm.startswith("و"):
                break
            if town and j + 1 == town.start and _stripped(tokens[j]) & _SETTLEMENT_WORDS:
                break  # "محيط مدينة جبلة": the settlement word belongs to the town's name, not the site's
            if len(words) > 1 and norm.startswith(("ب", "ل")) and len(norm) >= 4:
                break  # "حي الجورة بهدف اعتقال": a clitic preposition starts the rest of the clause
            words.append(tokens[j].text)
            j += 1
        if len(words) > 1:
            return " ".join(words)
    return None
