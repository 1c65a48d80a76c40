"""The stable JSON form of an extraction: what `raqib extract --json` prints, one object per article."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from extraction.records import Extraction, Incident, PlaceRef


def extraction_to_json(extraction: Extraction, source: str, explain: bool = False) -> dict[str, Any]:
    """`{"source", "is_incident", "incidents": [...]}`; with `explain`, each incident's evidence too."""
    return {
        "source": source,
        "is_incident": extraction.is_incident,
        "incidents": [_incident(incident, explain) for incident in extraction.incidents],
    }


def _incident(incident: Incident, explain: bool) -> dict[str, Any]:
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
        # A settlement only; an event placed in a governorate or a countryside has its region in "area".
        "town": _place(incident.settlement),
        "area": None if incident.settlement is not None else _place(incident.town),
        "location": incident.location,
        "killed": incident.killed,
        "injured": incident.injured,
        "vague_killed": incident.vague_killed,
        "date": incident.date,
        "time_precision": incident.time_precision,
        "main": incident.main,
    }
    if explain:
        data["evidence"] = {name: asdict(ev) for name, ev in incident.evidence.items()}
    return data


def _place(place: PlaceRef | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "aliases": list(place.aliases),
        "name_en": place.name_en,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": place.geo_precision,
    }
