"""Everything the archive shows, gathered once: posts, public Q&A, recaps and the ledger's receipts.

Content is read through the model (:func:`sosmed.model.loader.load_items`); receipts and
sign-offs come from the ledger branch when the repository has one. Nothing here knows
how pages look.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.document import read_document
from sosmed.model.fields import PLATFORMS
from sosmed.model.identity import content_hash
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.problem import Problem
from sosmed.publish.records import Index
from sosmed.urls import item_path

RECAP_NAME = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\.md$")


@dataclass(frozen=True)
class Published:
    """Where a post went, from the ledger's receipt (or that it was removed again)."""

    platform: str
    url: str | None
    time: datetime | None
    removed: bool = False


@dataclass
class PostEntry:
    """A post as the site shows it."""

    item: Item
    url: str
    published: list[Published] = field(default_factory=list)
    signoff: dict[str, Any] | None = None

    @property
    def retracted(self) -> bool:
        return self.item.post.status == "retracted"


@dataclass
class FormEntry:
    """A public Q&A form with at least one answered question."""

    item: Item
    url: str


@dataclass
class RecapEntry:
    """A monthly recap file: ``recaps/YYYY-MM.md`` (front matter optional)."""

    year: int
    month: int
    url: str
    title: str | None
    body: str
    meta: dict[str, Any]


@dataclass
class Archive:
    """The whole site's data, newest first in every list."""

    config: Config
    posts: list[PostEntry]
    forms: list[FormEntry]
    recaps: list[RecapEntry]
    problems: list[Problem]
    ledger: bool


def read_ledger(config: Config, target: str = "live") -> Index | None:
    """The verified ledger index of ``target`` (the live one unless a preview asks for ``sandbox``).

    None when the instance is no git repository, has no ledger yet, or the ledger cannot be
    verified (no key, or a forged or rewound ledger): the public site never states a claim.
    """
    from sosmed.publish.ledger import read_index

    try:
        return read_index(config, target)
    except (SosmedError, OSError):
        return None


def gather(config: Config, *, ledger: Index | None = None, now: datetime | None = None) -> Archive:
    """Load posts, public forms and recaps under ``config.root``; join the ledger's receipts."""
    root = config.root
    folders = [root / name for name in ("content", "qna") if (root / name).is_dir()]
    loaded = load_items(folders, config) if folders else None
    items = loaded.items if loaded else []
    problems = loaded.errors if loaded else []
    now = now or datetime.now(UTC)

    signoffs: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    if ledger is not None:
        for (item_id, digest), record in ledger.signoffs.items():
            signoffs[item_id][digest] = record

    posts = [
        _post_entry(item, ledger, signoffs.get(item.id))
        for item in items
        if item.kind == "post" and item.post.date <= now
    ]
    posts.sort(key=lambda e: (e.item.post.date, e.item.id), reverse=True)
    forms = [
        FormEntry(item, item_path(item))
        for item in items
        if item.kind == "qna" and item.form.public and any(q.answered for q in item.form.questions)
        and item.form.received <= now
    ]
    forms.sort(key=lambda e: (e.item.form.received, e.item.id), reverse=True)
    return Archive(config, posts, forms, read_recaps(root / "recaps", config), problems, ledger is not None)


def _post_entry(item: Item, ledger: Index | None, signoffs: dict[str, dict[str, Any]] | None) -> PostEntry:
    entry = PostEntry(item, item_path(item))
    if ledger is None:
        return entry
    for platform in PLATFORMS:
        if platform == "website":
            continue
        if (item.id, platform) in ledger.deleted:
            entry.published.append(Published(platform, None, None, removed=True))
            continue
        record = ledger.live.get((item.id, platform))
        if record is None:
            continue
        receipt = record.get("receipt") or {}
        when = parse_time(receipt.get("time") or record.get("time"))
        entry.published.append(Published(platform, receipt.get("url"), when))
    if signoffs:
        # A sign-off counts only for the exact content it approved: no match, no line.
        record = signoffs.get(content_hash(item))
        if record is not None:
            entry.signoff = dict(record.get("signoff") or {}, recorded=record.get("time"))
    return entry


def parse_time(value: Any) -> datetime | None:
    """An ISO time from the ledger as an aware datetime (None when absent or unreadable)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_recaps(folder: Path, config: Config) -> list[RecapEntry]:
    """Every ``recaps/YYYY-MM.md``, newest first; front matter is optional, the body is shown as written."""
    if not folder.is_dir():
        return []
    recaps = []
    for path in folder.iterdir():
        match = RECAP_NAME.match(path.name)
        if not match or not path.is_file():
            continue
        year, month = int(match.group(1)), int(match.group(2))
        doc, _problems = read_document(path, f"recaps/{path.name}", max_bytes=config.limits.max_file_bytes)
        if doc is not None:
            meta, body = doc.data, doc.body
        else:
            meta, body = {}, path.read_text(encoding="utf-8", errors="replace")
        title = meta.get("title") if isinstance(meta.get("title"), str) else None
        recaps.append(RecapEntry(year, month, f"rekap/{year:04d}-{month:02d}/", title, body, meta))
    recaps.sort(key=lambda r: (r.year, r.month), reverse=True)
    return recaps

