"""Reading incidents back: lists for chat answers, one incident with all its sources, counts for charts,
rows for exports. Each query is shaped for an index (see schema v2/v3 and bench/queries.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from storage.geo import box_around


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """An incident as the chat and exports show it."""

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
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    time_precision: int = 3
    source_count: int = 1
    revision: int = 1
    actor_types: tuple[tuple[str, str | None, int | None], ...] = ()  # (name, acled type, inter)
    admin3: str | None = None
    town_en: str | None = None  # the gazetteer's English name, when it has one
    actors_en: tuple[str, ...] = ()  # the actors' English names, "" where there is none
    reported_on: str | None = None  # the first report's publication day, when a feed gave it
    first_seen: str = ""  # when Raqib first stored it (ISO time)
    vague_killed: int | None = None  # killed unknown: a vague toll's conservative figure ("عشرات": 10)


@dataclass(frozen=True, slots=True)
class IncidentSource:
    """One article that reported an incident."""

    article_id: int
    outlet: str | None
    title: str
    link: str | None
    published: str | None
    killed: int | None
    injured: int | None
    evidence: dict


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What a query selects. Empty fields select everything."""

    town_key: str | None = None
    admin1: str | None = None  # a governorate: every incident in it
    actor_key: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    since: date | None = None
    until: date | None = None
    near: tuple[float, float, float] | None = None  # latitude, longitude, km
    article_ids: tuple[int, ...] | None = None
    extra: dict = field(default_factory=dict, compare=False)


_COLUMNS = (
    "i.id, i.event_type, i.sub_event_type, i.event_date, i.sort_date, i.town, i.location, i.killed, "
    "i.injured, i.main, ar.title, ar.link, {evidence}, i.admin1, i.admin2, i.latitude, i.longitude, "
    "i.geo_precision, i.time_precision, i.source_count, i.revision, i.admin3, i.reported_on, i.created_at, "
    "i.town_en, i.vague_killed"
)


# Lists do not show the evidence; decoding it for every row would cost more than the query.
_LIST_COLUMNS = _COLUMNS.format(evidence="NULL")
_CARD_COLUMNS = _COLUMNS.format(evidence="i.evidence")

# The parties of many incidents in one query: a subquery per row cost a third of a listing's SQL
# (docs/performance.md §7). The ids come as one JSON array, so no list outgrows SQLite's variable limit.
_ACTORS_SQL = (
    "SELECT incident_id, name, acled_type, inter, name_en FROM incident_actors "
    "WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, position"
)


def _rows(db: sqlite_utils.Database, found: list[tuple]) -> list[IncidentRow]:
    """Incident rows with their parties, in the order found."""
    parties: dict[int, list[tuple]] = {}
    if found:
        ids = json.dumps([r[0] for r in found])
        for incident_id, *party in db.execute(_ACTORS_SQL, (ids,)).fetchall():
            parties.setdefault(incident_id, []).append(party)
    return [_row(r, parties.get(r[0], ())) for r in found]


def _row(r: tuple, parties) -> IncidentRow:
    actors = tuple((a[0], a[1], a[2]) for a in parties)
    return IncidentRow(
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
        actors=tuple(a[0] for a in actors),
        title=r[10],
        link=r[11],
        evidence=json.loads(r[12]) if r[12] else {},  # lists select no evidence
        admin1=r[13],
        admin2=r[14],
        latitude=r[15],
        longitude=r[16],
        geo_precision=r[17],
        time_precision=r[18],
        source_count=r[19],
        revision=r[20],
        actor_types=actors,
        admin3=r[21],
        reported_on=r[22],
        first_seen=r[23],
        town_en=r[24],
        actors_en=tuple(a[3] or "" for a in parties),
        vague_killed=r[25],
    )


def _where(selection: IncidentFilter) -> tuple[str, list]:
    """WHERE clauses for a filter; the most selective index-backed one first."""
    clauses, params = [], []
    if selection.actor_key:
        clauses.append(
            "i.id IN (SELECT incident_id FROM incident_actors WHERE actor_key = ? AND sort_date BETWEEN ? AND ?)"
        )
        params += [selection.actor_key, *_bounds(selection)]
    if selection.town_key:
        clauses.append("i.town_key = ?")
        params.append(selection.town_key)
    if selection.admin1:
        clauses.append("i.admin1 = ?")
        params.append(selection.admin1)
    if selection.event_type:
        clauses.append("i.event_type = ?")
        params.append(selection.event_type)
    if selection.sub_event_type:
        clauses.append("i.sub_event_type = ?")
        params.append(selection.sub_event_type)
    if selection.near:
        lat, lon, km = selection.near
        south, north, west, east = box_around(lat, lon, km)
        clauses.append("i.latitude BETWEEN ? AND ? AND i.longitude BETWEEN ? AND ?")
        params += [south, north, west, east]
    if selection.article_ids is not None:
        marks = ", ".join("?" for _ in selection.article_ids) or "NULL"
        clauses.append(f"i.id IN (SELECT incident_id FROM incident_sources WHERE article_id IN ({marks}))")
        params += list(selection.article_ids)
    if selection.since or selection.until:
        clauses.append("i.sort_date BETWEEN ? AND ?")
        params += list(_bounds(selection))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _bounds(selection: IncidentFilter) -> tuple[str, str]:
    """The sort-date range of a filter; any period leaves out incidents no date places (UNDATED)."""
    dated = selection.since or selection.until
    low = selection.since.isoformat() if selection.since else ("0" if dated else "")
    high = (selection.until.isoformat() if selection.until else "9999-12-31") + "\uffff"
    return low, high


