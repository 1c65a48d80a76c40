"""/export and `raqib export`: incidents as CSV in ACLED's column names, GeoJSON, or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from answers.context import AnswerContext, Asker, Attachment, Reply
from answers.selection import parse_selection
from i18n.catalog import incidents_count, text
from storage.incidents import IncidentRow, find_incidents, incident_sources

FORMATS = ("csv", "geojson", "json")
MAX_ROWS = 100_000
# ACLED's columns (codebook names), then Raqib's own: the vague toll's coded figure (so a coded 10 is told
# from a reported 10), injured, how many outlets reported it, the first report's publication day and when
# Raqib first stored it (an event whose day no report tells has an empty event_date, year and
# time_precision: never the day it was fetched).
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_vague",
    "injured",
    "source_count",
    "first_reported",
    "first_seen",
)


def export(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """A file of the incidents a filter selects: /export csv|geojson|json [town|actor|type NAME] [period]."""
    if not args or args[0].lower() not in FORMATS:
        return Reply(text("usage.export", asker.language))
    kind = args[0].lower()
    selection = parse_selection(ctx, asker, args[1:], None, "export " + kind)
    if isinstance(selection, Reply):
        return selection
    rows = find_incidents(ctx.db, selection.filter, MAX_ROWS, with_evidence=True)
    sources = {row.id: [s.outlet or s.link or "" for s in incident_sources(ctx.db, row.id)] for row in rows}
    data = render(kind, rows, sources)
    caption = text(
        "export.done", asker.language, count=incidents_count(len(rows), asker.language), what=selection.what
    )
    return Reply(caption, attachment=Attachment(f"raqib-incidents.{kind}", data, "document", caption))


def render(kind: str, rows: Sequence[IncidentRow], sources: dict[int, list[str]]) -> bytes:
    """The file in one of FORMATS."""
    records = [acled_record(row, sources.get(row.id, [])) for row in rows]
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_csv_cells(record) for record in records)
        return buffer.getvalue().encode("utf-8")
    if kind == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": None
                if record["latitude"] is None
                else {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                "properties": record,
            }
            for record in records
        ]
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode(
            "utf-8"
        )
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def _interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's two-digit interaction code, lower inter code first; one digit for a one-sided event."""
    codes = sorted(code for code in (inter1, inter2) if code)
    return "".join(map(str, codes)) or None


def _csv_cells(record: dict) -> dict:
    """ACLED's CSV has no "unknown" fatality count: a vague toll is coded by ACLED's rule ("عشرات"
    10, "مئات" 100: `fatalities_vague`), a report that states none 0. The JSON keeps null."""
    fatalities = record["fatalities"]
    return {**record, "fatalities": fatalities if fatalities is not None else record["fatalities_vague"] or 0}


def acled_record(row: IncidentRow, sources: Sequence[str]) -> dict:
    """One incident in ACLED's columns; None where nothing is known (a blank cell in the CSV)."""
    sides = [a for a in row.actor_types if a[1] not in ("Civilians",)] or list(row.actor_types)
    victims = [a for a in row.actor_types if a not in sides]
    first = sides[0] if sides else (None, None, None)
    second = sides[1] if len(sides) > 1 else (victims[0] if victims else (None, None, None))
    inter1, inter2 = first[2], second[2]
    return {
        "event_id_cnty": f"RAQ{row.id}",
        "event_date": row.event_date,
        "year": int(row.event_date[:4]) if row.event_date else None,
        "time_precision": row.time_precision if row.event_date else None,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "actor1": first[0],
        "inter1": inter1,
        "actor2": second[0],
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "country": "Syria",
        "admin1": row.admin1,
        "admin2": row.admin2,
        "admin3": row.admin3,
        "location": row.town,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "geo_precision": row.geo_precision,
        "source": "; ".join(s for s in sources if s) or None,
        "notes": (row.evidence.get("event_type") or {}).get("sentence", "")[:500] or None,
        "fatalities": row.killed,
        "fatalities_vague": row.vague_killed if row.killed is None else None,
        "injured": row.injured,
        "source_count": row.source_count,
        "first_reported": row.reported_on,
        "first_seen": row.first_seen,
    }
