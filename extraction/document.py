"""An article read once: cleaned spans, tokens, sentences, and the facts each sentence states.

Everything later (grouping into incidents, choosing fields) works from these facts; nothing re-tokenises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from extraction.actor_mentions import ActorMention
from extraction.actors import find_actor_mentions
from extraction.casualties import NONE_CUES, CasualtyCount, sentence_counts, states_no_casualties
from extraction.clean import kept_spans
from extraction.dates import DATE_WORDS, ResolvedDate, is_recent, names_a_day, resolve_date, sentence_norm
from extraction.events import EXCHANGE_STEMS, EventMention, find_event_mentions
from extraction.framing import SEARCHED, is_earlier, planned_before, sentence_frame, years_named
from extraction.gazetteer import Gazetteer
from extraction.matcher import NameMatch
from extraction.normalize import keyset, stem_set
from extraction.place_context import FROM
from extraction.place_roles import with_event_roles
from extraction.places import PlaceMention, find_place_mentions
from extraction.records import fact
from extraction.tokens import CLAUSE_ENDS, Sentence, Token, sentences_in
from extraction.town_choice import best_town
from extraction.wordclass import stems_in, union, word_class

# Words in the few tokens before a trigger that make it not an event that happened: purpose, fear,
# threat, negation, a call to stop.
_BLOCKERS = keyset(
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "نافيا",
    "خرق",
    "خرقا",
    "خروقات",
    "انتهاك",
    "انتهاكات",
    "بهدف",
    "لهدف",
    "خوفا",
    "مخاوف",
    "تخوف",
    "تخوفا",
    "خشيه",
    "تحسبا",
    "تهديد",
    "يهدد",
    "تهدد",
    "هدد",
    "هددت",
    "لمنع",
    "منع",
    "عدم",
    "لا",
    "لم",
    "لن",
    "لوقف",
    "وقف",
    "لانهاء",
    "انهاء",
    "ضد",
    "يرفض",
    "رفض",
    "رفضا",
    "استنكار",
    "ادانه",
    "للتحذير",
    "تحذير",
    "تحذر",
    "يحذر",
    "مطالبه",
    "مطالبين",
    "ينوي",
    "تنوي",
    "تعتزم",
    "يعتزم",
    "محتمل",
    "احتمال",
    "مزاعم",
    "شائعات",
    # flight from the fighting is the displaced's story, not a report of it: "فروا من المعارك"
    *"فر فروا فرت فرار نزح نزحوا نزحت هربا هروبا هربوا".split(),
)
# Words before a trigger that refer back to an event already told: "عقب الاشتباكات", "على خلفية".
# ("جراء القصف", "نتيجة إطلاق نار" introduce the event itself, so they are not here.)
# Verbs of signing in the future: the agreement is to come.
_TO_SIGN = keyset(*"سيوقع ستوقع سيوقعان ستوقعان سيوقعون سيبرم ستبرم سيبرمان ستبرمان سيتم ستتم".split())
_REFERENCE_MARKERS = keyset(
    "عقب",
    "خلفيه",
    "سبب",
    "سببها",
    "بسبب",
    "بعد",
    "التي",
    "الذي",
    "الذين",
    "هذه",
    "تلك",
    "ذلك",
    "حدوث",
    "اندلاع",
)


@fact
class SentenceFacts:
    """One sentence and what it states."""

    sentence: Sentence
    text: str
    is_title: bool
    events: tuple[EventMention, ...]
    references: frozenset[int]  # indexes into `events` that refer back to a told event
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    counts: tuple[CasualtyCount, ...]
    no_casualties: bool
    date: ResolvedDate | None
    generic: bool
    earlier: bool
    names_day: bool = False  # gives a calendar day, resolvable or not
    frame: str | None = None  # what it is when it reports nothing (extraction.framing)
    recent: bool = False  # dates itself to the days of publication ("أمس", "اليوم الاثنين")
    years: tuple[tuple[int, int], ...] = ()  # (token index, year) of the years it names
    whole: SentenceFacts | None = None  # for one clause of a sentence: the whole sentence
    scene: PlaceMention | None = None  # the town it places its event in (`scene_of` its places)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The sentence's tokens."""
        return self.sentence.tokens


