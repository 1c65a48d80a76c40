"""The incident card: what an alert and /incident show, in the chat's language, as plain text and HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape, unescape

from i18n.catalog import acled_label, display_name, incidents_count, isolate, plural_text, text
from storage.incidents import IncidentRow, IncidentSource, TollChange

MAX_MESSAGE_CHARS = 4096
MAX_QUOTE_CHARS = 400
# Bidi embeddings, overrides and isolates in a value could reorder the card around it (the card adds
# its own isolates); control characters and newlines could fake extra lines.
_SPOOFING_RE = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<[^>]*>")


def casualties_text(row: IncidentRow, language: str) -> str:
    """ "2 killed, 3 injured" (Arabic nouns in agreement: "قتيلان، ١١ جريحاً"), "tens killed" for a
    vague toll, "none", or "unknown"."""
    parts = []
    if row.killed:
        parts.append(plural_text("count.killed", row.killed, language))
    elif row.killed is None and row.vague_killed:
        parts.append(text(f"card.killed_vague.{row.vague_killed}", language))
    if row.injured:
        parts.append(plural_text("count.injured", row.injured, language))
    if parts:
        return "، ".join(parts) if language == "ar" else ", ".join(parts)
    if row.killed == 0 and row.injured in (0, None) or row.injured == 0 and row.killed is None:
        return text("card.no_casualties", language)
    return text("card.unknown", language)


def date_text(row: IncidentRow, language: str) -> str:
    """The event's day as the reports tell it; when they do not, "unknown" with the day it was first
    reported (its publication day) or, lacking that, first seen: never a fetch day passed off as the
    event's."""
    if row.event_date:
        day = isolate(row.event_date)
        return day if row.time_precision <= 1 else text("date.around", language, day=day)
    if row.reported_on:
        return text("date.unknown_reported", language, day=isolate(row.reported_on))
    return text("date.unknown_seen", language, day=isolate(row.first_seen[:10]))


def one_line(value: str) -> str:
    """A value from a feed or the extraction as one plain line: no control or bidi-override characters."""
    return " ".join(_SPOOFING_RE.sub(" ", value).split())


def tidy(row: IncidentRow) -> IncidentRow:
    """The row with every displayed text value on one clean line."""
    quote = (row.evidence.get("event_type") or {}).get("sentence")
    evidence = {**row.evidence, "event_type": {"sentence": one_line(quote)}} if quote else row.evidence
    return replace(
        row,
        town=one_line(row.town) if row.town else row.town,
        location=one_line(row.location) if row.location else row.location,
        actors=tuple(one_line(a) for a in row.actors),
        title=one_line(row.title or ""),
        link=one_line(row.link) if row.link else row.link,
        evidence=evidence,
    )


def named_for(row: IncidentRow, language: str) -> IncidentRow:
    """The row with its town and parties named in the chat's language where the gazetteers have an
    English name (Arabic stays the name of record)."""
    if language != "en":
        return row
    english = row.actors_en or ("",) * len(row.actors)
    actors = tuple(display_name(ar, en, language) for ar, en in zip(row.actors, english, strict=False))
    town = display_name(row.town, row.town_en, language) if row.town else row.town
    return replace(row, town=town, actors=actors)


def incident_line(row: IncidentRow, language: str) -> str:
    """One line for lists: #id date · sub-type · town · actors.

    What `tidy(named_for(row))` would show, computed for these fields alone: a listing renders 100
    lines, and copying each row twice cost more than the query (docs/performance.md §7)."""
    town, actors = row.town, row.actors[:3]
    if language == "en":
        english = row.actors_en or ("",) * len(row.actors)
        actors = tuple(display_name(ar, en, language) for ar, en in zip(actors, english, strict=False))
        town = display_name(town, row.town_en, language) if town else town
    place = (one_line(town) if town else "") or text("card.unknown", language)
    location = one_line(row.location) if row.location else ""
    if location:
        place = f"{location}، {place}" if language == "ar" else f"{location}, {place}"
    parties = " / ".join(one_line(a) for a in actors)
    line = f"#{row.id} {date_text(row, language)} · {acled_label(row.sub_event_type, language)} · {place}"
    return f"{line} · {parties}" if parties else line


def confidence_text(source_count: int, language: str) -> str:
    """ "1 outlet" or "confirmed by N outlets"."""
    if source_count <= 1:
        return text("confidence.one", language)
    return plural_text("confidence.many", source_count, language)


