"""``sosmed publish`` as a library function: choose target and gate, load items, plan or run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.item import Item
from sosmed.platforms import get_adapter
from sosmed.platforms.credentials import missing_secrets
from sosmed.publish.gate import Gate, RefusingGate, RehearsalGate
from sosmed.publish.ledger import GitLedger
from sosmed.publish.plan import Plan
from sosmed.publish.runner import Publisher, RunReport
from sosmed.publish.source import items_to_plan

API_VARIABLES = ("SOSMED_FACEBOOK_API", "SOSMED_INSTAGRAM_API", "SOSMED_X_API", "SOSMED_YOUTUBE_API")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
        missing = missing_secrets(platforms, env)
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


def choose_gate(config: Config, target: str, env: Mapping[str, str], repo: Path) -> Gate:
    """The forge gate when a forge is reachable (repository and token set); else refuse (live)
    or rehearse (sandbox) — a live run never publishes without a verified sign-off."""
    if env.get("GITHUB_REPOSITORY") and (env.get("SOSMED_FORGE_TOKEN") or env.get("GITHUB_TOKEN")):
        from sosmed.forge.factory import make_forge
        from sosmed.review.gate import ForgeGate

        return ForgeGate(config, make_forge(config.forge, env=env), repo)
    return RehearsalGate() if target == "sandbox" else RefusingGate()


def make_publisher(config: Config, *, target: str, env: Mapping[str, str], gate: Gate | None = None,
                   now: datetime | None = None, repo: Path | None = None,
                   on_event: Callable[[str, dict[str, Any]], None] | None = None) -> Publisher:
    """A publisher over the instance's git repository and its ledger branch."""
    if gate is None:
        gate = choose_gate(config, target, env, repo or config.root)
    ledger = GitLedger(repo or config.root, config.publish.ledger_branch)
    return Publisher(config, ledger, lambda name: get_adapter(name, env), gate, now=now, on_event=on_event)


def publish(config: Config, *, target: str, env: Mapping[str, str], dry_run: bool = False,
            only: set[str] | None = None, gate: Gate | None = None, now: datetime | None = None,
            on_event: Callable[[str, dict[str, Any]], None] | None = None) -> tuple[Plan, RunReport | None]:
    """Plan (``dry_run``) or run a publication; returns the plan and, when run, the report."""
    publisher = make_publisher(config, target=target, env=env, gate=gate, now=now, on_event=on_event)
    sources = items_to_plan(config, publisher.ledger.read())
    if dry_run:
        plan = publisher.plan(sources.items, only)
        plan.unreadable = sources.problems
        return plan, None
    needed = platforms_needed(sources.items)
    if only:
        needed = [p for p in needed if p in only]
    check_target(target, needed, env)
    report = publisher.run(sources.items, only, sources.fingerprints)
    if report.plan is None:
        report.plan = Plan()
    report.plan.unreadable = sources.problems
    return report.plan, report
