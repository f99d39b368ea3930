"""``sosmed publish`` as a library function: load items, plan or run with the sign-off gate it is handed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.http.streams import ProgressFactory
from sosmed.model.identity import content_hash
from sosmed.model.item import Item
from sosmed.platforms import RetryPolicy, get_adapter, make_session
from sosmed.platforms.credentials import missing_secrets
from sosmed.publish.gate import Gate, RecapDocument
from sosmed.publish.ledger import LedgerConflict, open_ledger
from sosmed.publish.outcome import RunReport
from sosmed.publish.plan import Plan, Skip
from sosmed.publish.records import new_record
from sosmed.publish.runner import MAX_REPLANS, Publisher
from sosmed.publish.signing import LEDGER_KEY_VAR
from sosmed.publish.source import items_to_plan
from sosmed.snapshot import Snapshot, recaps_at

API_VARIABLES = ("SOSMED_FACEBOOK_API", "SOSMED_INSTAGRAM_API", "SOSMED_X_API", "SOSMED_YOUTUBE_API")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
RETRY_DELAY_VAR = "SOSMED_RETRY_BASE_DELAY"

# The sign-off gate of one verified commit: the application decides which (see ``sosmed.app.wiring``).
GateFactory = Callable[[str], Gate]


def retry_policies(env: Mapping[str, str]) -> tuple[RetryPolicy, RetryPolicy]:
    """The retry policy of platform calls, and the shorter one of questions about what a platform shows.

    ``SOSMED_RETRY_BASE_DELAY`` (seconds, default 1) scales the backoff after errors that carry
    no wait of their own (a dropped connection): tests and rehearsals set it small.
    """
    try:
        base = max(0.0, float(env.get(RETRY_DELAY_VAR) or 1.0))
    except ValueError:
        raise SosmedError("publish.bad_retry_delay", name=RETRY_DELAY_VAR, value=env.get(RETRY_DELAY_VAR)) from None
    # Asking a platform what it shows must fail fast: a listing that keeps failing stalls nothing.
    return RetryPolicy(base_delay=base), RetryPolicy(max_attempts=3, base_delay=base / 4, max_delay=2.0,
                                                     give_up_after=10.0)


def platforms_needed(items: list[Item]) -> list[str]:
    """The social platforms any item targets or any answered question came from."""
    needed: set[str] = set()
    for item in items:
        if item.kind == "post":
            needed.update(item.post.social_platforms)
        else:
            needed.update(q.platform for q in item.form.questions if q.answered and q.comment_id)
    return sorted(needed & {"facebook", "instagram", "x", "youtube"})


def check_target(target: str, platforms: list[str], env: Mapping[str, str]) -> None:
    """Refuse to start when the target's secrets or endpoints are missing (never fall back)."""
    if target == "live":
        missing = missing_secrets(platforms, env) + ([] if env.get(LEDGER_KEY_VAR) else [LEDGER_KEY_VAR])
        if missing:
            raise SosmedError("publish.secrets_missing", names=", ".join(missing))
        return
    unset = [name for name in API_VARIABLES if not env.get(name)]
    if unset:
        raise SosmedError("publish.sandbox_env_missing", names=", ".join(unset))
    elsewhere = [name for name in API_VARIABLES if urlparse(env[name]).hostname not in LOOPBACK]
    if elsewhere:
        raise SosmedError("publish.sandbox_not_local", names=", ".join(elsewhere))
    missing = missing_secrets(platforms, env)
    if missing:
        raise SosmedError("publish.secrets_missing", names=", ".join(missing))


def make_publisher(config: Config, *, target: str, env: Mapping[str, str], gate: Gate,
                   now: datetime | None = None, repo: Path | None = None,
                   on_event: Callable[[str, dict[str, Any]], None] | None = None,
                   progress: ProgressFactory | None = None) -> Publisher:
    """A publisher over the instance's git repository and its ledger branch; ``progress`` shows uploads."""
    # Rehearsal and live never share records: each target has its own ledger branch and key.
    ledger = open_ledger(repo or config.root, config, target, env)
    calls, lookups = retry_policies(env)
    return Publisher(config, ledger,
                     lambda name: get_adapter(name, env, session=make_session(calls, progress=progress)), gate,
                     now=now, on_event=on_event,
                     lookups=lambda name: get_adapter(name, env, session=make_session(lookups)))


