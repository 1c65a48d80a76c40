"""What a sentence's events say about its places: the place an event acts on is where it happened.

`place_context` reads a place's role from the words before it alone ("في" in, "من" from, "قرب" near). The
trigger before a place can say more: a bombardment's or a capture's object is the place it happened
in ("قصفت قوات النظام الرستن", "السيطرة على مدينة منبج"), and a place someone is taken from is the
scene of the taking ("اختطفوا طفلا من بلدة كورين", "اعتقال شابين من قرية كفرنبل"), not only where the
victims come from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.actor_mentions import ActorMention
from extraction.events import EventMention
from extraction.place_context import FROM, IN, OUTLET, PLAIN, SETTLEMENT_OR_QUOTE
from extraction.places import PlaceMention
from extraction.tokens import Token
from extraction.town_choice import unmistakable

# ACLED codes a taking (an abduction, an arrest, a seizure of goods) where the people or goods were taken.
_TAKINGS = {"Abduction/forced disappearance", "Arrests", "Looting/property destruction"}
_TAKEN_WITHIN = 2  # other words between the trigger and "من": "اختطفوا طفلا من", "اعتقلوا شابا مصابا من"
_ON = {"علي"}  # "على" normalised: "السيطرة على", "الهجوم على"


def with_event_roles(
    tokens: Sequence[Token],
    events: Sequence[EventMention],
    places: Sequence[PlaceMention],
    actors: Sequence[ActorMention] = (),
) -> list[PlaceMention]:
    """`places`, with the object of a trigger and the place of a taking read as where it happened.
    The parties named between (the subject of "قصفت قوات النظام الرستن", the victims of "اعتقلت قوات
    الأمن شابين من قرية الجيزة") do not part a trigger from its object.

    Only a name that cannot be an ordinary word, or one introduced as a settlement, is moved: a bare
    one-word name after a verb is as often a word of the sentence."""
    parties = {i for mention in actors for i in range(mention.start, mention.end)}
    return [_in_role(tokens, events, mention, parties) for mention in places]


def _in_role(
    tokens: Sequence[Token], events: Sequence[EventMention], mention: PlaceMention, parties: set[int]
) -> PlaceMention:
    if not mention.place.is_settlement or not (mention.introduced or unmistakable(mention)):
        return mention
    governor = _governing_word(tokens, mention.start)
    between = [_words_between(event, governor, parties) for event in events]
    if mention.context in (PLAIN, OUTLET) and governor >= 0:
        # OUTLET: "قوات النظام الرستن" read like "نظام دمشق"; after a trigger and its subject it is the object.
        on = tokens[governor].norm in _ON
        if any(n == 0 or (on and n == 1) for n in between if n is not None):
            if mention.context == PLAIN or governor in parties:
                return replace(mention, context=IN)
    if mention.context == FROM and governor >= 0 and tokens[governor].norm == "من":
        if any(
            n is not None and n <= _TAKEN_WITHIN + 1 and e.sub_event_type in _TAKINGS
            for e, n in zip(events, between, strict=True)
        ):
            return replace(mention, context=IN)
    return mention


def _governing_word(tokens: Sequence[Token], start: int) -> int:
    """Index of the word before the name, past its settlement word and quotes (-1 at the start)."""
    j = start - 1
    while j >= 0 and tokens[j].flags & SETTLEMENT_OR_QUOTE:
        j -= 1
    return j


def _words_between(event: EventMention, governor: int, parties: set[int]) -> int | None:
    """How many words that name no party stand from the trigger's end to the governing word, itself
    included unless it ends a party (None when the place comes before the trigger)."""
    if governor < event.end - 1:
        return None
    return sum(1 for i in range(event.end, governor + 1) if i not in parties)
