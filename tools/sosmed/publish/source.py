"""Which items the publisher must read: those whose committed files changed since they were settled.

Items are read from the git objects of one commit (:mod:`sosmed.snapshot`), never from the
working tree: what the gate verified is exactly what is published. Each item's
*fingerprint* is the git object id of its committed files (a post's bundle tree, a form's
blob), listed for the whole repository in one ``git ls-tree``. An item whose fingerprint
equals the one its last ``complete`` ledger record names is settled on every platform and is
not even parsed, so planning grows with new and changed items, not with the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.publish.records import Index
from sosmed.snapshot import Snapshot


@dataclass
class Sources:
    """Items to plan, the fingerprints of every item in the commit, and what could not be read."""

    items: list[Item]
    fingerprints: dict[str, str]
    skipped: int
    commit: str = ""
    problems: list[Problem] = field(default_factory=list)


def items_to_plan(config: Config, index: Index, snapshot: Snapshot) -> Sources:
    """Load, from the snapshot's commit, only the items that are not settled at their committed version."""
    fingerprints = snapshot.fingerprints()
    todo = [item_id for item_id, oid in fingerprints.items() if index.complete.get(item_id) != oid]
    loaded = snapshot.load(config, todo) if todo else None
    items = loaded.items if loaded else []
    problems = loaded.errors if loaded else []
    return Sources(items, fingerprints, len(fingerprints) - len(todo), snapshot.commit, problems)
