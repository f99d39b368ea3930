"""Working-day durations (weekends and holidays skipped), median and nearest-rank percentile."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sosmed.recap.durations import median, percentile, working_days
from sosmed.recap.period import Month

WITA = ZoneInfo("Asia/Makassar")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WITA)


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2020-05-11 09:00", "2020-05-11 15:00", 0.25),        # same weekday
    ("2020-05-08 16:00", "2020-05-11 09:00", 17 / 24),     # Friday → Monday
    ("2020-05-09 10:00", "2020-05-10 10:00", 0.0),         # inside a weekend
    ("2020-05-09 10:00", "2020-05-11 06:00", 0.25),        # Saturday → Monday morning
    ("2020-05-04 00:00", "2020-06-01 00:00", 20.0),        # four whole weeks
    ("2020-05-11 09:00", "2020-05-10 09:00", 0.0),         # end before start
])
def test_working_days(start: str, end: str, expected: float) -> None:
    assert working_days(at(start), at(end), WITA) == pytest.approx(expected)


def test_holidays_do_not_count() -> None:
    off = frozenset({date(2020, 5, 7)})
    assert working_days(at("2020-05-06 12:00"), at("2020-05-08 12:00"), WITA, off) == pytest.approx(1.0)


def test_utc_inputs_are_read_in_the_zone() -> None:
    # Friday 2020-05-08 23:00 UTC is Saturday 07:00 WITA: nothing until Monday.
    start = datetime.fromisoformat("2020-05-08T23:00:00+00:00")
    assert working_days(start, at("2020-05-11 06:00"), WITA) == pytest.approx(0.25)


def test_median_and_percentile() -> None:
    assert median([]) is None and percentile([], 0.9) is None
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.9) == 4.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0


def test_month_weeks_and_edges() -> None:
    may = Month(2020, 5, WITA)
    assert may.start.isoformat() == "2020-05-01T00:00:00+08:00"
    assert may.end.isoformat() == "2020-06-01T00:00:00+08:00"
    assert [(a.day, b.day) for a, b in may.weeks()] == [(1, 3), (4, 10), (11, 17), (18, 24), (25, 31)]
    assert may.week_of(at("2020-05-03 23:59")) == 0 and may.week_of(at("2020-05-04 00:00")) == 1
    assert may.week_of(datetime.fromisoformat("2020-05-31T15:30:00+00:00")) == 4
    december = Month(2020, 12, WITA)
    assert december.end.isoformat() == "2021-01-01T00:00:00+08:00"
