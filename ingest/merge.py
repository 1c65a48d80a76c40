"""When two reports are one event: the merge rule (written down in docs/merging.md).

A new report joins a stored incident when all of these hold:
- the same ACLED event type, or Battles and Violence against civilians (outlets disagree whether the
  people shot were fighters); the first report's type and sub-type are kept;
- the same town; or, when one report only places it near a town (ACLED geo-precision 2 or 3), both
  placed within MAX_KM of each other — two reports that each name their village precisely are two
  events, as ACLED codes one event per location;
- the same day, or one day apart when either date is imprecise; a report that does not date its event
  is dated by its publication, and the event it tells may be up to RECENT_DAYS older (the day's news
  is of the last week); a report nothing dates (neither its text nor its feed) never merges;
- the armed parties agree: both of them when each report names two, one when a report names one,
  and any when a report names none;
- not from the same article (an article's own incidents are distinct by construction).
Casualties follow ACLED: reports of the same moment (published within SAME_MOMENT of each other) that
disagree give the most conservative figure, the lowest positive one (0 only when all say 0); a report
published later that gives a higher figure tells a toll that rose, and the incident takes it (ACLED
revises its totals as better information comes in). A later report repeating a lower figure lowers
nothing: it is an outlet behind the news, not a correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from extraction.dates import RECENT_DAYS
from storage.articles import Figures, Merge, NewIncident, StoredIncident
from storage.geo import distance_km

MAX_KM = 5.0
SAME_MOMENT = timedelta(hours=6)
_UNARMED = {"Civilians", "Protesters"}


# Outlets disagree whether the men shot dead were fighters or civilians: one killing, two codings.
COMPATIBLE_TYPES = {
    "Battles": ("Battles", "Violence against civilians"),
    "Violence against civilians": ("Violence against civilians", "Battles"),
}


def compatible_types(event_type: str) -> tuple[str, ...]:
    """The stored event types a report of `event_type` may confirm."""
    return COMPATIBLE_TYPES.get(event_type, (event_type,))


def same_event(report: NewIncident, stored: StoredIncident) -> bool:
    """Whether `report` tells the stored incident again."""
    if stored.event_type not in compatible_types(report.event_type):
        return False
    if not _same_place(report, stored) or not _same_day(report, stored):
        return False
    ours = {a["actor_key"] for a in report.actors if a.get("acled_type") not in _UNARMED}
    theirs = set(stored.actor_keys)
    if not ours or not theirs:
        return True
    # Two sides named on both: both must match ("الدفاع الوطني" against two different militias
    # in one town are two clashes); otherwise one party in common.
    return len(ours & theirs) >= min(2, len(ours), len(theirs))


def choose_merge(report: NewIncident, candidates: list[StoredIncident]) -> Merge | None:
    """The stored incident this report belongs to (the most recent that matches), if any."""
    for stored in candidates:
        if same_event(report, stored):
            reports = [*stored.sources, Figures(report.killed, report.injured, report.reported_at)]
            return Merge(
                stored.id,
                toll([(r.at, r.killed) for r in reports]),
                toll([(r.at, r.injured) for r in reports]),
            )
    return None


def toll(figures: Sequence[tuple[str | None, int | None]]) -> int | None:
    """The figure an incident shows from its reports' (publication time, figure) pairs: the
    conservative figure of each moment, and the highest of those, so that a toll that rose is the
    later total. A report with no publication time was seen last: it is the latest moment."""
    moments: list[list[int | None]] = []
    start: datetime | None = None
    for at, figure in sorted(figures, key=lambda f: _when(f[0])):
        when = _when(at)
        if start is None or when - start > SAME_MOMENT:
            moments.append([])
            start = when
        moments[-1].append(figure)
    told = [t for t in (conservative(tuple(m)) for m in moments) if t is not None]
    return max(told) if told else None


def _when(at: str | None) -> datetime:
    if not at:
        return datetime.max.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(at)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def conservative(figures: tuple[int | None, ...]) -> int | None:
    """ACLED's most conservative credible figure: the lowest positive one; 0 only if all say 0."""
    stated = [f for f in figures if f is not None]
    positive = [f for f in stated if f > 0]
    if positive:
        return min(positive)
    return 0 if stated else None


def _same_place(report: NewIncident, stored: StoredIncident) -> bool:
    """The same town; or, when one report only places it near a town, within MAX_KM. Two reports that
    each name their village precisely name two places (ACLED codes one event per location)."""
    if report.town_key and report.town_key == stored.town_key:
        return True
    if None in (report.latitude, report.longitude, stored.latitude, stored.longitude):
        return False
    if (report.geo_precision or 3) == 1 and (stored.geo_precision or 3) == 1:
        return False
    return distance_km(report.latitude, report.longitude, stored.latitude, stored.longitude) <= MAX_KM


def _same_day(report: NewIncident, stored: StoredIncident) -> bool:
    later = (date.fromisoformat(report.sort_date[:10]) - date.fromisoformat(stored.sort_date[:10])).days
    if later == 0:
        return True
    # A side dated only by its report's publication tells of an event on or up to a week before it.
    if report.event_date is None and 0 < later <= RECENT_DAYS:
        return True
    if not stored.dated and 0 < -later <= RECENT_DAYS:
        return True
    vague = report.time_precision > 1 or stored.time_precision > 1 or report.event_date is None
    return abs(later) == 1 and vague
