"""From extracted incidents to storage rows and the keys subscriptions match on."""

from __future__ import annotations

from dataclasses import asdict

from extraction.normalize import entity_key
from extraction.records import Extraction, Incident
from storage.articles import UNDATED, NewIncident
from storage.subscriptions import governorate_key


def incident_rows(
    extraction: Extraction, published: str | None, seen: str | None = None
) -> list[NewIncident]:
    """Storage rows for an extraction. An incident whose own date the text does not tell is ordered
    and filtered by its report's publication day (`published`), and by nothing when that is unknown
    too: it is never given the day it was fetched (see docs/dates.md). `seen` (when it was fetched)
    only times the report against others of the same incident, to tell a rising toll (ingest/merge.py)."""
    return [_row(incident, published, seen) for incident in extraction.incidents]


def match_keys(incident: Incident) -> list[tuple[str, str]]:
    """Every (kind, key) a subscription can name to receive this incident."""
    keys = [("type", incident.event_type.lower()), ("type", incident.sub_event_type.lower())]
    if incident.town:
        keys.append(("town", entity_key(incident.town.name)))
        if incident.town.admin1:  # a governorate's subscribers hear of every town inside it
            keys.append(("governorate", governorate_key(incident.town.admin1)))
    keys.extend(("actor", entity_key(actor.name)) for actor in incident.actors)
    return list(dict.fromkeys(keys))


def _row(incident: Incident, published: str | None, seen: str | None) -> NewIncident:
    town = incident.town
    reported_on = published[:10] if published else None
    return NewIncident(
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        event_date=incident.date,
        time_precision=incident.time_precision,
        sort_date=incident.date or reported_on or UNDATED,
        town=town.name if town else None,
        town_key=entity_key(town.name) if town else None,
        town_en=town.name_en or None if town else None,
        admin1=town.admin1 if town else None,
        admin2=town.admin2 if town else None,
        admin3=town.admin3 if town else None,
        location=incident.location,
        latitude=town.lat if town else None,
        longitude=town.lon if town else None,
        geo_precision=town.geo_precision if town else None,
        killed=incident.killed,
        injured=incident.injured,
        vague_killed=incident.vague_killed,
        main=incident.main,
        evidence={name: asdict(ev) for name, ev in incident.evidence.items()},
        actors=[
            {
                "actor_key": entity_key(actor.name),
                "name": actor.name,
                "name_en": actor.name_en,
                "acled_type": actor.acled_type,
                "inter": actor.inter,
                "role": actor.role,
            }
            for actor in incident.actors
        ],
        match_keys=match_keys(incident),
        reported_on=reported_on,
        reported_at=published or seen,
    )
