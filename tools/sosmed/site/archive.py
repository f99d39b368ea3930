"""Everything the archive shows, gathered once: posts, public Q&A, recaps and the ledger's receipts.

The public archive shows only what was signed, exactly as signed: items are read from the
git objects of the commit (:mod:`sosmed.snapshot`), never the working tree, and an item
appears only when the ledger holds a sign-off for its exact content hash — or, when it was
changed on ``main`` afterwards without a new sign-off, in the version that was signed.
Drafts, triage forms, unsigned items and unsigned recaps stay off the public site. The
*preview* (``sosmed site build --preview``, ``mkdocs serve``) shows the working tree to
editors, every unsigned item marked. Nothing here knows how pages look.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosmed import clock
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.document import parse_text
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
    """A post as the site shows it; ``signed`` is False only in a preview."""

    item: Item
    url: str
    published: list[Published] = field(default_factory=list)
    signoff: dict[str, Any] | None = None
    signed: bool = True

    @property
    def retracted(self) -> bool:
        return self.item.post.status == "retracted"


@dataclass
class FormEntry:
    """A public Q&A form with at least one answered question; ``signed`` is False only in a preview."""

    item: Item
    url: str
    signed: bool = True


@dataclass
class RecapEntry:
    """A monthly recap file: ``recaps/YYYY-MM.md`` (front matter optional)."""

    year: int
    month: int
    url: str
    title: str | None
    body: str
    meta: dict[str, Any]
    signed: bool = True
    hash: str = ""
    charts: tuple[tuple[str, bytes], ...] = ()

    @property
    def key(self) -> str:
        """The ledger key its sign-off is filed under (``recap-YYYY-MM``)."""
        return f"recap-{self.year:04d}-{self.month:02d}"


@dataclass
class Archive:
    """The whole site's data, newest first in every list."""

    config: Config
    posts: list[PostEntry]
    forms: list[FormEntry]
    recaps: list[RecapEntry]
    problems: list[Problem]
    ledger: bool
    preview: bool = False
    hidden: int = 0  # items left out because no sign-off covers them (public build)

    def unsigned_urls(self) -> set[str]:
        """Pages of items shown without a sign-off (a preview marks them)."""
        urls = {e.url for e in self.posts if not e.signed} | {e.url for e in self.forms if not e.signed}
        return urls | {r.url for r in self.recaps if not r.signed}


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


def gather(config: Config, *, ledger: Index | None = None, now: datetime | None = None,
           preview: bool = False, cache: Path | None = None) -> Archive:
    """Posts, public forms and recaps to show, with the ledger's receipts.

    The public archive (default) reads the commit ``HEAD`` and keeps only signed content;
    ``preview`` reads the working tree and keeps everything, marking what is unsigned.
    """
    now = now or clock.now(UTC)
    if preview:
        return _gather_preview(config, ledger, now)
    return _gather_signed(config, ledger, now, cache or config.root / ".sosmed" / "cache" / "snapshot")


def _signoffs_by_item(ledger: Index | None) -> dict[str, dict[str, dict[str, Any]]]:
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    if ledger is not None:
        for (item_id, digest), record in ledger.signoffs.items():
            found[item_id][digest] = record
    return found


def _gather_preview(config: Config, ledger: Index | None, now: datetime) -> Archive:
    root = config.root
    folders = [root / name for name in ("content", "qna") if (root / name).is_dir()]
    loaded = load_items(folders, config) if folders else None
    signoffs = _signoffs_by_item(ledger)
    posts, forms = [], []
    for item in loaded.items if loaded else []:
        signed = content_hash(item) in signoffs.get(item.id, {})
        if item.kind == "post":
            entry = _post_entry(item, ledger, signoffs.get(item.id))
            entry.signed = signed
            posts.append(entry)
        elif _public_form(item, config):
            forms.append(FormEntry(item, item_path(item), signed))
    recaps = read_recaps(root / "recaps", config)
    for recap in recaps:
        recap.signed = recap.hash in signoffs.get(recap.key, {})
    return _archive(config, posts, forms, recaps, loaded.errors if loaded else [], ledger, preview=True)


