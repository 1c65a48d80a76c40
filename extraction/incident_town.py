"""The incident's town, whether a later report is set in the same scene, and the finer location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.document import SentenceFacts
from extraction.evidence import evidence_for
from extraction.location import find_location
from extraction.normalize import keyset, stem_set
from extraction.place_context import FROM, OUTLET, REFERENCE, REGION, SITE, STRICT, TO
from extraction.places import PlaceMention
from extraction.records import PlaceRef
from extraction.town_choice import best_town, geo_precision


def choose_town(
    sentences: Sequence[SentenceFacts], fallback: Sequence[SentenceFacts] | None
) -> tuple[PlaceRef, PlaceMention, SentenceFacts] | None:
    """The town the incident's sentences place it in: a place named as the scene anywhere in them
    first (a village before "في درعا", which may mean the province), then victims' home towns and
    destinations, then reference points, then the region; a governorate alone gives its capital."""
    for contexts, precision in ((STRICT, None), ((FROM, TO), 2), ((REFERENCE,), 2), ((REGION,), 3)):
        found = [(m, f) for f in sentences if (m := best_town(f.places, contexts))]
        specific = [(m, f) for m, f in found if not m.broad]
        if found and not specific and precision is None and (finer := _finer_in(sentences, found)):
            return finer
        if found:
            pool = specific or found
            pool = [c for c in pool if told_where_it_happened(*c) and _within(c[0], pool[0][0])] or pool
            mention, facts = next((c for c in pool[1:] if _located_in(c, pool[0][0])), pool[0])
            return _place_ref(mention, facts, precision), mention, facts
    for facts in fallback or ():
        if mention := best_town(facts.places, (*STRICT, REFERENCE)):
            return _place_ref(mention, facts, precision=2), mention, facts
    for facts in [*sentences, *(fallback or ())]:
        for mention in facts.places:
            if mention.capital is not None and mention.context not in {OUTLET, SITE}:
                capital = replace(mention, place=mention.capital)
                precision = 1 if any(_the_city_told(f) for f in sentences) else 3
                return _place_ref(capital, facts, precision), capital, facts
    return None


# "في محافظة طرطوس … بالقرب من كراج المدينة": "the city", with no name of its own after it, is the
# capital of the governorate the report names. ("المدينة الصناعية" is an industrial zone.)
_THE_CITY = keyset("المدينه", "بالمدينه", "للمدينه", "والمدينه", "فالمدينه")
_CITY_KINDS = keyset("الصناعيه", "الرياضيه", "الجامعيه", "السكنيه", "القديمه")


def _the_city_told(facts: SentenceFacts) -> bool:
    tokens, named = facts.tokens, {p.start for p in facts.places}
    return any(
        t.norm in _THE_CITY and k not in named and k + 1 not in named
        and not (k + 1 < len(tokens) and tokens[k + 1].norm in _CITY_KINDS)
        for k, t in enumerate(tokens)
    )  # fmt: skip


def _finer_in(
    sentences: Sequence[SentenceFacts], broad: list[tuple[PlaceMention, SentenceFacts]]
) -> tuple[PlaceRef, PlaceMention, SentenceFacts] | None:
    """A lead told only in provinces ("توغلت قوات في قرى بمحافظتي القنيطرة ودرعا") and a detail that
    names a village of one of them as where the force went ("دخلت دورية إلى بلدة عابدين غربي درعا")
    are one event: placed at the village, the most specific place consistent with both."""
    provinces = {m.place.admin1 for _, f in broad for m in f.places if m.broad and m.context in STRICT} - {""}
    for facts in sentences:
        mention = best_town(facts.places, (FROM, TO))
        if mention is not None and not mention.broad and mention.place.admin1 in provinces:
            return _place_ref(mention, facts, 2), mention, facts
    return None


# "هذا الحادث، الذي وقع في منطقة تل الشور": a verb of occurring right before the place.
_OCCURRED = keyset("وقع", "وقعت", "جرى", "جرت", "حدث", "حدثت", "حصل", "حصلت")


def told_where_it_happened(mention: PlaceMention, facts: SentenceFacts) -> bool:
    """The place follows a verb of occurring within three words ("الذي وقع في منطقة تل الشور"): the
    text says outright that the event happened there."""
    tokens = facts.tokens
    return any(stem_set(t.norm) & _OCCURRED for t in tokens[max(0, mention.start - 3) : mention.start])


def _within(mention: PlaceMention, told: PlaceMention) -> bool:
    """A place said to be where it happened refines the town first told when it lies in its province."""
    return mention.place.admin1 in {"", told.place.admin1}


def _located_in(candidate: tuple[PlaceMention, SentenceFacts], told: PlaceMention) -> bool:
    """A later sentence places the event in a town or village and names the city first told as where
    that place is: "انفجرت سيارة في بلدة رساس بمدخل مدينة السويداء" details "انفجار في مدينة السويداء"."""
    mention, facts = candidate
    if told.place.kind not in _CONTAINERS or mention.place.kind in _CONTAINERS:
        return False
    return mention.place.name != told.place.name and any(
        other.start > mention.start and _same_place(other, told) for other in facts.places
    )


_CONTAINERS = {"city", "governorate"}


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    """The same town, a governorate standing for its capital."""
    return (a.capital or a.place).name == (b.capital or b.place).name


def same_scene(told: PlaceMention | None, new: PlaceMention | None, facts: SentenceFacts) -> bool:
    """Whether a new report's town fits an incident told with `told`: either is unknown, the report
    names the incident's town too, or the incident was placed only by its province's name ("في درعا")
    and the report names a town of that province."""
    if told is None or new is None:
        return True
    if (
        any(m.place.name == told.place.name for m in facts.places if m.context in STRICT)
        or new.place.name == told.place.name
    ):
        return True
    return told.broad and new.place.admin1 in {"", told.place.admin1}


def in_province_of(told: PlaceMention | None, new: PlaceMention | None) -> bool:
    """The place named is only the province that holds the incident's town: "مصياف" told, then "نقلت
    الوكالة عن مدير صحة حماة أن 43 أصيبوا" details it."""
    return told is not None and new is not None and new.broad and new.place.admin1 == told.place.admin1


def _place_ref(mention: PlaceMention, facts: SentenceFacts, precision: int | None = None) -> PlaceRef:
    place = mention.place
    return PlaceRef(
        name=place.name,
        aliases=place.aliases,
        name_en=place.name_en,
        admin1=place.admin1,
        admin2=place.admin2,
        admin3=place.admin3,
        lat=place.lat,
        lon=place.lon,
        geo_precision=precision or geo_precision(mention),
        evidence=evidence_for(facts, mention.start, mention.end, f"place:{mention.context}"),
    )


def choose_location(sentences: Sequence[SentenceFacts], town) -> str | None:
    """The street, neighbourhood or site named in the sentence that reports the event."""
    if not sentences:
        return None
    facts = sentences[0]
    return find_location(facts.tokens, town[1] if town and town[2] is facts else None, facts.sentence.flags)
