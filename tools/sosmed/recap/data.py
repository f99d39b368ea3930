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
from typing import Any

from sosmed.config.schema import Config
from sosmed.model.fields import PLATFORMS, STRATEGIES
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.publish.plan import UNDELETABLE
from sosmed.publish.records import Index
from sosmed.qna.overdue import default_days
from sosmed.qna.workdays import holidays, working_days_since
from sosmed.recap.durations import median, percentile, working_days
from sosmed.recap.period import Month
from sosmed.urls import item_url

P90 = 0.9


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
    engagement: dict[str, Any] | None = None

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
class _Scan:
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


def _scan(records: list[dict[str, Any]], month: Month) -> _Scan:
    scan = _Scan()
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


def _post_items(config: Config, ids: set[str]) -> dict[str, Item]:
    """Load just the posts the month's records name (their bundle folders follow from the id)."""
    if not ids:
        return {}
    content = config.root / "content"
    folders = [content / i[0:4] / i[5:7] / i for i in sorted(ids)]
    found = [f for f in folders if (f / "index.md").is_file()]
    items = {i.id: i for i in load_items(found, config).items if i.kind == "post"} if found else {}
    if len(items) < len(ids) and content.is_dir():
        # A bundle outside its date folder: fall back to reading all of content/ once.
        items = {i.id: i for i in load_items([content], config).items if i.kind == "post"}
    return items


def _forms(config: Config) -> list[Item]:
    qna = config.root / "qna"
    if not qna.is_dir():
        return []
    return sorted((i for i in load_items([qna], config).items if i.kind == "qna"), key=lambda i: i.id)


def _qna(config: Config, month: Month, scan: _Scan, forms: list[Item]) -> tuple[QnaSummary, dict[str, int]]:
    zone = month.zone
    limit = default_days(config)
    off = holidays(config)
    received_in_month = answered_in_month = 0
    per_division: dict[str, int] = defaultdict(int)
    questions: dict[str, tuple[Item, int, datetime]] = {}
    overdue: list[Overdue] = []
    for form in forms:
        for number, question in enumerate(form.form.questions, 1):
            key = f"{form.id}#q{number}"
            received = question.received_at or form.form.received
            questions[key] = (form, number, received)
            if received >= month.end:
                continue
            if month.contains(received):
                received_in_month += 1
                per_division[form.form.bidang] += 1
                if key in scan.answered:
                    answered_in_month += 1
            if key not in scan.answered:
                # Whole working days as ``sosmed qna overdue`` counts them, on the month's last day.
                age = working_days_since(received.astimezone(zone).date(), month.last_day, off)
                if age > limit:
                    overdue.append(Overdue(key, form.id, number, question.platform, form.form.bidang,
                                           received.astimezone(zone), age))
    replies: list[Reply] = []
    for key, (moment, platform, url) in scan.answered.items():
        if not month.contains(moment):
            continue
        form_id, _, number = key.partition("#q")
        known = questions.get(key)
        received = known[2] if known else None
        days = working_days(received, moment, zone, off) if received is not None else None
        replies.append(Reply(key, form_id, int(number) if number.isdigit() else 0, platform,
                             known[0].form.bidang if known else None,
                             received.astimezone(zone) if received else None, moment.astimezone(zone), days, url))
    replies.sort(key=lambda r: (r.answered, r.key))
    overdue.sort(key=lambda o: (o.received, o.key))
    times = [r.days for r in replies if r.days is not None]
    summary = QnaSummary(received_in_month, answered_in_month, replies, median(times), percentile(times, P90),
                         overdue, limit)
    return summary, dict(per_division)


def _retries(scan: _Scan, month: Month) -> list[Retry]:
    out: list[Retry] = []
    for key, failures in scan.failures.items():
        item, platform, op, _digest = key
        failures.sort(key=lambda f: f[0])
        first = failures[0][0]
        last = failures[-1][1]
        error = last.get("error") or {}
        label = str(error.get("class", "")) + (f" {error['status']}" if error.get("status") else "")
        later = sorted(s for s in scan.successes.get(key, []) if s[0] >= first)
        succeeded, attempt = (later[0][0].astimezone(month.zone), later[0][1]) if later else (None, None)
        out.append(Retry(item, platform, op, len(failures), first.astimezone(month.zone), label.strip(),
                         str(error.get("message", "")), succeeded, attempt))
    out.sort(key=lambda r: (r.first_failure, r.item, r.platform, r.op))
    return out


