"""The recap's month, counted in the instance's timezone (WITA), and its weeks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sosmed.errors import UsageError

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Month:
    """One calendar month in a zone: ``start`` inclusive, ``end`` exclusive, both zone-aware."""

    year: int
    month: int
    zone: ZoneInfo

    @property
    def label(self) -> str:
        """``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(year, month, 1, tzinfo=self.zone)

    def previous(self) -> Month:
        """The month before this one, in the same zone."""
        year, month = (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)
        return Month(year, month, self.zone)

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def contains(self, moment: datetime) -> bool:
        """Whether an aware datetime falls in this month, in the month's zone."""
        return self.start <= moment < self.end

    def weeks(self) -> list[tuple[date, date]]:
        """Monday-to-Sunday weeks clipped to the month: (first day, last day) each."""
        out: list[tuple[date, date]] = []
        day, last = self.start.date(), self.last_day
        while day <= last:
            sunday = day + timedelta(days=6 - day.weekday())
            out.append((day, min(sunday, last)))
            day = sunday + timedelta(days=1)
        return out

    def week_of(self, moment: datetime) -> int:
        """0-based index in :meth:`weeks` of a moment inside the month."""
        local = moment.astimezone(self.zone).date()
        first = self.start.date()
        return (local.day - 1 + first.weekday()) // 7


def parse_month(text: str, zone: ZoneInfo) -> Month:
    """``YYYY-MM`` → :class:`Month`; anything else is a usage error."""
    match = MONTH_PATTERN.match(text.strip())
    if not match:
        raise UsageError("recap.bad_month", value=text)
    return Month(int(match.group(1)), int(match.group(2)), zone)
