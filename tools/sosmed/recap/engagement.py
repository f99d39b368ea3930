"""What the month's posts achieved: reach and engagement per platform, the top posts, per strategy and
per division, and the change from the previous month.

The numbers are the ledger's ``insights`` records folded up to the end of the month (the last
collection before it): a recap generated again later says the same, and every month is compared
with the previous one at the same point of its life. A post the platform gave no number for, or
that no collection reached before the month ended, is counted as such, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sosmed.config.schema import Config
from sosmed.insights.select import record_time
from sosmed.insights.snapshots import Snapshot, fold
from sosmed.model.fields import STRATEGIES
from sosmed.model.item import Item
from sosmed.platforms.metrics import METRICS, NOT_OFFERED, engagement
from sosmed.recap.data import LedgerScan, scan_ledger
from sosmed.recap.period import Month
from sosmed.specs import SOCIAL

TOP = 3
NOT_COLLECTED = "not_collected"
NOT_READ = "not_read"  # the month's last collection did not read the post's platform
COMPARED = ("reach", "views", "engagement")  # what the recap compares with the previous month
Earlier = tuple[str, datetime | None]  # why a number is from an earlier reading, and when that reading was


@dataclass(frozen=True)
class PostResult:
    """One post of the month on one platform, with its numbers as of the month's end."""

    item: str
    platform: str
    title: str
    strategy: str | None
    bidang: str | None
    url: str | None
    values: dict[str, int]
    missing: dict[str, str]
    earlier: dict[str, Earlier] = field(default_factory=dict)  # known numbers the last collection did not read

    @property
    def engagement(self) -> int | None:
        """Interactions (the platform's engagement numbers added up); None when none is known."""
        return engagement(self.platform, self.values)

    @property
    def reach(self) -> int | None:
        return self.values.get("reach")

    def earlier_readings(self) -> dict[Earlier, list[str]]:
        """The numbers from an earlier reading, grouped by why and when that reading was (display order)."""
        groups: dict[Earlier, list[str]] = {}
        for name in METRICS[self.platform]:
            if name in self.earlier:
                groups.setdefault(self.earlier[name], []).append(name)
        return groups


@dataclass(frozen=True)
class PlatformTotals:
    """One platform's month: its posts, how many have numbers, the sums, and why numbers are missing."""

    platform: str
    posts: int
    measured: int
    totals: dict[str, int]
    missing: dict[str, dict[str, int]]  # number → reason → posts

    @property
    def engagement(self) -> int | None:
        return engagement(self.platform, self.totals)

    @property
    def reach(self) -> int | None:
        return self.totals.get("reach")

    @property
    def views(self) -> int | None:
        return self.totals.get("views")

    def figure(self, name: str) -> int | None:
        """Reach, views or engagement, when the platform reports it and a post of the month has numbers."""
        if not self.measured or name in NOT_OFFERED.get(self.platform, ()):
            return None
        return self.engagement if name == "engagement" else self.totals.get(name)


@dataclass(frozen=True)
class Comparison:
    """One number of one platform in the previous month and this one (each at its month's end)."""

    platform: str
    name: str
    previous: int | None
    current: int | None

    @property
    def change(self) -> float | None:
        """The change in percent; None unless both months have the number."""
        return change(self.current, self.previous)


@dataclass(frozen=True)
class GroupRow:
    """A strategy's or a division's posts of the month and their engagement per platform."""

    key: str
    posts: int
    engagement: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.engagement.values())


@dataclass
class Engagement:
    """Everything the recap's engagement section shows."""

    as_of: datetime | None
    previous_as_of: datetime | None
    platforms: list[PlatformTotals]
    previous: dict[str, PlatformTotals]
    posts: list[PostResult] = field(default_factory=list)
    top: dict[str, list[PostResult]] = field(default_factory=dict)
    strategies: list[GroupRow] = field(default_factory=list)
    divisions: list[GroupRow] = field(default_factory=list)
    zone: tzinfo | None = None  # the instance's, for the times the recap prints

    @property
    def available(self) -> bool:
        """Whether any collection was recorded before the month's end."""
        return self.as_of is not None

    def comparisons(self) -> list[Comparison]:
        """Reach, views and engagement per platform beside the previous month's (platforms with posts in
        either month; numbers the platform does not report left out)."""
        out = []
        for totals in self.platforms:
            before = self.previous.get(totals.platform)
            if not totals.posts and (before is None or not before.posts):
                continue
            for name in COMPARED:
                if name not in NOT_OFFERED.get(totals.platform, ()):
                    out.append(Comparison(totals.platform, name, before.figure(name) if before else None,
                                          totals.figure(name)))
        return out