@dataclass
class Document:
    """The whole article."""

    text: str
    title: str
    sentences: list[SentenceFacts] = field(default_factory=list)


def read_document(text: str, gazetteer: Gazetteer, published: date | None) -> Document:
    """Clean, tokenise once, split sentences, and find every fact in each."""
    spans = kept_spans(text)
    sentences = sentences_in(text, spans)
    title_end = _title_end(text, spans)
    document = Document(text, text[spans[0][0] : title_end] if title_end else "")
    # Undated: the parties' names are matched once, to read the era from them and then the parties.
    matches = None if published else [gazetteer.actor_matcher.find(s.tokens) for s in sentences]
    era = published or era_of(matches or [])
    for k, sentence in enumerate(sentences):
        found = matches[k] if matches is not None else None
        document.sentences.append(
            _facts(text, sentence, gazetteer, published, sentence.end <= title_end, era, found)
        )
    return document


def era_of(matches: Sequence[Sequence[NameMatch]]) -> date | None:
    """A day in the period the article's parties place it in, when its publication date is unknown:
    names that meant one actor only after a change of power ("فلول النظام", "الأمن العام") or only
    before it ("قوات الأسد") tell which side of it the article is, so that a name that meant both
    ("الجيش السوري", "قوات الأمن") is read as the actor of that period. A name of the later period
    wins: an article after the change recalls the forces before it, never the reverse."""
    after, before = [], []
    for sentence_matches in matches:
        for match in sentence_matches:
            starts = {a.valid_from for a in match.values}
            ends = {a.valid_to for a in match.values}
            if len(starts) == 1 and "" not in starts and ends == {""}:
                after.extend(starts)
            elif len(ends) == 1 and "" not in ends and starts == {""}:
                before.extend(ends)
    if after:
        return date.fromisoformat(max(after))
    if before:
        return date.fromisoformat(min(before)) - timedelta(days=1)
    return None


def _title_end(text: str, spans: list[tuple[int, int]]) -> int:
    """End offset of the title: a short first line that is not a sentence of the body."""
    if len(spans) < 2:
        return 0
    first = text[spans[0][0] : spans[0][1]].strip()
    if len(first.split()) <= 20 and not first.endswith((".", "،", ":")):
        return spans[0][1]
    return 0


def _facts(
    text: str,
    sentence: Sentence,
    gazetteer: Gazetteer,
    published: date | None,
    is_title: bool,
    era: date | None = None,
    actor_matches: Sequence[NameMatch] | None = None,
) -> SentenceFacts:
    tokens = sentence.tokens
    flags = sentence.flags
    # Every search of the sentence's text is gated by the word classes of what it looks for: a
    # sentence with none of those words is not joined into a text at all.
    norm = sentence_norm(tokens) if flags & _SEARCHED else ""
    events = [e for e in find_event_mentions(tokens, flags) if not _blocked(tokens, e)]
    counts = tuple(sentence_counts(tokens, flags))
    actors = find_actor_mentions(tokens, gazetteer, era, flags, actor_matches)
    inside_actors = {i for m in actors for i in range(m.start, m.end)}
    # "مجلس هجين العسكري" names an actor, not the place Hajin.
    places = [p for p in find_place_mentions(tokens, gazetteer, flags) if p.start not in inside_actors]
    # "بلدة الحراك" is a place, not a protest movement: words inside place names trigger nothing.
    # (Actor names may: "طائرة مسيرة مجهولة" is both the attacker and the weapon.)
    named = {i for p in places for i in range(p.start, p.end)}
    events = [e for e in events if e.start not in named]
    places = with_event_roles(tokens, events, places, actors)
    references = frozenset(k for k, e in enumerate(events) if _is_reference(tokens, e))
    date_found = resolve_date(norm, published, sentence.flags)
    frame = sentence_frame(sentence, norm, counts)
    if frame in {"plan", "meeting"} and any(_reached(e, tokens, sentence.flags) for e in events):
        frame = None  # an agreement reached states what is to follow: "تم الاتفاق على … يوم السبت القادم"
    if frame == "plan" and any(e.event_type == "Protests" and e.start <= 2 for e in events):
        # "خرجت مظاهرات احتجاجاً على تحضيرات النظام لشن عملية": the sentence opens with the protest; the
        # plan is what they protest
        frame = None
    return SentenceFacts(
        sentence=sentence,
        text=text[sentence.start : sentence.end],
        is_title=is_title,
        events=tuple(events),
        references=references,
        places=tuple(places),
        actors=tuple(actors),
        counts=counts,
        no_casualties=states_no_casualties(norm, sentence.flags),
        date=date_found,
        generic=frame is not None,
        earlier=is_earlier(sentence, norm),
        frame=frame,
        recent=is_recent(date_found, published, norm, sentence.flags),
        years=years_named(tokens, flags),
        names_day=names_a_day(norm, sentence.flags),
        scene=scene_of(places),
    )