def find_incidents(
    db: sqlite_utils.Database,
    selection: IncidentFilter,
    limit: int,
    offset: int = 0,
    with_evidence: bool = False,
) -> list[IncidentRow]:
    """Incidents a filter selects, newest first (their evidence only when asked: exports)."""
    columns = _CARD_COLUMNS if with_evidence else _LIST_COLUMNS
    if selection.actor_key:
        # Walk the actor's (actor_key, sort_date) index backwards instead of sorting all its incidents.
        rest = IncidentFilter(**{**_plain(selection), "actor_key": None})
        where, params = _where(rest)
        where = where.replace(" WHERE ", " AND ", 1)
        sql = (
            f"SELECT {columns} FROM incident_actors act JOIN incidents i ON i.id = act.incident_id "
            "JOIN articles ar ON ar.id = i.article_id "
            f"WHERE act.actor_key = ? AND act.sort_date BETWEEN ? AND ?{where} "
            "ORDER BY act.sort_date DESC, act.incident_id DESC LIMIT ? OFFSET ?"
        )
        params = [selection.actor_key, *_bounds(selection), *params, limit, offset]
        return _rows(db, db.execute(sql, params).fetchall())
    where, params = _where(selection)
    sql = (
        f"SELECT {columns} FROM incidents i JOIN articles ar ON ar.id = i.article_id{where} "
        "ORDER BY i.sort_date DESC, i.id DESC LIMIT ? OFFSET ?"
    )
    return _rows(db, db.execute(sql, [*params, limit, offset]).fetchall())


def _plain(selection: IncidentFilter) -> dict:
    return {
        name: getattr(selection, name)
        for name in (
            "town_key",
            "admin1",
            "actor_key",
            "event_type",
            "sub_event_type",
            "since",
            "until",
            "near",
            "article_ids",
        )
    }


COUNT_CAP = 1000


def count_matching(db: sqlite_utils.Database, selection: IncidentFilter, cap: int = COUNT_CAP) -> int:
    """How many incidents a filter selects, counted up to `cap` (a chat says "more than 1000")."""
    only_actor = selection.actor_key and not any(
        (
            selection.town_key,
            selection.admin1,
            selection.event_type,
            selection.sub_event_type,
            selection.near,
            selection.article_ids,
        )
    )
    if only_actor:  # the actor's own (actor_key, sort_date) index answers without touching incidents
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM incident_actors WHERE actor_key = ? "
            "AND sort_date BETWEEN ? AND ? LIMIT ?)"
        )
        return db.execute(sql, (selection.actor_key, *_bounds(selection), cap + 1)).fetchone()[0]
    only_articles = selection.article_ids is not None and not any(
        value for name, value in _plain(selection).items() if name != "article_ids"
    )
    if only_articles:
        # /search: the (article_id, incident_id) index holds the answer; every source row has its incident
        marks = ", ".join("?" for _ in selection.article_ids) or "NULL"
        sql = (
            "SELECT count(*) FROM (SELECT DISTINCT incident_id FROM incident_sources "
            f"WHERE article_id IN ({marks}) LIMIT ?)"
        )
        return db.execute(sql, (*selection.article_ids, cap + 1)).fetchone()[0]
    where, params = _where(selection)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM incidents i{where} LIMIT ?)"
    return db.execute(sql, [*params, cap + 1]).fetchone()[0]


def weekly_counts(db: sqlite_utils.Database, selection: IncidentFilter) -> list[tuple[str, str, int]]:
    """(Monday of the week, event type, incidents) for a filter, oldest week first."""
    where, params = _where(selection)
    sql = (
        "SELECT date(i.sort_date, 'weekday 0', '-6 days') AS week, i.event_type, count(*) "
        f"FROM incidents i{where} GROUP BY week, i.event_type ORDER BY week"
    )
    return [(r[0], r[1], r[2]) for r in db.execute(sql, params).fetchall()]


def count_undated(db: sqlite_utils.Database, selection: IncidentFilter) -> int:
    """How many incidents a filter would select, whatever its period, that no date places."""
    undated = IncidentFilter(**{**_plain(selection), "since": None, "until": None})
    where, params = _where(undated)
    where = (where + " AND " if where else " WHERE ") + "i.sort_date = ''"
    return db.execute(f"SELECT count(*) FROM incidents i{where}", params).fetchone()[0]


