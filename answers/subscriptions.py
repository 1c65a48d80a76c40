"""Answers that change what a chat receives: /subscribe, /unsubscribe, /subscriptions, /lang.

`/subscribe [town|governorate|actor|type] NAME`, `/subscribe near NAME KM` or `/subscribe words …`,
each optionally followed by `min_killed N`. A subscription belongs to the forum topic it was made in: alerts go there."""

from __future__ import annotations

from answers.context import AnswerContext, Asker, Button, Reply
from answers.names import clean_name, resolve_place, unknown_name
from answers.numbers import typed_decimal, typed_number
from answers.selection import Selection, parse_selection
from extraction.normalize import entity_key, normalize_ar, query_words
from i18n.catalog import LANGUAGES, acled_label, display_name, text
from storage.outbox import MAX_NEAR_KM
from storage.subscriptions import (
    Subscription,
    Target,
    add_subscription,
    ensure_chat,
    governorate_key,
    list_subscriptions,
    remove_subscription,
    remove_subscription_by_id,
    set_chat_language,
)

# The kinds only subscriptions have, in both languages (compared after normalisation); towns,
# governorates, parties and types are read by answers/selection.py, as for every command.
_KINDS = {
    normalize_ar(word): kind
    for kind, words in {
        "near": ("near", "قرب", "حول", "بالقرب"),
        "words": ("words", "word", "keywords", "كلمات", "كلمة"),
    }.items()
    for word in words
}
_MIN_KILLED = {normalize_ar(w) for w in ("min_killed", "min-killed", "killed", "قتلى", "قتلى_على_الأقل")}


