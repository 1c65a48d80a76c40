"""Turning the words after a command into a query: a town, an actor, a type, a place and radius, and a
period, each in any spelling and in Arabic or English."""

from __future__ import annotations

from dataclasses import dataclass

from answers.context import AnswerContext, Asker, Button, Reply
from answers.names import clean_name, resolve_actor, resolve_governorate, resolve_place, unknown_name
from answers.periods import bad_period, split_period
from extraction.normalize import entity_key, normalize_ar, strip_article
from extraction.taxonomy import EVENT_TYPES, SUB_EVENT_PARENT, find_type
from i18n.catalog import acled_label, acled_names, display_name, for_name, isolate, text
from storage.incidents import IncidentFilter

# The words users may type for each kind, in both languages (compared after normalisation). A
# governorate also answers to its own name ("محافظة إدلب", "Idlib Governorate") without one.
KIND_WORDS = {
    normalize_ar(word): kind
    for kind, words in {
        "town": ("town", "place", "بلدة", "مدينة", "قرية", "مكان", "بلدات"),
        "governorate": ("governorate", "province"),
        "actor": ("actor", "جهة", "فاعل", "طرف", "فصيل"),
        "type": ("type", "نوع"),
    }.items()
    for word in words
}
_ARABIC_TYPES = {normalize_ar(arabic): english for english, arabic in acled_names("ar").items()}


# The words people type for a kind of event, in either language, to the ACLED type they mean.
def _type_key(words: str) -> str:
    """Normalised, lower-case, each word without its article: "العبوات الناسفة" as "عبوات ناسفه"."""
    return " ".join(strip_article(w) for w in normalize_ar(words).lower().split())


