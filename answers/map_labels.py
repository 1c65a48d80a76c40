"""Placing map labels so that none covers another: greedy, most important first, each at the first
free spot around its point, farther out with a leader line when the near spots are taken."""

from __future__ import annotations

from dataclasses import dataclass

# Where a label may sit around its point: direction, then the text's alignment there (a label east of
# its point starts at it, one to the north-west ends at it…). Preferred first, as cartographers do.
_SPOTS = (
    ((0.71, 0.71), "left", "bottom"),
    ((1.0, 0.0), "left", "center"),
    ((0.71, -0.71), "left", "top"),
    ((-0.71, 0.71), "right", "bottom"),
    ((-1.0, 0.0), "right", "center"),
    ((-0.71, -0.71), "right", "top"),
    ((0.0, 1.0), "center", "bottom"),
    ((0.0, -1.0), "center", "top"),
)
_RINGS_PT = (0, 14, 28, 46)  # beyond the point's own circle; past the first ring a leader line is drawn
_GAP_PX = 3  # the space kept free around every label


@dataclass(frozen=True, slots=True)
class Label:
    """A label to place: its text, the data point it names, and the radius (px) of the mark there."""

    text: str
    x: float
    y: float
    radius_px: float = 0.0


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in display pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1


def place_labels(
    axes, labels, obstacles: list[Box], renderer, limit: int, strict: bool = False, **style
) -> list:
    """Annotate at most `limit` of `labels` (most important first), none overlapping another, all
    inside the axes; labels with no free spot are left out. Returns the annotations.

    An obstacle is avoided while a spot clear of it exists; `strict` leaves a label out instead."""
    scale = axes.figure.dpi / 72
    frame = box_of(axes.get_window_extent(renderer))
    placed: list[Box] = []
    annotations = []
    for label in labels:
        if len(annotations) >= limit:
            break
        width, height = _size(axes, label.text, renderer, style)
        point = axes.transData.transform((label.x, label.y))
        around = [o for o in obstacles if not _centred_on(o, point)]  # its own mark is no obstacle
        spot = _free_spot(point, label.radius_px, width, height, scale, frame, placed, around, strict)
        if spot is None:
            continue
        box, offset, ha, va, leader = spot
        placed.append(box)
        arrow = {"arrowstyle": "-", "color": "#555555", "lw": 0.6, "shrinkA": 0, "shrinkB": 0}
        annotations.append(
            axes.annotate(
                label.text,
                (label.x, label.y),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                arrowprops=arrow if leader else None,
                annotation_clip=False,
                **style,
            )
        )
    return annotations


def _free_spot(point, radius_px, width, height, scale, frame, placed, obstacles, strict):
    """The first spot whose box is inside the frame and clear of labels and obstacles (marks count
    as obstacles only while a spot clear of them exists, so a crowded cluster still gets names)."""
    fallback = None
    for ring in _RINGS_PT:
        distance_px = radius_px + (2 + ring) * scale
        for (dx, dy), ha, va in _SPOTS:
            anchor = (point[0] + dx * distance_px, point[1] + dy * distance_px)
            box = _text_box(anchor, width, height, ha, va)
            if not box.inside(frame) or any(box.overlaps(other) for other in placed):
                continue
            spot = (box, (dx * distance_px / scale, dy * distance_px / scale), ha, va, ring > 0)
            if not any(box.overlaps(other) for other in obstacles):
                return spot
            fallback = fallback or spot
    return None if strict else fallback


def _text_box(anchor, width, height, ha, va) -> Box:
    x0 = {"left": anchor[0], "right": anchor[0] - width, "center": anchor[0] - width / 2}[ha]
    y0 = {"bottom": anchor[1], "top": anchor[1] - height, "center": anchor[1] - height / 2}[va]
    return Box(x0 - _GAP_PX, y0 - _GAP_PX, x0 + width + _GAP_PX, y0 + height + _GAP_PX)


def _size(axes, text: str, renderer, style) -> tuple[float, float]:
    """The label's width and height in pixels, as the renderer lays it out (Arabic shaped)."""
    probe = axes.text(0, 0, text, **style)
    extent = probe.get_window_extent(renderer)
    probe.remove()
    return extent.width, extent.height


def _centred_on(box: Box, point) -> bool:
    return abs((box.x0 + box.x1) / 2 - point[0]) < 0.5 and abs((box.y0 + box.y1) / 2 - point[1]) < 0.5


def box_of(extent) -> Box:
    """A matplotlib Bbox as a Box."""
    return Box(extent.x0, extent.y0, extent.x1, extent.y1)
