"""The incident's parties: those "between" whom it happened, else those named with it, by ACLED's rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extraction.actor_mentions import ActorMention
from extraction.document import SentenceFacts
from extraction.evidence import evidence_for
from extraction.generic_actors import CIVILIANS, PROTESTERS
from extraction.normalize import keyset, stem_set
from extraction.records import ActorRef
from extraction.wordclass import any_of, flagged

_BETWEEN_STOPS = keyset("،", ".", "اسفرت", "ادت", "تسببت", "بعد", "عقب", "علي", "خلفيه")
# "في" ends a "between" phrase only when a place follows ("بين X وY في مدينة …"), not in
# "القيادي في ميليشيا X".
_PLACE_PREPOSITIONS = keyset("في", "عند", "داخل", "وسط", "قرب", "بالقرب")
_CIVILIAN_EVENT_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
_MAX_ACTORS = 4


def choose_actors(
    event_type: str,
    sub_event_type: str,
    sentences: Sequence[SentenceFacts],
    trigger: SentenceFacts,
    where: tuple[str, date | None] = ("", None),
) -> list[tuple[ActorRef, ActorMention, SentenceFacts]]:
    """The parties: those "between" whom it happened when the text says so, else those named with it.
    `where`: the incident's governorate and day, which decide a name shared by a regional row."""
    chosen: list[tuple[ActorMention, SentenceFacts]] = []
    for facts in [trigger, *[s for s in sentences if s is not trigger]]:
        mentions = [_as_protesters(m) if event_type == "Protests" else m for m in _parties_in(facts)]
        mentions = [in_its_area(m, *where) for m in mentions]
        mentions = [m for m in mentions if _fits(m, event_type, sub_event_type, facts)]
        if sub_event_type in _STRIKES and chosen:
            # past the victims, who struck is told where the strike is told again ("رجح المرصد أن
            # مقاتلات روسية شنت الغارة"), and is one force: the first armed party named there
            told = _tells_event(facts, event_type)
            mentions = [next((m for m in mentions if not m.is_civilian), None)] if told else []
            mentions = [m for m in mentions if m is not None]
        for mention in mentions:
            if all(_party_key(mention) != _party_key(c) for c, _ in chosen):
                chosen.append((mention, facts))
        if _enough(chosen, event_type, sub_event_type):
            break
    if event_type == "Violence against civilians" and not any(not m.is_civilian for m, _ in chosen):
        # "… بعد إطلاقه النار على قدميه": the attacker is the person the sentence just named.
        named = _person_before_clause(trigger)
        if named is not None:
            chosen.insert(0, named)
    if event_type == "Violence against civilians" and not any(m.is_civilian for m, _ in chosen):
        chosen.append((_implied(CIVILIANS, "Civilians", 7, "civilians"), trigger))
    if event_type == "Explosions/Remote violence" and not any(m.is_civilian for m, _ in chosen):
        # Shelling and strikes that hurt civilians: analysts list the civilians as the other side.
        hurt = next(
            ((m, f) for f in sentences for m in f.actors if m.is_civilian and not m.excluded and _hurt(f, m)),
            None,
        )
        if hurt is not None:
            chosen.append(hurt)
    if event_type == "Protests" and not any(m.kind == "protesters" for m, _ in chosen):
        chosen.insert(0, (_implied(PROTESTERS, "Protesters", 6, "protesters"), trigger))
    if sub_event_type == "Suicide bomb" and not any(_armed(m) for m, _ in chosen):
        # a suicide bombing no one is named for: the bomber is the party (ACLED: an unidentified armed group)
        chosen.insert(0, (_implied(BOMBER, "Political militia", 3, "unidentified"), trigger))
    return [(_actor_ref(m, f, event_type), m, f) for m, f in chosen[:_MAX_ACTORS]]


_BETWEEN = any_of(["بين", "وبين"])


def _parties_in(facts: SentenceFacts) -> list[ActorMention]:
    between = flagged(facts.tokens, _BETWEEN) if facts.sentence.flags & _BETWEEN else ()
    for k in between:
        inside = []
        for mention in facts.actors:
            if mention.start <= k or mention.excluded:
                continue
            if any(_ends_between(facts, j) for j in range(k + 1, mention.start)):
                break
            inside.append(mention)
        if len(inside) >= 2 or (inside and len(between) == 1):
            return inside
    return [m for m in facts.actors if not m.excluded]


def _party_key(mention: ActorMention) -> str:
    """Civilians are one party however many words name them."""
    return mention.kind if mention.kind in {"civilians", "protesters"} else mention.name


def in_its_area(mention: ActorMention, admin1: str, day: date | None) -> ActorMention:
    """A name shared by a regional row and another ("قوى الأمن الداخلي": the Asayish in the north-east,
    the transitional government's internal security elsewhere after December 2024) means the regional
    actor inside its areas and the other one outside them, among the rows valid on the day."""
    if not admin1 or not mention.others:
        return mention
    valid = [a for a in mention.others if day is None or _valid_on(a, day)]
    if mention.areas and admin1 not in mention.areas:
        row = next((a for a in valid if not a.areas or admin1 in a.areas), None)
    elif not mention.areas:
        row = next((a for a in valid if admin1 in a.areas), None)
    else:
        row = None
    if row is None:
        return mention
    return _read_as(mention, row, kind=row.kind, areas=row.areas)


