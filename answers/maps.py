"""The /map picture: incidents as circles over governorate borders and the Euphrates, zoomed to the
incidents, with as many town names as fit without covering one another.

Borders and river: Natural Earth 1:10m (public domain), simplified into data/basemap.json by
data/make_basemap.py. Imported only when a map is asked for (matplotlib costs ~0.5 s to load).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from answers.charts import TYPE_COLOURS, png_bytes, pyplot
from answers.map_labels import Box, Label, box_of, place_labels
from extraction.gazetteer import Place
from extraction.taxonomy import EVENT_TYPES
from i18n.catalog import acled_label, display_name, text

BASEMAP = Path(__file__).parent / "data" / "basemap.json"
MAX_LABELS = 12  # more names than this make a map of text; the rest are in the reply's list
MAX_PLACE_NAMES = 8  # grey names of towns without incidents, where room is left
MAX_BACKGROUND_POINTS = 400  # villages as grey points up to this many, else only cities and towns
MIN_SPAN_DEG = 0.5  # a single town is shown with ~25 km around it
LABEL_STYLE = {
    "fontsize": 8,
    "zorder": 5,
    "bbox": {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75},
}
PLACE_STYLE = {"fontsize": 6, "color": "#888888", "zorder": 2}


@cache
def basemap() -> dict:
    """Governorate outlines (by the gazetteer's admin1 name) and the Euphrates, as lon/lat lines."""
    return json.loads(BASEMAP.read_text(encoding="utf-8"))


def incident_map(
    towns: Sequence[tuple[Place, Counter]], background: Sequence[Place], title: str, language: str
) -> bytes:
    """The map as PNG bytes."""
    plt = pyplot()
    return png_bytes(plt, draw_incident_map(plt, towns, background, title, language), layout=False)


def draw_incident_map(plt, towns, background, title: str, language: str):
    """The map as a matplotlib figure, labels placed (the test measures them)."""
    figure, axes = plt.subplots(figsize=(8, 6.5), dpi=110)
    west, south, east, north = _extent([place for place, _ in towns])
    _draw_basemap(axes)
    ranked = sorted(towns, key=lambda t: (-sum(t[1].values()), t[0].name))
    marks = _draw_incidents(axes, ranked, language)
    shown = {place.name for place, _ in towns}
    others = [
        p for p in background if p.name not in shown and west <= p.lon <= east and south <= p.lat <= north
    ]
    if len(others) > MAX_BACKGROUND_POINTS:  # thousands of villages would grey the land out
        others = [p for p in others if p.kind in ("city", "town")]
    axes.scatter([p.lon for p in others], [p.lat for p in others], s=4, color="#bbbbbb", zorder=1)
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_title(title)
    axes.set_xlabel("°E")
    axes.set_ylabel("°N")
    axes.grid(True, color="#eeeeee", linewidth=0.5)
    figure.tight_layout()
    _fill_frame(axes, (west, south, east, north))
    renderer = figure.canvas.get_renderer()
    legend = axes.get_legend()
    obstacles = [box_of(legend.get_window_extent(renderer))] if legend else []
    note = axes.text(0.99, 0.01, text("map.more", language, count=len(towns)), transform=axes.transAxes,
                     ha="right", va="bottom", fontsize=7, color="#444444", zorder=6)  # fmt: skip
    obstacles.append(box_of(note.get_window_extent(renderer)))
    circles = [_circle_box(axes, label) for label in marks]
    named = place_labels(axes, marks, obstacles + circles, renderer, MAX_LABELS, **LABEL_STYLE)
    for annotation in named:
        annotation.set_gid("town-label")
    unnamed = len(marks) - len(named)
    if unnamed:
        note.set_text(text("map.more", language, count=unnamed))
    else:
        note.remove()
    taken = obstacles + circles + [box_of(a.get_window_extent(renderer)) for a in named]
    cities = [
        Label(display_name(p.name, p.name_en, language), p.lon, p.lat, 2.0)
        for p in sorted(others, key=lambda p: p.kind != "city")
        if p.kind in ("city", "town")
    ]
    place_labels(axes, cities, taken, renderer, MAX_PLACE_NAMES, strict=True, **PLACE_STYLE)
    return figure


def _extent(places: Sequence[Place]) -> tuple[float, float, float, float]:
    """West, south, east, north around the incidents, with a margin for circles and names."""
    lons, lats = [p.lon for p in places], [p.lat for p in places]
    span = max(max(lons) - min(lons), max(lats) - min(lats), MIN_SPAN_DEG)
    margin = 0.15 * span
    return min(lons) - margin, min(lats) - margin, max(lons) + margin, max(lats) + margin


def _fill_frame(axes, extent) -> None:
    """Widen the extent to the frame's shape, so a degree of latitude keeps its true length
    (1/cos(latitude) degrees of longitude) and the frame is filled."""
    west, south, east, north = extent
    stretch = 1 / max(0.2, math.cos(math.radians((south + north) / 2)))
    frame = axes.get_window_extent()
    wanted = frame.height / frame.width  # (latitude span × stretch) / longitude span
    if (north - south) * stretch / (east - west) < wanted:
        grow = ((east - west) * wanted / stretch - (north - south)) / 2
        south, north = south - grow, north + grow
    else:
        grow = ((north - south) * stretch / wanted - (east - west)) / 2
        west, east = west - grow, east + grow
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(stretch, adjustable="box")
    axes.apply_aspect()


def _draw_basemap(axes) -> None:
    data = basemap()
    for rings in data["governorates"].values():
        for ring in rings:
            axes.plot(*zip(*ring, strict=True), color="#9a9a9a", linewidth=0.7, zorder=0)
    for line in data["euphrates"]:
        axes.plot(*zip(*line, strict=True), color="#6fa8dc", linewidth=1.6, zorder=0, solid_capstyle="round")


def _draw_incidents(axes, ranked, language: str) -> list[Label]:
    """Circles sized by count and coloured by the most frequent type; the labels to place, in rank."""
    seen_types = set()
    labels = []
    scale = axes.figure.dpi / 72
    for place, by_type in ranked:
        dominant = by_type.most_common(1)[0][0]
        total = sum(by_type.values())
        seen_types.add(dominant)
        size = 40 + 60 * total**0.8
        axes.scatter(place.lon, place.lat, s=size, color=TYPE_COLOURS.get(dominant, "#444444"), alpha=0.75,
                     edgecolors="black", linewidths=0.5, zorder=3)  # fmt: skip
        name = display_name(place.name, place.name_en, language).split(" (", 1)[0]  # no "(ناحية …)"
        labels.append(Label(f"{name} ({total})", place.lon, place.lat, math.sqrt(size) / 2 * scale))
    for event_type in EVENT_TYPES:
        if event_type in seen_types:
            axes.scatter(
                [], [], s=60, color=TYPE_COLOURS[event_type], label=acled_label(event_type, language)
            )
    if seen_types:
        axes.legend(fontsize=8, loc="lower left", frameon=True)
    return labels


def _circle_box(axes, label: Label) -> Box:
    x, y = axes.transData.transform((label.x, label.y))
    r = label.radius_px
    return Box(x - r, y - r, x + r, y + r)