def earlier_readings(snapshot: Snapshot, platform: str, post_id: str, published: datetime,
                     values: dict[str, int]) -> dict[str, Earlier]:
    """The post's known numbers that the snapshot's last collection did not read: why, and when they were read.

    Either a run could not read them again (the post deleted, the quota spent: the reason the run
    recorded), or the last collection did not read the post's platform at all (``not_read``).
    """
    out: dict[str, Earlier] = {}
    for name, (reason, since) in snapshot.stale_of(platform, post_id).items():
        if name in values:
            out[name] = (reason, snapshot.last_read(platform, published, before=since))
    last = snapshot.last_read(platform, published)
    if values and last is not None and snapshot.as_of is not None and last < snapshot.as_of:
        for name in values:
            out.setdefault(name, (NOT_READ, last))
    return out


def post_results(scan: LedgerScan, snapshot: Snapshot, posts: dict[str, Item]) -> list[PostResult]:
    """Every social-platform publication of the scanned month with its numbers from ``snapshot``."""
    out = []
    for (item_id, platform), (moment, record) in sorted(scan.published.items()):
        if platform not in SOCIAL:
            continue
        receipt = record.get("receipt") or {}
        post_id = str(receipt.get("id", ""))
        values, missing = snapshot.of(platform, post_id)
        if not values and not missing:
            missing = {m: NOT_COLLECTED for m in METRICS[platform]}
        published = record_time(receipt.get("time")) or moment
        post = posts.get(item_id)
        out.append(PostResult(item_id, platform, post.post.title if post else item_id,
                              post.post.strategy if post else None, post.post.bidang if post else None,
                              receipt.get("url"), values, missing,
                              earlier_readings(snapshot, platform, post_id, published, values)))
    return out


def platform_totals(results: list[PostResult]) -> list[PlatformTotals]:
    """Per social platform (all four, in order), the sums of the posts' numbers."""
    out = []
    for platform in SOCIAL:
        mine = [r for r in results if r.platform == platform]
        totals: dict[str, int] = {}
        missing: dict[str, dict[str, int]] = {}
        for result in mine:
            for name, value in result.values.items():
                totals[name] = totals.get(name, 0) + value
            for name, reason in result.missing.items():
                reasons = missing.setdefault(name, {})
                reasons[reason] = reasons.get(reason, 0) + 1
        out.append(PlatformTotals(platform, len(mine), sum(1 for r in mine if r.values), totals, missing))
    return out


def _groups(results: list[PostResult], keys: list[str], key_of: str) -> list[GroupRow]:
    rows = []
    for key in keys:
        mine = [r for r in results if (getattr(r, key_of) or "unknown") == key]
        per_platform: dict[str, int] = {}
        for result in mine:
            if result.engagement is not None:
                per_platform[result.platform] = per_platform.get(result.platform, 0) + result.engagement
        rows.append(GroupRow(key, len({r.item for r in mine}), per_platform))
    return rows


def _top(results: list[PostResult]) -> dict[str, list[PostResult]]:
    top: dict[str, list[PostResult]] = {}
    for platform in SOCIAL:
        ranked = [r for r in results if r.platform == platform and r.engagement is not None]
        ranked.sort(key=lambda r: (-(r.engagement or 0), -(r.reach or 0), r.title, r.item))
        top[platform] = ranked[:TOP]
    return top


def build_engagement(config: Config, records: list[dict[str, Any]], month: Month, scan: LedgerScan,
                     posts: dict[str, Item]) -> Engagement:
    """The month's engagement from the ledger's records (folded up to its end) and the previous month's."""
    snapshot = fold(records, until=month.end)
    results = post_results(scan, snapshot, posts)
    before = month.previous()
    earlier = fold(records, until=before.end)
    previous = platform_totals(post_results(scan_ledger(records, before), earlier, {}))
    strategies = list(STRATEGIES) + (["unknown"] if any(r.strategy is None for r in results) else [])
    known = [d.slug for d in config.divisions]
    divisions = known + sorted({r.bidang or "unknown" for r in results} - set(known))
    return Engagement(snapshot.as_of, earlier.as_of, platform_totals(results), {p.platform: p for p in previous},
                      results, _top(results), _groups(results, strategies, "strategy"),
                      _groups(results, divisions, "bidang"), month.zone)


def change(current: int | None, previous: int | None) -> float | None:
    """The change in percent from ``previous`` to ``current``; None when it cannot be said."""
    if current is None or previous is None or previous == 0:
        return None
    return 100.0 * (current - previous) / previous
