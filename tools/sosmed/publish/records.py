"""Ledger records and the index the planner reads them through.

A record is one JSON object per line. Kinds:

- ``intent``: about to call a platform (written and pushed *before* the call);
- ``success``: the platform answered; carries the receipt (ids, URL, time);
- ``failure``: the call failed; carries the error class and message (never a secret);
- ``reconciled``: an intent whose result was lost, settled by asking the platform;
- ``signoff``: the sign-off record the gate produced for an item's content hash;
- ``complete``: every platform of an item is settled for this source fingerprint;
- ``offline``: a Q&A question answered outside the platforms;
- ``cursor``: where comment collection stopped, per platform;
- ``insights``: the numbers of the agency's own posts that changed since the last collection
  (:mod:`sosmed.insights.snapshots`), one record per ``sosmed insights collect`` run.

Operations (``op``): ``publish``, ``update``, ``delete``, ``reply``.

On the branch each record also carries ``seq`` and ``mac`` (:mod:`sosmed.publish.signing`).
An :class:`Index` built from a ledger that could not be verified (no key) is marked
``verified=False`` and never exposes a sign-off: what it holds are claims.
"""

from __future__ import annotations

import json
import os
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sosmed import clock
from sosmed.platforms.base import Receipt

SCHEMA_VERSION = 1
INSIGHTS = "insights"
RESULT_KINDS = ("success", "failure", "reconciled")
RAW_LIMIT = 4000  # bytes of a platform's raw answer kept in a receipt


def now_iso() -> str:
    """UTC now, ISO 8601 with seconds."""
    return clock.now(UTC).isoformat(timespec="seconds")


def new_record(kind: str, **fields: Any) -> dict[str, Any]:
    """A record with the common fields filled in."""
    record: dict[str, Any] = {"v": SCHEMA_VERSION, "kind": kind, "time": now_iso()}
    record.update({k: v for k, v in fields.items() if v is not None})
    return record


def owner() -> dict[str, Any]:
    """Who wrote an intent: lets a later run tell a crashed publisher from a live one.

    ``start`` (the process's start time, where the system tells it) tells a live
    publisher from a new process that happens to have the same pid.
    """
    run_url = None
    server, repo, run_id = (os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repo and run_id:
        run_url = f"{server}/{repo}/actions/runs/{run_id}"
    return {"host": socket.gethostname(), "pid": os.getpid(), "start": process_start(os.getpid()), "run": run_url}


def process_start(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot, from ``/proc``); None if unknown or gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the command name: state is field 3 of proc(5), starttime field 22.
    if len(fields) < 20 or fields[0] == "Z":
        return None
    return int(fields[19]) if fields[19].isdigit() else None


def dumps(record: dict[str, Any]) -> str:
    """One canonical JSON line."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


Key = tuple[str, str, str]  # (item, platform, op)


@dataclass
class Index:
    """What the ledger says, arranged for the planner's questions."""

    records: list[dict[str, Any]] = field(default_factory=list)
    # (item, platform) → the latest success of publish/update (the live post), or None after a delete
    live: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # (item, platform) → content hashes that went out successfully (publish or update)
    done_hashes: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # (item, platform, op, hash) → attempts used
    attempts: dict[tuple[str, str, str, str], int] = field(default_factory=lambda: defaultdict(int))
    # (item, platform, op, hash, attempt) → intent without a result
    open_intents: dict[tuple[str, str, str, str, int], dict[str, Any]] = field(default_factory=dict)
    # (item, platform, op, hash) → last failure
    failures: dict[tuple[str, str, str, str], dict[str, Any]] = field(default_factory=dict)
    complete: dict[str, str] = field(default_factory=dict)  # item → source fingerprint
    deleted: set[tuple[str, str]] = field(default_factory=set)
    signoffs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (item, hash) → record
    cursors: dict[str, str] = field(default_factory=dict)
    offline: set[str] = field(default_factory=set)
    # (item, platform) pairs with any intent or result: the ledger knows of them
    touched: set[tuple[str, str]] = field(default_factory=set)
    # platform → ids of everything the account published or replied with, per the ledger
    known_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    verified: bool = False

    def add(self, record: dict[str, Any]) -> None:
        """Fold one record into the index."""
        self.records.append(record)
        kind = record.get("kind")
        item, platform = record.get("item", ""), record.get("platform", "")
        op, digest, attempt = record.get("op", ""), record.get("hash", ""), int(record.get("attempt", 0))
        if kind == "intent" or kind in RESULT_KINDS:
            self.touched.add((item, platform))
            receipt = record.get("receipt")
            if isinstance(receipt, dict) and receipt.get("id"):
                self.known_ids[platform].update(str(i) for i in (receipt["id"], *(receipt.get("extra_ids") or ())))
        if kind == "intent":
            self.attempts[(item, platform, op, digest)] = max(self.attempts[(item, platform, op, digest)], attempt)
            self.open_intents[(item, platform, op, digest, attempt)] = record
        elif kind in RESULT_KINDS:
            self.open_intents.pop((item, platform, op, digest, attempt), None)
            if kind == "failure":
                self.failures[(item, platform, op, digest)] = record
                return
            if record.get("outcome") == "absent":  # reconciled: the call never took effect
                return
            self.failures.pop((item, platform, op, digest), None)
            if op in ("publish", "update", "reply"):
                self.live[(item, platform)] = record
                self.done_hashes[(item, platform)].add(digest)
                self.deleted.discard((item, platform))
            elif op == "delete":
                self.deleted.add((item, platform))
        elif kind == "complete":
            self.complete[item] = record.get("fingerprint", "")
        elif kind == "signoff" and self.verified:
            self.signoffs[(item, digest)] = record
        elif kind == "cursor":
            self.cursors[platform] = record.get("cursor", "")
        elif kind == "offline":
            self.offline.add(item)

    @classmethod
    def build(cls, records: list[dict[str, Any]], verified: bool = True) -> Index:
        """Index a list of records in order; ``verified`` says whether their signatures were checked."""
        index = cls(verified=verified)
        for record in records:
            index.add(record)
        return index

    def history(self, item: str) -> list[dict[str, Any]]:
        """Every record about one item (for ``sosmed receipt``)."""
        return [r for r in self.records if r.get("item") == item or str(r.get("item", "")).startswith(item + "#")]


def receipt_dict(receipt: Receipt) -> dict[str, Any]:
    """A platform's receipt as the ledger keeps it (a raw answer over ``RAW_LIMIT`` is left out)."""
    raw = receipt.raw if len(json.dumps(receipt.raw, default=str)) <= RAW_LIMIT else {"truncated": True}
    return {"platform": receipt.platform, "id": receipt.id, "url": receipt.url,
            "time": receipt.time.astimezone(UTC).isoformat(timespec="seconds"),
            "extra_ids": list(receipt.extra_ids), "raw": raw}


def owner_gone(intent: dict[str, Any], lease: timedelta) -> bool:
    """Whether the publisher that wrote ``intent`` can no longer finish it."""
    who = intent.get("owner") or {}
    if who.get("host") == socket.gethostname() and isinstance(who.get("pid"), int):
        pid = who["pid"]
        if pid == os.getpid():
            return True  # this process, at the start of a run: an earlier run in it was cut short
        if process_start(os.getpid()) is not None:
            started = process_start(pid)  # None: gone (or a zombie, killed and not yet reaped)
            return started is None or (isinstance(who.get("start"), int) and started != who["start"])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    written = datetime.fromisoformat(intent["time"])
    return clock.now(UTC) - written > lease