def subscribe(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Follow a town, an actor, an event type or a radius around a place."""
    args, min_killed = _split_min_killed(args)
    if min_killed is not None and not 1 <= min_killed <= MAX_MIN_KILLED:
        return Reply(text("bad.min_killed", asker.language, most=MAX_MIN_KILLED))
    target = _target(ctx, asker, args, "subscribe", min_killed)
    if isinstance(target, Reply):
        return target
    _remember_chat(ctx, asker)
    stamp = ctx.now.isoformat(timespec="seconds")
    added = add_subscription(ctx.db, asker.chat_id, target, stamp, asker.thread_id, min_killed)
    shown = _label(ctx, target.kind, target.label, asker.language, target.radius_km, min_killed)
    return Reply(text("subscribed" if added else "already_subscribed", asker.language, label=shown))


def unsubscribe(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """Stop following something (`/unsubscribe near NAME` stops every radius around it)."""
    args, _ = _split_min_killed(args)
    if len(args) == 1 and (number := typed_number(args[0])) is not None:  # what the remove buttons send
        removed = remove_subscription_by_id(ctx.db, asker.chat_id, number)
        if removed is None:
            return Reply(text("not_subscribed", asker.language, label=args[0]))
        shown = _label(
            ctx, removed.kind, removed.label, asker.language, removed.radius_km, removed.min_killed
        )
        return Reply(text("unsubscribed", asker.language, label=shown))
    target = _target(ctx, asker, args, "unsubscribe", None, radius_optional=True)
    if isinstance(target, Reply):
        return target
    removed = remove_subscription(ctx.db, asker.chat_id, target.kind, target.value_key, asker.thread_id)
    shown = _label(ctx, target.kind, target.label, asker.language, target.radius_km, None)
    return Reply(text("unsubscribed" if removed else "not_subscribed", asker.language, label=shown))


def subscriptions(ctx: AnswerContext, asker: Asker, args: list[str]) -> Reply:
    """What this chat (this topic) follows, each with a remove button."""
    rows = list_subscriptions(ctx.db, asker.chat_id, asker.thread_id)
    if not rows:
        return Reply(text("subscriptions.none", asker.language))
    lines = [text("subscriptions.head", asker.language)]
    lines += [f"• {_shown(ctx, row, asker.language)}" for row in rows]
    buttons = tuple(
        (Button(f"✖ {_shown(ctx, row, asker.language)}"[:60], f"/unsubscribe {row.id}"),) for row in rows[:20]
    )
    return Reply("\n".join(lines), buttons=buttons)


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


def _shown(ctx: AnswerContext, row: Subscription, language: str) -> str:
    return _label(ctx, row.kind, row.label, language, row.radius_km, row.min_killed)


def _label(
    ctx: AnswerContext,
    kind: str,
    label: str,
    language: str,
    radius_km: float | None,
    min_killed: int | None,
) -> str:
    shown = acled_label(label, language) if kind == "type" else label
    if kind == "governorate":  # kept by its Arabic name of record, shown in the chat's language
        place = next((p for p in ctx.gazetteer.place_named(label) if p.name == label), None)
        named = display_name(label, place.name_en if place else "", language)
        shown = named.removeprefix("محافظة ").removesuffix(" Governorate")  # "governorate: Idleb"
    if kind == "near" and radius_km:
        shown = text("near.label", language, km=f"{radius_km:g}", name=label)
    if min_killed:
        shown += text("min_killed.label", language, n=min_killed)
    return f"{text('kind.' + kind, language)}: {shown}"


MAX_SUBSCRIBED_WORDS = 6


def _words_target(words: list[str], asker: Asker) -> Target | Reply:
    """Reports containing every one of these words, read as /search reads them (any spelling or
    clitic form: "مليشيا" is "ميليشيا", "بالكمين" is "كمين")."""
    keys = sorted(set(query_words(clean_name(" ".join(words)))))
    if not keys or len(keys) > MAX_SUBSCRIBED_WORDS:
        return Reply(text("usage.words", asker.language, most=MAX_SUBSCRIBED_WORDS))
    return Target("words", " ".join(keys), clean_name(" ".join(words)))


def _split_min_killed(args: list[str]) -> tuple[list[str], int | None]:
    """Take a trailing `min_killed N` (or `min_killed=N`, `قتلى N`) off the arguments."""
    words = (
        [w for part in args for w in part.replace("=", " ").split()] if any("=" in a for a in args) else args
    )
    value = typed_decimal(words[-1]) if len(words) >= 2 else None
    if value is not None and normalize_ar(words[-2].lower()) in _MIN_KILLED:
        return words[:-2], int(value) if value == int(value) else 0  # a fraction is no threshold
    return words, None


MAX_MIN_KILLED = 100_000  # a threshold above any incident's toll


def _target(
    ctx: AnswerContext,
    asker: Asker,
    args: list[str],
    command: str,
    min_killed: int | None,
    radius_optional: bool = False,
) -> Target | Reply:
    """What `[town|governorate|actor|type] NAME`, `near NAME KM` or `words …` names, or a reply saying
    why not. Names are read by the one selection grammar every command uses (answers/selection.py)."""
    kind = _KINDS.get(normalize_ar(args[0].lower())) if args else None
    if not args or (kind is not None and len(args) < 2):
        return Reply(text("usage.subscribe", asker.language))
    if kind == "words":
        return _words_target(args[1:], asker)
    if kind == "near":
        return _near_target(ctx, asker, args, command, min_killed, radius_optional)
    tail = f"min_killed {min_killed}" if min_killed else ""
    selection = parse_selection(ctx, asker, args, None, command, known_only=True, tail=tail)
    if isinstance(selection, Reply):
        return selection
    return _followed(selection) or Reply(text("usage.subscribe", asker.language))


def _followed(selection: Selection) -> Target | None:
    """The one town, governorate, party or type a selection names; None for anything else (a period,
    nothing at all): a subscription follows what is still to come."""
    chosen = selection.filter
    if chosen.since or chosen.until:
        return None
    if chosen.admin1:
        return Target("governorate", governorate_key(chosen.admin1), selection.name)
    if chosen.town_key:
        return Target("town", chosen.town_key, selection.name)
    if chosen.actor_key:
        return Target("actor", chosen.actor_key, selection.name)
    if event_type := chosen.sub_event_type or chosen.event_type:
        return Target("type", event_type.lower(), event_type)
    return None


def _near_target(
    ctx: AnswerContext,
    asker: Asker,
    args: list[str],
    command: str,
    min_killed: int | None,
    radius_optional: bool,
) -> Target | Reply:
    """`near NAME KM`: a radius around a place (`/unsubscribe near NAME`: every radius around it)."""
    words = args[1:]
    radius = typed_decimal(words[-1]) if len(words) > 1 else None
    if radius is None and not radius_optional:
        return Reply(text("usage.subscribe", asker.language))
    words = words[:-1] if radius is not None else words
    places = resolve_place(ctx.gazetteer, " ".join(words))
    candidates = [p for p in places.matches if p.is_settlement] or list(places.matches)
    candidates = [p for p in candidates if p.lat is not None] if radius is not None else candidates
    if not candidates:
        return unknown_name("unknown.town", places.query, places.suggestions, asker.language)
    if len(candidates) > 1 and not " ".join(words).startswith("="):
        tail = (f" {radius:g}" if radius is not None else "") + (
            f" min_killed {min_killed}" if min_killed else ""
        )
        buttons = tuple(
            (Button(f"{p.name} — {p.admin2 or p.admin1 or p.kind}", f"/{command} {args[0]} ={p.name}{tail}"),)
            for p in candidates[:8]
        )
        return Reply(text("choose.place", asker.language, name=places.query), buttons=buttons)
    place = candidates[0]
    if radius is None:  # /unsubscribe near NAME: every radius around it
        return Target("near", entity_key(place.name), place.name)
    if not 1 <= radius <= MAX_NEAR_KM:
        return Reply(text("bad.radius", asker.language, most=f"{MAX_NEAR_KM:g}"))
    return Target("near", f"{entity_key(place.name)}|{radius:g}", place.name, place.lat, place.lon, radius)