@dataclass(frozen=True, slots=True)
class Card:
    """One card in two renderings: Telegram HTML (every value escaped) and plain text (the terminal,
    /incident, and the fallback when Telegram refuses the HTML)."""

    plain: str
    html: str


@dataclass(frozen=True, slots=True)
class AlertMarks:
    """What the head of an alert says besides the incident."""

    update: bool = False  # the incident changed since the chat was told
    repeat: bool = False  # re-sent after an outcome we could not know
    delayed_h: int = 0  # delivered this many hours after the incident was stored


def incident_card(
    row: IncidentRow,
    language: str,
    alert: bool = False,
    repeat: bool = False,
    sources: Sequence[IncidentSource] = (),
    tolls: Sequence[TollChange] = (),
) -> str:
    """The full card as plain text; never longer than Telegram's 4096-character limit."""
    marks = AlertMarks(repeat=repeat)
    return render_card(row, language, marks if alert or repeat else None, sources, tolls).plain


def render_card(
    row: IncidentRow,
    language: str,
    marks: AlertMarks | None = None,
    sources: Sequence[IncidentSource] = (),
    tolls: Sequence[TollChange] = (),
) -> Card:
    """The card (an alert when `marks` is given) in both renderings, each within Telegram's limit.
    An update alert says how the toll moved last; a card that is no alert gives the toll's history.

    Long cards lose source lines first (with a count of what was left out), then the quote."""
    row = tidy(named_for(row, language))
    sources = [
        replace(
            s,
            outlet=one_line(s.outlet) if s.outlet else s.outlet,
            title=one_line(s.title or ""),
            link=one_line(s.link) if s.link else s.link,
        )
        for s in sources
    ]
    head = _head_lines(row, language, marks)
    body = _body_lines(row, language)
    moved = tolls[-1:] if marks and marks.update else tolls if marks is None else ()
    after_casualties = body.index(_casualties_line(row, language)) + 1
    body[after_casualties:after_casualties] = [
        line for change in moved for line in toll_lines(change, language, history=marks is None)
    ]
    quote = (row.evidence.get("event_type") or {}).get("sentence") or ""
    links = _source_lines(row, sources, language)
    for keep_links, quote_chars in ((len(links), MAX_QUOTE_CHARS), (5, MAX_QUOTE_CHARS), (0, 120), (0, 0)):
        lines = [
            *head,
            *body,
            *_quote_lines(quote, quote_chars, language),
            *_cut(links, keep_links, language),
        ]
        plain, html = "\n".join(p for p, _ in lines), "\n".join(h for _, h in lines)
        if max(_utf16_len(plain), visible_length(html)) <= MAX_MESSAGE_CHARS:
            return Card(plain, html)
    return Card(fit_message(plain), escape(fit_message(plain)))  # only names thousands of characters long


Line = tuple[str, str]  # (plain, html)


def _line(label: str, value: str) -> Line:
    return f"{label}: {value}", f"<b>{escape(label)}:</b> {escape(value)}"


def _head_lines(row: IncidentRow, language: str, marks: AlertMarks | None) -> list[Line]:
    lines: list[Line] = []
    if marks and marks.repeat:
        note = text("card.repeat", language)
        lines.append((note, f"<i>{escape(note)}</i>"))
    if marks and marks.delayed_h:
        note = plural_text("card.delayed", marks.delayed_h, language)
        lines.append((note, f"<i>{escape(note)}</i>"))
    head = text("card.id", language, id=row.id)
    if marks:
        head = f"{text('card.update' if marks.update else 'card.alert', language)} · {head}"
    lines.append((head, f"<b>{escape(head)}</b>"))
    kind = f"{acled_label(row.event_type, language)} / {acled_label(row.sub_event_type, language)}"
    lines.append((kind, escape(kind)))
    return lines


def _body_lines(row: IncidentRow, language: str) -> list[Line]:
    place = row.town or text("card.unknown", language)
    if row.location:
        place = f"{row.location}، {place}" if language == "ar" else f"{row.location}, {place}"
    lines = [_line(text("card.place", language), place)]
    if row.actors:
        lines.append(_line(text("card.actors", language), " / ".join(row.actors)))
    lines.append(_casualties_line(row, language))
    lines.append(_line(text("card.date", language), date_text(row, language)))
    lines.append(_line(text("card.confidence", language), confidence_text(row.source_count, language)))
    return lines


