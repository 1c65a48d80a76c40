"""The /map picture: town names that never cover one another, a view zoomed to the incidents, and the
borders and river it is drawn over."""

import math
from collections import Counter
from contextlib import contextmanager
from itertools import combinations

import pytest
from matplotlib.text import Text

from answers.charts import pyplot
from answers.maps import MAX_LABELS, basemap, draw_incident_map
from extraction.taxonomy import EVENT_TYPES

DEIR_EZ_ZOR = (35.336, 40.141)


def around_deir_ez_zor(gazetteer, count):
    """The `count` settlements nearest the city: a cluster along the river, a few km apart."""
    places = [
        p for p in gazetteer.places if p.is_settlement and p.lat is not None and p.admin1 == "Deir-ez-Zor"
    ]
    return sorted(places, key=lambda p: (p.lat - DEIR_EZ_ZOR[0]) ** 2 + (p.lon - DEIR_EZ_ZOR[1]) ** 2)[:count]


@pytest.fixture
def dense(gazetteer):
    """40 incidents in 25 towns around Deir ez-Zor."""
    types = list(EVENT_TYPES)
    places = around_deir_ez_zor(gazetteer, 25)
    counts = [8] + [2] * 8 + [1] * 16
    towns = [
        (p, Counter({types[i % len(types)]: n})) for i, (p, n) in enumerate(zip(places, counts, strict=True))
    ]
    background = [p for p in gazetteer.places if p.admin1 == "Deir-ez-Zor" and p.lat is not None]
    return towns, background


@contextmanager
def drawn(towns, background, language):
    plt = pyplot()
    figure = draw_incident_map(plt, towns, background, "أماكن الحوادث", language)
    figure.canvas.draw()
    try:
        yield figure.axes[0], figure.canvas.get_renderer()
    finally:
        plt.close(figure)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_two_town_names_overlap_on_a_dense_map(dense, language):
    with drawn(*dense, language) as (axes, renderer):
        labels = [t for t in axes.texts if t.get_gid() == "town-label"]
        boxes = [Text.get_window_extent(t, renderer) for t in labels]  # the text alone, not its leader line
        assert 8 <= len(labels) <= MAX_LABELS
        assert not [
            (a.get_text(), b.get_text())
            for (a, p), (b, q) in combinations(zip(labels, boxes, strict=True), 2)
            if p.overlaps(q)
        ]
        frame = axes.get_window_extent(renderer)
        assert all(
            frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes
        )
        notes = [t.get_text() for t in axes.texts if t.get_text().startswith(("+", "و"))]
        assert any(str(len(dense[0]) - len(labels)) in note for note in notes)


def test_the_busiest_town_is_named_first(dense):
    with drawn(*dense, "en") as (axes, _):
        labels = [t.get_text() for t in axes.texts if t.get_gid() == "town-label"]
        assert labels[0] == "Deir ez-Zor (8)"


def test_a_sparse_map_names_every_town_and_zooms_to_them(gazetteer):
    places = around_deir_ez_zor(gazetteer, 60)[::20]
    towns = [(p, Counter({"Battles": 1})) for p in places]
    with drawn(towns, [], "ar") as (axes, _):
        assert len([t for t in axes.texts if t.get_gid() == "town-label"]) == 3
        assert not [t for t in axes.texts if t.get_text().startswith("و")]  # nothing left unnamed
        west, east = axes.get_xlim()
        south, north = axes.get_ylim()
        assert all(west < p.lon < east and south < p.lat < north for p in places)
        assert north - south < 2  # the governorate is 3° tall; the view is the incidents'


def test_the_basemap_has_every_governorate_and_the_euphrates_through_deir_ez_zor(gazetteer):
    data = basemap()
    assert "Natural Earth" in data["source"]
    assert set(data["governorates"]) == {p.admin1 for p in gazetteer.places if p.admin1}
    nearest_km = min(
        math.dist(((lon - DEIR_EZ_ZOR[1]) * 91, (lat - DEIR_EZ_ZOR[0]) * 111), (0, 0))
        for line in data["euphrates"]
        for lon, lat in line
    )
    assert nearest_km < 3
