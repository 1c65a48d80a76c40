"""An article's incidents: its reports grouped into clusters, the news among them, each filled in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from extraction.actor_mentions import ActorMention
from extraction.casualties import INJURED, KILLED
from extraction.clusters import _Cluster, _group
from extraction.document import Document, read_document
from extraction.event_lexicon import TARGETED
from extraction.events import EXCHANGE_STEMS
from extraction.evidence import evidence_for
from extraction.gazetteer import Gazetteer
from extraction.incident_parties import choose_actors
from extraction.incident_tolls import choose_casualties, vague_toll
from extraction.incident_town import choose_location, choose_town
from extraction.incident_type import resolve_protest, resolve_riot, resolve_territory
from extraction.news_order import _news_first
from extraction.records import Extraction, Incident


def extract_incidents(text: str, gazetteer: Gazetteer, published: str | date | None = None) -> Extraction:
    """The incidents an article reports, main first. Pure: no I/O, no clock."""
    day = _as_date(published)
    if not text.strip():
        return Extraction(False)
    document = read_document(text, gazetteer, day)
    clusters = _news_first(document, _group(document), day)
    if not clusters:
        return Extraction(False, (), document.title)
    incidents: list[Incident] = []
    for cluster in clusters:
        incident = _incident(document, cluster, not incidents, incidents[0] if incidents else None, day)
        if not _parties_unnamed(incident):
            incidents.append(incident)
    return Extraction(bool(incidents), tuple(incidents), document.title)


def _parties_unnamed(incident: Incident) -> bool:
    """ACLED's Agreement is one between named parties (a ceasefire, a truce, an exchange): "اتفاقيات
    جنيف" in a legal analysis, "بعد اتفاق خفض التصعيد" in a story of return name none, and tell no
    agreement reached."""
    if incident.sub_event_type != "Agreement" or incident.actors:
        return False
    rule = incident.evidence["event_type"].rule if "event_type" in incident.evidence else ""
    return not any(stem in rule for stem in EXCHANGE_STEMS)  # an exchange has its two sides in itself


def _as_date(published: str | date | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _incident(
    document: Document, cluster: _Cluster, main: bool, first: Incident | None, day: date | None = None
) -> Incident:
    """Fill the fields; an incident told without a place happened where the main one did."""
    trigger_facts, trigger = cluster.trigger
    cluster.event_type, cluster.sub_event_type = resolve_territory(
        cluster.event_type, cluster.sub_event_type, cluster.sentences
    )
    protest = resolve_protest(cluster.sub_event_type, cluster.sentences)
    if protest is not None:
        cluster.event_type, cluster.sub_event_type = protest
    # The main incident may be placed by the title or by the lead sentences told before its report.
    told_at = cluster.sentences[0].sentence.index if cluster.sentences else 0
    fallback = [f for f in document.sentences if f.is_title or f.sentence.index < told_at] if main else []
    town = choose_town(cluster.sentences, fallback)
    where = (town[0].admin1 if town else "", day)
    actors = choose_actors(
        cluster.event_type, cluster.sub_event_type, cluster.sentences, trigger_facts, where
    )
    riot = resolve_riot(cluster.event_type, [ref for ref, _, _ in actors])
    if riot is not None:
        cluster.event_type, cluster.sub_event_type = riot
    counts = choose_casualties(cluster.sentences, town[0].name if town else None)
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
        vague_killed=vague_toll(cluster.sentences, KILLED) if counts[KILLED][0] is None else None,
        date=dated.day.isoformat() if dated else None,
        time_precision=dated.precision if dated else 3,
        main=main,
        evidence=evidence,
    )


__all__ = ["extract_incidents", "ActorMention", "TARGETED"]
