"""Which mention is the town: the best-placed settlement, and how precisely it places the event."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.place_context import FROM, IN, NEAR, OUTLET, PLAIN, REFERENCE, REGION, SITE, STRICT, TO
from extraction.places import PlaceMention

_RANK = {IN: 0, NEAR: 1, PLAIN: 2, REFERENCE: 3, REGION: 4, TO: 5, FROM: 6, OUTLET: 7, SITE: 8}


def best_town(mentions: Sequence[PlaceMention], contexts: tuple[str, ...] = STRICT) -> PlaceMention | None:
    """The settlement an event is placed in among mentions with one of `contexts`: "in" before "near"
    before a bare mention. A bare mention needs a name that cannot be an ordinary word: a city, or a
    name written with its article or in several words."""
    candidates = [
        m
        for m in mentions
        if m.place.is_settlement and m.context in contexts and (m.context != PLAIN or unmistakable(m))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: (_RANK[m.context], m.start))


def unmistakable(mention: PlaceMention) -> bool:
    """A name that cannot be an ordinary word: a city, a name of several words or with its article."""
    return mention.place.kind == "city" or mention.end - mention.start > 1 or mention.has_article


def geo_precision(mention: PlaceMention) -> int:
    """ACLED geo precision: 1 in the town, 2 near or part of it, 3 only the region."""
    return {IN: 1, PLAIN: 1, NEAR: 2, REFERENCE: 2}.get(mention.context, 3)
