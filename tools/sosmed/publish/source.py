"""Which items the publisher must read: those whose committed files changed since they were settled.

Each item's *fingerprint* is the git object id of its committed files (a post's bundle
tree, a form's blob), listed for the whole repository in one ``git ls-tree``. An item
whose fingerprint equals the one its last ``complete`` ledger record names is settled
on every platform and is not even parsed, so planning grows with new and changed items,
not with the archive.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.model.loader import FORM_NAME, POST_FOLDER, load_items
from sosmed.problem import Problem
from sosmed.publish.records import Index


@dataclass
class Sources:
    """Items to plan, and the fingerprints of every item in the repository."""

    items: list[Item]
    fingerprints: dict[str, str]
    skipped: int
    # Files that could not be loaded: each fails alone, the others are planned (see Plan.unreadable).
    problems: list[Problem] = field(default_factory=list)


def committed_fingerprints(root: Path) -> dict[str, tuple[str, Path]]:
    """item id → (git object id, path) for every post bundle and form at HEAD; empty outside git."""
    proc = subprocess.run(["git", "ls-tree", "-r", "-t", "-z", "HEAD", "content", "qna"], cwd=root,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {}
    found: dict[str, tuple[str, Path]] = {}
    for entry in proc.stdout.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        kind, oid = meta.split()[1:3]
        name = path.rsplit("/", 1)[-1]
        if kind == "tree" and path.startswith("content/") and POST_FOLDER.match(name):
            found[name] = (oid, root / path / "index.md")
        elif kind == "blob" and path.startswith("qna/") and FORM_NAME.match(name):
            found[name[:-3]] = (oid, root / path)
    return found


def items_to_plan(config: Config, index: Index) -> Sources:
    """Load only the items that are not settled at their committed version."""
    root = config.root
    committed = committed_fingerprints(root)
    if not committed:
        paths = [p for p in (root / "content", root / "qna") if p.exists()]
        loaded = load_items(paths, config)
        return Sources(loaded.items, {}, 0, loaded.errors)
    todo = [path for item_id, (oid, path) in committed.items() if index.complete.get(item_id) != oid]
    loaded = load_items([p for p in todo if p.exists()], config) if todo else None
    fingerprints = {item_id: oid for item_id, (oid, _) in committed.items()}
    return Sources(loaded.items if loaded else [], fingerprints, len(committed) - len(todo),
                   loaded.errors if loaded else [])
