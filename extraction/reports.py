"""Which events a sentence reports, and how each is told: new, a back-reference, or in a relative clause."""

from __future__ import annotations

from extraction.document import SentenceFacts, clause_cut, in_relative_clause, restrict
from extraction.event_lexicon import TARGETED
from extraction.events import EventMention
from extraction.incident_type import resolve_targeted
from extraction.normalize import keyset, stem_set
from extraction.tokens import negated

SECONDARY = 3  # a second event in one sentence must be this specific


def _reports(facts: SentenceFacts) -> list[tuple[SentenceFacts, EventMention, str]]:
    """The events a sentence reports: its strongest trigger, and a second one of another type in its
    own clause ("…، في حين اندلع اشتباك مسلح…"). Each comes with the clause's facts and whether it
    is told as new (NEW), refers back to a told event (BACK), or only in a relative clause (RELATIVE)."""
    if not facts.events:
        return []
    # A trigger told only in a relative clause ranks after every other: "قتل شخصان بصاروخ قرب خيمة عزاء
    # بالسنوار، الذي استشهد خلال اشتباكات" reports the missile.
    ranked = sorted(
        range(len(facts.events)),
        key=lambda k: (
            _how_told(facts, k) == RELATIVE,
            amid(facts, facts.events[k]),
            not _won_by_fire(facts, facts.events[k]),
            *_strength(facts.events[k]),
        ),
    )
    first = ranked[0]
    primary = facts.events[first]
    primary_type = resolve_targeted(primary, facts)[0]
    second = next(
        (
            k
            for k in ranked[1:]
            if resolve_targeted(facts.events[k], facts)[0] != primary_type
            and not _intercepted(primary, facts.events[k])
            and not _raid_of(primary, facts.events[k])
            and (_second_report(facts, k) or _protest_attacked(primary, facts, k))
        ),
        None,
    )
    if second is None:
        return [(facts, primary, _how_told(facts, first))]
    other = facts.events[second]
    if other.start > primary.start:
        cut = clause_cut(facts, primary.end, other.start)
        spans = [(0, cut, first), (cut, len(facts.tokens), second)]
    else:
        cut = clause_cut(facts, other.end, primary.start)
        spans = [(cut, len(facts.tokens), first), (0, cut, second)]
    reports = []
    for lo, hi, k in spans:
        view = restrict(facts, lo, hi)
        event = facts.events[k]
        local = next(j for j, e in enumerate(view.events) if e is event)
        reports.append((view, event, _how_told(view, local)))
    return reports


NEW, BACK, RELATIVE = "new", "back", "relative"

# "تجددت الاشتباكات … وسط قصف جوي تركي": what an event happens amid is its circumstance, told after it.
_AMID = keyset("وسط", "ووسط", "بالتزامن", "تزامنا", "تزامناً")


def amid(facts: SentenceFacts, event: EventMention) -> bool:
    """The trigger follows "وسط" (amid) or "بالتزامن مع" after another trigger of the sentence: the
    circumstance of the event told first, which ranks after it (it is still reported, as a second
    event, when it is of another type)."""
    start = event.start
    if not any(e.start < start for e in facts.events):
        return False
    window = facts.tokens[max(0, start - 2) : start]
    return any(t.norm in _AMID for t in window)


def _strength(event: EventMention) -> tuple[int, int]:
    """How a sentence's triggers rank: the strongest first, then the earliest."""
    return (-event.weight, event.start)


# "تقدم الجيش مثبتاً سيطرته على عدة مناطق بإسناد جوي، وقصف مركز": the ground changing hands is what
# the sentence reports (ACLED codes the territory event); the fire that won it is told as its means.
_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


def _won_by_fire(facts: SentenceFacts, event: EventMention) -> bool:
    """A taking of ground told with the fire that supported it ("بإسناد جوي", "بغطاء مدفعي") after it
    in the sentence: the taking ranks first."""
    if event.sub_event_type not in _TERRITORY:
        return False
    tokens = facts.tokens
    return any(
        e.event_type == _REMOTE
        and e.start > event.start
        and any(stem_set(t.norm) & _SUPPORT for t in tokens[max(event.end, e.start - 6) : e.start + 1])
        for e in facts.events
    )


_SUPPORT = keyset("اسناد", "باسناد", "غطاء", "بغطاء", "تمهيد", "بتمهيد", "بدعم", "تغطيه", "بتغطيه")


DISRUPTED_WEAPONS = "Disrupted weapons use"
_REMOTE = "Explosions/Remote violence"


def _raid_of(primary: EventMention, other: EventMention) -> bool:
    """ "داهمت منزلين في قرية السعن الأسود واختطفت شابين": a raid told with the abduction or killing it
    was made for is how that was done, one event (ACLED codes the violence), not an arrest of its own."""
    return (
        primary.event_type == "Violence against civilians"
        and other.sub_event_type == "Arrests"
        and (other.stems in _RAID_STEMS)
    )


_RAID_STEMS = {"داهم", "مداهمه", "اقتحم", "اقتحام"}


def _intercepted(primary: EventMention, other: EventMention) -> bool:
    """ACLED: a drone or shell shot down or defused is one event, Disrupted weapons use; the weapon's
    own trigger in the same sentence ("أسقطت طائرة مسيرة أطلقها مسلحون") is not a second event."""
    return primary.sub_event_type == DISRUPTED_WEAPONS and other.event_type == _REMOTE


def _second_report(facts: SentenceFacts, k: int) -> bool:
    """A second event in a sentence is reported when its trigger is specific and told as new, or when
    it is violence told as past ("بعد إطلاقه النار على …") with a victim of its own right after it."""
    event = facts.events[k]
    if negated(facts.tokens, event.start):
        return False
    if event.weight >= SECONDARY and k not in facts.references:
        return True
    if event.event_type != TARGETED or _how_told(facts, k) != BACK:
        return False
    return any(m.is_civilian and event.end <= m.start <= event.end + 6 for m in facts.actors) or any(
        m.is_civilian and event.start - 6 <= m.start < event.start for m in facts.actors
    )


def _protest_attacked(primary: EventMention, facts: SentenceFacts, k: int) -> bool:
    """ "مقتل 3 جراء اعتداء فلول النظام على قوات الأمن والمدنيين خلال الاحتجاجات": violence with a
    stated toll told with a protest is reported however general its word; the protest then becomes
    that violence (ACLED codes a demonstration attacked by others as the attack)."""
    event = facts.events[k]
    if primary.event_type != "Protests" or event.event_type != TARGETED or negated(facts.tokens, event.start):
        return False
    return k not in facts.references and any(c.value for c in facts.counts)


def _how_told(facts: SentenceFacts, k: int) -> str:
    if k not in facts.references:
        return NEW
    return RELATIVE if in_relative_clause(facts.tokens, facts.events[k].start) else BACK