_SEARCHED = SEARCHED | DATE_WORDS | NONE_CUES  # a sentence without these words is searched for nothing


def _reached(event: EventMention, tokens: tuple[Token, ...], flags: int) -> bool:
    """An agreement told as reached; an exchange told as done, not as planned ("من المقرر أن تبدأ
    عملية تبادل للأسرى" is a plan, "جرى تبادل الأسرى وسط مفاوضات على دفعة ثانية" is done); one to be
    signed ("سيوقعان اتفاقاً أمنياً … في سبتمبر المقبل") is not reached."""
    if event.sub_event_type != "Agreement" or event.weight < 3:
        return False
    if any(t.norm in _TO_SIGN for t in tokens[max(0, event.start - 3) : event.start]):
        return False
    return not event.stems.startswith(EXCHANGE_STEMS) or not planned_before(tokens, event.start, flags)


def scene_of(places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The town a sentence places its event in, if any (what tells two reports apart): a scene, else
    the victims' home town ("قضى شخصان من بلدة الشحيل")."""
    return best_town(places) or best_town(places, (FROM,))


def _blocked(tokens: tuple[Token, ...], event: EventMention) -> bool:
    """Purpose, fear, threat or negation just before the trigger, or a purpose ل on it ("لاعتقال"), or
    a kind of place or a thing it names ("بعيداً عن مناطق الاشتباك والقصف", "شحنة صواريخ ومسيرات")."""
    if event.start and stem_set(tokens[event.start - 1].norm) & _PLACES_OF:
        return True
    if event.start > 1 and tokens[event.start].norm.startswith("و"):  # "مناطق الاشتباك والقصف"
        if stem_set(tokens[event.start - 2].norm) & _PLACES_OF:
            return True
    first = tokens[event.start].norm
    if first.startswith(("ل", "ول", "فل")) and not event.stems.startswith("ل"):
        # "تعرض شاب … لإطلاق نار", "أدى لمقتل": the ل marks what happened, not a purpose.
        undergone = undergone_from(tokens, event.start) is not None
        before = tokens[event.start - 1].norm if event.start else ""
        if not undergone and not before.startswith(("ادي", "ادت", "يودي", "اسفر", "تسبب", "ما")):
            return True
    flags = union(tokens[max(0, event.start - 9) : event.start])
    if not flags & (_BLOCKER | _DENIAL):
        return False
    for j in range(max(0, event.start - 3), event.start):
        if tokens[j].flags & _BLOCKER:
            return True
    # A denial governs its whole clause: "نفى مصدر عسكري وقوع اشتباكات".
    for j in range(event.start - 1, max(-1, event.start - 10), -1):
        if tokens[j].norm in {"،", ".", "؛", ":"}:
            break
        if tokens[j].flags & _DENIAL:
            return True
    return False


def undergone_from(tokens: Sequence[Token], start: int) -> int | None:
    """Where "تعرض" opens the clause of the trigger at `start`, however long the subject between them
    ("تعرض خمسة عناصر من فصيل لواء القدس التابع لقوات الحكومة السورية لهجوم"): who underwent it."""
    for j in range(start - 1, max(-1, start - 15), -1):
        if tokens[j].norm in CLAUSE_ENDS:
            return None
        if tokens[j].flags & _UNDERGONE:
            return j
    return None


# Heads whose genitive names a kind of place or a thing, not an event: "مناطق الاشتباك", "خطوط القتال",
# "شحنة صواريخ ومسيرات", "مستودع ذخيرة".
_PLACES_OF = keyset(
    "مناطق", "خطوط", "خط", "جبهات", "شحنه", "شحنات", "مستودع", "مستودعات", "مخزن", "مخازن", "تهريب",
    "تصنيع", "معمل", "ورشه",
    "مواد", "اسمده", "مبيدات",  # "المواد الكيماوية" of farming, not a chemical weapon
)  # fmt: skip
_BLOCKER = stems_in(_BLOCKERS)
_DENIAL = stems_in(keyset("نفي", "نفت", "ينفي", "تنفي", "نافيا", "نفوا", "كذب", "كذبت", "ينفون"))
_UNDERGONE = word_class(lambda norm: norm.startswith(("تعرض", "يتعرض", "تتعرض", "وتعرض")))
_REFERENCE_MARKER = stems_in(_REFERENCE_MARKERS)


def _is_reference(tokens: tuple[Token, ...], event: EventMention) -> bool:
    return (
        any(t.flags & _REFERENCE_MARKER for t in tokens[max(0, event.start - 2) : event.start])
        or in_relative_clause(tokens, event.start)
        or _pluperfect(tokens, event.start)
    )


_WAS = keyset("كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا")


def _pluperfect(tokens: tuple[Token, ...], i: int) -> bool:
    """ "عناصر مقربة منها، كان قد ألقي القبض عليهم": "كان قد" before the verb tells what had happened
    before the event reported, a reference to the past, not a second report."""
    window = [t.norm for t in tokens[max(0, i - 3) : i]]
    return any(window[k] in _WAS and window[k + 1] == "قد" for k in range(len(window) - 1))


RELATIVES = frozenset({"التي", "الذي", "الذين", "اللتي", "اللذين", "اللذان", "اللتان"})


def in_relative_clause(tokens: tuple[Token, ...], i: int) -> bool:
    """The word at i is told only in a relative clause: right after the pronoun ("الاشتباكات التي"),
    or after what befell the person it describes ("… السنوار، الذي استشهد خلال اشتباكات مع …"):
    that person's past, not a report. ("المواقع التي تعرضت لقصف جوي" tells the event itself.)"""
    if i and tokens[i - 1].norm in RELATIVES:
        return True
    window = tokens[max(0, i - 4) : i]
    for k in range(len(window) - 2, -1, -1):
        if window[k].norm in CLAUSE_ENDS:
            return False
        if window[k].norm in RELATIVES:
            return window[k + 1].norm in _BEFELL
    return False


# What befell a person, as the verb of a relative clause about them.
_BEFELL = keyset("استشهد", "استشهدت", "قتل", "قتلت", "قضى", "قضت", "توفي", "توفيت", "اعتقل")


# Where one report ends and another begins inside a sentence: "…، في حين اندلع اشتباك…".
_CLAUSE_OPENERS = keyset("،", "؛", "حين", "بينما", "فيما", "كما", "وسط", "بالتزامن")


def clause_cut(facts: SentenceFacts, first_end: int, second_start: int) -> int:
    """The token index where the clause of a later trigger starts (after an earlier one ends)."""
    for k in range(second_start, first_end - 1, -1):
        if facts.tokens[k].norm in _CLAUSE_OPENERS or stem_set(facts.tokens[k].norm) & _CLAUSE_OPENERS:
            return k
    return second_start


def restrict(facts: SentenceFacts, lo: int, hi: int) -> SentenceFacts:
    """The facts of tokens [lo, hi) of a sentence: one clause reporting one event."""
    inside = lambda m: lo <= m.start < hi  # noqa: E731
    events = [e for e in facts.events if inside(e)]
    kept = [k for k, e in enumerate(facts.events) if inside(e)]
    places = tuple(m for m in facts.places if inside(m))
    return replace(
        facts,
        events=tuple(events),
        references=frozenset(kept.index(k) for k in facts.references if k in kept),
        places=places,
        scene=scene_of(places),
        actors=tuple(m for m in facts.actors if inside(m)),
        counts=tuple(c for c in facts.counts if inside(c)),
        no_casualties=states_no_casualties(" ".join(t.norm for t in facts.tokens[lo:hi])),
        whole=facts.whole or facts,
    )
