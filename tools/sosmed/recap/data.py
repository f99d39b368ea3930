"""What one month's recap says, computed from the ledger's records and the content model.

Only the ledger says what really went out and when: every count here comes from its
records (receipts, failures, replies). The model adds what a person recognises: titles,
strategies, divisions, when a question was received. Records are read as of the end of
the month, so a recap generated again later (with more records in the ledger) says the same.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sosmed.recap.period import Month

if TYPE_CHECKING:
    from sosmed.recap.engagement import Engagement


def recap_item_id(month: Month) -> str:
    """The ledger item key of a month's recap (what its sign-off record is filed under)."""
    return f"recap-{month.label}"


@dataclass(frozen=True)
class Publication:
    """One item that went out on one platform during the month."""

    item: str
    platform: str
    time: datetime
    url: str | None
    archive: str | None
    title: str
    strategy: str | None
    bidang: str | None
    note: str | None = None


@dataclass(frozen=True)
class Reply:
    """An answer to a citizen's question that went out during the month."""

    key: str
    form: str
    number: int
    platform: str
    bidang: str | None
    received: datetime | None
    answered: datetime
    days: float | None
    url: str | None


@dataclass(frozen=True)
class Overdue:
    """A question still without a published answer at the end of the month, past the limit."""

    key: str
    form: str
    number: int
    platform: str
    bidang: str
    received: datetime
    days: int


@dataclass(frozen=True)
class QnaSummary:
    """Questions received, answered and overdue; response times in working days."""

    received: int
    answered: int
    replies: list[Reply]
    median_days: float | None
    p90_days: float | None
    overdue: list[Overdue]
    overdue_limit: int


@dataclass(frozen=True)
class Takedown:
    """A post removed from a platform (or to be removed by hand where the API cannot)."""

    item: str
    title: str
    platform: str
    time: datetime
    reason: str | None
    manual: bool = False


@dataclass(frozen=True)
class Correction:
    """An edit of a published post sent to the platforms that can edit."""

    item: str
    title: str
    time: datetime
    platforms: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Retry:
    """Failed attempts of one call during the month, and whether a retry succeeded by month end."""

    item: str
    platform: str
    op: str
    failures: int
    first_failure: datetime
    error: str
    message: str
    succeeded: datetime | None
    attempt: int | None


@dataclass(frozen=True)
class DivisionRow:
    """One division's share of the month."""

    slug: str
    name: str
    posts: int
    questions: int


@dataclass
class Recap:
    """Everything one month's recap shows, in display order."""

    month: Month
    organisation: str
    organisation_short: str
    publications: dict[str, list[Publication]]
    posts: int
    strategies: dict[str, int]
    divisions: list[DivisionRow]
    qna: QnaSummary
    takedowns: list[Takedown]
    corrections: list[Correction]
    retries: list[Retry]
    signoffs: list[dict[str, Any]] = field(default_factory=list)
    engagement: Engagement | None = None

    @property
    def empty(self) -> bool:
        return self.posts == 0 and not self.qna.replies and not self.takedowns and not self.corrections


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time from a record (UTC when it has no offset); None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _event_time(record: dict[str, Any]) -> datetime | None:
    """When something went out: the platform's receipt time, else the record's own time."""
    receipt = record.get("receipt") or {}
    return parse_time(receipt.get("time")) or parse_time(record.get("time"))


def _went_out(record: dict[str, Any]) -> bool:
    kind = record.get("kind")
    if kind == "success":
        return True
    return kind == "reconciled" and record.get("outcome") == "found"


@dataclass
class LedgerScan:
    """The month's records, sorted out in one pass over the ledger."""

    published: dict[tuple[str, str], tuple[datetime, dict[str, Any]]] = field(default_factory=dict)
    updates: dict[str, list[tuple[datetime, str]]] = field(default_factory=lambda: defaultdict(list))
    deletes: list[tuple[datetime, str, str]] = field(default_factory=list)
    live_before_end: set[tuple[str, str]] = field(default_factory=set)
    deleted_before_end: set[tuple[str, str]] = field(default_factory=set)
    answered: dict[str, tuple[datetime, str, str | None]] = field(default_factory=dict)
    failures: dict[tuple[str, str, str, str], list[tuple[datetime, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))
    successes: dict[tuple[str, str, str, str], list[tuple[datetime, int]]] = field(
        default_factory=lambda: defaultdict(list))
    signoffs: list[dict[str, Any]] = field(default_factory=list)


def scan_ledger(records: list[dict[str, Any]], month: Month) -> LedgerScan:
    scan = LedgerScan()
    start, end = month.start, month.end
    recap_id = recap_item_id(month)
    for record in records:
        kind = record.get("kind")
        if kind == "signoff":
            if record.get("item") == recap_id:
                scan.signoffs.append(record)
            continue
        if kind not in ("success", "reconciled", "failure", "offline"):
            continue
        moment = _event_time(record) if kind != "failure" else parse_time(record.get("time"))
        if moment is None or moment >= end:
            continue
        item, platform = str(record.get("item", "")), str(record.get("platform", ""))
        op = str(record.get("op", ""))
        if kind == "failure":
            if moment >= start:
                key = (item, platform, op, str(record.get("hash", "")))
                scan.failures[key].append((moment, record))
            continue
        if kind == "offline":
            if item not in scan.answered or moment < scan.answered[item][0]:
                scan.answered[item] = (moment, "offline", None)
            continue
        if not _went_out(record):
            continue
        scan.successes[(item, platform, op, str(record.get("hash", "")))].append(
            (moment, int(record.get("attempt", 0))))
        url = (record.get("receipt") or {}).get("url")
        if op == "reply":
            if item not in scan.answered or moment < scan.answered[item][0]:
                scan.answered[item] = (moment, platform, url)
        elif op == "publish":
            scan.live_before_end.add((item, platform))
            scan.deleted_before_end.discard((item, platform))
            if moment >= start and ((item, platform) not in scan.published
                                    or moment < scan.published[(item, platform)][0]):
                scan.published[(item, platform)] = (moment, record)
        elif op == "update":
            if moment >= start:
                scan.updates[item].append((moment, platform))
        elif op == "delete":
            scan.deleted_before_end.add((item, platform))
            if moment >= start:
                scan.deletes.append((moment, item, platform))
    return scan
