"""The plan: for each (item, platform), what is due now, or why not.

Decided from the model, the ledger and the clock — never from a git diff:
an item is due on a platform when it is active, its date has come, its
``not_after`` has not passed, its sign-off verdict is positive, and the ledger
holds no success for its content hash there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sosmed.model.fields import SOCIAL_PLATFORMS
from sosmed.model.identity import content_hash
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.publish.gate import Gate, Verdict
from sosmed.publish.records import Index

Op = Literal["publish", "update", "delete", "reply", "offline"]
EDITABLE = ("website", "facebook", "youtube")
# Instagram's publishing API has no delete: a takedown there is done by hand in the app.
UNDELETABLE = ("instagram",)


@dataclass(frozen=True)
class Action:
    """One platform call to make."""

    item: Item
    key: str  # ledger item key: the item id, or ``<form id>#q<n>`` for a reply
    platform: str
    op: Op
    hash: str
    attempt: int
    target: str | None = None  # the live post id (update/delete) or the comment id (reply)
    question: int | None = None  # 1-based, for replies


@dataclass(frozen=True)
class Skip:
    """Why an (item, platform) is not acted on now; ``pending`` when it will be later."""

    key: str
    platform: str
    reason: str
    args: dict[str, Any] = field(default_factory=dict)
    pending: bool = False


@dataclass
class Plan:
    """Actions in order (the website first for each item) and the reasons for everything else."""

    actions: list[Action] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    verdicts: dict[str, tuple[str, Verdict]] = field(default_factory=dict)
    ledger_verified: bool = True  # False: planned from a ledger whose signatures could not be checked
    problems: list[Problem] = field(default_factory=list)  # files that could not be read: they fail alone

    @property
    def unverifiable(self) -> list[Skip]:
        """Skips because the sign-off could not be checked at all (forge down, token refused)."""
        return [s for s in self.skips if s.reason == "plan.not_signed"
                and any(key == "gate.forge_error" for key, _ in s.args.get("why", ()))]

    @property
    def pending(self) -> bool:
        """Whether there is anything to do now."""
        return bool(self.actions)


def answer_hash(text: str) -> str:
    """The content hash of one Q&A answer (what a reply binds to)."""
    return "sha256:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def make_plan(items: list[Item], index: Index, now: datetime, gate: Gate, only: set[str] | None = None) -> Plan:
    """Plan every item; ``only`` restricts the platforms (the website is never skipped by it)."""
    plan = Plan(ledger_verified=index.verified)
    for item in sorted(items, key=lambda i: (i.kind, i.id)):
        digest = content_hash(item)
        if item.kind == "post":
            _plan_post(plan, item, digest, index, now, gate, only)
        else:
            _plan_form(plan, item, digest, index, gate, only)
    return plan


def _verdict(plan: Plan, item: Item, digest: str, gate: Gate) -> Verdict:
    cached = plan.verdicts.get(item.id)
    if cached is None or cached[0] != digest:
        cached = (digest, gate.verdict(item, digest))
        plan.verdicts[item.id] = cached
    return cached[1]


def _in_flight(index: Index, key: str, platform: str, op: str, digest: str) -> bool:
    return any(k[:4] == (key, platform, op, digest) for k in index.open_intents)


def _add(plan: Plan, index: Index, item: Item, key: str, platform: str, op: Op, digest: str,
         target: str | None = None, question: int | None = None) -> None:
    if _in_flight(index, key, platform, op, digest):
        plan.skips.append(Skip(key, platform, "plan.in_flight", {}, pending=True))
        return
    attempt = index.attempts[(key, platform, op, digest)] + 1
    plan.actions.append(Action(item, key, platform, op, digest, attempt, target, question))


def _plan_post(plan: Plan, item: Item, digest: str, index: Index, now: datetime, gate: Gate,
               only: set[str] | None) -> None:
    post = item.post
    for platform in post.platforms:
        if only and platform != "website" and platform not in only:
            continue
        live = index.live.get((item.id, platform)) or {}
        is_live = bool(live) and (item.id, platform) not in index.deleted
        if post.status == "retracted":
            if not is_live:
                continue
            verdict = _verdict(plan, item, digest, gate)
            if not verdict.approved:
                plan.skips.append(Skip(item.id, platform, "plan.not_signed", {"why": verdict.reasons}))
                continue
            if platform in UNDELETABLE:
                plan.skips.append(Skip(item.id, platform, "plan.manual_takedown",
                                       {"url": live["receipt"].get("url") or live["receipt"]["id"]}))
                continue
            _add(plan, index, item, item.id, platform, "delete", digest, target=live["receipt"]["id"])
            continue
        if digest in index.done_hashes.get((item.id, platform), set()) and is_live:
            plan.skips.append(Skip(item.id, platform, "plan.done", {"id": live["receipt"].get("id", "")}))
            continue
        if post.date > now:
            plan.skips.append(Skip(item.id, platform, "plan.scheduled", {"date": post.date.isoformat()}, True))
            continue
        if post.not_after is not None and now > post.not_after and not is_live:
            plan.skips.append(Skip(item.id, platform, "plan.expired", {"date": post.not_after.isoformat()}))
            continue
        verdict = _verdict(plan, item, digest, gate)
        if not verdict.approved:
            plan.skips.append(Skip(item.id, platform, "plan.not_signed", {"why": verdict.reasons}))
            continue
        if is_live:
            if platform in EDITABLE:
                _add(plan, index, item, item.id, platform, "update", digest, target=live["receipt"]["id"])
            elif post.republish:
                _add(plan, index, item, item.id, platform, "publish", digest)
            else:
                plan.skips.append(Skip(item.id, platform, "plan.cannot_edit", {"platform": platform}))
            continue
        _add(plan, index, item, item.id, platform, "publish", digest)


def _plan_form(plan: Plan, item: Item, digest: str, index: Index, gate: Gate, only: set[str] | None) -> None:
    form = item.form
    # A draft or a form still in the admins' triage folder is never answered, whatever the gate says.
    unready = "plan.qna_triage" if form.in_triage else "plan.qna_draft" if form.draft else None
    for number, question in enumerate(form.questions, 1):
        if not question.answered:
            continue
        key = f"{item.id}#q{number}"
        if unready is not None:
            offline = question.platform not in SOCIAL_PLATFORMS or not question.comment_id
            plan.skips.append(Skip(key, "offline" if offline else question.platform, unready, {}))
            continue
        assert question.answer is not None
        a_hash = answer_hash(question.answer)
        platform = question.platform
        if platform not in SOCIAL_PLATFORMS or not question.comment_id:
            if key not in index.offline:
                verdict = _verdict(plan, item, digest, gate)
                if verdict.approved:
                    _add(plan, index, item, key, "offline", "offline", a_hash, question=number)
                else:
                    plan.skips.append(Skip(key, "offline", "plan.not_signed", {"why": verdict.reasons}))
            continue
        if only and platform not in only:
            continue
        if (key, platform) in index.live:
            plan.skips.append(Skip(key, platform, "plan.replied", {}))
            continue
        verdict = _verdict(plan, item, digest, gate)
        if not verdict.approved:
            plan.skips.append(Skip(key, platform, "plan.not_signed", {"why": verdict.reasons}))
            continue
        _add(plan, index, item, key, platform, "reply", a_hash, target=question.comment_id, question=number)