def _gather_signed(config: Config, ledger: Index | None, now: datetime, cache: Path) -> Archive:
    from sosmed.snapshot import Snapshot, resolve_commit

    if resolve_commit(config.root) is None:
        raise SosmedError("site.error.no_commit", path=str(config.root))
    signoffs = _signoffs_by_item(ledger)
    snapshot = Snapshot(config.root, "HEAD", cache=cache)
    loaded = snapshot.load(config, [i for i in snapshot.listing.entries if i in signoffs])
    problems = loaded.errors
    chosen: dict[str, Item] = {}
    older = []
    for item in loaded.items:
        if content_hash(item) in signoffs[item.id]:
            chosen[item.id] = item
        else:
            older.append(item.id)
    # Changed on main since the sign-off: show the version that was signed, if the record says which.
    for item_id in older:
        signed = _signed_version(snapshot, config, signoffs[item_id])
        if signed is not None:
            chosen[item_id] = signed
    hidden = len(snapshot.listing.entries) - len(chosen)
    posts = [_post_entry(item, ledger, signoffs.get(item.id)) for item in chosen.values()
             if item.kind == "post" and item.post.date <= now]
    forms = [FormEntry(item, item_path(item)) for item in chosen.values()
             if item.kind == "qna" and _public_form(item, config) and item.form.received <= now]
    recaps = [r for r in read_recaps(config.root / "recaps", config, commit=snapshot.commit)
              if r.hash in signoffs.get(r.key, {})]
    return _archive(config, posts, forms, recaps, problems, ledger, hidden=hidden)


def _signed_version(snapshot: Any, config: Config, records: dict[str, dict[str, Any]]) -> Item | None:
    """The newest signed version of an item whose record names its path and object id."""
    for digest, record in reversed(list(records.items())):
        path, oid = record.get("path"), record.get("fingerprint")
        if not isinstance(path, str) or not isinstance(oid, str):
            continue
        loaded = snapshot.load_entries(config, [snapshot.entry_at(path, oid)])
        found: list[Item] = [item for item in loaded.items if content_hash(item) == digest]
        if found:
            return found[0]
    return None


def _public_form(item: Item, config: Config) -> bool:
    form = item.form
    return (form.public and not form.draft and form.bidang in set(config.division_slugs)
            and any(q.answered for q in form.questions))


def _archive(config: Config, posts: list[PostEntry], forms: list[FormEntry], recaps: list[RecapEntry],
             problems: list[Problem], ledger: Index | None, *, preview: bool = False, hidden: int = 0) -> Archive:
    posts.sort(key=lambda e: (e.item.post.date, e.item.id), reverse=True)
    forms.sort(key=lambda e: (e.item.form.received, e.item.id), reverse=True)
    return Archive(config, posts, forms, recaps, problems, ledger is not None, preview, hidden)


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


def read_recaps(folder: Path, config: Config, *, commit: str | None = None) -> list[RecapEntry]:
    """Every ``recaps/YYYY-MM.md`` with its charts, newest first (from ``commit``'s objects when given,
    else from the folder); front matter is optional, the body is shown as written."""
    from sosmed.snapshot import recaps_at, recaps_in

    files = recaps_at(config.root, commit) if commit else recaps_in(folder.parent)
    recaps = []
    for found in files:
        year, month = (int(part) for part in found.month.split("-"))
        text = found.text.decode("utf-8", errors="replace")
        doc, _problems = parse_text(text, Path(found.display), found.display) if text.startswith("---") \
            else (None, [])
        meta, body = (doc.data, doc.body) if doc is not None else ({}, text)
        title = meta.get("title") if isinstance(meta.get("title"), str) else None
        recaps.append(RecapEntry(year, month, f"rekap/{found.month}/", title, body, meta, hash=found.hash,
                                 charts=found.charts))
    recaps.sort(key=lambda r: (r.year, r.month), reverse=True)
    return recaps
