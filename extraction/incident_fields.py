"""Choosing each field of an incident from the facts of its sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.actors import CIVILIANS, PROTESTERS, ActorMention
from extraction.casualties import INJURED, KILLED, tells_rising_toll
from extraction.document import SentenceFacts, undergone_from
from extraction.events import ATTACK, BATTLE, TARGETED, EventMention
from extraction.location import find_location
from extraction.normalize import keyset, stem_set, with_conjunction
from extraction.place_context import FROM, OUTLET, REFERENCE, REGION, SITE, STRICT, TO
from extraction.places import PlaceMention
from extraction.records import ActorRef, Evidence, PlaceRef
from extraction.town_choice import best_town, geo_precision
from extraction.wordclass import any_of, flagged, stems_in, word_class

_BETWEEN_STOPS = keyset("،", ".", "اسفرت", "ادت", "تسببت", "بعد", "عقب", "علي", "خلفيه")
# "في" ends a "between" phrase only when a place follows ("بين X وY في مدينة …"), not in
# "القيادي في ميليشيا X".
_PLACE_PREPOSITIONS = keyset("في", "عند", "داخل", "وسط", "قرب", "بالقرب")
_CIVILIAN_EVENT_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
_MAX_ACTORS = 4


# Words that introduce who did it: "من قبل", "على يد", "برصاص", "بنيران".
_AGENT_MARKERS = keyset(
    "قبل", "يد", "برصاص", "رصاص", "بنيران", "نيران", "ايدي",
    # "هجوم نفذته قوات النظام", "غارات شنتها طائرات"
    "نفذته", "نفذها", "نفذتها", "شنته", "شنها", "شنتها",
)  # fmt: skip
# Words that make the victims fighters: "قتل عنصران من قسد", "تبين أنهما من منتسبي قسد".
_MEMBER_NOUNS = keyset(
    "عنصر",
    "عناصر",
    "عنصرين",
    "عنصران",
    "عنصرا",
    "منتسب",
    "منتسبان",
    "منتسبين",
    "منتسبي",
    "مقاتل",
    "مقاتلين",
    "مقاتلي",
    "جندي",
    "جنود",
    "ضابط",
    "ضباط",
    "قيادي",
    "قياديين",
    "مسلحي",
    # posts and patrols of a force, and its ranks: "استهدف حواجز أمنية", "قتلى في صفوف القوات"
    "حاجز",
    "حواجز",
    "دوريه",
    "دوريات",
    "ثكنه",
    "صفوف",
    # with a possessive suffix: "كلفها 6 قتلى من عناصرها", "قتل اثنان من جنوده"
    *(
        noun + suffix
        for noun in ("عناصر", "مقاتلي", "منتسبي", "جنود", "ضباط", "حواجز", "صفوف", "دوريات")
        for suffix in ("ه", "ها", "هم", "نا")
    ),
)


def resolve_targeted(event: EventMention, facts: SentenceFacts) -> tuple[str, str]:
    """Shootings, assassinations, stabbings: against civilians an Attack, against fighters a clash
    (ACLED codes violence against off-duty or captured fighters as civilians only when the text says
    they were unarmed; news rarely does)."""
    if event.event_type != TARGETED:
        return event.event_type, event.sub_event_type
    agents = _agent_tokens(facts)
    flags, tokens = facts.sentence.flags, facts.tokens
    # The victims are named near the violence, eight words either side; when no one is named there,
    # near another word of it in the sentence: "قتل عنصران من قوى الأمن … بعد تعرضهما لإطلاق نار".
    near = _near(event, tokens)
    if not any(m.start in near and m.start not in agents and not m.excluded for m in facts.actors):
        for other in facts.events:
            if other.event_type == TARGETED and other is not event:
                near = near | _near(other, tokens)
        for count in facts.counts:
            near = near | set(range(max(0, count.start - 8), min(len(tokens), count.end + 8)))
    fighters = bool(flags & _AFFILIATE) or (  # "تبين أنهما من منتسبي قسد"
        bool(flags & _MEMBER_NOUN) and any(k not in agents and tokens[k].flags & _MEMBER_NOUN for k in near)
    )
    victims = [m for m in facts.actors if not m.excluded and m.start not in agents and m.start in near]
    if fighters or _ranks_hit(facts) or _armed_underwent(facts, event, agents):
        return BATTLE
    # "اعتداء فلول النظام على قوات الأمن والمدنيين": an armed force among the targets makes it a
    # clash, civilians hit with it or not (ACLED: Violence against civilians is for unarmed victims).
    if any(m.start >= event.end and m.kind not in _UNARMED_KINDS and not m.is_civilian for m in victims):
        return BATTLE
    return ATTACK


def _armed_underwent(facts: SentenceFacts, event: EventMention, agents: set[int]) -> bool:
    """ "تعرض خمسة عناصر من فصيل لواء القدس … لهجوم", "تعرضت دورية لقوى الأمن لإطلاق نار": the subject
    of "تعرض" is the target; fighters or an armed force there make it a clash."""
    j = undergone_from(facts.tokens, event.start)
    if j is None:
        return False
    subject = range(j + 1, event.start)
    if any(facts.tokens[k].flags & _MEMBER_NOUN for k in subject if k not in agents):
        return True
    return any(
        m.start in subject and m.start not in agents and m.kind not in _UNARMED_KINDS and not m.is_civilian
        for m in facts.actors
    )


def _near(event: EventMention, tokens: Sequence) -> set[int]:
    return set(range(max(0, event.start - 8), min(len(tokens), event.end + 8)))


_UNARMED_KINDS = {"unidentified", "civilians", "protesters", "family", "generic", "political"}


def _ranks_hit(facts: SentenceFacts) -> bool:
    """ "ما أدى إلى سقوط قتلى في صفوف القوات الأمنية": the dead are of an armed force's ranks."""
    if not facts.sentence.flags & _RANKS:
        return False
    ranks = flagged(facts.tokens, _RANKS)
    return any(
        k < m.start <= k + 2 and m.kind not in _UNARMED_KINDS and not m.is_civilian
        for k in ranks
        for m in facts.actors
    )