def _read_as(mention: ActorMention, row, **fields) -> ActorMention:
    """The mention read as another gazetteer row of its name."""
    others = tuple(a for a in mention.others if a is not row)
    return replace(
        mention,
        name=row.name,
        aliases=row.aliases,
        name_en=row.name_en,
        acled_type=row.acled_type,
        inter=row.inter,
        others=others,
        **fields,
    )


def _valid_on(actor, day: date) -> bool:
    iso = day.isoformat()
    return (actor.valid_from or "") <= iso and (not actor.valid_to or iso < actor.valid_to)


def _as_protesters(mention: ActorMention) -> ActorMention:
    """ "الأهالي" at a protest are the protesters."""
    if mention.kind != "civilians":
        return mention
    row = next((a for a in mention.others if a.acled_type == "Protesters"), None)
    if row is None:
        return mention
    return _read_as(mention, row, kind="protesters")


def _ends_between(facts: SentenceFacts, j: int) -> bool:
    norm = facts.tokens[j].norm
    if norm in _BETWEEN_STOPS:
        return True
    if norm in _PLACE_PREPOSITIONS:
        return any(p.start in {j + 1, j + 2} for p in facts.places)
    return False


# Nouns of property: civilians named after them own what was looted or burnt ("منازل المدنيين").
_PROPERTY_NOUNS = keyset(
    "منازل", "منزل", "ممتلكات", "اراضي", "محلات", "محل", "بيوت", "مقتنيات", "املاك", "مواشي"
)


def _fits(mention: ActorMention, event_type: str, sub_event_type: str, facts: SentenceFacts) -> bool:
    """ACLED's parties by event type: protesters at protests only (a peaceful protest has no other
    party), civilians as victims, detainees, or owners of looted property."""
    if mention.kind == "protesters":
        return event_type in {"Protests", "Riots"}
    if sub_event_type == "Peaceful protest":
        return False
    if mention.is_civilian:
        if sub_event_type == "Looting/property destruction":
            before = facts.tokens[max(0, mention.start - 2) : mention.start]
            return any(stem_set(t.norm) & _PROPERTY_NOUNS for t in before)
        return event_type in _CIVILIAN_EVENT_TYPES or sub_event_type == "Arrests"
    return True


# Events with two sides: the search for parties goes on past the reporting sentence until both are named.
_TWO_SIDED = {"Battles", "Agreement", "Violence against civilians"}


_STRIKES = {"Air/drone strike", "Shelling/artillery/missile attack"}


def _tells_event(facts: SentenceFacts, event_type: str) -> bool:
    return any(e.event_type == event_type for e in facts.events)


def _enough(chosen: list[tuple[ActorMention, SentenceFacts]], event_type: str, sub_event_type: str) -> bool:
    if event_type in _TWO_SIDED or sub_event_type in _TWO_SIDED:
        armed = [m for m, _ in chosen if not m.is_civilian]
        return len(chosen) >= 2 and len(armed) >= 1
    if sub_event_type in _STRIKES:
        # who struck is the party a strike is coded by; the civilians it hurt are its victims, not enough
        # (a mine or a bomb is another matter: its layer is seldom known, the forces near it are not it)
        return any(not m.is_civilian for m, _ in chosen)
    return len(chosen) >= 1


_CIVILIAN_ALIASES = ("مدني", "المدنيين", "مدنيون", "مواطن", "المواطنين")


def _person_before_clause(clause: SentenceFacts) -> tuple[ActorMention, SentenceFacts] | None:
    """The last named person of the sentence before this clause starts."""
    whole = clause.whole
    if whole is None or not clause.events:
        return None
    start = min(e.start for e in clause.events)
    people = [m for m in whole.actors if m.kind == "person" and m.end <= start]
    return (people[-1], whole) if people else None


def _hurt(facts: SentenceFacts, mention: ActorMention) -> bool:
    """The civilians are counted among the casualties of the sentence (a casualty word near them)."""
    return any(abs(c.start - mention.start) <= 6 for c in facts.counts)


BOMBER = "انتحاري"


def _armed(mention: ActorMention) -> bool:
    return not mention.is_civilian and mention.kind not in {"civilians", "protesters", "family", "generic"}


def _implied(name: str, acled_type: str, inter: int, kind: str) -> ActorMention:
    aliases = {
        CIVILIANS: ("مدني", "المدنيين", "مدنيون", "مواطن", "المواطنين"),
        PROTESTERS: ("أهالي", "متظاهرين", "محتجين"),
        BOMBER: ("الانتحاري", "انتحارية", "مفجر انتحاري", "انتحاريون"),
    }[name]
    return ActorMention(0, 0, name, aliases, "", acled_type, inter, kind, False)


def _actor_ref(mention: ActorMention, facts: SentenceFacts, event_type: str) -> ActorRef:
    role = "party"
    if event_type == "Violence against civilians":
        role = "target" if mention.is_civilian else "attacker"
    span = mention.end > mention.start
    aliases = mention.aliases
    if mention.acled_type == "Civilians" and mention.name != CIVILIANS:
        # "رعاة الأغنام", "شخصين": civilians named by what they are; analysts also write "مدنيين".
        aliases = (*aliases, CIVILIANS, *_CIVILIAN_ALIASES)
    return ActorRef(
        name=mention.name,
        aliases=aliases,
        name_en=mention.name_en,
        acled_type=mention.acled_type,
        inter=mention.inter,
        role=role,
        evidence=evidence_for(facts, mention.start, mention.end, mention.kind) if span else None,
    )
