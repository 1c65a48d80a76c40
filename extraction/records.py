"""What extraction produces: an article's incidents, each field with the text span it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

# The facts read from an article (sentences, mentions, matches) are made by the ten thousand per
# megabyte. They are never changed after they are made (a changed copy comes from `replace`), but they
# are not declared frozen: a frozen dataclass's __init__ sets every field through object.__setattr__,
# four times the cost of a plain one. Equal and hashable like frozen ones.
fact = dataclass(slots=True, unsafe_hash=True)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value came from: a character span of the article and the sentence around it."""

    start: int
    end: int
    quote: str
    sentence: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One party to an incident."""

    name: str
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    acled_type: str = ""
    inter: int | None = None
    role: str = "party"  # party | attacker | target
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """The town where an incident happened, with ACLED geo precision (1 town, 2 near/part of, 3 region)."""

    name: str
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 1
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """One event in ACLED terms."""

    event_type: str
    sub_event_type: str
    actors: tuple[ActorRef, ...] = ()
    town: PlaceRef | None = None
    location: str | None = None
    killed: int | None = None
    injured: int | None = None
    vague_killed: int | None = None  # killed unknown: ACLED's reading of a vague toll ("عشرات القتلى": 10)
    date: str | None = None  # ISO day
    time_precision: int = 3  # ACLED: 1 day, 2 week, 3 month or vaguer
    main: bool = False
    evidence: dict[str, Evidence] = field(default_factory=dict, hash=False, compare=False)

    @property
    def settlement(self) -> PlaceRef | None:
        """The town, city or village it happened in; None when only the region is known (geo precision
        3: "في محافظة إدلب", "بريف البوكمال"), whose place stays in `town` for admin1 and the map."""
        return self.town if self.town is not None and self.town.geo_precision < REGION_ONLY else None


REGION_ONLY = 3  # ACLED geo precision of an event placed in a region, not in a settlement


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: is it about a concrete event, and which ones."""

    is_incident: bool
    incidents: tuple[Incident, ...] = ()
    title: str = ""

    @property
    def main(self) -> Incident | None:
        """The incident the article is about."""
        return next((i for i in self.incidents if i.main), None)
