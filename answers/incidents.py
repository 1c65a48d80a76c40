"""Answers about stored incidents: /latest, /town, /actor, /type, /near, /search, /incident."""

from __future__ import annotations

from dataclasses import replace

from alerts.render import incident_card, incident_line
from answers.context import AnswerContext, Asker, Reply
from answers.names import clean_name, resolve_place, unknown_name
from answers.numbers import typed_decimal, typed_number
from answers.periods import bad_period, split_period
from answers.selection import Selection, parse_selection
from extraction.normalize import query_words
from i18n.catalog import incidents_count, plural_text, text
from storage.incidents import (
    COUNT_CAP,
    IncidentFilter,
    count_matching,
    find_incidents,
    get_incident,
    incident_sources,
    latest_incidents,
    search_articles,
    toll_changes,
)

DEFAULT_LIMIT = 10
LIST_LIMIT = 100  # a listing shows this many lines; the chat layer pages what does not fit one message
MIN_NEAR_KM = 0.5
MAX_NEAR_KM = 100
MAX_SEARCH_HITS = 200


def latest(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """The newest incidents."""
    limit = DEFAULT_LIMIT
    if args:
        asked = typed_number(args[0])
        if asked is None or not 1 <= asked <= LIST_LIMIT or len(args) > 1:
            return Reply(text("usage.latest", asker.language, most=LIST_LIMIT))
        limit = asked
    rows = latest_incidents(ctx.db, limit)
    if not rows:
        return Reply(text("none.latest", asker.language))
    lines = [plural_text("head.latest", len(rows), asker.language)]
    lines += [incident_line(row, asker.language) for row in rows]
    return Reply("\n".join(lines))


def town(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents in a town, optionally within a period."""
    return _listing(ctx, asker, args, "town", "usage.town")


def actor(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents an actor took part in, optionally within a period."""
    return _listing(ctx, asker, args, "actor", "usage.actor")


def event_type(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents of an ACLED type or sub-type, optionally within a period."""
    return _listing(ctx, asker, args, "type", "usage.type")


def near(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents within KM of a place: /near NAME KM [period]."""
    if (wrong := bad_period(args, ctx.now.date())) is not None:
        return Reply(text("bad.period", asker.language, period=clean_name(wrong)))
    words, period = split_period(args, ctx.now.date())
    radius = typed_decimal(words[-1]) if len(words) >= 2 else None
    if radius is None or not MIN_NEAR_KM <= radius <= MAX_NEAR_KM:
        return Reply(text("usage.near", asker.language, least=f"{MIN_NEAR_KM:g}", most=MAX_NEAR_KM))
    km = radius
    places = [p for p in resolve_place(ctx.gazetteer, " ".join(words[:-1])).matches if p.lat is not None]
    if not places:
        resolved = resolve_place(ctx.gazetteer, " ".join(words[:-1]))
        return unknown_name("unknown.town", resolved.query, resolved.suggestions, asker.language)
    place = places[0]
    since, until = period if period else (None, None)
    selection = Selection(
        IncidentFilter(near=(place.lat, place.lon, km), since=since, until=until),
        text("what.near", asker.language, km=f"{km:g}", name=place.name),
    )
    return _rows_reply(ctx, asker, selection)


def search(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Incidents reported in articles that contain every word (any spelling or clitic form)."""
    words = query_words(clean_name(" ".join(args)))[:8]
    if not words:
        return Reply(text("usage.search", asker.language))
    article_ids = tuple(search_articles(ctx.db, words, MAX_SEARCH_HITS))
    what = text("what.search", asker.language, name=clean_name(" ".join(args)))
    return _rows_reply(ctx, asker, Selection(IncidentFilter(article_ids=article_ids), what))


def incident(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """One incident in full, with every source."""
    number = typed_number(args[0]) if args else None
    if number is None:
        return Reply(text("usage.incident", asker.language))
    row = get_incident(ctx.db, number)
    if row is None:
        return Reply(text("unknown.incident", asker.language, id=number))
    sources, tolls = incident_sources(ctx.db, number), toll_changes(ctx.db, number)
    return Reply(incident_card(row, asker.language, sources=sources, tolls=tolls))


def _listing(ctx: AnswerContext, asker: Asker, args: list[str], kind: str, usage: str) -> Reply:
    if not split_period(args, ctx.now.date())[0]:
        return Reply(text(usage, asker.language))
    selection = parse_selection(ctx, asker, args, kind, kind if kind != "type" else "type")
    if isinstance(selection, Reply):
        return selection
    return _rows_reply(ctx, asker, selection)


def _rows_reply(ctx: AnswerContext, asker: Asker, selection: Selection) -> Reply:
    """A listing: newest first, at most LIST_LIMIT lines, with the total."""
    rows = find_incidents(ctx.db, selection.filter, LIST_LIMIT)
    if not rows:
        return Reply(text("none.match", asker.language, what=selection.what))
    total = len(rows) if len(rows) < LIST_LIMIT else count_matching(ctx.db, selection.filter)
    if total > COUNT_CAP:
        return _capped(asker, selection, rows)
    lines = [
        text("head.match", asker.language, count=incidents_count(total, asker.language), what=selection.what)
    ]
    lines += [incident_line(row, asker.language) for row in rows]
    if total > len(rows):
        lines.append(text("head.more", asker.language, more=total - len(rows)))
    return replace(Reply("\n".join(lines)), extra={"count": total})


def _capped(asker: Asker, selection: Selection, rows) -> Reply:
    """More than COUNT_CAP match: the newest are listed, the total is not counted."""
    head = text("head.many", asker.language, cap=COUNT_CAP, what=selection.what)
    lines = [head, *(incident_line(row, asker.language) for row in rows)]
    return replace(Reply("\n".join(lines)), extra={"count": COUNT_CAP + 1})
