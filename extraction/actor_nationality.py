"""National forces named by a nationality on an attack, a weapon or a generic force ("قصف تركي")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extraction.actor_mentions import ActorMention, _from_gazetteer, _valid_at
from extraction.gazetteer import Gazetteer
from extraction.normalize import keyset, stem_set
from extraction.tokens import Token
from extraction.wordclass import stems_in

# "قصف تركي", "غارة إسرائيلية", "الغارات الروسية": a nationality on the attack names the attacker.
_ATTACK_NOUNS = keyset(
    *"قصف القصف غاره الغاره غارات الغارات قذيفه قذائف القذائف ضربه ضربات صاروخ صواريخ هجوم الهجوم".split(),
    *"قصفا هجوما صاروخا عدوانا".split(),  # indefinite accusative: "شن هجوماً إسرائيلياً"
    *"استهداف الاستهداف استهدافا".split(),  # "الاستهداف الإسرائيلي الجوي لسيارة"
)


def _national_attacks(
    tokens: Sequence[Token], taken: set[int], gazetteer: Gazetteer, published: date | None
) -> list[ActorMention]:
    """ "قصف تركي", "طائرة تركية مسيّرة", "طائرة مسيرة تركية": the nationality on an attack or a weapon
    (one adjective of the weapon may come between) names whose force did it."""
    found = []
    for i in range(1, len(tokens)):
        if i in taken or i - 1 in taken:
            continue
        start = i - 1
        if not tokens[start].flags & _ATTACK_NOUN:
            if i < 2 or not (tokens[i - 2].flags & _WEAPON_NOUN and tokens[i - 1].flags & _WEAPON_NOUN):
                continue
            start = i - 2  # "طائرة مسيرة تركية"
        mention = _national(tokens, i, i, gazetteer, published)
        if mention is not None:
            found.append(replace(mention, start=start) if start < i - 1 else mention)
    return found


# Weapons a nationality may qualify, and the adjectives that may stand between ("طائرة مسيرة تركية").
_WEAPON_NOUNS = keyset(
    *"طائره طائرات مسيره مسيرات مسيرتين مقاتلات مقاتله مروحيه مروحيات حربيه حربي دبابه دبابات".split(),
    *"مدفعيه راجمات طيران بارجه بوارج".split(),
)
_ATTACK_NOUN = stems_in(_ATTACK_NOUNS | _WEAPON_NOUNS)
_WEAPON_NOUN = stems_in(_WEAPON_NOUNS)

# "الطيران الحربي الروسي", "المدفعية التركية": a nationality after a weapon or force names whose it is.
_NATIONAL_FORCES = {
    **dict.fromkeys(keyset("الروسي", "الروسيه"), "القوات الروسية"),
    **dict.fromkeys(keyset("التركي", "التركيه"), "الجيش التركي"),
    **dict.fromkeys(keyset("الاسرائيلي", "الاسرائيليه"), "الجيش الإسرائيلي"),
    **dict.fromkeys(keyset("الامريكي", "الاميركي", "الامريكيه", "الاميركيه"), "القوات الأمريكية"),
}
_GENERIC_FORCE_WORDS = keyset(
    "طيران",
    "الطيران",
    "طائرات",
    "الطائرات",
    "طائره",
    "مسيره",
    "المسيره",
    "مدفعيه",
    "المدفعيه",
    "قوات",
    "القوات",
)


def _with_nationality(
    tokens: Sequence[Token], mention: ActorMention, gazetteer: Gazetteer, published: date | None
) -> ActorMention:
    if mention.end >= len(tokens) or not stem_set(tokens[mention.start].norm) & _GENERIC_FORCE_WORDS:
        return mention
    replaced = _national(tokens, mention.start, mention.end, gazetteer, published)
    return mention if replaced is None else replace(replaced, excluded=mention.excluded)


def _national(
    tokens: Sequence[Token], start: int, nationality: int, gazetteer: Gazetteer, published: date | None
) -> ActorMention | None:
    """The national force whose nationality adjective is token `nationality` ("التركية", "تركي"), as a
    mention of tokens [start, nationality]; None for other words."""
    norm = tokens[nationality].norm
    if norm.endswith("يا"):  # the indefinite accusative "إسرائيلياً" is "إسرائيلي"
        norm = norm[:-1]
    nation = _NATIONAL_FORCES.get(norm) or _NATIONAL_FORCES.get("ال" + norm)
    rows = _valid_at(tuple(gazetteer.actor_named(nation)), published) if nation else ()
    return _from_gazetteer(tokens, start, nationality + 1, rows) if rows else None
