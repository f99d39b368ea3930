"""Building the recap of a month from the ledger's records and the instance's files."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sosmed.config.schema import Config
from sosmed.model.fields import PLATFORMS, STRATEGIES
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.publish.plan import UNDELETABLE
from sosmed.publish.records import Index
from sosmed.qna.overdue import default_days
from sosmed.qna.workdays import holidays, working_days_since
from sosmed.recap.data import (
    Correction,
    DivisionRow,
    LedgerScan,
    Overdue,
    Publication,
    QnaSummary,
    Recap,
    Reply,
    Retry,
    Takedown,
    scan_ledger,
)
from sosmed.recap.durations import median, percentile, working_days
from sosmed.recap.engagement import build_engagement
from sosmed.recap.period import Month
from sosmed.urls import item_url

P90 = 0.9


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


def _qna(config: Config, month: Month, scan: LedgerScan, forms: list[Item]) -> tuple[QnaSummary, dict[str, int]]:
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
            received: datetime = question.received_at or form.form.received
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
        form_id, _, position = key.partition("#q")
        known = questions.get(key)
        asked = known[2] if known else None
        days = working_days(asked, moment, zone, off) if asked is not None else None
        replies.append(Reply(key, form_id, int(position) if position.isdigit() else 0, platform,
                             known[0].form.bidang if known else None,
                             asked.astimezone(zone) if asked else None, moment.astimezone(zone), days, url))
    replies.sort(key=lambda r: (r.answered, r.key))
    overdue.sort(key=lambda o: (o.received, o.key))
    times = [r.days for r in replies if r.days is not None]
    summary = QnaSummary(received_in_month, answered_in_month, replies, median(times), percentile(times, P90),
                         overdue, limit)
    return summary, dict(per_division)


def _retries(scan: LedgerScan, month: Month) -> list[Retry]:
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
    scan = scan_ledger(index.records, month)
    referenced = {item for item, _ in scan.published} | set(scan.updates) | {i for _, i, _ in scan.deletes}
    referenced |= {k[0] for k in scan.failures}
    posts = _post_items(config, {i for i in referenced if "#" not in i and not i.startswith(("QA-", "recap-"))})
    publications, first_out = _publications(config, scan, posts, month)
    strategies, post_counts = _balance(posts, first_out)
    qna, question_counts = _qna(config, month, scan, _forms(config))
    divisions = [DivisionRow(d.slug, d.name, post_counts.get(d.slug, 0), question_counts.get(d.slug, 0))
                 for d in config.divisions]
    known = set(config.division_slugs)
    for slug in sorted((set(post_counts) | set(question_counts)) - known):
        # No name: the item is gone from the repository or names a division sosmed.yml no longer has.
        divisions.append(DivisionRow(slug, "", post_counts.get(slug, 0), question_counts.get(slug, 0)))
    organisation = config.organisation
    return Recap(month=month, organisation=organisation.name, organisation_short=organisation.short_name,
                 publications=publications, posts=len(first_out), strategies=strategies, divisions=divisions,
                 qna=qna, takedowns=_takedowns(scan, posts, month), corrections=_corrections(scan, posts, month),
                 retries=_retries(scan, month), signoffs=scan.signoffs,
                 engagement=build_engagement(config, index.records, month, scan, posts))


def _title(posts: dict[str, Item], item_id: str) -> str:
    found = posts.get(item_id)
    return found.post.title if found else item_id


def _publications(config: Config, scan: LedgerScan, posts: dict[str, Item], month: Month
                  ) -> tuple[dict[str, list[Publication]], dict[str, datetime]]:
    """Per platform what went out in the month, and when each item first went out anywhere."""
    publications: dict[str, list[Publication]] = {p: [] for p in PLATFORMS}
    first_out: dict[str, datetime] = {}
    for (item_id, platform), (moment, record) in scan.published.items():
        post = posts.get(item_id)
        receipt = record.get("receipt") or {}
        entry = Publication(
            item=item_id, platform=platform, time=moment.astimezone(month.zone), url=receipt.get("url"),
            archive=item_url(config, post) if post else None, title=_title(posts, item_id),
            strategy=post.post.strategy if post else None, bidang=post.post.bidang if post else None,
            note=record.get("note"))
        publications.setdefault(platform, []).append(entry)
        first_out[item_id] = min(first_out.get(item_id, moment), moment)
    for entries in publications.values():
        entries.sort(key=lambda e: (e.time, e.item))
    return publications, first_out


def _balance(posts: dict[str, Item], first_out: dict[str, datetime]) -> tuple[dict[str, int], dict[str, int]]:
    """Posts of the month per strategy and per division."""
    strategies = {s: 0 for s in STRATEGIES}
    post_counts: dict[str, int] = defaultdict(int)
    for item_id in first_out:
        post = posts.get(item_id)
        strategy = post.post.strategy if post else "unknown"
        strategies[strategy] = strategies.get(strategy, 0) + 1
        post_counts[post.post.bidang if post else "unknown"] += 1
    return strategies, post_counts


def _takedowns(scan: LedgerScan, posts: dict[str, Item], month: Month) -> list[Takedown]:
    """What was deleted, and what a person must delete by hand (a platform whose API cannot)."""
    zone = month.zone
    takedowns = []
    for moment, item_id, platform in scan.deletes:
        post = posts.get(item_id)
        reason = post.post.retraction.reason if post and post.post.retraction else None
        takedowns.append(Takedown(item_id, _title(posts, item_id), platform, moment.astimezone(zone), reason))
    for item_id, post in posts.items():
        retraction = post.post.retraction
        if post.post.status != "retracted" or retraction is None or not month.contains(retraction.date):
            continue
        for platform in UNDELETABLE:
            pair = (item_id, platform)
            if pair in scan.live_before_end and pair not in scan.deleted_before_end:
                takedowns.append(Takedown(item_id, _title(posts, item_id), platform,
                                          retraction.date.astimezone(zone), retraction.reason, manual=True))
    takedowns.sort(key=lambda d: (d.time, d.item, d.platform))
    return takedowns


def _corrections(scan: LedgerScan, posts: dict[str, Item], month: Month) -> list[Correction]:
    """Items edited in place in the month, with the corrections their files state."""
    corrections = []
    for item_id, updates in scan.updates.items():
        post = posts.get(item_id)
        texts = tuple(c.text for c in post.post.corrections if month.contains(c.date)) if post else ()
        platforms = tuple(p for p in PLATFORMS if p in {u[1] for u in updates})
        corrections.append(Correction(item_id, _title(posts, item_id), min(u[0] for u in updates).astimezone(month.zone),
                                      platforms, texts))
    corrections.sort(key=lambda c: (c.time, c.item))
    return corrections
