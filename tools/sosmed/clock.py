"""The one clock of the tool: real time, or a replayed moment (``SOSMED_NOW``).

A month in the office can be replayed (the demo, tests, a training day): with ``SOSMED_NOW``
set to an ISO 8601 time with its zone (``2020-05-08T10:05:00+08:00``), the tool starts at that
moment and time runs on from there as it does on the wall clock. Publishing (what is due, the
ledger's record times), Q&A collection, overdue questions, the recap and the site all ask this
clock, so a replayed month reads as it happened.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo

from sosmed.errors import SosmedError

VARIABLE = "SOSMED_NOW"
_anchors: dict[str, tuple[datetime, float]] = {}


def _start(value: str) -> tuple[datetime, float]:
    anchor = _anchors.get(value)
    if anchor is None:
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise SosmedError("clock.invalid", value=value) from None
        if moment.tzinfo is None:
            raise SosmedError("clock.no_zone", value=value)
        anchor = _anchors[value] = (moment, time.monotonic())
    return anchor


def now(zone: tzinfo = UTC) -> datetime:
    """The current moment in ``zone``: the wall clock, or the replayed clock of ``SOSMED_NOW``."""
    value = os.environ.get(VARIABLE)
    if not value:
        return datetime.now(zone)
    moment, started = _start(value)
    return (moment + timedelta(seconds=time.monotonic() - started)).astimezone(zone)


def replayed() -> bool:
    """Whether the clock is a replay (``SOSMED_NOW`` is set)."""
    return bool(os.environ.get(VARIABLE))
