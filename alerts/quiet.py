"""When an alert should arrive without a sound: the chat muted it for a while, or it falls in the
chat's quiet hours (in the chat's time zone). Incidents with many dead ring anyway."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Damascus"
_FIXED = {"Asia/Damascus": timezone(timedelta(hours=3), "Asia/Damascus")}  # UTC+3 all year since 2022
_HOURS_RE = re.compile(r"^([01]?\d|2[0-3])(?::([0-5]\d))?\s*-\s*([01]?\d|2[0-3])(?::([0-5]\d))?$")


def parse_quiet_hours(value: str) -> tuple[time, time] | None:
    """ "23:00-07:00" (or "23-7") → (start, end); None when it is not a range of hours."""
    match = _HOURS_RE.match(value.strip().replace("–", "-"))
    if not match:
        return None
    start = time(int(match.group(1)), int(match.group(2) or 0))
    end = time(int(match.group(3)), int(match.group(4) or 0))
    return (start, end) if start != end else None


def zone(name: str | None) -> tzinfo:
    """The chat's time zone; the system's tz database when it has it, else the fixed offsets we know."""
    name = name or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _FIXED.get(name, UTC)


def is_known_zone(name: str) -> bool:
    """Whether `name` is a time zone we can use ("Asia/Damascus", "Europe/Berlin", "UTC")."""
    if name in _FIXED or name == "UTC":
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def in_quiet_hours(quiet_hours: str | None, timezone_name: str | None, now: datetime) -> bool:
    """Whether `now` falls in the range, which may run past midnight."""
    hours = parse_quiet_hours(quiet_hours) if quiet_hours else None
    if hours is None:
        return False
    local = now.astimezone(zone(timezone_name)).time().replace(second=0, microsecond=0)
    start, end = hours
    return start <= local < end if start < end else local >= start or local < end


def should_be_silent(
    muted_until: str | None,
    quiet_hours: str | None,
    timezone_name: str | None,
    killed: int | None,
    ring_at_killed: int,
    now: datetime,
) -> bool:
    """Silent while muted or in quiet hours, unless the death toll reaches `ring_at_killed`."""
    if killed is not None and ring_at_killed > 0 and killed >= ring_at_killed:
        return False
    muted = bool(muted_until) and datetime.fromisoformat(muted_until) > now
    return muted or in_quiet_hours(quiet_hours, timezone_name, now)
