"""Grouping an article's event mentions into incidents and filling each incident's fields.

The reading order is the news order: the first sentence that reports an event is the article's main
incident (a title is only a fallback: it summarises, and often names the wider area). A later report joins
an incident of the same type unless it happened elsewhere or is told as earlier ("ومنذ عدة أيام"); a
back-reference ("عقب الاشتباكات") joins the latest incident of its type. Situation sentences ("تعاني
المدينة من حالة…") report nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from extraction.actors import ActorMention
from extraction.casualties import INJURED, KILLED
from extraction.document import Document, SentenceFacts, read_document
from extraction.events import TARGETED, EventMention
from extraction.gazetteer import Gazetteer
from extraction.incident_fields import (
    choose_actors,
    choose_casualties,
    choose_location,
    choose_town,
    evidence_for,
    resolve_targeted,
)
from extraction.records import Extraction, Incident

STRONG = 2


@dataclass
class _Cluster:
    """Sentences that report one incident; the first is where it is told."""

    event_type: str
    sub_event_type: str
    trigger: tuple[SentenceFacts, EventMention]
    sentences: list[SentenceFacts] = field(default_factory=list)
    town_key: str | None = None


def extract_incidents(text: str, gazetteer: Gazetteer, published: str | date | None = None) -> Extraction:
    """The incidents an article reports, main first. Pure: no I/O, no clock."""
    day = _as_date(published)
    if not text.strip():
        return Extraction(False)
    document = read_document(text, gazetteer, day)
    clusters = _group(document)
    incidents: list[Incident] = []
    for k, cluster in enumerate(clusters):
        incidents.append(_incident(document, cluster, k == 0, incidents[0] if incidents else None))
    return Extraction(bool(incidents), tuple(incidents), document.title)


def _as_date(published: str | date | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _primary(facts: SentenceFacts) -> tuple[EventMention, bool] | None:
    """The sentence's strongest trigger, and whether it refers back to a told event."""
    if not facts.events:
        return None
    k, event = max(enumerate(facts.events), key=lambda pair: (pair[1].weight, -pair[1].start))
    return event, k in facts.references


def _group(document: Document) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    current: _Cluster | None = None
    body = [f for f in document.sentences if not f.is_title]
    for facts in body:
        if facts.generic:
            current = None if facts.events else current
            continue
        found = _primary(facts)
        if found is None:
            if current is not None and not facts.earlier:
                current.sentences.append(facts)
            continue
        event, is_reference = found
        event_type, sub_event_type = resolve_targeted(event, facts)
        target = _join_target(clusters, facts, event_type, is_reference)
        if target is None and (event.weight < STRONG and clusters):
            continue
        if target is None:
            target = _Cluster(event_type, sub_event_type, (facts, event))
            clusters.append(target)
            town = choose_town([facts], None)
            target.town_key = town[0].name if town else None
        elif _more_specific(event_type, sub_event_type, event.weight, target):
            target.event_type, target.sub_event_type = event_type, sub_event_type
        target.sentences.append(facts)
        current = target
    if not clusters:
        clusters = _fallback_from_title(document)
    return clusters


def _join_target(
    clusters: list[_Cluster], facts: SentenceFacts, event_type: str, is_reference: bool
) -> _Cluster | None:
    """The incident this report belongs to, if it is one already told."""
    same_type = [c for c in clusters if c.event_type == event_type]
    if not same_type:
        return None
    if is_reference:
        return same_type[-1]
    if facts.earlier:
        return None
    town = choose_town([facts], None)
    for cluster in reversed(same_type):
        named = {m.place.name for m in facts.places}
        if town is None or cluster.town_key is None or cluster.town_key in named:
            return cluster
    return None


def _more_specific(event_type: str, sub_event_type: str, weight: int, cluster: _Cluster) -> bool:
    """A later, stronger trigger of the same event type refines the sub-type."""
    return weight > cluster.trigger[1].weight and event_type == cluster.event_type


def _fallback_from_title(document: Document) -> list[_Cluster]:
    """No event in the body: use the title's, if it has one."""
    for facts in document.sentences:
        if facts.is_title and (found := _primary(facts)) and found[0].weight >= STRONG:
            event_type, sub_event_type = resolve_targeted(found[0], facts)
            return [_Cluster(event_type, sub_event_type, (facts, found[0]), [facts])]
    return []


def _incident(document: Document, cluster: _Cluster, main: bool, first: Incident | None) -> Incident:
    """Fill the fields; an incident told without a place happened where the main one did."""
    trigger_facts, trigger = cluster.trigger
    fallback = [f for f in document.sentences if f.is_title] if main else []
    town = choose_town(cluster.sentences, fallback)
    actors = choose_actors(cluster.event_type, cluster.sub_event_type, cluster.sentences, trigger_facts)
    counts = choose_casualties(cluster.sentences)
    dated = next((f.date for f in cluster.sentences if f.date), None)
    evidence = {
        "event_type": evidence_for(trigger_facts, trigger.start, trigger.end, f"trigger:{trigger.stems}")
    }
    if town:
        evidence["town"] = evidence_for(town[2], town[1].start, town[1].end, f"place:{town[1].context}")
    for kind in (KILLED, INJURED):
        if counts[kind][1] is not None:
            facts, start, end = counts[kind][1]
            evidence[kind] = evidence_for(facts, start, end, "casualties")
    for k, (_, mention, facts) in enumerate(actors):
        evidence[f"actor{k + 1}"] = evidence_for(facts, mention.start, mention.end, mention.kind or "actor")
    return Incident(
        event_type=cluster.event_type,
        sub_event_type=cluster.sub_event_type,
        actors=tuple(ref for ref, _, _ in actors),
        town=town[0] if town else (replace(first.town, geo_precision=2) if first and first.town else None),
        location=choose_location(cluster.sentences, town),
        killed=counts[KILLED][0],
        injured=counts[INJURED][0],
        date=dated.day.isoformat() if dated else None,
        time_precision=dated.precision if dated else 3,
        main=main,
        evidence=evidence,
    )


__all__ = ["extract_incidents", "ActorMention", "TARGETED"]
