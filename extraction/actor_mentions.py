"""A party named in the text, read from a gazetteer match, and the words that make it a mere mention."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extraction.gazetteer import Actor
from extraction.matcher import name_key
from extraction.normalize import keyset
from extraction.records import fact
from extraction.tokens import CLAUSE_ENDS, Token
from extraction.wordclass import any_of, stems_in

# Words after which an actor is described, not acting: patrons, control areas, mediators.
_EXCLUDING_CONTEXT = keyset(
    "الموالي",
    "الموالين",
    "المواليه",
    "موالي",
    "مواليه",
    "المدعوم",
    "المدعومه",
    "المدعومين",
    "مدعوم",
    "مدعومه",
    "وساطه",
    "الوساطه",
    "بوساطه",
    "برعايه",
    "رعايه",
    "بحضور",
    "حضور",
    "المقرب",
    "المقربه",
    "يدعمها",
    "تدعمها",
    "يدعمه",
    "الداعمه",
    "التابعه",
    "التابعين",
)
# Words that open a description of who controls an area: every actor up to the end of the clause
# ("الخاضع لسيطرة النظام السوري والميليشيات التابعة لـ الحرس الثوري") is background.
_CONTROL_WORDS = keyset("سيطره", "نفوذ", "الخاضع", "الخاضعه", "خاضع", "خاضعه", "مناطق", "تسيطر", "يسيطر")


@fact
class ActorMention:
    """A party named in a sentence (token span), resolved to a gazetteer actor when possible."""

    start: int
    end: int
    name: str
    aliases: tuple[str, ...]
    name_en: str
    acled_type: str
    inter: int | None
    kind: str  # gazetteer kind, or civilians | protesters | unidentified | family | person
    excluded: bool  # named as a patron, a mediator or a control area, not a party
    others: tuple[Actor, ...] = ()  # other gazetteer rows with the same name (other periods, meanings)
    areas: tuple[str, ...] = ()  # governorates where its row's shared names mean it; () everywhere

    @property
    def is_civilian(self) -> bool:
        """Victims rather than an armed party."""
        return self.kind in {"civilians", "protesters"} or self.acled_type == "Civilians"


def _valid_at(actors: tuple[Actor, ...], published: date | None) -> tuple[Actor, ...]:
    """The rows valid on `published` first (half-open [valid_from, valid_to)); all rows when unknown."""
    if published is None:
        return actors
    day = published.isoformat()
    valid = [a for a in actors if (a.valid_from or "") <= day and (not a.valid_to or day < a.valid_to)]
    return tuple(valid) + tuple(a for a in actors if a not in valid)


def _named_as(words: Sequence[Token], actors: tuple[Actor, ...]) -> Actor:
    """Among rows sharing a name, the one whose own name the text uses ("هيئة تحرير الشام" is HTS even
    where the Nusra row lists it as a later name); otherwise the first (valid-at-date) row."""
    if len(actors) == 1:
        return actors[0]
    said = name_key(" ".join(t.text for t in words))
    for actor in actors:
        if name_key(actor.name.split(" (")[0]) == said:
            return actor
    return actors[0]


_GENERIC_KINDS = {"Civilians": "civilians", "Protesters": "protesters", "Rioters": "rioters"}


def _from_gazetteer(tokens: Sequence[Token], start: int, end: int, actors: tuple[Actor, ...]) -> ActorMention:
    actor = _named_as(tokens[start:end], actors)
    kind = actor.kind
    if kind == "generic":
        kind = _GENERIC_KINDS.get(actor.acled_type, "unidentified")
    return ActorMention(
        start,
        end,
        actor.name,
        actor.aliases,
        actor.name_en,
        actor.acled_type,
        actor.inter,
        kind,
        _excluded(tokens, start),
        tuple(a for a in actors if a is not actor),
        actor.areas,
    )


def _excluded(tokens: Sequence[Token], start: int) -> bool:
    """A patron, mediation or affiliation word just before, or a control description in the clause."""
    for j in range(start - 1, max(-1, start - 10), -1):
        flags = tokens[j].flags
        if flags & _CLAUSE_BREAK:
            return False
        if flags & _CONTROL_WORD or (start - j <= 3 and flags & _EXCLUDING_WORD):
            return True
    return False


_CLAUSE_BREAK = any_of(CLAUSE_ENDS)
_CONTROL_WORD = stems_in(_CONTROL_WORDS)
_EXCLUDING_WORD = stems_in(_EXCLUDING_CONTEXT)
