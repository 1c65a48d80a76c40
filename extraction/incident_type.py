"""The incident's ACLED type refined from its sentences: targeted, arrests, territory, protests, riots."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.document import SentenceFacts, undergone_from
from extraction.event_lexicon import ATTACK, BATTLE, TARGETED
from extraction.events import EventMention
from extraction.normalize import keyset, stem_set, with_conjunction
from extraction.records import ActorRef
from extraction.tokens import CLAUSE_ENDS
from extraction.wordclass import any_of, flagged, stems_in, word_class

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

# Territory changing hands: who took it, and whether anyone fought for it.
_WITHDRAWAL = keyset("انسحاب", "انسحبت", "انسحب", "انسحابها", "تسليم", "سلمت", "دون قتال", "دون مقاومه")


def resolve_territory(
    event_type: str, sub_event_type: str, sentences: Sequence[SentenceFacts]
) -> tuple[str, str]:
    """ACLED: taking territory after the other side withdrew is a non-violent transfer; state forces
    taking it back is "Government regains territory"; anyone else, "Non-state actor overtakes"."""
    if sub_event_type == "Armed clash" and (lost := _withdrawal_after_fighting(sentences)) is not None:
        return lost
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
    if sub_event_type == "Government regains territory" and any(
        m.acled_type == "State forces" for m in (first.actors if first else ())
    ):
        # "أعلن النظام السوري استعادة السيطرة على تدمر من تنظيم الدولة": the announcer is the taker
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


def _withdrawal_after_fighting(sentences: Sequence[SentenceFacts]) -> tuple[str, str] | None:
    """ "أعلن جيش النظام الانسحاب من مدينة حماة بعد معارك عنيفة خاضتها الفصائل": a side that withdrew
    from a place it fought for lost it to the other (ACLED codes the change of hands, not the clash;
    a transfer is non-violent only without fighting). State forces withdrawing: a non-state actor
    overtakes it; anyone else withdrawing from state forces: the government regains it."""
    for facts in sentences:
        tokens = facts.tokens
        for i, token in enumerate(tokens):
            if not stem_set(token.norm) & _WITHDREW:
                continue
            origin = next((j for j in range(i + 1, min(len(tokens), i + 7)) if tokens[j].norm == "من"), None)
            if origin is None or _only_posts(tokens, origin + 1):
                continue  # "انسحبت من أحد حواجز بلدة العشارة": a post given up, not the town
            if not any(m.start > i for m in facts.places) or not any(
                e.event_type == "Battles" for e in facts.events
            ):
                continue
            # the side that withdrew is named before the word, as its subject or as who announced it
            parties = [m for m in facts.actors if not m.is_civilian]
            before = [m for m in parties if m.start < i]
            loser = before[-1] if before else None
            if loser is not None and loser.acled_type == "State forces":
                return "Battles", "Non-state actor overtakes territory"
            if any(m.acled_type == "State forces" for m in parties if m is not loser):
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
    return None


_WITHDREW = keyset("انسحاب", "انسحبت", "انسحب", "انسحابها", "انسحابه", "الانسحاب")


# "سيطرت خلاله الهيئة على عدة قرى", "استولى المهاجمون على الحاجز": a past-tense verb of taking with
# "على" a few words on. The noun ("مناطق سيطرة قسد") and the present ("التي تسيطر عليها") describe
# who holds an area, not a change.
_TAKING_VERBS = keyset("سيطرت", "سيطر", "سيطروا", "استولت", "استولى", "استولوا")


_TAKING_VERB = any_of(with_conjunction(_TAKING_VERBS))


def _takes_ground(facts: SentenceFacts) -> bool:
    """A verb of taking with "على" in its clause, however long the taker's name between ("سيطر تنظيم
    «الدولة الإسلامية في العراق والشام» (داعش) أمس على مدينة الباب"); or the taking as a noun after
    "بعد" ("بعد سيطرة تحرير الشام على قرى"), which tells the change, not who holds the area."""
    tokens = facts.tokens
    for i, token in enumerate(tokens):
        taking = bool(token.flags & _TAKING_VERB)
        if not taking and stem_set(token.norm) & _TAKING_NOUNS and i and tokens[i - 1].norm in _AFTER:
            taking = True
        if taking and _on_in_clause(tokens, i + 1):
            return True
    return False


_TAKING_NOUNS = keyset("سيطره", "سيطرتها", "سيطرته", "سيطرتهم")
_AFTER = keyset("بعد", "عقب", "اثر", "وبعد")


def _on_in_clause(tokens: Sequence, start: int) -> bool:
    """ "على" follows in the clause, and what it introduces is a place, not only posts: "سيطر على عدة
    نقاط في محيط البلدة" took positions around a town, no location (ACLED's territory events are a
    location changing hands; the fighting for its posts is a clash)."""
    for k in range(start, min(len(tokens), start + 20)):
        if tokens[k].norm in CLAUSE_ENDS:
            return False
        if tokens[k].norm == "علي":
            return not _only_posts(tokens, k + 1)
    return False


def _only_posts(tokens: Sequence, start: int) -> bool:
    """The words from `start` (after a quantifier) name posts or positions, not a place."""
    named = [t.norm for t in tokens[start : start + 3] if t.norm not in _QUANTIFIERS]
    return bool(named) and bool(stem_set(named[0]) & _POSTS)


_QUANTIFIERS = keyset("عده", "بعض", "عدد", "من", "احد", "احدي")
_POSTS = keyset("نقاط", "نقطه", "مواقع", "موقع", "حاجز", "حواجز", "مقرات", "مقر", "النقاط", "المواقع")


# Protests that turned violent: protesters' violence is a riot, force used on them is excessive.
_RIOTING = keyset(*"اقتحم اقتحموا اقتحام أحرق أحرقوا إحراق حرق أضرموا تكسير تحطيم حطموا رشق رشقوا".split())
_PROTESTERS_AS_TARGET = keyset("المتظاهرين", "المحتجين", "المعتصمين", "متظاهرين", "محتجين")


_RIOT_WORD = stems_in(_RIOTING)
_PROTESTER_TARGET = stems_in(_PROTESTERS_AS_TARGET)
_NON_LETHAL = stems_in(keyset(*"الهواء الهوائي المطاطي مطاطي المطاطيه".split()))
# "لتفريق المتظاهرين", "قنابل الغاز المسيل للدموع": protesters dispersed.
DISPERSAL = stems_in(keyset(*"تفريق لتفريق فرقت فرقوا لتفريقهم المسيل المسيله مسيل".split()))


def resolve_protest(sub_event_type: str, sentences: Sequence[SentenceFacts]) -> tuple[str, str] | None:
    """The protest's own ACLED type from what its sentences tell, or None to keep it peaceful."""
    if sub_event_type != "Peaceful protest":
        return None
    # ACLED: lethal force on protesters (fire at them, or anyone killed or wounded) is excessive; force
    # that disperses them without it (shots in the air, tear gas, rubber bullets, "فض المظاهرات
    # بالرصاص" with no one hurt) is an intervention.
    # Fire at them outranks a dispersal told in another clause; the protest may be told in the other
    # clause of the sentence: "أطلقت قسد الرصاص [،] لتفريق المظاهرة".
    hurt = any(c.value != 0 for facts in sentences for c in facts.counts)  # "سقوط قتلى" too
    for facts in sentences:
        flags, whole = facts.sentence.flags, facts.whole or facts
        shooting = any(e.event_type == TARGETED or e.sub_event_type == "Attack" for e in facts.events)
        met = flags & _PROTESTER_TARGET or any(e.event_type == "Protests" for e in whole.events)
        if shooting and met:
            lethal = not flags & _NON_LETHAL and (flags & _PROTESTER_TARGET or hurt)
            return "Protests", "Excessive force against protesters" if lethal else "Protest with intervention"
    for facts in sentences:
        if facts.sentence.flags & _RIOT_WORD or any(
            e.event_type == "Riots" for e in (facts.whole or facts).events
        ):
            return "Riots", "Violent demonstration"  # "احتجاجات واشتباكات بالحجارة": the protest turned riot
        if facts.sentence.flags & DISPERSAL:
            return "Protests", "Protest with intervention"
    return None


def resolve_riot(event_type: str, actors: Sequence[ActorRef]) -> tuple[str, str] | None:
    """ACLED: a clash in which one side is protesters is a violent demonstration, not a battle."""
    if event_type == "Battles" and any(a.acled_type == "Protesters" for a in actors):
        return "Riots", "Violent demonstration"
    return None
