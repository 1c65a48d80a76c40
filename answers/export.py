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
# ACLED's columns (codebook names), then Raqib's own: injured and how many outlets reported it.
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
    "injured",
    "source_count",
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
        writer.writerows(records)
        return buffer.getvalue().encode("utf-8")
    if kind == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": None
                if record["latitude"] == ""
                else {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                "properties": record,
            }
            for record in records
        ]
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode(
            "utf-8"
        )
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def acled_record(row: IncidentRow, sources: Sequence[str]) -> dict:
    """One incident in ACLED's columns (empty string where ACLED leaves a cell blank)."""
    sides = [a for a in row.actor_types if a[1] not in ("Civilians",)] or list(row.actor_types)
    victims = [a for a in row.actor_types if a not in sides]
    first = sides[0] if sides else ("", None, None)
    second = sides[1] if len(sides) > 1 else (victims[0] if victims else ("", None, None))
    inter1, inter2 = first[2] or "", second[2] or ""
    return {
        "event_id_cnty": f"RAQ{row.id}",
        "event_date": row.event_date or row.sort_date[:10],
        "year": (row.event_date or row.sort_date)[:4],
        "time_precision": row.time_precision,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "actor1": first[0],
        "inter1": inter1,
        "actor2": second[0],
        "inter2": inter2,
        "interaction": f"{min(inter1, inter2)}{max(inter1, inter2)}"
        if inter1 and inter2
        else (str(inter1) or ""),
        "country": "Syria",
        "admin1": row.admin1 or "",
        "admin2": row.admin2 or "",
        "admin3": "",
        "location": row.town or "",
        "latitude": row.latitude if row.latitude is not None else "",
        "longitude": row.longitude if row.longitude is not None else "",
        "geo_precision": row.geo_precision or "",
        "source": "; ".join(s for s in sources if s),
        "notes": (row.evidence.get("event_type") or {}).get("sentence", "")[:500],
        "fatalities": row.killed if row.killed is not None else 0,
        "injured": row.injured if row.injured is not None else "",
        "source_count": row.source_count,
    }
