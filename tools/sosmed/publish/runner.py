"""Carry out a plan: intent before every platform call, result after, failures isolated.

The ledger is the only memory. Before a call, an ``intent`` record is pushed; after
it, a ``success`` or ``failure``. A run that finds an intent without a result whose
publisher is gone asks the platform whether the post exists (the account's own posts
or replies, matched by text fingerprint, see :mod:`sosmed.publish.lookup`) and records
what it finds, so a crash at any instant never posts twice and never loses a post. When
the platform cannot be asked, the item is reported as a failure that needs a person
(which item, which platform, what to check) and the run exits non-zero; it is retried
on the next run, never skipped in silence.

The anchor against a rewound ledger: before posting an item or a reply, the run's one
listing of the account's own posts (or the replies under the comment) must not already
show it under an id the ledger does not know. If it does and the ledger has no record
of that item there at all, records were lost (someone rewound or replaced the branch):
the run stops before writing anything, with the "ledger rewritten" message. If the
ledger has earlier attempts, the earlier attempt went through after all and is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sosmed import clock
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.faults import crashpoint
from sosmed.i18n import t
from sosmed.model.identity import content_hash
from sosmed.model.item import Item
from sosmed.platforms.base import Message, PlatformAdapter, Receipt
from sosmed.platforms.errors import (
    AuthError,
    DuplicateError,
    PlatformError,
    QuotaError,
    RetryableError,
)
from sosmed.printing.dates import moment_text
from sosmed.publish.gate import Gate
from sosmed.publish.ledger import GitLedger, LedgerConflict
from sosmed.publish.lookup import LookupFailed, PlatformLookup
from sosmed.publish.messages import build_message, text_fingerprint
from sosmed.publish.outcome import Outcome, RunReport
from sosmed.publish.plan import Action, Plan, make_plan
from sosmed.publish.records import Index, new_record, owner, owner_gone, receipt_dict
from sosmed.publish.render import platform_label
from sosmed.specs import SOCIAL
from sosmed.urls import item_url

AdapterFactory = Callable[[str], PlatformAdapter]
MAX_REPLANS = 20


class Publisher:
    """One publishing run over a set of items.

    ``adapters`` make the platform calls; ``lookups`` (default: the same) answer the
    questions about what the platform shows, and should retry only briefly.
    """

    def __init__(self, config: Config, ledger: GitLedger, adapters: AdapterFactory, gate: Gate, *,
                 now: datetime | None = None, lease: timedelta = timedelta(minutes=15),
                 on_event: Callable[[str, dict[str, Any]], None] | None = None,
                 lookups: AdapterFactory | None = None) -> None:
        self.config = config
        self.ledger = ledger
        self.adapters = adapters
        self.gate = gate
        self.now = now or clock.now(UTC)
        self.lease = lease
        self.on_event = on_event or (lambda key, args: None)
        self._adapters: dict[str, PlatformAdapter] = {}
        self._lookup_adapters: dict[str, PlatformAdapter] = {}
        self._lookup_factory = lookups or adapters
        self.lookup = PlatformLookup(self._lookup_adapter)
        self._stopped: dict[str, str] = {}
        self._messages: dict[tuple[str, str, str], tuple[Message, str]] = {}
        self._anchors: dict[tuple[str, str, str], Receipt | LookupFailed | None] = {}
        self.report = RunReport()
        self.index = Index()
        self._stale = False

    # -- ledger helpers ----------------------------------------------------
    def _read(self) -> Index:
        index = self.ledger.read()
        for path in self.ledger.recovered_locks:
            self.on_event("publish.event.lock_recovered", {"path": path})
        self.ledger.recovered_locks.clear()
        return index

    def _append(self, record: dict[str, Any], *, must_be_first: bool = False) -> bool:
        """Append one record; False when another publisher got there first (intents only)."""
        for _ in range(MAX_REPLANS):
            try:
                self.ledger.append([record])
                self.index.add(record)
                return True
            except LedgerConflict:
                self.index = self._read()
                self._stale = True
                if must_be_first:
                    return False
        raise SosmedError("ledger.contended")

    def _adapter(self, platform: str) -> PlatformAdapter:
        if platform not in self._adapters:
            self._adapters[platform] = self.adapters(platform)
        return self._adapters[platform]

    def _lookup_adapter(self, platform: str) -> PlatformAdapter:
        if platform not in self._lookup_adapters:
            self._lookup_adapters[platform] = self._lookup_factory(platform)
        return self._lookup_adapters[platform]

    # -- the run -----------------------------------------------------------
    def plan(self, items: list[Item], only: set[str] | None = None) -> Plan:
        """Read the ledger and plan (no platform call, nothing written)."""
        self.index = self._read()
        return make_plan(items, self.index, self.now, self.gate, only)

    def run(self, items: list[Item], only: set[str] | None = None,
            fingerprints: dict[str, str] | None = None) -> RunReport:
        """Reconcile, plan, check the anchor, act; re-plan whenever another publisher wrote first.

        With ``fingerprints`` (item id → committed object id), items left with nothing to do
        are recorded as ``complete`` so that later runs need not read them.
        """
        self.ledger.require_key()
        with self.ledger.run_lock():
            self.index = self._read()
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
                    # Before anything is written: a ledger that lost records stops the run here.
                    self._anchor(action)
                if self._stale:
                    continue
                for action in todo:
                    done.add((action.key, action.platform, action.op, action.hash))
                    before = len(self.report.outcomes)
                    self._act(action)
                    self._tell(self.report.outcomes[before:])
                    if self._stale:
                        # Another publisher wrote meanwhile: the rest of this plan may be out of date.
                        break
                else:
                    break
            if fingerprints:
                self._settle(items, fingerprints)
        return self.report

    def _tell(self, outcomes: list[Outcome]) -> None:
        """One event per item and platform as soon as it is done (``publish`` prints it as it goes)."""
        for outcome in outcomes:
            self.on_event("publish.event.done", {
                "item": outcome.key, "platform": platform_label(outcome.platform),
                "status": t(f"publish.status.{outcome.status}"), "detail": outcome.url or outcome.detail or ""})

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
                    self.index = self._read()
            for record in records:
                self.index.add(record)

    def _signoff(self, action: Action) -> None:
        item = action.item
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

    def _message(self, action: Action) -> tuple[Message, str]:
        """The platform-neutral message of a publish/update/reply and its text fingerprint (built once)."""
        key = (action.key, action.platform, action.op)
        if key not in self._messages:
            message = build_message(self.config, action)
            text = message.title or message.text if action.platform == "youtube" and action.op != "reply" \
                else message.text
            self._messages[key] = (message, text_fingerprint(text))
        return self._messages[key]

    def _anchor(self, action: Action) -> Receipt | LookupFailed | None:
        """Does the platform already show this post or reply under an id the ledger does not know?

        Raises the "ledger rewritten" error when it does and the ledger has no record of the
        item there at all. Returns the post found (an earlier attempt went through), the
        lookup failure, or None.
        """
        if action.op not in ("publish", "reply") or action.platform not in SOCIAL:
            return None
        slot = (action.key, action.platform, action.hash)
        if slot not in self._anchors:
            _, fingerprint = self._message(action)
            exclude = self.index.known_ids.get(action.platform, set())
            try:
                if action.op == "reply":
                    assert action.target is not None
                    found: Receipt | LookupFailed | None = self.lookup.find_reply(
                        action.platform, action.target, fingerprint, exclude=exclude)
                else:
                    found = self.lookup.find_post(action.platform, fingerprint, since=action.item.post.date,
                                                  exclude=exclude)
            except LookupFailed as failure:
                found = failure
            self._anchors[slot] = found
        found = self._anchors[slot]
        if isinstance(found, Receipt) and (action.key, action.platform) not in self.index.touched:
            # Another publisher may have posted it since we read the ledger: its intent came first.
            self.index = self._read()
            self._stale = True
            if (action.key, action.platform) not in self.index.touched:
                raise SosmedError("ledger.rewritten", item=action.key, platform=platform_label(action.platform),
                                  found=found.url or found.id, branch=self.ledger.branch)
        return found

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
        anchor = self._anchor(action)
        if self._stale:
            return False
        if isinstance(anchor, LookupFailed):
            self._cannot_check(action, anchor)
            return True
        self._signoff(action)
        message, fingerprint = (None, None)
        if action.platform != "website" and action.op in ("publish", "update", "reply"):
            message, fingerprint = self._message(action)
        crashpoint("before_intent")
        intent = new_record("intent", item=action.key, platform=action.platform, op=action.op, hash=action.hash,
                            attempt=action.attempt, target=action.target, fingerprint=fingerprint, owner=owner())
        if not self._append(intent, must_be_first=True):
            return False
        crashpoint("after_intent")
        fields = {"item": action.key, "platform": action.platform, "op": action.op, "hash": action.hash,
                  "attempt": action.attempt, "run": intent["owner"].get("run")}
        if isinstance(anchor, Receipt):
            # An earlier attempt went through although its answer said otherwise: record it, post nothing.
            self._append(new_record("reconciled", **fields, outcome="found", receipt=receipt_dict(anchor),
                                    note="found_before_call"))
            self.report.outcomes.append(Outcome(action.key, action.platform, "reconciled", url=anchor.url))
            return True
        self.on_event("publish.event.calling", {"item": action.key, "platform": action.platform, "op": action.op})
        try:
            receipt = self._call(action, message)
        except PlatformError as error:
            self._after_error(action, intent, fields, error)
            return True
        crashpoint("after_call")
        record = new_record("success", **fields, receipt=receipt_dict(receipt) if receipt else None)
        self._append(record)
        crashpoint("after_result")
        status = {"publish": "published", "update": "updated", "delete": "deleted", "reply": "replied"}[action.op]
        self.report.outcomes.append(Outcome(action.key, action.platform, status, url=receipt.url if receipt else None))
        return True

    def _after_error(self, action: Action, intent: dict[str, Any], fields: dict[str, Any],
                     error: PlatformError) -> None:
        """Record a failed call; first look whether a refused-as-duplicate or lost create exists after all."""
        may_exist = isinstance(error, DuplicateError) or (isinstance(error, RetryableError) and error.outcome_unknown)
        if may_exist and action.op != "delete":
            try:
                found = self._find_existing(intent, fresh=True)
            except LookupFailed:
                found = None
            if found is not None:
                note = "duplicate" if isinstance(error, DuplicateError) else "outcome_unknown"
                self._append(new_record("success", **fields, receipt=receipt_dict(found), note=note))
                self.report.outcomes.append(Outcome(action.key, action.platform, "reconciled", url=found.url))
                return
        if error.partial_receipt is not None:
            # Part of it exists (a thread cut short): record it so it is never posted twice.
            self._append(new_record("success", **fields, receipt=receipt_dict(error.partial_receipt),
                                    note="partial"))
            self.report.outcomes.append(Outcome(action.key, action.platform, "failed", error.format_message()))
            return
        self._fail(action, fields, error)

    def _fail(self, action: Action, fields: dict[str, Any], error: PlatformError) -> None:
        message = error.format_message()
        self._append(new_record("failure", **fields, error={"class": type(error).__name__, "status": error.status,
                                                            "request_id": error.request_id, "message": message}))
        if isinstance(error, QuotaError | AuthError):
            self._stopped[action.platform] = message
        self.report.outcomes.append(Outcome(action.key, action.platform, "failed", message))

    def _cannot_check(self, action: Action, failure: LookupFailed) -> None:
        """The platform could not be asked whether the post exists: do not post blind; retry next run."""
        detail = t("publish.anchor_failed", platform=platform_label(action.platform), error=str(failure))
        self.on_event("publish.event.anchor_failed", {"item": action.key, "platform": platform_label(action.platform),
                                                      "error": str(failure)})
        self.report.outcomes.append(Outcome(action.key, action.platform, "failed", detail))

    def _call(self, action: Action, message: Message | None) -> Receipt | None:
        self.report.calls += 1
        if action.platform == "website":
            url = item_url(self.config, action.item)
            return Receipt("website", action.item.id, url, clock.now(UTC), {})
        adapter = self._adapter(action.platform)
        if action.op == "delete":
            assert action.target is not None
            adapter.delete(action.target)
            return None
        assert message is not None
        if action.op == "publish":
            return adapter.publish(message)
        assert action.target is not None
        if action.op == "update":
            return adapter.update(action.target, message)
        return adapter.reply(action.target, message.text)

    # -- recovery ----------------------------------------------------------
    def _find_existing(self, intent: dict[str, Any], fresh: bool = False) -> Receipt | None:
        """Ask the platform whether the post or reply of an intent exists (matched by text fingerprint)."""
        platform = intent["platform"]
        wanted = intent.get("fingerprint")
        if platform not in SOCIAL or not wanted:
            return None
        exclude = self.index.known_ids.get(platform, set())
        if intent.get("op") == "reply":
            return self.lookup.find_reply(platform, str(intent.get("target")), wanted, exclude=exclude, fresh=fresh)
        since = datetime.fromisoformat(intent["time"])
        return self.lookup.find_post(platform, wanted, since=since, exclude=exclude, fresh=fresh)

    def _reconcile(self) -> None:
        """Settle every intent whose publisher is gone: record what the platform shows.

        When the platform cannot be asked, the intent stays open and the item is reported
        as a failure that needs a person; the next run asks again.
        """
        for key, intent in list(self.index.open_intents.items()):
            if not owner_gone(intent, self.lease):
                continue
            item, platform, op, digest, attempt = key
            fields = {"item": item, "platform": platform, "op": op, "hash": digest, "attempt": attempt}
            try:
                if op == "delete" and platform in SOCIAL:
                    found = None
                    outcome = "absent" if self.lookup.exists(platform, str(intent.get("target"))) else "found"
                else:
                    found = self._find_existing(intent)
                    outcome = "found" if found else "absent"
            except LookupFailed as failure:
                self._reconcile_failed(item, platform, op, intent, failure)
                continue
            record = new_record("reconciled", **fields, outcome=outcome,
                                receipt=receipt_dict(found) if found else None)
            self._append(record)
            if outcome == "found":
                self.report.outcomes.append(Outcome(item, platform, "reconciled", url=found.url if found else None))

    def _reconcile_failed(self, item: str, platform: str, op: str, intent: dict[str, Any],
                          failure: LookupFailed) -> None:
        label = platform_label(platform)
        what = t(f"publish.reconcile_check.{op}", platform=label, target=intent.get("target") or "-",
                 time=moment_text(intent.get("time"), self.config.zone))
        detail = t("publish.reconcile_failed", platform=label, error=str(failure), check=what)
        self.on_event("publish.event.reconcile_failed", {"item": item, "platform": label, "error": str(failure)})
        self.report.outcomes.append(Outcome(item, platform, "failed", detail))
