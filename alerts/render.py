"""The incident card: what an alert and /incident show, in the chat's language, as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from i18n.catalog import acled_label, isolate, text
from storage.incidents import IncidentRow, IncidentSource

MAX_MESSAGE_CHARS = 4096
MAX_QUOTE_CHARS = 400


def casualties_text(row: IncidentRow, language: str) -> str:
    """ "2 killed, 3 injured", "none", or "unknown"."""
    parts = []
    if row.killed:
        parts.append(f"{row.killed} {text('card.killed', language)}")
    if row.injured:
        parts.append(f"{row.injured} {text('card.injured', language)}")
    if parts:
        return "، ".join(parts) if language == "ar" else ", ".join(parts)
    if row.killed == 0 and row.injured in (0, None) or row.injured == 0 and row.killed is None:
        return text("card.no_casualties", language)
    return text("card.unknown", language)


def incident_line(row: IncidentRow, language: str) -> str:
    """One line for lists: #id date · sub-type · town · actors."""
    place = row.town or text("card.unknown", language)
    if row.location:
        place = f"{row.location}، {place}" if language == "ar" else f"{row.location}, {place}"
    actors = " / ".join(row.actors[:3])
    date = row.event_date or row.sort_date
    line = f"#{row.id} {isolate(date)} · {acled_label(row.sub_event_type, language)} · {place}"
    return f"{line} · {actors}" if actors else line


def confidence_text(source_count: int, language: str) -> str:
    """ "1 outlet" or "confirmed by N outlets"."""
    if source_count <= 1:
        return text("confidence.one", language)
    return text("confidence.many", language, n=source_count)


def incident_card(
    row: IncidentRow,
    language: str,
    alert: bool = False,
    repeat: bool = False,
    sources: Sequence[IncidentSource] = (),
) -> str:
    """The full card; never longer than Telegram's 4096-character limit."""
    lines = []
    if repeat:
        lines.append(text("card.repeat", language))
    head = text("card.id", language, id=row.id)
    if alert:
        head = f"{text('card.alert', language)} · {head}"
    lines.append(head)
    lines.append(f"{acled_label(row.event_type, language)} / {acled_label(row.sub_event_type, language)}")
    place = row.town or text("card.unknown", language)
    if row.location:
        place = f"{row.location}، {place}" if language == "ar" else f"{row.location}, {place}"
    lines.append(f"{text('card.place', language)}: {place}")
    if row.actors:
        lines.append(f"{text('card.actors', language)}: {' / '.join(row.actors)}")
    lines.append(f"{text('card.casualties', language)}: {casualties_text(row, language)}")
    lines.append(f"{text('card.date', language)}: {isolate(row.event_date or row.sort_date)}")
    lines.append(f"{text('card.confidence', language)}: {confidence_text(row.source_count, language)}")
    quote = (row.evidence.get("event_type") or {}).get("sentence")
    if quote:
        if len(quote) > MAX_QUOTE_CHARS:
            quote = quote[:MAX_QUOTE_CHARS].rstrip() + "…"
        lines.append(f"{text('card.evidence', language)}: «{quote}»")
    if sources:
        lines.append(f"{text('card.sources', language)}:")
        for source in sources:
            outlet = f"{source.outlet}: " if source.outlet else ""
            lines.append(f"• {outlet}{source.link or source.title}")
    elif row.link or row.title:
        lines.append(f"{text('card.source', language)}: {row.link or row.title}")
    return fit_message("\n".join(lines))


def fit_message(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Cut a message to Telegram's limit, counted in UTF-16 code units as Telegram counts."""
    if _utf16_len(message) <= limit:
        return message
    while _utf16_len(message) > limit - 1:
        message = message[: max(0, len(message) - max(1, (_utf16_len(message) - limit) // 2 + 1))]
    return message + "…"


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2
