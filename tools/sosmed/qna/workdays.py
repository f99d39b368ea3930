"""Working days in Indonesia: Monday to Friday, less the national holidays listed in ``sosmed.yml``.

``qna.holidays`` is a list of dates (``2020-05-07``) or ranges (``2020-05-22..2020-05-29`` for
cuti bersama); the government publishes them each year in a joint ministerial decree (SKB),
so they are configuration, not code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sosmed.config.schema import Config
from sosmed.errors import SosmedError


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def holidays(config: Config) -> frozenset[date]:
    """The configured holidays (``qna.holidays``), ranges expanded; a bad entry is a user error."""
    found: set[date] = set()
    for entry in (config.qna or {}).get("holidays") or []:
        try:
            if isinstance(entry, str) and ".." in entry:
                start, end = (_as_date(part) for part in entry.split("..", 1))
                if end < start:
                    raise ValueError(entry)
                found.update(start + timedelta(days=n) for n in range((end - start).days + 1))
            else:
                found.add(_as_date(entry))
        except ValueError:
            raise SosmedError("qna.overdue.holiday_invalid", value=str(entry)) from None
    return frozenset(found)


def is_working_day(day: date, off: frozenset[date] = frozenset()) -> bool:
    """Monday–Friday and not a holiday."""
    return day.weekday() < 5 and day not in off


def working_days_since(received: date, today: date, off: frozenset[date] = frozenset()) -> int:
    """Working days after the day of receipt, up to and including ``today``.

    A question received on Friday is 1 working day old on Monday; on the day it arrives it is 0.
    """
    days = 0
    day = received + timedelta(days=1)
    # Whole weeks at once: the count stays linear in weeks, not days, for old questions.
    while day + timedelta(days=7) <= today + timedelta(days=1) and not any(
            day + timedelta(days=n) in off for n in range(7)):
        days += 5
        day += timedelta(days=7)
    while day <= today:
        if is_working_day(day, off):
            days += 1
        day += timedelta(days=1)
    return days
