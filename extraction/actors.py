"""Who took part: gazetteer actors, generic parties (unknown gunmen, civilians, protesters), families and
named people, with the context that excludes mediators, patrons and control-area descriptions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extraction.actor_exclusions import _exclude_affiliations, _named_after, _speakers_apart, _street_named
from extraction.actor_mentions import ActorMention, _from_gazetteer, _valid_at
from extraction.actor_nationality import _ATTACK_NOUN, _national_attacks, _with_nationality
from extraction.gazetteer import Gazetteer
from extraction.generic_actors import _GENERIC_START, _generic_at
from extraction.matcher import NameMatch
from extraction.normalize import keyset
from extraction.tokens import Token
from extraction.wordclass import flagged, present


def find_actor_mentions(
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    published: date | None = None,
    flags: int | None = None,
    matches: Sequence[NameMatch] | None = None,
) -> list[ActorMention]:
    """Every party named in `tokens`, in order, overlapping matches resolved longest first.

    A name that meant different actors in different periods ("الجيش السوري" before and after
    8 December 2024) is read as the actor of the publication date. `flags`: the tokens' word classes
    when the caller has them (a sentence's); `matches`: the gazetteer's matches in them, when the
    caller has them already.
    """
    flags = present(tokens, flags)
    mentions = [
        _from_gazetteer(tokens, m.start, m.end, _valid_at(m.values, published))
        for m in (gazetteer.actor_matcher.find(tokens) if matches is None else matches)
    ]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for i in flagged(tokens, _GENERIC_START) if flags & _GENERIC_START else ():
        if i in taken:
            continue
        for extra in _generic_at(tokens, i):
            if not taken & set(range(extra.start, extra.end)):
                mentions.append(extra)
                taken.update(range(extra.start, extra.end))
    mentions = [_with_nationality(tokens, m, gazetteer, published) for m in mentions]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    if flags & _ATTACK_NOUN:
        mentions += _national_attacks(tokens, taken, gazetteer, published)
    mentions = [m for m in mentions if not _street_named(tokens, m.start) and not _not_civilians(tokens, m)]
    mentions = _named_after(tokens, sorted(mentions, key=lambda m: m.start))
    return _speakers_apart(tokens, _exclude_affiliations(tokens, mentions))


_NOT_CIVILIAN = keyset("مدنيين", "مدنيا", "مدني", "مدنيه", "مدنيون")


def _not_civilians(tokens: Sequence[Token], mention: ActorMention) -> bool:
    """ "مقتل شخصين غير مدنيين": persons said not to be civilians are no civilian party (who they were
    the text leaves open)."""
    end = mention.end
    if not mention.is_civilian:
        return False
    if mention.start and tokens[mention.start - 1].norm == "غير":
        return True  # "غير مدنيين" itself
    return end + 1 < len(tokens) and tokens[end].norm == "غير" and tokens[end + 1].norm in _NOT_CIVILIAN
