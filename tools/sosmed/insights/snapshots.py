"""The ``insights`` records of the ledger: compact (only numbers that changed), folded back into snapshots.

One record per collection run::

    {"kind": "insights", "time": …, "days": 31, "read": {"facebook": 12, …},
     "values":  {"facebook": {"<post id>": {"reach": 1200, "reactions": 48}}},
     "missing": {"x": {"<post id>": {"views": "quota"}}},
     "errors":  {"youtube": "AuthError"}}

``values`` holds a number only when it differs from what the ledger already knew; ``missing`` a
reason only for a number the ledger has no value for (a number once known is kept, even if the
platform stops giving it). Folding the records in order gives every post's numbers as of any moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sosmed.insights.select import record_time
from sosmed.platforms.metrics import PostMetrics
from sosmed.publish.records import INSIGHTS, new_record

Key = tuple[str, str]  # (platform, post id)
Changes = dict[str, dict[str, dict[str, Any]]]  # platform → post id → number → value or reason


@dataclass
class Snapshot:
    """Every post's numbers and missing reasons as the ledger knows them, and when they were last read."""

    values: dict[Key, dict[str, int]] = field(default_factory=dict)
    missing: dict[Key, dict[str, str]] = field(default_factory=dict)
    as_of: datetime | None = None

    def add(self, record: dict[str, Any]) -> None:
        """Fold one ``insights`` record in."""
        for platform, posts in (record.get("values") or {}).items():
            for post_id, numbers in posts.items():
                key = (platform, str(post_id))
                self.values.setdefault(key, {}).update(
                    {k: int(v) for k, v in numbers.items() if isinstance(v, int | float)})
                for name in numbers:
                    self.missing.get(key, {}).pop(name, None)
        for platform, posts in (record.get("missing") or {}).items():
            for post_id, reasons in posts.items():
                key = (platform, str(post_id))
                known = self.values.get(key, {})
                self.missing.setdefault(key, {}).update({k: str(r) for k, r in reasons.items() if k not in known})
        moment = record_time(record.get("time"))
        if moment is not None and (self.as_of is None or moment > self.as_of):
            self.as_of = moment

    def of(self, platform: str, post_id: str) -> tuple[dict[str, int], dict[str, str]]:
        """The numbers of one post and the reasons for those it lacks (both empty when never read)."""
        key = (platform, post_id)
        return dict(self.values.get(key, {})), dict(self.missing.get(key, {}))


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
    """The numbers that differ from ``snapshot``, and the new reasons for numbers it has no value for."""
    values: Changes = {}
    missing: Changes = {}
    for result in results:
        known, reasons = snapshot.of(result.platform, result.post_id)
        changed = {k: v for k, v in result.values.items() if known.get(k) != v}
        why = {k: r for k, r in result.missing.items() if k not in known and reasons.get(k) != r}
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
