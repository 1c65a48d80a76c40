"""Places and actors the extractor can recognise, loaded from the project's CSV data files.

Loading reads files, so it happens once at start-up in the caller; extraction itself receives the loaded
`Gazetteer` and does no I/O.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from extraction.matcher import NameMatcher, name_key
from extraction.normalize import latin_skeleton

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Place:
    """A town, village, neighbourhood or area, with its admin units and coordinates when known."""

    name: str
    aliases: tuple[str, ...]
    name_en: str
    kind: str
    admin1: str
    admin2: str
    admin3: str
    lat: float | None
    lon: float | None

    @property
    def is_settlement(self) -> bool:
        """Cities, towns and villages: what ACLED calls a location."""
        return self.kind in {"city", "town", "village"}


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed group, force, authority or generic party, with its ACLED actor type."""

    name: str
    aliases: tuple[str, ...]
    name_en: str
    acled_type: str
    inter: int | None
    kind: str
    valid_from: str = ""
    valid_to: str = ""
    areas: tuple[str, ...] = ()  # governorates where its shared names mean it; () everywhere


@dataclass
class Gazetteer:
    """Every place and actor, with one matcher each."""

    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    place_matcher: NameMatcher[Place] = field(default_factory=NameMatcher)
    actor_matcher: NameMatcher[Actor] = field(default_factory=NameMatcher)
    _capitals: dict[str, Place | None] = field(default_factory=dict, repr=False)
    _is_capital: dict[str, bool] = field(default_factory=dict, repr=False)
    _qualified: dict[tuple[str, ...], list[Place]] = field(default_factory=dict, repr=False)
    _latin: dict[str, list[Place | Actor]] = field(default_factory=dict, repr=False)

    def add_place(self, place: Place) -> None:
        """Register a place under its name and aliases."""
        self.places.append(place)
        self.place_matcher.add_all((place.name, *place.aliases), place)
        if " (" in place.name:
            bare = name_key(place.name.split(" (", 1)[0])
            self._qualified.setdefault(bare, []).append(place)
        if place.name_en:
            self.place_matcher.add(place.name_en, place)
        self._add_latin(place, (place.name_en, *place.aliases))

    def add_actor(self, actor: Actor) -> None:
        """Register an actor under its name and aliases."""
        self.actors.append(actor)
        self.actor_matcher.add_all((actor.name, *actor.aliases), actor)
        # "National Defence Forces (NDF)": the name without its note, and the abbreviation in it
        english = [actor.name_en, *_bracketed(actor.name_en)]
        self.actor_matcher.add_all([e for e in english if e], actor)
        self._add_latin(actor, (*english, *actor.aliases))

    def _add_latin(self, entry: Place | Actor, names: tuple[str, ...]) -> None:
        for name in names:
            if name and name.isascii() and (key := latin_skeleton(name)):
                bucket = self._latin.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)

    def capital_of(self, governorate: Place) -> Place | None:
        """The city a governorate is named after ("محافظة درعا" → درعا), if any."""
        if governorate.kind != "governorate":
            return None
        if governorate.name not in self._capitals:
            bare = governorate.name.replace("محافظة", "").strip()
            found = next((p for p in self.place_matcher.lookup(bare) if p.kind == "city"), None)
            self._capitals[governorate.name] = found
        return self._capitals[governorate.name]

    def is_capital(self, place: Place) -> bool:
        """A city that shares its name with its governorate (درعا, حمص, الرقة…)."""
        if place.kind != "city":
            return False
        if place.name not in self._is_capital:
            found = self.place_matcher.lookup("محافظة " + place.name)
            self._is_capital[place.name] = any(p.kind == "governorate" for p in found)
        return self._is_capital[place.name]

    def place_named(self, name: str) -> list[Place]:
        """Places called `name` in any spelling (Arabic, or any transliteration: "Deir Ezzor",
        "Dayr az Zawr" and "Deir ez-Zor" are one)."""
        found = self.place_matcher.lookup(name)
        if not found and name.isascii():
            found = [p for p in self._latin.get(latin_skeleton(name), ()) if isinstance(p, Place)]
        return found

    def qualified_named(self, name: str) -> list[Place]:
        """Places whose name is `name` with a qualifier ("سلمى (ناحية صلنفة)"): rows that do not
        answer to their bare name (it is shared, or a common word), for text that says the name
        is a settlement's ("مدينة سلمى")."""
        return list(self._qualified.get(name_key(name), ()))

    def actor_named(self, name: str) -> list[Actor]:
        """Actors called `name` in any spelling ("National Defense Forces" as "National Defence Forces")."""
        found = self.actor_matcher.lookup(name)
        if not found and name.isascii():
            found = [a for a in self._latin.get(latin_skeleton(name), ()) if isinstance(a, Actor)]
        return found


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Read places.csv and actors.csv from `data_dir`."""
    gazetteer = Gazetteer()
    for row in _read_rows(data_dir / "places.csv"):
        gazetteer.add_place(_place_from_row(row))
    for row in _read_rows(data_dir / "actors.csv"):
        gazetteer.add_actor(_actor_from_row(row))
    return gazetteer


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _bracketed(name: str) -> tuple[str, ...]:
    """ "National Defence Forces (NDF)" → ("National Defence Forces", "NDF")."""
    if " (" not in name or not name.endswith(")"):
        return ()
    head, note = name[:-1].split(" (", 1)
    return (head.strip(), note.strip()) if note.strip().isupper() else (head.strip(),)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _place_from_row(row: dict[str, str]) -> Place:
    return Place(
        name=row["name_ar"],
        aliases=_split(row.get("variants_ar", "")) + _split(row.get("variants_en", "")),
        name_en=row.get("name_en", ""),
        kind=row.get("kind", ""),
        admin1=row.get("admin1", ""),
        admin2=row.get("admin2", ""),
        admin3=row.get("admin3", ""),
        lat=_float(row.get("lat", "")),
        lon=_float(row.get("lon", "")),
    )


def _actor_from_row(row: dict[str, str]) -> Actor:
    inter = row.get("inter", "")
    return Actor(
        name=row["name_ar"],
        aliases=_split(row.get("aliases_ar", "")) + _split(row.get("aliases_en", "")),
        name_en=row.get("name_en", ""),
        acled_type=row.get("acled_type", ""),
        inter=int(inter) if inter.isdigit() else None,
        kind=row.get("kind", ""),
        valid_from=row.get("valid_from", ""),
        valid_to=row.get("valid_to", ""),
        areas=_split(row.get("areas", "")),
    )
