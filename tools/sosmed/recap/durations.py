"""Response times in working days: weekends and the configured holidays do not count.

Whole working days for "overdue" come from :mod:`sosmed.qna.workdays` (one definition for
``sosmed qna overdue`` and the recap); here the clock runs continuously, so a reply on the
same afternoon is a fraction of a day.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY = 86_400.0


def _working(day: date, off: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in off


def _working_dates_between(first: date, stop: date, off: frozenset[date]) -> int:
    """Number of working dates in ``[first, stop)``."""
    days = (stop - first).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    start = first.weekday()
    count += sum(1 for offset in range(rest) if (start + offset) % 7 < 5)
    count -= sum(1 for day in off if first <= day < stop and day.weekday() < 5)
    return count


def working_seconds(start: datetime, end: datetime, zone: ZoneInfo, off: frozenset[date] = frozenset()) -> float:
    """Seconds from ``start`` to ``end`` (aware) that fall on working days in ``zone``."""
    a, b = start.astimezone(zone), end.astimezone(zone)
    if b <= a:
        return 0.0
    if a.date() == b.date():
        return (b - a).total_seconds() if _working(a.date(), off) else 0.0
    total = 0.0
    next_midnight = datetime.combine(a.date() + timedelta(days=1), time(), zone)
    if _working(a.date(), off):
        total += (next_midnight - a).total_seconds()
    last_midnight = datetime.combine(b.date(), time(), zone)
    if _working(b.date(), off):
        total += (b - last_midnight).total_seconds()
    total += _working_dates_between(next_midnight.date(), b.date(), off) * DAY
    return total


def working_days(start: datetime, end: datetime, zone: ZoneInfo, off: frozenset[date] = frozenset()) -> float:
    """:func:`working_seconds` in days of 24 hours."""
    return working_seconds(start, end, zone, off) / DAY


def median(values: list[float]) -> float | None:
    """The median (mean of the two middle values for an even count); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` in 0..1): a value that really occurred; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]
