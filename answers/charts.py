"""Charts as PNG bytes, drawn with matplotlib's Agg backend.

Arabic labels are passed as plain logical strings: matplotlib 3.11 shapes and orders Arabic itself
(libraqm, matplotlib PR #30000), and the old reshaper + bidi workaround now renders text reversed
(matplotlib issue #32262). Imported only when a chart is asked for: matplotlib costs ~0.5 s to load.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from extraction.taxonomy import EVENT_TYPES
from i18n.catalog import acled_label

# One colour per ACLED event type, the same in every chart and map (Okabe–Ito, colour-blind safe).
TYPE_COLOURS = dict(
    zip(EVENT_TYPES, ("#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#56B4E9", "#009E73"), strict=True)
)


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = "DejaVu Sans"  # bundled with matplotlib, has Arabic glyphs
    return plt


def weekly_chart(
    counts: Sequence[tuple[str, str, int]],
    title: str,
    week_label: str,
    count_label: str,
    language: str,
    first_week: date | None = None,
    last_week: date | None = None,
) -> bytes:
    """Stacked bars: incidents per week (x, every Monday from first to last week, empty weeks too)
    and per event type (colour, legend under the chart)."""
    plt = pyplot()
    weeks = _all_weeks({week for week, _, _ in counts}, first_week, last_week)
    by_type: dict[str, dict[str, int]] = defaultdict(dict)
    for week, event_type, n in counts:
        by_type[event_type][week] = n
    figure, axes = plt.subplots(figsize=(8, 4.5), dpi=110)
    bottoms = [0] * len(weeks)
    positions = range(len(weeks))
    for event_type in EVENT_TYPES:
        values = [by_type.get(event_type, {}).get(week, 0) for week in weeks]
        if not any(values):
            continue
        axes.bar(
            positions,
            values,
            bottom=bottoms,
            color=TYPE_COLOURS[event_type],
            label=acled_label(event_type, language),
            width=0.8,
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_xticks(
        list(positions),
        [_week_label(w) for w in weeks],
        rotation=45 if len(weeks) > 6 else 0,
        ha="right" if len(weeks) > 6 else "center",
    )
    axes.set_xlabel(week_label)
    axes.set_ylabel(count_label)
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return png_bytes(plt, figure)


def _all_weeks(seen: set[str], first: date | None, last: date | None) -> list[str]:
    """Every Monday between the first and the last week (at most two years of weeks)."""
    days = sorted(date.fromisoformat(w) for w in seen)
    start = _monday(first) if first else days[0]
    end = _monday(last) if last else days[-1]
    start, end = min(start, days[0]), max(end, days[-1])
    weeks = []
    while start <= end and len(weeks) < 105:
        weeks.append(start.isoformat())
        start += timedelta(days=7)
    return weeks


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_label(week: str) -> str:
    day = date.fromisoformat(week)
    return f"{day.day:02d}/{day.month:02d}"


def png_bytes(plt, figure, layout: bool = True) -> bytes:
    """The figure as PNG (laid out tightly unless it already is: a map places its labels after layout)."""
    buffer = io.BytesIO()
    if layout:
        figure.tight_layout()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
