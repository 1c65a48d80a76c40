"""The gazetteers: data that loads, provenance on every row, and every name found in any spelling."""

import csv
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.gazetteer import DATA_DIR, load_gazetteer
from extraction.tokens import tokenize

PREFIXES = ["", "و", "ف", "ب", "وب", "فب", "ل", "ك"]


def respell(name: str, choices: list[int]) -> str:
    """A spelling a writer might use: diacritics, tatweel, ة/ه, ى/ي, hamza forms of alef."""
    swaps = {"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا"}
    marks = "\u064e\u064f\u0650\u0651\u0652\u0640"
    out = []
    for char, choice in zip(name, choices, strict=False):
        if char in swaps and choice % 2:
            char = swaps[char]
        out.append(char)
        if char.isalpha() and choice % 7 == 0:
            out.append(marks[choice % len(marks)])
    return "".join(out) + name[len(choices) :]


@cache
def shared_gazetteer():
    """Loaded once per process (a hypothesis test cannot take the fixture: its repr is huge)."""
    return load_gazetteer()


CHOICES = st.lists(st.integers(0, 100), min_size=40, max_size=40)


def test_rows_have_names_and_provenance():
    for file, name_column in (("places.csv", "name_ar"), ("actors.csv", "name_ar")):
        with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, file
        names = [row[name_column] for row in rows]
        assert len(names) == len(set(names)), f"{file}: duplicate names"
        assert all(row["source"].strip() for row in rows), f"{file}: a row without its source"


def test_deir_ez_zor_and_the_main_cities_are_present_with_coordinates(gazetteer):
    for name in (
        "دير الزور",
        "الميادين",
        "البوكمال",
        "العشارة",
        "هجين",
        "الرقة",
        "حلب",
        "إدلب",
        "درعا",
        "حمص",
    ):
        [place, *_] = gazetteer.place_named(name)
        assert place.lat and place.lon, name
    deir = [p for p in gazetteer.places if p.admin1 == "Deir-ez-Zor" and p.is_settlement]
    assert len(deir) >= 100


@settings(max_examples=200, deadline=None, derandomize=True)
@given(index=st.integers(0, 10_000), prefix=st.sampled_from(PREFIXES), choices=CHOICES)
def test_every_place_is_found_in_any_spelling_and_clitic_form(index, prefix, choices):
    gazetteer = shared_gazetteer()
    # A name with a qualifier ("الصالحية (ريف البوكمال)") shares its bare form with another place.
    settlements = [p for p in gazetteer.places if p.is_settlement and "(" not in p.name]
    place = settlements[index % len(settlements)]
    written = prefix + respell(place.name, choices)
    found = gazetteer.place_matcher.find(tokenize(f"وقع انفجار في {written} أمس"))
    assert any(place in match.values for match in found), written


@settings(max_examples=200, deadline=None, derandomize=True)
@given(index=st.integers(0, 10_000), prefix=st.sampled_from(PREFIXES), choices=CHOICES)
def test_every_actor_is_found_in_any_spelling_and_clitic_form(index, prefix, choices):
    gazetteer = shared_gazetteer()
    actor = gazetteer.actors[index % len(gazetteer.actors)]
    written = prefix + respell(actor.name.split(" (")[0], choices)
    found = gazetteer.actor_matcher.find(tokenize(f"قالت مصادر إن {written} هاجمت"))
    assert any(actor.name in {a.name for a in match.values} for match in found), written
