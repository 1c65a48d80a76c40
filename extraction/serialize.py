"""The stable JSON form of an extraction: what `raqib extract --json` prints, one object per article."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from extraction.records import Extraction, Incident


def extraction_to_json(extraction: Extraction, source: str, explain: bool = False) -> dict[str, Any]:
    """`{"source", "is_incident", "incidents": [...]}`; with `explain`, each incident's evidence too."""
    return {
        "source": source,
        "is_incident": extraction.is_incident,
        "incidents": [_incident(incident, explain) for incident in extraction.incidents],
    }


def _incident(incident: Incident, explain: bool) -> dict[str, Any]:
    town = incident.town
    data: dict[str, Any] = {
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actors": [
            {
                "name": actor.name,
                "aliases": list(actor.aliases),
                "acled_type": actor.acled_type,
                "inter": actor.inter,
                "role": actor.role,
            }
            for actor in incident.actors
        ],
        "town": None
        if town is None
        else {
            "name": town.name,
            "aliases": list(town.aliases),
            "name_en": town.name_en,
            "admin1": town.admin1,
            "admin2": town.admin2,
            "lat": town.lat,
            "lon": town.lon,
            "geo_precision": town.geo_precision,
        },
        "location": incident.location,
        "killed": incident.killed,
        "injured": incident.injured,
        "date": incident.date,
        "time_precision": incident.time_precision,
        "main": incident.main,
    }
    if explain:
        data["evidence"] = {name: asdict(ev) for name, ev in incident.evidence.items()}
    return data
