"""Reading incidents back for chat answers and alerts."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """An incident as the chat shows it."""

    id: int
    event_type: str
    sub_event_type: str
    event_date: str | None
    sort_date: str
    town: str | None
    location: str | None
    killed: int | None
    injured: int | None
    main: bool
    actors: tuple[str, ...]
    title: str
    link: str | None
    evidence: dict


_SELECT = (
    "SELECT i.id, i.event_type, i.sub_event_type, i.event_date, i.sort_date, i.town, i.location, "
    "i.killed, i.injured, i.main, "
    "(SELECT json_group_array(name) FROM (SELECT name FROM incident_actors a "
    " WHERE a.incident_id = i.id ORDER BY position)) AS actors, "
    "ar.title, ar.link, i.evidence "
    "FROM incidents i JOIN articles ar ON ar.id = i.article_id "
)


def _rows(db: sqlite_utils.Database, sql: str, params: tuple) -> list[IncidentRow]:
    rows = []
    for r in db.execute(sql, params).fetchall():
        rows.append(
            IncidentRow(
                id=r[0],
                event_type=r[1],
                sub_event_type=r[2],
                event_date=r[3],
                sort_date=r[4],
                town=r[5],
                location=r[6],
                killed=r[7],
                injured=r[8],
                main=bool(r[9]),
                actors=tuple(json.loads(r[10])),
                title=r[11],
                link=r[12],
                evidence=json.loads(r[13] or "{}"),
            )
        )
    return rows


def latest_incidents(db: sqlite_utils.Database, limit: int) -> list[IncidentRow]:
    """The most recent incidents, newest first."""
    return _rows(db, _SELECT + "ORDER BY i.sort_date DESC, i.id DESC LIMIT ?", (limit,))


def incidents_in_town(db: sqlite_utils.Database, town_key: str, since: str, limit: int) -> list[IncidentRow]:
    """Incidents in one town on or after `since`, newest first."""
    return _rows(
        db,
        _SELECT + "WHERE i.town_key = ? AND i.sort_date >= ? ORDER BY i.sort_date DESC, i.id DESC LIMIT ?",
        (town_key, since, limit),
    )


def incidents_by_actor(
    db: sqlite_utils.Database, actor_key: str, since: str, limit: int
) -> list[IncidentRow]:
    """Incidents one actor took part in on or after `since`, newest first."""
    return _rows(
        db,
        _SELECT + "WHERE i.id IN (SELECT incident_id FROM incident_actors WHERE actor_key = ?) "
        "AND i.sort_date >= ? ORDER BY i.sort_date DESC, i.id DESC LIMIT ?",
        (actor_key, since, limit),
    )


def get_incident(db: sqlite_utils.Database, incident_id: int) -> IncidentRow | None:
    """One incident by id."""
    rows = _rows(db, _SELECT + "WHERE i.id = ?", (incident_id,))
    return rows[0] if rows else None


def count_incidents(db: sqlite_utils.Database) -> int:
    """How many incidents are stored."""
    return db.execute("SELECT count(*) FROM incidents").fetchone()[0]
