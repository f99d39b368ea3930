"""``sosmed insights collect``: the numbers of the agency's posts of the last N days, onto the ledger.

The posts come from the ledger's own publishing records (never from a listing of the account), so
a run asks each platform only about the posts of the window: its cost grows with the posts of the
last N days, not with the archive. Each platform is read through its adapter's ``insights``; a
number a platform does not give is recorded missing with its reason, a platform that cannot be
read at all (no account, no credentials, a refused token) is reported and the others go on.

One signed ``insights`` record per run holds only what changed. With ``interval`` (hours) a run
that comes sooner after the previous collection reads nothing: the scheduled workflow runs every
15 minutes and collects every few hours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosmed import clock
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.http.session import make_session
from sosmed.i18n import t
from sosmed.insights.select import Published, published_posts
from sosmed.insights.snapshots import changes, fold, insights_record, last_collection
from sosmed.platforms import PlatformAdapter, get_adapter
from sosmed.platforms.credentials import missing_secrets
from sosmed.platforms.errors import PlatformError
from sosmed.platforms.metrics import PostMetrics, PostRef
from sosmed.publish.ledger import GitLedger, LedgerConflict, open_ledger
from sosmed.publish.service import retry_policies
from sosmed.specs import SOCIAL

DEFAULT_DAYS = 31  # a whole month back from its last day: what the monthly recap needs
APPEND_ATTEMPTS = 5


@dataclass
class InsightsReport:
    """What one collection run read, what changed, what is missing and why, what failed."""

    since: datetime
    posts: dict[str, int] = field(default_factory=dict)  # platform → posts read
    changed: dict[str, int] = field(default_factory=dict)  # platform → posts with a changed number
    missing: dict[str, dict[str, int]] = field(default_factory=dict)  # platform → reason → numbers
    skipped: dict[str, str] = field(default_factory=dict)  # platform → why it was not read
    errors: dict[str, str] = field(default_factory=dict)  # platform → the error a person reads
    pending: bool = False  # the numbers read differ from what the ledger knows
    recorded: bool = False
    not_due: datetime | None = None  # the previous collection, when this run came too soon after it

    @property
    def exit_code(self) -> int:
        """1 when a platform could not be read at all; numbers that are merely missing are no failure."""
        return 1 if self.errors else 0


def collect_insights(config: Config, *, env: Mapping[str, str], target: str = "live", days: int = DEFAULT_DAYS,
                     interval: float = 0.0, dry_run: bool = False, now: datetime | None = None,
                     adapter_factory: Callable[[str], PlatformAdapter] | None = None) -> InsightsReport:
    """Read the numbers of the posts published in the last ``days`` days and record what changed.

    ``target`` names the ledger (``sandbox`` for a rehearsal); it must be signable unless ``dry_run``.
    With ``interval`` hours, nothing is read when the previous collection is more recent than that.
    """
    now = now or clock.now(config.zone)
    ledger = open_ledger(config.root, config, target, env)
    if not dry_run:
        ledger.require_key()
    index = ledger.read()
    report = InsightsReport(since=now - timedelta(days=days))
    previous = last_collection(index.records)
    if interval > 0 and previous is not None and now - previous < timedelta(hours=interval):
        report.not_due = previous
        return report
    # Reading numbers asks what a platform shows: the short retry policy, scaled by SOSMED_RETRY_BASE_DELAY.
    lookups = retry_policies(env)[1]
    factory = adapter_factory or (lambda name: get_adapter(name, env, session=make_session(lookups)))
    results, errors = _read_platforms(config, env, published_posts(index.records, report.since), factory, report)
    values, missing = changes(fold(index.records), results)
    report.changed = {platform: len(posts) for platform, posts in values.items()}
    report.pending = bool(values or missing)
    if not dry_run:
        _append(ledger, insights_record(days, dict(report.posts), values, missing, errors))
        report.recorded = True
    return report


def _read_platforms(config: Config, env: Mapping[str, str], posts: list[Published],
                    factory: Callable[[str], PlatformAdapter], report: InsightsReport
                    ) -> tuple[list[PostMetrics], dict[str, str]]:
    """Every platform's numbers; the error class of each platform that failed (for the record)."""
    results: list[PostMetrics] = []
    errors: dict[str, str] = {}
    for platform in SOCIAL:
        refs = [PostRef(p.post_id, p.time) for p in posts if p.platform == platform]
        if not refs:
            continue
        why = _why_skipped(config, platform, env)
        if why:
            report.skipped[platform] = why
            continue
        try:
            found = factory(platform).insights(refs)
        except (PlatformError, SosmedError) as error:
            report.errors[platform] = error.format_message()
            errors[platform] = type(error).__name__
            continue
        report.posts[platform] = len(found)
        for result in found:
            for reason in result.missing.values():
                counts = report.missing.setdefault(platform, {})
                counts[reason] = counts.get(reason, 0) + 1
        results.extend(found)
    return results, errors


def _why_skipped(config: Config, platform: str, env: Mapping[str, str]) -> str | None:
    if getattr(config.accounts, platform, None) is None:
        return t("insights.collect.no_account")
    missing = missing_secrets([platform], env)
    return t("insights.collect.no_credentials", names=", ".join(missing)) if missing else None


def _append(ledger: GitLedger, record: dict[str, Any]) -> None:
    # Another writer (the publisher) may have appended first: re-read and append again.
    for attempt in range(APPEND_ATTEMPTS):
        try:
            ledger.append([record])
            return
        except LedgerConflict:
            if attempt + 1 == APPEND_ATTEMPTS:
                raise
            ledger.sync()