def publish(config: Config, *, target: str, env: Mapping[str, str], gate: GateFactory, dry_run: bool = False,
            only: set[str] | None = None, now: datetime | None = None,
            on_event: Callable[[str, dict[str, Any]], None] | None = None, rev: str = "HEAD",
            progress: ProgressFactory | None = None) -> tuple[Plan, RunReport | None]:
    """Plan (``dry_run``) or run a publication of commit ``rev``; returns the plan and, when run, the report.

    Items are read from the commit's git objects (never the working tree); a file that cannot
    be read or validated fails only itself and is listed in ``plan.problems``. ``gate`` gives
    the sign-off gate of the verified commit (the application chooses it: see ``sosmed.app``).
    """
    with Snapshot(config.root, rev) as snapshot:
        publisher = make_publisher(config, target=target, env=env, gate=gate(snapshot.commit), now=now,
                                   on_event=on_event, progress=progress)
        sources = items_to_plan(config, publisher.ledger.read(), snapshot)
        if dry_run:
            plan = publisher.plan(sources.items, only)
            plan.problems = sources.problems
            return plan, None
        needed = platforms_needed(sources.items)
        if only:
            needed = [p for p in needed if p in only]
        check_target(target, needed, env)
        report = publisher.run(sources.items, only, sources.fingerprints)
        if report.plan is None:
            report.plan = Plan()
        report.plan.problems = sources.problems
        return report.plan, report


@dataclass
class SignoffResult:
    """What ``record_signoffs`` found: the plan (verdicts, problems), new records, approved items."""

    plan: Plan
    recorded: int
    signed: int


def _shown_publicly(item: Item, now: datetime) -> bool:
    """Whether the public site would show the item now (so its sign-off must be known)."""
    if item.kind == "post":
        return item.post.date <= now
    return not item.form.draft and item.form.received <= now


def record_signoffs(config: Config, *, target: str, env: Mapping[str, str], gate: GateFactory,
                    now: datetime | None = None, rev: str = "HEAD",
                    on_event: Callable[[str, dict[str, Any]], None] | None = None) -> SignoffResult:
    """Verify the sign-off of every item that is due, and of every monthly recap, and record it on the
    ledger; call no platform.

    The public site is built from the items whose sign-off the ledger records (see
    :mod:`sosmed.site.archive`), so this runs before the site build. Each record names the
    item's repository path and git object id, so the site can show the signed version of an
    item that changed on ``main`` afterwards without a new sign-off.
    """
    with Snapshot(config.root, rev) as snapshot:
        publisher = make_publisher(config, target=target, env=env, gate=gate(snapshot.commit), now=now,
                                   on_event=on_event)
        index = publisher.ledger.read()
        sources = items_to_plan(config, index, snapshot)
        plan = Plan(problems=sources.problems)
        entries = snapshot.listing.entries
        records = []
        signed = 0
        for item in sources.items:
            if not _shown_publicly(item, publisher.now):
                continue
            digest = content_hash(item)
            verdict = publisher.gate.verdict(item, digest)
            plan.verdicts[item.id] = (digest, verdict)
            if not verdict.approved:
                plan.skips.append(Skip(item.id, "website", "plan.not_signed", {"why": verdict.reasons}))
                continue
            signed += 1
            if (item.id, digest) in index.signoffs:
                continue
            entry = entries[item.id]
            records.append(new_record("signoff", item=item.id, hash=digest, signoff=verdict.record,
                                      fingerprint=entry.oid, path=entry.path, commit=snapshot.commit))
        for recap in recaps_at(config.root, snapshot.commit):
            if (recap.id, recap.hash) in index.signoffs:
                signed += 1
                continue
            verdict = publisher.gate.verdict(RecapDocument(recap.id, recap.display), recap.hash)
            plan.verdicts[recap.id] = (recap.hash, verdict)
            if not verdict.approved:
                plan.skips.append(Skip(recap.id, "website", "plan.not_signed", {"why": verdict.reasons}))
                continue
            signed += 1
            records.append(new_record("signoff", item=recap.id, hash=recap.hash, signoff=verdict.record,
                                      path=recap.display, commit=snapshot.commit))
        for _ in range(MAX_REPLANS):
            if not records:
                break
            try:
                publisher.ledger.append(records)
                break
            except LedgerConflict:
                index = publisher.ledger.read()
                records = [r for r in records if (r["item"], r["hash"]) not in index.signoffs]
        else:
            raise SosmedError("ledger.contended")
        return SignoffResult(plan, len(records), signed)
