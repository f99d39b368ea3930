"""``sosmed qna collect``: citizens' comments and mentions → draft Formulir Q&A per proposed division.

For each platform with an account in ``sosmed.yml`` and credentials in the environment,
the adapter's ``comments(since)`` is read from the cursor kept in the ledger (``cursor``
records), so nothing is read twice. Left out: the agency's own posts and replies (by
author and by the ids the ledger recorded), comments already on a form (by comment id),
and comments older than ``--since``.

Personal numbers and e-mail addresses in a question (FBS 8) are masked before the text
is written: a form lives in git, where a citizen's NIK or phone number would stay in the
history forever. The form says what was masked, and the FBS 8 check rules are run on
the new forms so that what masking cannot fix (addresses, plates) is reported at once.

Timestamp cursors (Facebook, Instagram, YouTube) are re-read from one second earlier and
the comment ids of the cursor's own second are remembered in the record (``seen``): two
comments in the same second are then neither lost nor read twice. X cursors are post ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sosmed import clock
from sosmed.check.engine import run_checks
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.http.session import make_session
from sosmed.i18n import t
from sosmed.model.qna import TRIAGE
from sosmed.platforms import Comment, PlatformAdapter, get_adapter
from sosmed.platforms.base import parse_time
from sosmed.platforms.credentials import missing_secrets
from sosmed.privacy import mask
from sosmed.privacy.numbers import find_emails, find_numbers
from sosmed.problem import Problem
from sosmed.publish.ledger import GitLedger, LedgerConflict, open_ledger
from sosmed.publish.records import Index, new_record
from sosmed.publish.service import retry_policies
from sosmed.qna.formfile import DraftQuestion, default_officer, form_text
from sosmed.qna.routing import Route, route
from sosmed.scaffold import next_form_id
from sosmed.specs import SOCIAL
from sosmed.visible import visible_text

_COMMENT_ID = re.compile(r"^\s*comment_id:\s*[\"']?([^\"'\n#]+?)[\"']?\s*(?:#.*)?$", re.M)
_OWN_ATTRS = ("page_id", "user_id", "channel_id")
_NUMBER_NAMES = {"nik": "NIK", "nip": "NIP", "phone": "phone"}


@dataclass
class CollectedQuestion:
    """One new question: the comment it came from, the proposed division, and its draft."""

    comment: Comment
    route: Route
    draft: DraftQuestion


@dataclass
class DraftForm:
    """A form written (or, in a dry run, that would be written)."""

    id: str
    bidang: str
    path: Path
    questions: list[CollectedQuestion]


@dataclass
class CollectReport:
    """What a collection run read, left out, drafted and where it stopped."""

    read: dict[str, int] = field(default_factory=dict)
    own: int = 0
    known: int = 0
    old: int = 0
    forms: list[DraftForm] = field(default_factory=list)
    cursors: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # platform → why (no account/credentials)
    errors: dict[str, str] = field(default_factory=dict)  # platform → error message
    privacy: list[Problem] = field(default_factory=list)  # FBS 8 findings on the new forms
    unreadable: list[Problem] = field(default_factory=list)  # forms that could not be read as UTF-8 text

    @property
    def questions(self) -> list[CollectedQuestion]:
        return [q for form in self.forms for q in form.questions]

    @property
    def exit_code(self) -> int:
        """1 when a platform or an existing form could not be read, else 0."""
        return 1 if self.errors or self.unreadable else 0


def known_comment_ids(root: Path, problems: list[Problem] | None = None) -> set[str]:
    """Comment ids already on a form anywhere under ``qna/`` (read as text: a broken form still counts).

    A form that is not UTF-8 (saved as Latin-1 by some editor) is read byte for byte so its
    comment ids still count; a form that cannot be read at all is skipped. Either is added to
    ``problems`` with its file and line, and the collection goes on.
    """
    found: set[str] = set()
    folder = root / "qna"
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("QA-*.md")):
        display = path.relative_to(root).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            if problems is not None:
                problems.append(Problem(display, 1, 1, "file", "error", "file.unreadable",
                                        {"error": exc.strerror or str(exc)}))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if problems is not None:
                problems.append(Problem(display, raw[: exc.start].count(b"\n") + 1, 1, "file", "error",
                                        "file.not_utf8", {}))
            text = raw.decode("latin-1")
        found.update(m.group(1).strip() for m in _COMMENT_ID.finditer(text))
    return found


def own_ids(index: Index) -> set[str]:
    """Ids of everything the agency published or replied with, from the ledger's receipts."""
    ids: set[str] = set()
    for record in index.records:
        receipt = record.get("receipt") if record.get("kind") in ("success", "reconciled") else None
        if isinstance(receipt, dict):
            ids.add(str(receipt.get("id", "")))
            ids.update(str(i) for i in receipt.get("extra_ids") or ())
    ids.discard("")
    return ids