_MEMBER_NOUN = stems_in(_MEMBER_NOUNS)
_RANKS = stems_in(frozenset({"صفوف"}))
_AFFILIATE = word_class(lambda norm: norm.startswith("منتسب"))
_AGENT_MARKER = stems_in(_AGENT_MARKERS)


ARRESTS_SUB = "Arrests"
# "اعتقال المتهم بقتل 3 أشخاص": the killing is the charge, not what the raid did.
_CHARGE_WORDS = keyset(
    "تهمه",
    "بتهمه",
    "المتهم",
    "المتهمين",
    "متهم",
    "متهمين",
    "المتورط",
    "المتورطين",
    "بجريمه",
    "لتورطه",
    "لتورطهم",
    "مرتكب",
    "مرتكبي",
    "بالتورط",
    "المشتبه",
    "بمسؤوليته",
)
_CHARGE_WORD = stems_in(_CHARGE_WORDS)


def violent_arrest(facts: SentenceFacts) -> tuple[str, str] | None:
    """ACLED codes an arrest raid that comes to violence as the violence: fire exchanged ("تبادل
    الطرفان إطلاق النار") or people killed or hurt ("قتل عنصر من الأمن العام إثر مداهمة") make a
    clash when fighters are hit or fight back, an attack when the hurt are civilians."""
    if any(e.event_type == "Battles" and e.sub_event_type == "Armed clash" for e in facts.events):
        return BATTLE
    hurt = [c for c in facts.counts if c.value and not _charged(facts, c.start)]
    if not hurt:
        return None
    targeted = [e for e in facts.events if e.event_type == TARGETED]
    if targeted:
        return resolve_targeted(targeted[0], facts)
    near = range(max(0, hurt[0].start - 3), min(len(facts.tokens), hurt[0].end + 4))
    return BATTLE if any(facts.tokens[k].flags & _MEMBER_NOUN for k in near) else ATTACK


def _charged(facts: SentenceFacts, start: int) -> bool:
    return bool(facts.sentence.flags & _CHARGE_WORD) and any(
        t.flags & _CHARGE_WORD for t in facts.tokens[max(0, start - 4) : start]
    )


def _agent_tokens(facts: SentenceFacts) -> set[int]:
    """Token positions inside "by whom" phrases (the three words after an agent marker)."""
    positions: set[int] = set()
    tokens = facts.tokens
    for k in flagged(tokens, _AGENT_MARKER) if facts.sentence.flags & _AGENT_MARKER else ():
        positions.update(range(k + 1, min(len(tokens), k + 4)))
    for mention in facts.actors:
        if mention.kind == "unidentified":
            positions.update(range(mention.start, min(len(facts.tokens), mention.end + 2)))
    # "هجوم لقوات النظام", "قصف للطيران الروسي": the party after the violence's noun, with ل, did it
    # and "هجوم إسرائيلي", "قصف النظام": right after an attack's noun, its genitive or adjective did it
    # (unlike "استهداف قسد", where the genitive is the target).
    ends = {event.end for event in facts.events}
    by_attack = {e.end for e in facts.events if stem_set(e.stems.split(" ")[0]) & _ATTACK_HEADS}
    for mention in facts.actors:
        if mention.start in by_attack or (
            mention.start in ends and tokens[mention.start].norm.startswith("ل")
        ):
            positions.update(range(mention.start, mention.end))
    return positions


_ATTACK_HEADS = keyset("هجوم", "هجوما", "قصف", "قصفا", "غاره", "غارات", "عدوان", "عدوانا")


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


def choose_actors(
    event_type: str, sub_event_type: str, sentences: Sequence[SentenceFacts], trigger: SentenceFacts
) -> list[tuple[ActorRef, ActorMention, SentenceFacts]]:
    """The parties: those "between" whom it happened when the text says so, else those named with it."""
    chosen: list[tuple[ActorMention, SentenceFacts]] = []
    for facts in [trigger, *[s for s in sentences if s is not trigger]]:
        mentions = [_as_protesters(m) if event_type == "Protests" else m for m in _parties_in(facts)]
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