_EVERYDAY_TYPES = {
    _type_key(word): acled
    for acled, words in {
        "Battles": ("اشتباك", "اشتباكات", "معارك", "معركة", "مواجهات", "clash", "clashes", "fighting"),
        "Shelling/artillery/missile attack": ("قصف", "قصف مدفعي", "قذائف", "صواريخ", "shelling"),
        "Air/drone strike": (
            "غارة", "غارات", "غارة جوية", "غارات جوية", "قصف جوي", "مسيرة", "طائرة مسيرة", "airstrike",
            "air strike", "airstrikes", "drone", "drone strike",
        ),
        "Remote explosive/landmine/IED": (
            "عبوة", "عبوة ناسفة", "عبوات ناسفة", "لغم", "ألغام", "مفخخة", "سيارة مفخخة", "انفجار",
            "تفجير", "ied", "landmine", "bomb",
        ),
        "Suicide bomb": ("تفجير انتحاري", "انتحاري", "suicide bombing"),
        "Attack": ("اغتيال", "اغتيالات", "تصفية", "assassination", "killing"),
        "Abduction/forced disappearance": ("خطف", "اختطاف", "kidnapping", "abduction"),
        "Arrests": ("اعتقال", "اعتقالات", "مداهمة", "مداهمات", "arrest", "arrests", "raid"),
        "Protests": ("مظاهرة", "مظاهرات", "احتجاج", "احتجاجات", "وقفة احتجاجية", "protest", "protests"),
        "Agreement": ("اتفاق", "مصالحة", "هدنة", "تبادل أسرى", "ceasefire", "truce"),
        "Looting/property destruction": ("نهب", "سرقة", "حرق", "تدمير", "looting"),
    }.items()
    for word in words
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Selection:
    """A resolved query and how to describe it to the user."""

    filter: IncidentFilter
    what: str  # " in Ashara from … to …", in the asker's language
    name: str = ""


def parse_selection(
    ctx: AnswerContext,
    asker: Asker,
    args: list[str],
    kind: str | None,
    command: str,
    known_only: bool = False,
    tail: str = "",
) -> Selection | Reply:
    """`args` → a Selection, or a Reply explaining what is wrong (unknown name, ambiguous place).

    `kind` is the command's own kind (/town → town); None lets the first word choose
    (town|governorate|actor|type), and without one a name is tried as a type, a place, then an actor.
    `known_only`: a party the gazetteer does not know is an error, not a key to look for (/subscribe);
    `tail` ends the command lines of the place-choice buttons ("min_killed 5")."""
    if (wrong := bad_period(args, ctx.now.date())) is not None:
        return Reply(text("bad.period", asker.language, period=clean_name(wrong)))
    words, period = split_period(args, ctx.now.date())
    if kind is None and words and normalize_ar(words[0].lower()) in KIND_WORDS:
        kind, words = KIND_WORDS[normalize_ar(words[0].lower())], words[1:]
    since, until = period if period else (None, None)
    when = text("what.period", asker.language, since=isolate(since), until=isolate(until)) if period else ""
    if not words:
        return Selection(IncidentFilter(since=since, until=until), when)
    name = clean_name(" ".join(words))
    if kind in (None, "type"):
        event_type = resolve_type(name)
        if event_type:
            chosen = _type_filter(event_type, since, until)
            return Selection(
                chosen,
                text("what.type", asker.language, name=acled_label(event_type, asker.language)) + when,
                event_type,
            )
        if kind == "type":
            return Reply(text("unknown.type", asker.language, name=name, types=", ".join(EVENT_TYPES)))
    if kind in (None, "town", "governorate"):
        finder = resolve_governorate if kind == "governorate" else resolve_place
        places = finder(ctx.gazetteer, name)
        settlements = [p for p in places.matches if p.is_settlement] or list(places.matches)
        if len(settlements) > 1:
            period_words = args[len(words) :] if period else []
            return _choose_place(asker, name, settlements, command, [*period_words, *tail.split()])
        if settlements:
            place = settlements[0]
            chosen = IncidentFilter(town_key=entity_key(place.name), since=since, until=until)
            if place.kind == "governorate":  # "محافظة إدلب": every incident in it, not its capital's
                chosen = IncidentFilter(admin1=place.admin1, since=since, until=until)
            shown = display_name(place.name, place.name_en, asker.language)
            return Selection(chosen, text("what.town", asker.language, name=shown) + when, place.name)
        if kind in ("town", "governorate"):
            return unknown_name(f"unknown.{kind}", places.query, places.suggestions, asker.language)
    actors = resolve_actor(ctx.gazetteer, name)
    actor_name = actors.matches[0].name if actors.matches else name
    if kind == "actor" and known_only and not actors.matches:
        return unknown_name("unknown.actor", actors.query, actors.suggestions, asker.language)
    if actors.matches or kind == "actor":
        chosen = IncidentFilter(actor_key=entity_key(actor_name), since=since, until=until)
        english = actors.matches[0].name_en if actors.matches else ""
        shown = display_name(actor_name, english, asker.language)
        # Arabic joins the preposition to the name ("للدفاع الوطني"), so the catalog gets it joined
        joined = for_name(shown) if asker.language == "ar" else shown
        what = text("what.actor", asker.language, name=joined)
        return Selection(chosen, what + when, actor_name)
    return unknown_name(
        "unknown.town", places.query, places.suggestions or actors.suggestions, asker.language
    )


def resolve_type(name: str) -> str | None:
    """An ACLED event or sub-event type, named as ACLED or the bot's Arabic labels name it, or in the
    words people use ("قصف", "عبوة ناسفة", "اغتيال", "airstrike"); the one reading of a type for
    every command (/type, /stats, /export, /subscribe)."""
    return find_type(name) or _ARABIC_TYPES.get(normalize_ar(name)) or _EVERYDAY_TYPES.get(_type_key(name))


def _type_filter(event_type: str, since, until) -> IncidentFilter:
    if event_type in SUB_EVENT_PARENT:
        return IncidentFilter(sub_event_type=event_type, since=since, until=until)
    return IncidentFilter(event_type=event_type, since=since, until=until)


def _choose_place(asker: Asker, name: str, places, command: str, period_words: list[str]) -> Reply:
    """Several places share the name: one button per place, each running the command for that one."""
    suffix = (" " + " ".join(period_words)) if period_words else ""
    buttons = tuple(
        (Button(f"{p.name} — {p.admin2 or p.admin1 or p.kind}", f"/{command} ={p.name}{suffix}"),)
        for p in places[:8]
    )
    return Reply(text("choose.place", asker.language, name=name), buttons=buttons)
