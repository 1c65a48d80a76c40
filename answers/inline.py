"""Inline mode: `@bot العشارة` typed in any chat offers the newest incident cards for a town, a
governorate, a party or a type, read as every command reads names (answers/selection.py)."""

from __future__ import annotations

from dataclasses import dataclass

from alerts.render import Card, casualties_text, date_text, named_for, render_card, tidy
from answers.context import AnswerContext, Asker, Reply
from answers.names import clean_name
from answers.selection import parse_selection
from i18n.catalog import acled_label, text
from storage.incidents import IncidentFilter, IncidentRow, find_incidents, incident_sources, toll_changes

MAX_INLINE_RESULTS = 20
MAX_HINT_NAME_CHARS = 40


@dataclass(frozen=True, slots=True)
class InlineCard:
    """One result: the incident's id, a title and a short line to pick it by, and its card."""

    incident_id: int
    title: str
    description: str
    card: Card


@dataclass(frozen=True, slots=True)
class InlineAnswer:
    """The cards a query offers; `hint` says why there are none (an unknown name, nothing stored)."""

    cards: tuple[InlineCard, ...]
    hint: str = ""


def inline_answer(ctx: AnswerContext, asker: Asker, query: str) -> InlineAnswer:
    """The newest incidents the query names; the newest of all for an empty query. A name the bot
    does not know, or one it cannot tell apart from another, offers none."""
    words = clean_name(query).split()
    selection = parse_selection(ctx, asker, words, None, "town") if words else None
    if isinstance(selection, Reply):
        name = clean_name(query)[:MAX_HINT_NAME_CHARS]
        return InlineAnswer((), text("inline.unknown", asker.language, name=name))
    chosen = selection.filter if selection else IncidentFilter()
    rows = find_incidents(ctx.db, chosen, MAX_INLINE_RESULTS)
    if not rows:
        if selection is None:
            return InlineAnswer((), text("none.latest", asker.language))
        return InlineAnswer((), text("none.match", asker.language, what=selection.what))
    return InlineAnswer(tuple(_inline_card(ctx, row, asker.language) for row in rows))


def _inline_card(ctx: AnswerContext, row: IncidentRow, language: str) -> InlineCard:
    """The card as the chat shows it (sources, toll history), titled type · town · date."""
    card = render_card(row, language, None, incident_sources(ctx.db, row.id), toll_changes(ctx.db, row.id))
    shown = tidy(named_for(row, language))
    place = shown.town or text("card.unknown", language)
    title = f"{acled_label(shown.sub_event_type, language)} · {place} · {date_text(shown, language)}"
    actors = " / ".join(shown.actors[:2])
    casualties = casualties_text(shown, language)
    return InlineCard(row.id, title, f"{actors} — {casualties}" if actors else casualties, card)