def _casualties_line(row: IncidentRow, language: str) -> Line:
    return _line(text("card.casualties", language), casualties_text(row, language))


def toll_lines(change: TollChange, language: str, history: bool) -> list[Line]:
    """ "↑ Toll rose from 3 to 5 killed", with who said it and when in a card's history."""
    lines = []
    for figure, pair in (("killed", change.killed), ("injured", change.injured)):
        if pair is None:
            continue
        before, after = pair
        key = f"toll.{figure}_{'told' if before is None else 'rose' if (after or 0) > before else 'fell'}"
        note = text(key, language, before=before, after=after)
        if history:
            said = [one_line(change.outlet)] if change.outlet else []
            said.append(isolate((change.published or change.changed_at)[:10]))
            note = f"{note} ({('، ' if language == 'ar' else ', ').join(said)})"
        lines.append((note, f"<i>{escape(note)}</i>"))
    return lines


def _quote_lines(quote: str, limit: int, language: str) -> list[Line]:
    if not quote or limit <= 0:
        return []
    if len(quote) > limit:
        quote = quote[:limit].rstrip() + "…"
    return [_line(text("card.evidence", language), f"«{quote}»")]


def _source_lines(row: IncidentRow, sources: Sequence[IncidentSource], language: str) -> list[Line]:
    if not sources:
        if not (row.link or row.title):
            return []
        return [_link_line(text("card.source", language) + ": ", row.title or row.link or "", row.link)]
    heading = text("card.sources", language)
    lines: list[Line] = [(f"{heading}:", f"<b>{escape(heading)}:</b>")]
    for source in sources:
        prefix = f"• {source.outlet}: " if source.outlet else "• "
        lines.append(_link_line(prefix, source.title or source.link or "", source.link))
    return lines


def _link_line(prefix: str, name: str, link: str | None) -> Line:
    """A source: its link as an anchor when it is http(s), else just its name."""
    plain = f"{prefix}{link or name}"
    if link and link.lower().startswith(("http://", "https://")):
        return plain, f'{escape(prefix)}<a href="{escape(link, quote=True)}">{escape(name or link)}</a>'
    return plain, escape(f"{prefix}{name or link or ''}")


def _cut(lines: list[Line], keep: int, language: str) -> list[Line]:
    """The first `keep` source lines (after the heading), with how many more there were."""
    if not lines or len(lines) - 1 <= keep or len(lines) == 1:
        return lines
    more = plural_text("card.more_sources", len(lines) - 1 - keep, language)
    return [*lines[: keep + 1], (more, escape(more))] if keep else [(more, escape(more))]


def fit_message(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Cut a message to Telegram's limit, counted in UTF-16 code units as Telegram counts."""
    if _utf16_len(message) <= limit:
        return message
    while _utf16_len(message) > limit - 1:
        message = message[: max(0, len(message) - max(1, (_utf16_len(message) - limit) // 2 + 1))]
    return message + "…"


def visible_length(html: str) -> int:
    """What Telegram counts against the limit: the text left after parsing the HTML, in UTF-16 units."""
    return _utf16_len(unescape(_TAG.sub("", html)))


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def render_digest(rows: Sequence[tuple[IncidentRow, bool]], language: str, repeat: bool) -> tuple[Card, int]:
    """One summary message for a digest chat: a line per incident ((row, is_update) pairs, oldest
    first) as many as fit; returns the card and how many rows it holds (the rest wait for the next)."""
    body: list[str] = []
    size = 0
    for row, is_update in rows:
        line = ("🔄 " if is_update else "• ") + incident_line(row, language)
        size += _utf16_len(line) + 1
        if body and size > MAX_MESSAGE_CHARS - 300:  # room for the head and the repeat note
            break
        body.append(line)
    head = text("digest.head", language, count=incidents_count(len(body), language))
    lines: list[Line] = []
    if repeat:
        note = text("card.repeat", language)
        lines.append((note, f"<i>{escape(note)}</i>"))
    lines.append((head, f"<b>{escape(head)}</b>"))
    lines += [(line, escape(line)) for line in body]
    return Card("\n".join(p for p, _ in lines), "\n".join(h for _, h in lines)), len(body)
