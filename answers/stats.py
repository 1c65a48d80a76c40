"""/stats and /map: counts per week and type with a chart, and a map of where incidents happened."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from answers.context import AnswerContext, Asker, Attachment, Reply
from answers.selection import Selection, parse_selection
from i18n.catalog import acled_label, incidents_count, isolate, text
from storage.incidents import IncidentFilter, count_undated, find_incidents, weekly_counts

DEFAULT_DAYS = 90
MAP_LIMIT = 5000


def stats(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents per week and type for a town, an actor or a type (all when no name), with a chart."""
    selection = _selection(ctx, asker, args, "stats")
    if isinstance(selection, Reply):
        return selection
    counts = weekly_counts(ctx.db, selection.filter)
    undated = _undated_note(ctx, asker, selection)
    if not counts:
        return Reply("\n".join([text("none.match", asker.language, what=selection.what), *undated]))
    per_type = Counter()
    for _, event_type, n in counts:
        per_type[event_type] += n
    total = sum(per_type.values())
    lines = [
        text("stats.head", asker.language, count=incidents_count(total, asker.language), what=selection.what)
    ]
    lines += [f"• {acled_label(t, asker.language)}: {n}" for t, n in per_type.most_common()]
    weeks = Counter()
    for week, _, n in counts:
        weeks[week] += n
    lines += [f"{week}: {'▇' * min(n, 30)} {n}" for week, n in sorted(weeks.items())]
    lines += undated
    from answers.charts import weekly_chart

    png = weekly_chart(
        counts,
        text("stats.chart", asker.language, what=selection.what),
        text("stats.week", asker.language),
        text("stats.count", asker.language),
        asker.language,
        selection.filter.since,
        selection.filter.until,
    )
    return Reply("\n".join(lines), attachment=Attachment("stats.png", png, "photo", lines[0]))


def _undated_note(ctx: AnswerContext, asker: Asker, selection: Selection) -> list[str]:
    """Which date the weeks count by, and how many incidents no date places (left out of every
    period: their reports give no day and they were never given the day they were fetched)."""
    undated = count_undated(ctx.db, selection.filter)
    lines = [text("stats.dated_by", asker.language)]
    if undated:
        lines.append(text("stats.undated", asker.language, count=incidents_count(undated, asker.language)))
    return lines


def incident_map(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Where incidents happened: towns sized by count, coloured by type, over the area's towns (every
    incident when no period is given: a place needs no date)."""
    selection = parse_selection(ctx, asker, args, None, "map")
    if isinstance(selection, Reply):
        return selection
    selected = find_incidents(ctx.db, selection.filter, MAP_LIMIT)
    rows = [r for r in selected if r.latitude is not None]
    if not rows:
        return Reply(text("map.none", asker.language, what=selection.what))
    by_town: dict[str, Counter] = {}
    places = {}
    for row in rows:
        by_town.setdefault(row.town, Counter())[row.event_type] += 1
        if row.town not in places:
            found = [p for p in ctx.gazetteer.place_named(row.town) if p.lat is not None]
            places[row.town] = found[0] if found else None
    towns = [(places[name], counts) for name, counts in by_town.items() if places.get(name)]
    background = _background(ctx, [place for place, _ in towns])
    from answers.maps import incident_map as draw

    png = draw(
        towns,
        background,
        text("map.title", asker.language, what=selection.what),
        asker.language,
    )
    summary = "\n".join(
        f"• {place.name}: {sum(c.values())}" for place, c in sorted(towns, key=lambda t: -sum(t[1].values()))
    )
    head = text(
        "head.match", asker.language, count=incidents_count(len(rows), asker.language), what=selection.what
    )
    if len(selected) > len(rows):
        summary += "\n" + text("map.unplaced", asker.language, count=len(selected) - len(rows))
    return Reply(f"{head}\n{summary}", attachment=Attachment("map.png", png, "photo", head))


def _selection(ctx: AnswerContext, asker: Asker, args: list[str], command: str) -> Selection | Reply:
    selection = parse_selection(ctx, asker, args, None, command)
    if isinstance(selection, Reply) or selection.filter.since or selection.filter.until:
        return selection
    since = ctx.now.date() - timedelta(days=DEFAULT_DAYS - 1)
    period = text("what.period", asker.language, since=isolate(since), until=isolate(ctx.now.date()))
    chosen = IncidentFilter(**{**_fields(selection.filter), "since": since, "until": ctx.now.date()})
    return Selection(chosen, selection.what + period, selection.name)


def _fields(selection: IncidentFilter) -> dict:
    return {
        name: getattr(selection, name)
        for name in ("town_key", "admin1", "actor_key", "event_type", "sub_event_type", "near", "article_ids")
    }


def _background(ctx: AnswerContext, places) -> list:
    """The settlements of the governorates the incidents are in (or around them when unknown)."""
    regions = {p.admin1 for p in places if p.admin1}
    if regions:
        return [
            p for p in ctx.gazetteer.places if p.admin1 in regions and p.lat is not None and p.is_settlement
        ]
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    return [
        p
        for p in ctx.gazetteer.places
        if p.lat is not None
        and min(lats) - 0.5 <= p.lat <= max(lats) + 0.5
        and min(lons) - 0.5 <= p.lon <= max(lons) + 0.5
    ]
