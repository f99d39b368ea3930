"""The ``insights`` records of the ledger: compact (only numbers that changed), folded back into snapshots.

One record per collection run::

    {"kind": "insights", "time": …, "days": 31, "read": {"facebook": 12, …},
     "values":  {"facebook": {"<post id>": {"reach": 1200, "reactions": 48}}},
     "missing": {"x": {"<post id>": {"views": "quota"}}},
     "errors":  {"youtube": "AuthError"}}

``values`` holds a number only when it differs from what the ledger already knew (or when it is
read again after a run that could not read it); ``missing`` a reason only when it is new for that
number. A number once known is kept even if the platform stops giving it (the post deleted, the
quota spent): it is then *stale*, and the snapshot remembers since which run and why, so the recap
can say that the number is from an earlier reading. ``read`` names the platforms the run read:
with ``days`` it tells which runs read a post at all. Folding the records in order gives every
post's numbers as of any moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosmed.insights.select import record_time
from sosmed.platforms.metrics import PostMetrics
from sosmed.publish.records import INSIGHTS, new_record

Key = tuple[str, str]  # (platform, post id)
Stale = tuple[str, datetime]  # why a known number could not be read again, and since which run
Changes = dict[str, dict[str, dict[str, Any]]]  # platform → post id → number → value or reason


@dataclass
class Snapshot:
    """Every post's numbers and missing reasons as the ledger knows them, and when they were last read."""

    values: dict[Key, dict[str, int]] = field(default_factory=dict)
    missing: dict[Key, dict[str, str]] = field(default_factory=dict)
    stale: dict[Key, dict[str, Stale]] = field(default_factory=dict)
    runs: list[tuple[datetime, int, frozenset[str]]] = field(default_factory=list)  # (time, days, platforms read)
    as_of: datetime | None = None

    def add(self, record: dict[str, Any]) -> None:
        """Fold one ``insights`` record in."""
        moment = record_time(record.get("time"))
        for platform, posts in (record.get("values") or {}).items():
            for post_id, numbers in posts.items():
                key = (platform, str(post_id))
                self.values.setdefault(key, {}).update(
                    {k: int(v) for k, v in numbers.items() if isinstance(v, int | float)})
                for name in numbers:
                    self.missing.get(key, {}).pop(name, None)
                    self.stale.get(key, {}).pop(name, None)
        for platform, posts in (record.get("missing") or {}).items():
            for post_id, reasons in posts.items():
                self._missing((platform, str(post_id)), reasons, moment)
        if moment is not None:
            days = record.get("days")
            read = frozenset(p for p, n in (record.get("read") or {}).items() if n)
            self.runs.append((moment, int(days) if isinstance(days, int) else 0, read))
            if self.as_of is None or moment > self.as_of:
                self.as_of = moment

    def _missing(self, key: Key, reasons: dict[str, Any], moment: datetime | None) -> None:
        known = self.values.get(key, {})
        for name, reason in reasons.items():
            if name not in known:
                self.missing.setdefault(key, {})[name] = str(reason)
            elif moment is not None:
                # The first run that could not read it stays the "since"; the reason is the latest.
                stale = self.stale.setdefault(key, {})
                stale[name] = (str(reason), stale[name][1] if name in stale else moment)

    def of(self, platform: str, post_id: str) -> tuple[dict[str, int], dict[str, str]]:
        """The numbers of one post and the reasons for those it lacks (both empty when never read)."""
        key = (platform, post_id)
        return dict(self.values.get(key, {})), dict(self.missing.get(key, {}))

    def stale_of(self, platform: str, post_id: str) -> dict[str, Stale]:
        """The known numbers of one post that later runs could not read again: why, and since when."""
        return dict(self.stale.get((platform, post_id), {}))

    def last_read(self, platform: str, published: datetime, before: datetime | None = None) -> datetime | None:
        """When a run last read ``platform`` with a post published at ``published`` in its window
        (only runs earlier than ``before`` when given); None when no run did."""
        found = None
        for moment, days, read in self.runs:
            if platform not in read or moment < published or (before is not None and moment >= before):
                continue
            if days and moment - timedelta(days=days) > published:
                continue
            found = moment if found is None or moment > found else found
        return found


def fold(records: Iterable[dict[str, Any]], until: datetime | None = None) -> Snapshot:
    """The snapshot of every ``insights`` record written before ``until`` (all of them when None)."""
    snapshot = Snapshot()
    for record in records:
        if record.get("kind") != INSIGHTS:
            continue
        moment = record_time(record.get("time"))
        if until is not None and (moment is None or moment >= until):
            continue
        snapshot.add(record)
    return snapshot


def changes(snapshot: Snapshot, results: Iterable[PostMetrics]) -> tuple[Changes, Changes]:
    """The numbers that differ from ``snapshot`` (or are read again after going stale), and the reasons
    that are new for their number (a known number's reason makes it stale, see :class:`Snapshot`)."""
    values: Changes = {}
    missing: Changes = {}
    for result in results:
        known, reasons = snapshot.of(result.platform, result.post_id)
        stale = {k: r for k, (r, _) in snapshot.stale_of(result.platform, result.post_id).items()}
        changed = {k: v for k, v in result.values.items() if known.get(k) != v or k in stale}
        why = {k: r for k, r in result.missing.items() if (stale if k in known else reasons).get(k) != r}
        if changed:
            values.setdefault(result.platform, {})[result.post_id] = changed
        if why:
            missing.setdefault(result.platform, {})[result.post_id] = why
    return values, missing


def insights_record(days: int, read: dict[str, int], values: Changes, missing: Changes,
                    errors: dict[str, str]) -> dict[str, Any]:
    """The record of one collection run (empty parts left out, so an unchanged run is a few bytes)."""
    return new_record(INSIGHTS, days=days, read=read, values=values or None, missing=missing or None,
                      errors=errors or None)


def last_collection(records: Iterable[dict[str, Any]]) -> datetime | None:
    """When the latest collection run was recorded."""
    latest = None
    for record in records:
        if record.get("kind") == INSIGHTS:
            moment = record_time(record.get("time"))
            if moment is not None and (latest is None or moment > latest):
                latest = moment
    return latest
