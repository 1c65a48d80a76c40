"""Answers about stored incidents: /latest, /town, /actor, /incident."""

from __future__ import annotations

from datetime import date

from alerts.render import incident_card, incident_line
from answers.context import AnswerContext, Asker, Reply
from answers.names import resolve_actor, resolve_place, unknown_name
from answers.periods import split_period
from extraction.normalize import entity_key
from i18n.catalog import text
from storage.incidents import get_incident, incidents_by_actor, incidents_in_town, latest_incidents

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def latest(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """The newest incidents."""
    limit = DEFAULT_LIMIT
    if args and args[0].isdigit():
        limit = max(1, min(MAX_LIMIT, int(args[0])))
    rows = latest_incidents(ctx.db, limit)
    if not rows:
        return Reply(text("none.latest", asker.language))
    lines = [text("head.latest", asker.language, n=len(rows))]
    lines += [incident_line(row, asker.language) for row in rows]
    return Reply("\n".join(lines))


def town(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents in a town, optionally within a period."""
    words, period = split_period(args, ctx.now.date())
    if not words:
        return Reply(text("usage.town", asker.language))
    resolved = resolve_place(ctx.gazetteer, " ".join(words))
    if not resolved.matches:
        return unknown_name("unknown.town", resolved.query, resolved.suggestions, asker.language)
    if len(resolved.matches) > 1 and resolved.matches[1].is_settlement:
        names = "، ".join(p.name for p in resolved.matches[:5])
        return Reply(text("ambiguous", asker.language, name=resolved.query, names=names))
    place = resolved.matches[0]
    since = period[0].isoformat() if period else ""
    rows = incidents_in_town(ctx.db, entity_key(place.name), since, DEFAULT_LIMIT)
    rows = [r for r in rows if _within(r.sort_date, period)]
    return _listing("town", place.name, rows, period, asker.language)


def actor(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents an actor took part in, optionally within a period."""
    words, period = split_period(args, ctx.now.date())
    if not words:
        return Reply(text("usage.actor", asker.language))
    resolved = resolve_actor(ctx.gazetteer, " ".join(words))
    if resolved.matches:
        name = resolved.matches[0].name
    else:  # parties outside the gazetteer (families, named people) are stored by name too
        name = resolved.query
    since = period[0].isoformat() if period else ""
    rows = incidents_by_actor(ctx.db, entity_key(name), since, DEFAULT_LIMIT)
    rows = [r for r in rows if _within(r.sort_date, period)]
    if not rows and not resolved.matches:
        return unknown_name("unknown.actor", resolved.query, resolved.suggestions, asker.language)
    return _listing("actor", name, rows, period, asker.language)


def incident(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """One incident in full."""
    if not args or not args[0].lstrip("#").isdigit():
        return Reply(text("usage.incident", asker.language))
    number = int(args[0].lstrip("#"))
    row = get_incident(ctx.db, number)
    if row is None:
        return Reply(text("unknown.incident", asker.language, id=number))
    return Reply(incident_card(row, asker.language))


def _within(day: str, period: tuple[date, date] | None) -> bool:
    return period is None or period[0].isoformat() <= day[:10] <= period[1].isoformat()


def _listing(kind: str, name: str, rows, period, language: str) -> Reply:
    since = text("period.since", language, date=period[0].isoformat()) if period else ""
    if not rows:
        return Reply(text(f"none.{kind}", language, name=name, period=since))
    lines = [text(f"head.{kind}", language, name=name, period=since)]
    lines += [incident_line(row, language) for row in rows]
    return Reply("\n".join(lines))