def build_recap(config: Config, index: Index, month: Month) -> Recap:
    """Compute the recap of ``month`` from the ledger ``index`` and the instance's files."""
    zone = month.zone
    scan = _scan(index.records, month)
    referenced = {item for item, _ in scan.published} | set(scan.updates) | {i for _, i, _ in scan.deletes}
    referenced |= {k[0] for k in scan.failures}
    posts = _post_items(config, {i for i in referenced if "#" not in i and not i.startswith(("QA-", "recap-"))})
    forms = _forms(config)

    def title(item_id: str) -> str:
        found = posts.get(item_id)
        return found.post.title if found else item_id

    publications: dict[str, list[Publication]] = {p: [] for p in PLATFORMS}
    first_out: dict[str, datetime] = {}
    for (item_id, platform), (moment, record) in scan.published.items():
        post = posts.get(item_id)
        receipt = record.get("receipt") or {}
        entry = Publication(
            item=item_id, platform=platform, time=moment.astimezone(zone), url=receipt.get("url"),
            archive=item_url(config, post) if post else None, title=title(item_id),
            strategy=post.post.strategy if post else None, bidang=post.post.bidang if post else None,
            note=record.get("note"))
        publications.setdefault(platform, []).append(entry)
        first_out[item_id] = min(first_out.get(item_id, moment), moment)
    for entries in publications.values():
        entries.sort(key=lambda e: (e.time, e.item))

    strategies = {s: 0 for s in STRATEGIES}
    post_counts: dict[str, int] = defaultdict(int)
    for item_id in first_out:
        post = posts.get(item_id)
        strategy = post.post.strategy if post else "unknown"
        strategies[strategy] = strategies.get(strategy, 0) + 1
        post_counts[post.post.bidang if post else "unknown"] += 1

    qna, question_counts = _qna(config, month, scan, forms)
    divisions = [DivisionRow(d.slug, d.name, post_counts.get(d.slug, 0), question_counts.get(d.slug, 0))
                 for d in config.divisions]
    known = set(config.division_slugs)
    for slug in sorted((set(post_counts) | set(question_counts)) - known):
        # No name: the item is gone from the repository or names a division sosmed.yml no longer has.
        divisions.append(DivisionRow(slug, "", post_counts.get(slug, 0), question_counts.get(slug, 0)))

    takedowns = []
    for moment, item_id, platform in scan.deletes:
        post = posts.get(item_id)
        reason = post.post.retraction.reason if post and post.post.retraction else None
        takedowns.append(Takedown(item_id, title(item_id), platform, moment.astimezone(zone), reason))
    for item_id, post in posts.items():
        retraction = post.post.retraction
        if post.post.status != "retracted" or retraction is None or not month.contains(retraction.date):
            continue
        for platform in UNDELETABLE:
            pair = (item_id, platform)
            if pair in scan.live_before_end and pair not in scan.deleted_before_end:
                takedowns.append(Takedown(item_id, title(item_id), platform, retraction.date.astimezone(zone),
                                          retraction.reason, manual=True))
    takedowns.sort(key=lambda d: (d.time, d.item, d.platform))

    corrections = []
    for item_id, updates in scan.updates.items():
        post = posts.get(item_id)
        texts = tuple(c.text for c in post.post.corrections if month.contains(c.date)) if post else ()
        platforms = tuple(p for p in PLATFORMS if p in {u[1] for u in updates})
        corrections.append(Correction(item_id, title(item_id), min(u[0] for u in updates).astimezone(zone),
                                      platforms, texts))
    corrections.sort(key=lambda c: (c.time, c.item))

    organisation = config.organisation
    return Recap(month=month, organisation=organisation.name, organisation_short=organisation.short_name,
                 publications=publications, posts=len(first_out), strategies=strategies, divisions=divisions,
                 qna=qna, takedowns=takedowns, corrections=corrections, retries=_retries(scan, month),
                 signoffs=scan.signoffs)