def latest_incidents(db: sqlite_utils.Database, limit: int) -> list[IncidentRow]:
    """The most recent incidents, newest first."""
    return find_incidents(db, IncidentFilter(), limit)


def incidents_in_town(db: sqlite_utils.Database, town_key: str, since: str, limit: int) -> list[IncidentRow]:
    """Incidents in one town on or after `since` (ISO day or ""), newest first."""
    return find_incidents(db, IncidentFilter(town_key=town_key, since=_day(since)), limit)


def incidents_by_actor(
    db: sqlite_utils.Database, actor_key: str, since: str, limit: int
) -> list[IncidentRow]:
    """Incidents one actor took part in on or after `since`, newest first."""
    return find_incidents(db, IncidentFilter(actor_key=actor_key, since=_day(since)), limit)


def _day(value: str) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def get_incident(db: sqlite_utils.Database, incident_id: int) -> IncidentRow | None:
    """One incident by id."""
    sql = f"SELECT {_CARD_COLUMNS} FROM incidents i JOIN articles ar ON ar.id = i.article_id WHERE i.id = ?"
    row = db.execute(sql, (incident_id,)).fetchone()
    return _rows(db, [row])[0] if row else None


def incident_sources(db: sqlite_utils.Database, incident_id: int) -> list[IncidentSource]:
    """Every article that reported the incident, first report first."""
    rows = db.execute(
        "SELECT s.article_id, a.outlet, a.title, a.link, a.published, s.killed, s.injured, s.evidence "
        "FROM incident_sources s JOIN articles a ON a.id = s.article_id WHERE s.incident_id = ? "
        "ORDER BY s.added_at, s.article_id",
        (incident_id,),
    ).fetchall()
    return [IncidentSource(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7] or "{}")) for r in rows]


@dataclass(frozen=True, slots=True)
class TollChange:
    """A revision that changed an incident's casualty figures: (before, after) per figure."""

    revision: int
    changed_at: str
    outlet: str | None
    published: str | None
    killed: tuple[int | None, int | None] | None
    injured: tuple[int | None, int | None] | None


def toll_changes(db: sqlite_utils.Database, incident_id: int) -> list[TollChange]:
    """How the incident's toll moved, oldest change first (the revisions that changed a figure)."""
    rows = db.execute(
        "SELECT r.revision, r.changed_at, a.outlet, a.published, r.changes FROM incident_revisions r "
        "LEFT JOIN articles a ON a.id = r.article_id WHERE r.incident_id = ? ORDER BY r.revision",
        (incident_id,),
    ).fetchall()
    changes = []
    for revision, changed_at, outlet, published, raw in rows:
        changed = json.loads(raw)
        killed, injured = (_moved(changed.get(name)) for name in ("killed", "injured"))
        if killed or injured:
            changes.append(TollChange(revision, changed_at, outlet, published, killed, injured))
    return changes


def _moved(pair: list | None) -> tuple[int | None, int | None] | None:
    return (pair[0], pair[1]) if pair and pair[0] != pair[1] else None


def search_articles(db: sqlite_utils.Database, words: list[str], limit: int) -> list[int]:
    """Ids of the newest articles containing every word (normalised words, matched as quoted phrases).

    Newest by rowid rather than ranked: ranking every hit costs 40 ms at a million rows (performance.md §4).
    """
    if not words:
        return []
    query = " ".join('"' + word.replace('"', "") + '"' for word in words)
    rows = db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (query, limit),
    ).fetchall()
    return [r[0] for r in rows]


def count_incidents(db: sqlite_utils.Database) -> int:
    """How many incidents are stored."""
    return db.execute("SELECT count(*) FROM incidents").fetchone()[0]


def fill_english_names(
    db: sqlite_utils.Database,
    town_en: Callable[[str], str | None],
    actor_en: Callable[[str], str | None],
) -> int:
    """Give towns and actors stored before English names were kept (schema v8) theirs, by name;
    "" marks a name looked up without one, so each is looked up once. Returns the names filled."""
    filled = 0
    with db.conn:
        for (name,) in db.execute(
            "SELECT DISTINCT town FROM incidents WHERE town IS NOT NULL AND town_en IS NULL"
        ).fetchall():
            english = town_en(name) or ""
            db.execute("UPDATE incidents SET town_en = ? WHERE town = ? AND town_en IS NULL", (english, name))
            filled += bool(english)
        for (name,) in db.execute(
            "SELECT DISTINCT name FROM incident_actors WHERE name_en IS NULL"
        ).fetchall():
            english = actor_en(name) or ""
            db.execute(
                "UPDATE incident_actors SET name_en = ? WHERE name = ? AND name_en IS NULL", (english, name)
            )
            filled += bool(english)
    return filled
