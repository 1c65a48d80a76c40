"""Grouping an article's reports into clusters, one per incident, in the order the news tells them.

The reading order is the news order: the first sentence that reports an event is the article's main
incident (a title is only a fallback: it summarises, and often names the wider area). A later report joins
an incident of the same type unless it happened elsewhere or is told as earlier ("ومنذ عدة أيام"); a
back-reference ("عقب الاشتباكات") joins the latest incident of its type. Situation sentences ("تعاني
المدينة من حالة…") report nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extraction.document import Document, SentenceFacts, restrict
from extraction.event_lexicon import TARGETED
from extraction.events import EventMention
from extraction.incident_town import in_province_of, same_scene, told_where_it_happened
from extraction.incident_type import ARRESTS_SUB, DISPERSAL, resolve_targeted, violent_arrest
from extraction.place_context import IN, STRICT
from extraction.places import PlaceMention
from extraction.reports import DISRUPTED_WEAPONS, NEW, RELATIVE, SECONDARY, _reports, _strength, amid

STRONG = 2  # a trigger this strong may start an incident on its own


@dataclass
class _Cluster:
    """Sentences that report one incident; the first is where it is told."""

    event_type: str
    sub_event_type: str
    trigger: tuple[SentenceFacts, EventMention]
    sentences: list[SentenceFacts] = field(default_factory=list)
    town: PlaceMention | None = None  # where the incident was first placed


def _group(document: Document) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    current: _Cluster | None = None
    for facts in (f for f in document.sentences if not f.is_title):
        if facts.generic:
            if current is not None and not facts.events and _places_the_told(current, facts):
                current.sentences.append(facts)  # "هذا الحادث، الذي وقع في منطقة تل الشور، يأتي في ظل …"
            current = None if facts.events else current
            continue
        reports = _reports(facts)
        if not reports:
            # A sentence without a trigger adds detail to the incident being told, unless it moves
            # to another time or another town.
            elsewhere = (
                current is not None
                and not same_scene(current.town, facts.scene, facts)
                and not in_province_of(current.town, facts.scene)
            )
            if current is not None and not facts.earlier and not elsewhere:
                current.sentences.append(facts)
            continue
        told_here = {(e.event_type, e.sub_event_type) for e in facts.events}
        placed = [_place_report(clusters, view, event, told, told_here) for view, event, told in reports]
        if any(placed):
            # the detail that follows is of the last event told, not of a circumstance it happened amid
            told_events = [
                c for (_, e, _), c in zip(reports, placed, strict=True) if c and not amid(facts, e)
            ]
            current = told_events[-1] if told_events else next(c for c in reversed(placed) if c is not None)
        elif current is not None and not facts.earlier and same_scene(current.town, facts.scene, facts):
            current.sentences.append(facts)  # only weak mentions: detail of the incident being told
    if not clusters:
        clusters = _fallback_from_title(document)
    return _title_first(document, clusters)


def _places_the_told(cluster: _Cluster, facts: SentenceFacts) -> bool:
    """A sentence about the situation that also says where the incident just told happened, in a town
    of its province."""
    province = cluster.town.place.admin1 if cluster.town else ""
    return any(
        told_where_it_happened(m, facts) and not m.broad and m.place.admin1 in {"", province}
        for m in facts.places
        if m.context in STRICT and m.place.kind != "governorate"
    )


def _place_report(
    clusters: list[_Cluster],
    facts: SentenceFacts,
    event: EventMention,
    told: str,
    told_here: set[tuple[str, str]],
) -> _Cluster | None:
    """Add one report to the incident it belongs to, or start a new incident; None when dropped."""
    event_type, sub_event_type = resolve_targeted(event, facts)
    if (
        event.event_type == TARGETED
        and event.weight < SECONDARY
        and told == NEW
        and clusters
        and not (facts.earlier or facts.names_day)
    ):
        # "الاعتداء الإرهابي تسبب بإصابة 3": a generic word for the violence already being told.
        last = clusters[-1]
        violent = last.event_type in _VIOLENT or last.sub_event_type in _VIOLENCE_TOLD_AS
        if violent and (same_scene(last.town, facts.scene, facts) or _places_the_told(last, facts)):
            last.sentences.append(facts)
            return last
    escalated = _escalation_target(clusters, facts, event, event_type, told_here)
    if escalated is not None and _force_on_protesters(escalated, facts, event, event_type):
        escalated.sentences.append(facts)  # resolve_protest reads the force from it
        return escalated
    if escalated is not None:
        escalated.event_type, escalated.sub_event_type = event_type, sub_event_type
        escalated.trigger = (facts, event)
        target = escalated
    else:
        target = _join_target(clusters, facts, event_type, told)
    lead = _vague_lead(clusters, facts, event_type) if target is None and told == NEW else None
    if lead is not None:
        lead.event_type, lead.sub_event_type, lead.town = event_type, sub_event_type, facts.scene
        target = lead
    if target is None and (
        told == RELATIVE or (event.weight < STRONG and clusters and not _elsewhere(facts))
    ):
        return None
    if target is None:
        target = _Cluster(event_type, sub_event_type, (facts, event))
        clusters.append(target)
    elif _more_specific(event_type, sub_event_type, event.weight, target):
        target.event_type, target.sub_event_type = event_type, sub_event_type
    here = facts.scene
    if target.town is None or (target.town.broad and here is not None and not here.broad):
        target.town = here
    target.sentences.append(facts)
    if target.sub_event_type == ARRESTS_SUB and target.trigger[0] is facts:
        violence = violent_arrest(facts)
        if violence is not None:
            target.event_type, target.sub_event_type = violence
    return target


def _vague_lead(clusters: list[_Cluster], facts: SentenceFacts, event_type: str) -> _Cluster | None:
    """ "قتل 6 مدنيين جراء هجوم على مناطق سكنية في محافظة إدلب", then "قصفت قرية إحسم جنوب شرقي
    إدلب": a lead that tells violence only in general ("هجوم", a killing) and places it only in a
    province, and the next report of violence in a town of that province, are one incident, placed
    and typed by the detail (ACLED codes an event where and how it happened). A lead placed in the
    governorate alone ("شهدت محافظة السويداء اشتباكات", then "استهدفت بلدات ولغا وتل الأقرع بقذائف
    الهاون") is such a summary whatever violence it names: the detail places and types it."""
    if len(clusters) != 1 or facts.earlier or event_type not in _VIOLENT:
        return None
    lead, here = clusters[0], facts.scene
    if _no_one_hit(lead) and event_type != "Violence against civilians" and _within_the_lead(lead, here):
        return lead
    if here is None or here.broad or here.place.kind == "governorate":
        return None
    told = [lead.town] if lead.town else [m for f in lead.sentences for m in f.places]
    vague_place = all(m.broad or m.place.kind == "governorate" for m in told)
    province_only = all(m.place.kind == "governorate" for m in told)
    vague_event = province_only or (
        lead.trigger[1].event_type == TARGETED and lead.event_type == "Violence against civilians"
    )
    same_province = all(m.place.admin1 == here.place.admin1 for m in told)
    return lead if vague_place and vague_event and same_province else None


def _within_the_lead(lead: _Cluster, here: PlaceMention | None) -> bool:
    """The report is set in the lead's town, or only in the province that holds it."""
    if lead.town is None:
        return False
    return here is None or here.place.name == lead.town.place.name or (
        (here.broad or here.place.kind == "governorate") and here.place.admin1 == lead.town.place.admin1
    )  # fmt: skip


def _no_one_hit(lead: _Cluster) -> bool:
    """ "استهدفت بلدتي المزرعة وكناكر وأسفرت عن خسائر مادية", then "شن الطيران الإسرائيلي ثلاث غارات
    استهدفت محيط بلدتي المزرعة وكناكر": a lead that says only that a town was targeted, with no one
    hurt, names no victims for an attack on civilians (ACLED's Violence against civilians needs
    them); the report of the same town that says how is that event, typed by it."""
    trigger = lead.trigger[1]
    return (
        lead.event_type == "Violence against civilians"
        and trigger.event_type == TARGETED
        and trigger.weight < STRONG
        and not any(f.counts for f in lead.sentences)
    )


def _elsewhere(facts: SentenceFacts) -> bool:
    """A weak trigger ("استهدف") tells an incident of its own when it names the town it happened in
    and who did it: "واستهدف عناصر الدفاع الذاتي مواقع الفرقة الرابعة في منطقة سرب الشامية"."""
    town = facts.scene
    return town is not None and town.context == IN and not town.broad and bool(facts.actors)


_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Incidents of other types that are violence too, so that "إطلاق النار أسفر عن إصابة" details them.
_VIOLENCE_TOLD_AS = {DISRUPTED_WEAPONS, "Excessive force against protesters"}
# ACLED: an arrest or a protest that turns violent is coded as the violence.
_ESCALATES_FROM = {"Arrests", "Peaceful protest"}
_ESCALATES_TO = {"Battles", "Violence against civilians"}


def _escalation_target(
    clusters: list[_Cluster],
    facts: SentenceFacts,
    event: EventMention,
    event_type: str,
    told_here: set[tuple[str, str]],
) -> _Cluster | None:
    """An arrest raid or protest told in this same sentence, or a raid told in the one just before in
    the same town, that this violence is part of."""
    if event_type not in _ESCALATES_TO or not clusters:
        return None
    cluster = clusters[-1]
    if cluster.sub_event_type not in _ESCALATES_FROM or facts.earlier:
        return None
    if (cluster.event_type, cluster.sub_event_type) in told_here:
        return cluster
    # the sentence right after the raid's, in its town: "تبادل الطرفان إطلاق النار خلال العملية"
    follows = cluster.sentences[-1].sentence.index == facts.sentence.index - 1
    raid = cluster.sub_event_type == ARRESTS_SUB and event.weight >= STRONG
    return cluster if raid and follows and same_scene(cluster.town, facts.scene, facts) else None


def _force_on_protesters(
    cluster: _Cluster, facts: SentenceFacts, event: EventMention, event_type: str
) -> bool:
    """ACLED: fire used to disperse a peaceful protest ("أطلقت قسد الرصاص لتفريق المظاهرة") is force
    against protesters, "Excessive force" when it hurts (an intervention when not): the protest stays a
    protest. Gunmen who attack protesters with no dispersal told attack civilians."""
    return (
        cluster.sub_event_type == "Peaceful protest"
        and event.event_type == TARGETED
        and event_type != "Battles"
        and bool((facts.whole or facts).sentence.flags & DISPERSAL)
    )


def _join_target(
    clusters: list[_Cluster], facts: SentenceFacts, event_type: str, told: str
) -> _Cluster | None:
    """The incident this report belongs to, if it is one already told."""
    same_type = [c for c in clusters if c.event_type == event_type]
    if not same_type:
        return None
    if told != NEW:
        return same_type[-1]
    if facts.earlier:
        return None
    if facts.names_day and not any(_same_day(c, facts) for c in same_type):
        # "ونشر المرصد في 13 نوفمبر أن…": a report of its own day is its own incident; an incident told
        # undated and without its toll takes the day its detail names ("… ليلة يوم الجمعة في 21 حزيران")
        undated = [
            c
            for c in same_type[-1:]
            if not any(f.date or any(n.value for n in f.counts) for f in c.sentences)
        ]
        if not undated or not same_scene(undated[0].town, _own_clause(facts).scene, facts):
            return None
        return undated[0]
    facts = _own_clause(facts)
    town = facts.scene
    # A report told as now belongs to an incident told as now before one recalled as earlier ("وكانت
    # الفصائل قد أعلنت عن معركة …" between the clashes and their toll).
    current = [c for c in same_type if not c.trigger[0].earlier]
    for cluster in [*reversed(current), *reversed([c for c in same_type if c not in current])]:
        if same_scene(cluster.town, town, facts):
            return cluster
    return None


def _own_clause(facts: SentenceFacts) -> SentenceFacts:
    """The sentence up to where a new clause starts after its report ("…، وتشهد بلدات …"): towns
    named there are background and do not make the report part of an incident told before."""
    if not facts.events:
        return facts
    event = min(facts.events, key=_strength)  # the report `_reports` puts first
    tokens = facts.tokens
    for k in range(event.end, len(tokens) - 1):
        following = tokens[k + 1].norm
        if (
            tokens[k].norm == "،"
            and following.startswith("و")
            and len(following) > 3
            and following[1] in "يتن"
        ):
            return restrict(facts, 0, k)
    return facts


def _same_day(cluster: _Cluster, facts: SentenceFacts) -> bool:
    """The incident was already placed on the day this sentence names."""
    days = {f.date.day for f in cluster.sentences if f.date}
    return facts.date is not None and facts.date.day in days


def _title_first(document: Document, clusters: list[_Cluster]) -> list[_Cluster]:
    """A headline names the article's main event: its incident goes first when the body tells it."""
    title = next((f for f in document.sentences if f.is_title), None)
    if title is None or len(clusters) < 2:
        return clusters
    for event in sorted(title.events, key=lambda e: -e.weight):
        if event.weight < STRONG:
            continue
        event_type, sub_event_type = resolve_targeted(event, title)
        # a development's own sub-event first: "اعتقالات جديدة…" is the arrests, not the seizure of an
        # office told before them (both Strategic developments)
        k = None
        if event_type == "Strategic developments":  # one type for unrelated kinds of development
            k = next((k for k, c in enumerate(clusters) if c.sub_event_type == sub_event_type), None)
        if k is None:
            k = next((k for k, c in enumerate(clusters) if c.event_type == event_type), None)
        if k is not None:
            return [clusters[k], *clusters[:k], *clusters[k + 1 :]] if k else clusters
    return clusters


def _more_specific(event_type: str, sub_event_type: str, weight: int, cluster: _Cluster) -> bool:
    """A later, stronger trigger of the same event type refines the sub-type."""
    return weight > cluster.trigger[1].weight and event_type == cluster.event_type


def _fallback_from_title(document: Document) -> list[_Cluster]:
    """No event in the body: use the title's, if it has one."""
    for facts in document.sentences:
        if not facts.is_title:
            continue
        for view, event, told in _reports(facts):
            if event.weight >= STRONG and told == NEW:
                event_type, sub_event_type = resolve_targeted(event, view)
                return [_Cluster(event_type, sub_event_type, (view, event), [view])]
    return []