def _as_protesters(mention: ActorMention) -> ActorMention:
    """ "الأهالي" at a protest are the protesters."""
    if mention.kind != "civilians":
        return mention
    row = next((a for a in mention.others if a.acled_type == "Protesters"), None)
    if row is None:
        return mention
    return replace(
        mention,
        name=row.name,
        aliases=row.aliases,
        name_en=row.name_en,
        acled_type=row.acled_type,
        inter=row.inter,
        kind="protesters",
    )


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


def _implied(name: str, acled_type: str, inter: int, kind: str) -> ActorMention:
    aliases = {
        CIVILIANS: ("مدني", "المدنيين", "مدنيون", "مواطن", "المواطنين"),
        PROTESTERS: ("أهالي", "متظاهرين", "محتجين"),
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


def evidence_for(facts: SentenceFacts, start: int, end: int, rule: str) -> Evidence:
    """The span of tokens [start, end) of a sentence, as offsets into the article."""
    tokens = facts.tokens
    if not tokens or start >= end:
        return Evidence(facts.sentence.start, facts.sentence.end, facts.text, facts.text, rule)
    first, last = tokens[start], tokens[min(end, len(tokens)) - 1]
    quote = facts.text[first.start - facts.sentence.start : last.end - facts.sentence.start]
    return Evidence(first.start, last.end, quote, facts.text, rule)


# Territory changing hands: who took it, and whether anyone fought for it.
_WITHDRAWAL = keyset("انسحاب", "انسحبت", "انسحب", "انسحابها", "تسليم", "سلمت", "دون قتال", "دون مقاومه")


def resolve_territory(
    event_type: str, sub_event_type: str, sentences: Sequence[SentenceFacts]
) -> tuple[str, str]:
    """ACLED: taking territory after the other side withdrew is a non-violent transfer; state forces
    taking it back is "Government regains territory"; anyone else, "Non-state actor overtakes"."""
    if sub_event_type == "Armed clash" and any(_takes_ground(facts) for facts in sentences):
        sub_event_type = "Non-state actor overtakes territory"  # the more specific Battles sub-event
    if sub_event_type not in {"Non-state actor overtakes territory", "Government regains territory"}:
        return event_type, sub_event_type
    first = sentences[0] if sentences else None
    if first is not None and any(stem_set(t.norm) & _WITHDRAWAL for t in first.tokens):
        return "Strategic developments", "Non-violent transfer of territory"
    takers = [m for m in (first.actors if first else ()) if not m.excluded and not m.is_civilian]
    if takers and takers[0].acled_type == "State forces":
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


# "سيطرت خلاله الهيئة على عدة قرى", "استولى المهاجمون على الحاجز": a past-tense verb of taking with
# "على" a few words on. The noun ("مناطق سيطرة قسد") and the present ("التي تسيطر عليها") describe
# who holds an area, not a change.
_TAKING_VERBS = keyset("سيطرت", "سيطر", "سيطروا", "استولت", "استولى", "استولوا")


_TAKING_VERB = any_of(with_conjunction(_TAKING_VERBS))


def _takes_ground(facts: SentenceFacts) -> bool:
    tokens = facts.tokens
    for i, token in enumerate(tokens):
        if token.flags & _TAKING_VERB:
            if any(t.norm == "علي" for t in tokens[i + 1 : i + 5]):
                return True
    return False


# Protests that turned violent: protesters' violence is a riot, force used on them is excessive.
_RIOTING = keyset(*"اقتحم اقتحموا اقتحام أحرق أحرقوا إحراق حرق أضرموا تكسير تحطيم حطموا رشق رشقوا".split())
_PROTESTERS_AS_TARGET = keyset("المتظاهرين", "المحتجين", "المعتصمين", "متظاهرين", "محتجين")


_RIOT_WORD = stems_in(_RIOTING)
_PROTESTER_TARGET = stems_in(_PROTESTERS_AS_TARGET)


def resolve_protest(sub_event_type: str, sentences: Sequence[SentenceFacts]) -> tuple[str, str] | None:
    """The protest's own ACLED type from what its sentences tell, or None to keep it peaceful."""
    if sub_event_type != "Peaceful protest":
        return None
    for facts in sentences:
        shooting = any(e.event_type == TARGETED or e.sub_event_type == "Attack" for e in facts.events)
        if shooting and facts.sentence.flags & _PROTESTER_TARGET:
            return "Protests", "Excessive force against protesters"
        if facts.sentence.flags & _RIOT_WORD:
            return "Riots", "Violent demonstration"
    return None


def resolve_riot(event_type: str, actors: Sequence[ActorRef]) -> tuple[str, str] | None:
    """ACLED: a clash in which one side is protesters is a violent demonstration, not a battle."""
    if event_type == "Battles" and any(a.acled_type == "Protesters" for a in actors):
        return "Riots", "Violent demonstration"
    return None
