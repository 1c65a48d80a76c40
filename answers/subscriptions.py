"""Answers that change what a chat receives: /subscribe, /unsubscribe, /subscriptions, /lang."""

from __future__ import annotations

from answers.context import AnswerContext, Asker, Reply
from answers.names import clean_name, resolve_actor, resolve_place, unknown_name
from extraction.normalize import entity_key
from extraction.taxonomy import EVENT_TYPES, find_type
from i18n.catalog import LANGUAGES, acled_label, text
from storage.subscriptions import (
    add_subscription,
    ensure_chat,
    list_subscriptions,
    remove_subscription,
    set_chat_language,
)

# The words users may type for each kind, in both languages.
_KINDS = {
    "town": "town",
    "place": "town",
    "بلدة": "town",
    "بلده": "town",
    "مدينة": "town",
    "مدينه": "town",
    "قرية": "town",
    "قريه": "town",
    "مكان": "town",
    "actor": "actor",
    "جهة": "actor",
    "جهه": "actor",
    "فاعل": "actor",
    "طرف": "actor",
    "type": "type",
    "نوع": "type",
}


def subscribe(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Follow a town, an actor or an event type."""
    target = _target(ctx, asker, args)
    if isinstance(target, Reply):
        return target
    kind, key, label = target
    _remember_chat(ctx, asker)
    stamp = ctx.now.isoformat(timespec="seconds")
    added = add_subscription(ctx.db, asker.chat_id, kind, key, label, stamp)
    shown = _label(kind, label, asker.language)
    return Reply(text("subscribed" if added else "already_subscribed", asker.language, label=shown))


def unsubscribe(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Stop following something."""
    target = _target(ctx, asker, args)
    if isinstance(target, Reply):
        return target
    kind, key, label = target
    removed = remove_subscription(ctx.db, asker.chat_id, kind, key)
    shown = _label(kind, label, asker.language)
    return Reply(text("unsubscribed" if removed else "not_subscribed", asker.language, label=shown))


def subscriptions(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """What this chat follows."""
    rows = list_subscriptions(ctx.db, asker.chat_id)
    if not rows:
        return Reply(text("subscriptions.none", asker.language))
    lines = [text("subscriptions.head", asker.language)]
    lines += [f"• {_label(row.kind, row.label, asker.language)}" for row in rows]
    return Reply("\n".join(lines))


def lang(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Choose the chat's language."""
    choice = args[0].lower() if args else ""
    choice = {"عربي": "ar", "العربية": "ar", "english": "en", "انكليزي": "en"}.get(choice, choice)
    if choice not in LANGUAGES:
        return Reply(text("usage.lang", asker.language))
    _remember_chat(ctx, asker)
    set_chat_language(ctx.db, asker.chat_id, choice)
    return Reply(text("lang.set", choice))


def _remember_chat(ctx: AnswerContext, asker: Asker) -> None:
    ensure_chat(ctx.db, asker.chat_id, asker.chat_type, asker.title, ctx.now.isoformat(timespec="seconds"))


def _label(kind: str, label: str, language: str) -> str:
    shown = acled_label(label, language) if kind == "type" else label
    return f"{text('kind.' + kind, language)}: {shown}"


def _target(ctx: AnswerContext, asker: Asker, args: list[str]) -> tuple[str, str, str] | Reply:
    """(kind, key, label) for `town NAME`, `actor NAME` or `type TYPE`, or a reply explaining why not."""
    if len(args) < 2 or args[0].lower() not in _KINDS:
        return Reply(text("usage.subscribe", asker.language))
    kind = _KINDS[args[0].lower()]
    name = clean_name(" ".join(args[1:]))
    if kind == "type":
        found = find_type(name)
        if not found:
            types = ", ".join(EVENT_TYPES)
            return Reply(text("unknown.type", asker.language, name=name, types=types))
        return kind, found.lower(), found
    if kind == "town":
        places = resolve_place(ctx.gazetteer, name)
        if not places.matches:
            return unknown_name("unknown.town", places.query, places.suggestions, asker.language)
        place = places.matches[0]
        return kind, entity_key(place.name), place.name
    actors = resolve_actor(ctx.gazetteer, name)
    if not actors.matches:
        return unknown_name("unknown.actor", actors.query, actors.suggestions, asker.language)
    return kind, entity_key(actors.matches[0].name), actors.matches[0].name