def last_cursor(index: Index, platform: str) -> dict[str, Any] | None:
    """The latest ``cursor`` record of ``platform``, if any."""
    for record in reversed(index.records):
        if record.get("kind") == "cursor" and record.get("platform") == platform:
            found: dict[str, Any] = record
            return found
    return None


def _is_timestamp(cursor: str) -> bool:
    return not cursor.isdigit()


def _own_names(config: Config) -> set[str]:
    accounts = config.accounts
    names = {a.username.lower() for a in (accounts.instagram, accounts.x) if a is not None}
    names.update(a.name.lower() for a in (accounts.facebook, accounts.youtube) if a is not None)
    return names


def mask_question(text: str) -> tuple[str, list[str]]:
    """``text`` with NIK, NIP, phone numbers and e-mail addresses masked, and what kinds were found."""
    kinds = [_NUMBER_NAMES[f.kind] for f in find_numbers(text)]
    kinds += ["e-mail" for _ in find_emails(text)]
    if not kinds:
        return text, []
    return mask(text), sorted(set(kinds))


def _draft(comment: Comment) -> DraftQuestion:
    # Control characters are made visible first: the masked text goes to the form, the terminal and git.
    text, kinds = mask_question(visible_text(comment.text).strip())
    flags = [t("qna.file.personal", kinds=", ".join(kinds))] if kinds else []
    asker = visible_text(comment.author) if comment.author else comment.author
    return DraftQuestion(text=text, platform=comment.platform, comment_id=comment.id, link=comment.permalink,
                         asker=asker, received_at=comment.created_time, flags=flags)


def _read_platform(adapter: PlatformAdapter, cursor: dict[str, Any] | None, since: datetime | None
                   ) -> tuple[list[Comment], str | None, set[str]]:
    """New comments of one platform, the next cursor and the ids seen in the cursor's own second."""
    value = str(cursor.get("cursor") or "") if cursor else ""
    seen = set(cursor.get("seen") or ()) if cursor else set()
    if value and _is_timestamp(value):
        start = (parse_time(value) - timedelta(seconds=1)).isoformat()
    elif value:
        start = value
    elif since is not None and adapter.name != "x":
        start = (since - timedelta(seconds=1)).isoformat()
    else:
        start = None
    comments, next_cursor = adapter.comments(start)
    comments = [c for c in comments if c.id not in seen]
    if not comments:
        return [], value or None, seen
    if next_cursor and _is_timestamp(next_cursor):
        newest = max(c.created_time for c in comments)
        boundary = {c.id for c in comments if c.created_time.replace(microsecond=0) == newest.replace(microsecond=0)}
        if value and parse_time(value).replace(microsecond=0) == newest.replace(microsecond=0):
            boundary |= seen
        return comments, next_cursor, boundary
    return comments, next_cursor or value or None, set()


def collect(
    config: Config,
    *,
    env: Mapping[str, str],
    since: datetime | None = None,
    now: datetime | None = None,
    officer: str | None = None,
    dry_run: bool = False,
    adapter_factory: Callable[[str], PlatformAdapter] | None = None,
    target: str = "live",
) -> CollectReport:
    """Read new comments, draft forms by proposed division, record the cursors; return what happened.

    The cursors live on ``target``'s ledger (live by default; ``sandbox`` when rehearsing),
    which must be signable (its key set) unless this is a dry run.
    """
    now = now or clock.now(config.zone)
    ledger = open_ledger(config.root, config, target, env)
    if not dry_run:
        ledger.require_key()
    index = ledger.read()
    report = CollectReport()
    # The platforms' retry policy, scaled by SOSMED_RETRY_BASE_DELAY as publishing's is.
    calls = retry_policies(env)[0]
    factory = adapter_factory or (lambda name: get_adapter(name, env, session=make_session(calls)))
    fresh, cursor_records = _read_all(config, env, index, since, factory, report)
    report.forms = _draft_forms(config, fresh, now, officer or default_officer(config), dry_run)
    if dry_run:
        return report
    if report.forms:
        report.privacy = [p for p in run_checks([f.path for f in report.forms], config).problems if p.fbs == 8]
    if cursor_records:
        _save_cursors(ledger, cursor_records)
    return report


