"""Which sign-off gate a run uses, and publishing with it.

``sosmed publish``, the demo and the tests that play a run end to end call these; the
publisher itself (:mod:`sosmed.publish.service`) is handed the gate and knows no forge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sosmed.config.schema import Config
from sosmed.forge.factory import make_forge
from sosmed.http.streams import ProgressFactory
from sosmed.publish import service
from sosmed.publish.gate import Gate, RefusingGate, RehearsalGate
from sosmed.publish.outcome import RunReport
from sosmed.publish.plan import Plan
from sosmed.publish.service import GateFactory, SignoffResult
from sosmed.review.gate import ForgeGate

EventSink = Callable[[str, dict[str, Any]], None]


def choose_gate(config: Config, target: str, env: Mapping[str, str], repo: Path, commit: str = "HEAD") -> Gate:
    """The forge gate when a forge is reachable (repository and token set); else refuse (live)
    or rehearse (sandbox) — a live run never publishes without a verified sign-off."""
    if env.get("GITHUB_REPOSITORY") and (env.get("SOSMED_FORGE_TOKEN") or env.get("GITHUB_TOKEN")):
        # The forge is asked with the same backoff as the platforms (SOSMED_RETRY_BASE_DELAY).
        policy = service.retry_policies(env)[0]
        return ForgeGate(config, make_forge(config.forge, env=env, policy=policy), repo, commit=commit)
    return RehearsalGate() if target == "sandbox" else RefusingGate()


def gate_factory(config: Config, target: str, env: Mapping[str, str], gate: Gate | None = None) -> GateFactory:
    """The gate of each verified commit: ``gate`` when given (tests), else :func:`choose_gate`."""
    if gate is not None:
        return lambda commit: gate
    return lambda commit: choose_gate(config, target, env, config.root, commit)


def publish(config: Config, *, target: str, env: Mapping[str, str], dry_run: bool = False,
            only: set[str] | None = None, gate: Gate | None = None, now: datetime | None = None,
            on_event: EventSink | None = None, rev: str = "HEAD",
            progress: ProgressFactory | None = None) -> tuple[Plan, RunReport | None]:
    """:func:`sosmed.publish.service.publish` with the run's gate chosen here."""
    return service.publish(config, target=target, env=env, gate=gate_factory(config, target, env, gate),
                           dry_run=dry_run, only=only, now=now, on_event=on_event, rev=rev, progress=progress)


def record_signoffs(config: Config, *, target: str, env: Mapping[str, str], gate: Gate | None = None,
                    now: datetime | None = None, rev: str = "HEAD",
                    on_event: EventSink | None = None) -> SignoffResult:
    """:func:`sosmed.publish.service.record_signoffs` with the run's gate chosen here."""
    return service.record_signoffs(config, target=target, env=env, gate=gate_factory(config, target, env, gate),
                                   now=now, rev=rev, on_event=on_event)
