"""Carry out a plan: intent before every platform call, result after, failures isolated.

The ledger is the only memory. Before a call, an ``intent`` record is pushed; after
it, a ``success`` or ``failure``. A run that finds an intent without a result whose
publisher is gone asks the platform whether the post exists (recent posts matched by
text fingerprint) and records what it finds, so a crash at any instant never posts
twice and never loses a post.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.faults import crashpoint
from sosmed.model.item import Item
from sosmed.platforms.base import PlatformAdapter, Receipt
from sosmed.platforms.errors import AuthError, DuplicateError, PlatformError, QuotaError, RetryableError
from sosmed.publish.gate import Gate
from sosmed.publish.ledger import GitLedger, LedgerConflict
from sosmed.publish.messages import build_message, text_fingerprint
from sosmed.publish.plan import Action, Plan, make_plan
from sosmed.publish.records import Index, new_record, owner
from sosmed.urls import item_url

AdapterFactory = Callable[[str], PlatformAdapter]
MAX_REPLANS = 20
RAW_LIMIT = 4000


@dataclass
class Outcome:
    """What happened to one (item, platform) in this run."""

    key: str
    platform: str
    status: str  # published | updated | deleted | replied | offline | failed | skipped | reconciled
    detail: str = ""
    url: str | None = None


@dataclass
class RunReport:
    """The run's summary: outcomes, plus the plan's reasons for what was not done."""

    outcomes: list[Outcome] = field(default_factory=list)
    plan: Plan | None = None
    calls: int = 0

    @property
    def failed(self) -> bool:
        return any(o.status == "failed" for o in self.outcomes)


def _receipt_dict(receipt: Receipt) -> dict[str, Any]:
    raw = receipt.raw if len(json.dumps(receipt.raw, default=str)) <= RAW_LIMIT else {"truncated": True}
    return {"platform": receipt.platform, "id": receipt.id, "url": receipt.url,
            "time": receipt.time.astimezone(UTC).isoformat(timespec="seconds"),
            "extra_ids": list(receipt.extra_ids), "raw": raw}


def _owner_gone(intent: dict[str, Any], lease: timedelta) -> bool:
    who = intent.get("owner") or {}
    if who.get("host") == socket.gethostname() and isinstance(who.get("pid"), int):
        if who["pid"] == os.getpid():
            return True
        try:
            os.kill(who["pid"], 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    started = datetime.fromisoformat(intent["time"])
    return datetime.now(UTC) - started > lease


class Publisher:
    """One publishing run over a set of items."""

    def __init__(self, config: Config, ledger: GitLedger, adapters: AdapterFactory, gate: Gate, *,
                 now: datetime | None = None, lease: timedelta = timedelta(minutes=15),
                 on_event: Callable[[str, dict[str, Any]], None] | None = None) -> None:
        self.config = config
        self.ledger = ledger
        self.adapters = adapters
        self.gate = gate
        self.now = now or datetime.now(UTC)
        self.lease = lease
        self.on_event = on_event or (lambda key, args: None)
        self._adapters: dict[str, PlatformAdapter] = {}
        self._stopped: dict[str, str] = {}
        self.report = RunReport()
        self.index = Index()
        self._stale = False

    # -- ledger helpers ----------------------------------------------------
    def _append(self, record: dict[str, Any], *, must_be_first: bool = False) -> bool:
        """Append one record; False when another publisher got there first (intents only)."""
        for _ in range(MAX_REPLANS):
            try:
                self.ledger.append([record])
                self.index.add(record)
                return True
            except LedgerConflict:
                self.index = self.ledger.read()
                self._stale = True
                if must_be_first:
                    return False
        raise SosmedError("ledger.contended")

    def _adapter(self, platform: str) -> PlatformAdapter:
        if platform not in self._adapters:
            self._adapters[platform] = self.adapters(platform)
        return self._adapters[platform]

    # -- the run -----------------------------------------------------------
    def plan(self, items: list[Item], only: set[str] | None = None) -> Plan:
        """Read the ledger and plan (no platform call, nothing written)."""
        self.index = self.ledger.read()
        return make_plan(items, self.index, self.now, self.gate, only)

    def run(self, items: list[Item], only: set[str] | None = None,
            fingerprints: dict[str, str] | None = None) -> RunReport:
        """Reconcile, plan, act; re-plan whenever another publisher wrote first.

        With ``fingerprints`` (item id → committed object id), items left with nothing to do
        are recorded as ``complete`` so that later runs need not read them.
        """
        with self.ledger.run_lock():
            self.index = self.ledger.read()
            self._reconcile()
            done: set[tuple[str, str, str, str]] = set()
            for _ in range(MAX_REPLANS):
                plan = make_plan(items, self.index, self.now, self.gate, only)
                self.report.plan = plan
                todo = [a for a in plan.actions if (a.key, a.platform, a.op, a.hash) not in done]
                if not todo:
                    break
                self._stale = False
                for action in todo:
                    done.add((action.key, action.platform, action.op, action.hash))
                    self._act(action)
                    if self._stale:
                        # Another publisher wrote meanwhile: the rest of this plan may be out of date.
                        break
                else:
                    break
            if fingerprints:
                self._settle(items, fingerprints)
        return self.report

    def _settle(self, items: list[Item], fingerprints: dict[str, str]) -> None:
        """Record items that need nothing more at their committed version (planning skips them)."""
        plan = make_plan(items, self.index, self.now, self.gate)
        busy = {a.item.id for a in plan.actions} | {s.key.split("#")[0] for s in plan.skips if s.pending}
        busy |= {s.key.split("#")[0] for s in plan.skips if s.reason == "plan.not_signed"}
        failed = {o.key.split("#")[0] for o in self.report.outcomes if o.status == "failed"}
        records = [new_record("complete", item=item.id, fingerprint=fingerprints[item.id])
                   for item in items
                   if item.id in fingerprints and item.id not in busy | failed
                   and self.index.complete.get(item.id) != fingerprints[item.id]]
        if records:
            for _ in range(MAX_REPLANS):
                try:
                    self.ledger.append(records)
                    break
                except LedgerConflict:
                    self.index = self.ledger.read()
            for record in records:
                self.index.add(record)

    def _signoff(self, action: Action) -> None:
        item = action.item
        from sosmed.model.identity import content_hash

        digest = content_hash(item)
        if (item.id, digest) in self.index.signoffs:
            return
        verdict = self.report.plan.verdicts.get(item.id) if self.report.plan else None
        record = verdict[1].record if verdict else {}
        self._append(new_record("signoff", item=item.id, hash=digest, signoff=record))

    def _still_due(self, action: Action) -> bool:
        """Whether the current ledger still wants this action (another publisher may have done it)."""
        index = self.index
        pair = (action.key, action.platform)
        if any(k[:4] == (action.key, action.platform, action.op, action.hash) for k in index.open_intents):
            return False
        if action.op == "offline":
            return action.key not in index.offline
        if action.op == "delete":
            return pair not in index.deleted
        if action.op == "reply":
            return pair not in index.live
        live = pair in index.live and pair not in index.deleted
        if action.op == "publish" and live and action.hash in index.done_hashes.get(pair, set()):
            return False
        if action.op == "publish" and live and not action.item.post.republish:
            return False
        return not (action.op == "update" and action.hash in index.done_hashes.get(pair, set()))

    def _act(self, action: Action) -> bool:
        """Carry out one action; False if the plan must be made again (someone else wrote first)."""
        if not self._still_due(action):
            self._stale = True
            return False
        if action.platform in self._stopped:
            self.report.outcomes.append(Outcome(action.key, action.platform, "skipped", self._stopped[action.platform]))
            return True
        if action.op == "offline":
            self._signoff(action)
            self._append(new_record("offline", item=action.key, platform="offline", hash=action.hash))
            self.report.outcomes.append(Outcome(action.key, "offline", "offline"))
            return True
        self._signoff(action)
        message = None
        fingerprint = None
        if action.platform != "website" and action.op in ("publish", "update", "reply"):
            message = build_message(self.config, action)
            fingerprint = text_fingerprint(message.title or message.text if action.platform == "youtube"
                                           else message.text)
        crashpoint("before_intent")
        intent = new_record("intent", item=action.key, platform=action.platform, op=action.op, hash=action.hash,
                            attempt=action.attempt, target=action.target, fingerprint=fingerprint, owner=owner())
        if not self._append(intent, must_be_first=True):
            return False
        crashpoint("after_intent")
        self.on_event("publish.event.calling", {"item": action.key, "platform": action.platform, "op": action.op})
        fields = {"item": action.key, "platform": action.platform, "op": action.op, "hash": action.hash,
                  "attempt": action.attempt, "run": intent["owner"].get("run")}
        try:
            receipt = self._call(action, message)
        except DuplicateError as error:
            found = self._find_existing(action, intent) if action.op != "delete" else None
            if found is not None:
                self._append(new_record("success", **fields, receipt=_receipt_dict(found), note="duplicate"))
                self.report.outcomes.append(Outcome(action.key, action.platform, "reconciled", url=found.url))
            else:
                self._fail(action, fields, error)
            return True
        except RetryableError as error:
            # A create that may have gone through (a timeout after sending): look before failing,
            # or the next run would post it a second time.
            found = None
            if error.outcome_unknown and action.op != "delete":
                try:
                    found = self._find_existing(action, intent)
                except PlatformError:
                    found = None
            if found is not None:
                self._append(new_record("success", **fields, receipt=_receipt_dict(found), note="outcome_unknown"))
                self.report.outcomes.append(Outcome(action.key, action.platform, "reconciled", url=found.url))
            else:
                self._fail(action, fields, error)
            return True
        except PlatformError as error:
            if error.partial_receipt is not None:
                # Part of it exists (a thread cut short): record it so it is never posted twice.
                self._append(new_record("success", **fields, receipt=_receipt_dict(error.partial_receipt),
                                        note="partial"))
                self.report.outcomes.append(Outcome(action.key, action.platform, "failed",
                                                    error.format_message()))
                return True
            self._fail(action, fields, error)
            return True
        crashpoint("after_call")
        record = new_record("success", **fields, receipt=_receipt_dict(receipt) if receipt else None)
        self._append(record)
        crashpoint("after_result")
        status = {"publish": "published", "update": "updated", "delete": "deleted", "reply": "replied"}[action.op]
        self.report.outcomes.append(Outcome(action.key, action.platform, status, url=receipt.url if receipt else None))
        return True

    def _fail(self, action: Action, fields: dict[str, Any], error: PlatformError) -> None:
        message = error.format_message()
        self._append(new_record("failure", **fields, error={"class": type(error).__name__, "status": error.status,
                                                            "request_id": error.request_id, "message": message}))
        if isinstance(error, QuotaError | AuthError):
            self._stopped[action.platform] = message
        self.report.outcomes.append(Outcome(action.key, action.platform, "failed", message))

    def _call(self, action: Action, message: Any) -> Receipt | None:
        self.report.calls += 1
        if action.platform == "website":
            url = item_url(self.config, action.item)
            return Receipt("website", action.item.id, url, datetime.now(UTC), {})
        adapter = self._adapter(action.platform)
        if action.op == "publish":
            return adapter.publish(message)
        if action.op == "update":
            assert action.target is not None
            return adapter.update(action.target, message)
        if action.op == "delete":
            assert action.target is not None
            adapter.delete(action.target)
            return None
        assert action.target is not None
        return adapter.reply(action.target, message.text)

    # -- recovery ----------------------------------------------------------
    def _find_existing(self, action: Action | None, intent: dict[str, Any]) -> Receipt | None:
        """Ask the platform whether the post of an intent exists (matched by text fingerprint)."""
        platform = intent["platform"]
        wanted = intent.get("fingerprint")
        if platform == "website" or not wanted:
            return None
        adapter = self._adapter(platform)
        if intent.get("op") == "reply":
            comments, _ = adapter.comments(None)
            for comment in comments:
                if comment.parent_id == intent.get("target") and text_fingerprint(comment.text) == wanted:
                    return Receipt(platform, comment.id, comment.permalink, comment.created_time, {})
            return None
        for post in adapter.recent_posts(50):
            texts = [post.get("text") or "", post.get("title") or ""]
            if any(text and text_fingerprint(text) == wanted for text in texts):
                created = post.get("created_time")
                when = datetime.fromisoformat(created.replace("Z", "+00:00")) if isinstance(created, str) \
                    else datetime.now(UTC)
                return Receipt(platform, str(post["id"]), post.get("url"), when, {"reconciled": True})
        return None

    def _reconcile(self) -> None:
        """Settle every intent whose publisher is gone: record what the platform shows."""
        for key, intent in list(self.index.open_intents.items()):
            if not _owner_gone(intent, self.lease):
                continue
            item, platform, op, digest, attempt = key
            fields = {"item": item, "platform": platform, "op": op, "hash": digest, "attempt": attempt}
            try:
                if op == "delete":
                    exists = any(str(p["id"]) == intent.get("target") for p in self._adapter(platform).recent_posts(50))
                    outcome = "absent" if exists else "found"
                    found = None
                else:
                    found = self._find_existing(None, intent)
                    outcome = "found" if found else "absent"
            except (PlatformError, RetryableError) as error:
                self.on_event("publish.event.reconcile_failed", {"item": item, "platform": platform,
                                                                 "error": error.format_message()})
                continue
            record = new_record("reconciled", **fields, outcome=outcome,
                                receipt=_receipt_dict(found) if found else None)
            self._append(record)
            if outcome == "found":
                self.report.outcomes.append(Outcome(item, platform, "reconciled", url=found.url if found else None))