def _read_all(config: Config, env: Mapping[str, str], index: Index, since: datetime | None,
              factory: Callable[[str], PlatformAdapter], report: CollectReport
              ) -> tuple[list[Comment], list[dict[str, Any]]]:
    """Read every platform: the fresh comments, and the cursor records to save (counts go to ``report``)."""
    known = known_comment_ids(config.root, report.unreadable)
    mine = own_ids(index)
    names = _own_names(config)
    fresh: list[Comment] = []
    cursor_records: list[dict[str, Any]] = []
    for platform in SOCIAL:
        skipped = _why_skipped(config, platform, env)
        if skipped:
            report.skipped[platform] = skipped
            continue
        previous = last_cursor(index, platform)
        try:
            adapter = factory(platform)
            comments, next_cursor, seen = _read_platform(adapter, previous, since)
        except SosmedError as exc:
            report.errors[platform] = exc.format_message()
            continue
        report.read[platform] = len(comments)
        own_authors = {str(getattr(adapter, a)) for a in _OWN_ATTRS if getattr(adapter, a, None)}
        for comment in comments:
            kind = _kind(comment, mine, own_authors, names, known, since)
            if kind == "fresh":
                fresh.append(comment)
                known.add(comment.id)
            elif kind == "own":
                report.own += 1
            elif kind == "known":
                report.known += 1
            else:
                report.old += 1
        old_value = str(previous.get("cursor") or "") if previous else ""
        if next_cursor and (next_cursor != old_value or seen != set((previous or {}).get("seen") or ())):
            report.cursors[platform] = next_cursor
            cursor_records.append(new_record("cursor", platform=platform, cursor=next_cursor, seen=sorted(seen),
                                             read=len(comments)))
    return fresh, cursor_records


def _save_cursors(ledger: GitLedger, records: list[dict[str, Any]]) -> None:
    # Forms first, cursor after: a crash in between re-reads, and the comment ids on the forms dedupe.
    for _ in range(5):
        try:
            ledger.append(records)
            break
        except LedgerConflict:
            ledger.sync()


def _why_skipped(config: Config, platform: str, env: Mapping[str, str]) -> str | None:
    """Why a platform is not read at all (no account, no credentials), or None."""
    if getattr(config.accounts, platform) is None:
        return t("qna.collect.no_account")
    missing = missing_secrets([platform], env)
    return t("qna.collect.no_credentials", names=", ".join(missing)) if missing else None


def _kind(comment: Comment, mine: set[str], own_authors: set[str], names: set[str], known: set[str],
          since: datetime | None) -> str:
    """``own`` (the agency's own), ``known`` (already on a form), ``old`` (before ``since``) or ``fresh``."""
    if comment.id in mine or (comment.author_id and str(comment.author_id) in own_authors) or \
            (comment.author or "").lower() in names:
        return "own"
    if comment.id in known:
        return "known"
    if since is not None and comment.created_time < since:
        return "old"
    return "fresh"


def _draft_forms(config: Config, comments: list[Comment], now: datetime, officer: str,
                 dry_run: bool) -> list[DraftForm]:
    groups: dict[str, list[CollectedQuestion]] = {}
    for comment in sorted(comments, key=lambda c: (c.created_time, c.platform, c.id)):
        proposed = route(comment.text, config)
        groups.setdefault(proposed.bidang, []).append(CollectedQuestion(comment, proposed, _draft(comment)))
    order = [d.slug for d in config.divisions if d.slug in groups] + ([TRIAGE] if TRIAGE in groups else [])
    local = now.astimezone(config.zone)
    first = int(next_form_id(config, local.year, local.month).rsplit("-", 1)[1])
    forms: list[DraftForm] = []
    for offset, bidang in enumerate(order):
        form_id = f"QA-{local:%Y}-{local:%m}-{first + offset:04d}"
        path = config.root / "qna" / bidang / f"{local:%Y}" / f"{form_id}.md"
        questions = groups[bidang]
        keywords = tuple(dict.fromkeys(k for q in questions for k in q.route.keywords))
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(form_text(config, form_id, bidang, now, officer, [q.draft for q in questions],
                                      keywords), encoding="utf-8")
        forms.append(DraftForm(form_id, bidang, path, questions))
    return forms
