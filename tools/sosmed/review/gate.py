"""The sign-off gate: is this exact content approved by the right people in a merged pull request?

A merged pull request is not proof of sign-off: protection may be off, an admin may
bypass it, the reviewer may not be the Kepala, the approval may predate the last
change, the author may approve their own work. For each item about to be published,
the gate therefore checks, itself:

1. the commit that brought the item's current version to the default branch
   (first-parent history) came through a merged pull request into that branch —
   a direct push is refused;
2. each reviewer's latest *decisive* review (a later comment does not cancel an
   approval; a later "changes requested" or a dismissal does);
3. the approvers ``sosmed.yml`` demands for that kind of file: posts — the Kepala or a
   deputy (Plt./Plh.) within the deputy's dates; Q&A forms — the head of the form's
   division **and** the Kepala;
4. an approver is neither the pull request's author nor its last pusher;
5. the approval binds the content: the item's files at the approved review's commit
   are identical (git blob ids) to the files being published.

A refusal names exactly what is missing and blocks only that item. An approval yields
the sign-off record that goes to the ledger, the site and the printed forms.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sosmed.config.schema import Config, Person
from sosmed.forge.base import Forge
from sosmed.forge.errors import ForgeError
from sosmed.forge.models import APPROVED, PullRequest, Review
from sosmed.model.item import Item
from sosmed.publish.gate import Verdict

Reason = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Approval:
    """A counted approval: who, in which role, on which review and commit."""

    role: str
    person: Person
    login: str
    review: Review


def _short(sha: str | None) -> str:
    return (sha or "?")[:7]


class ForgeGate:
    """Verifies sign-off through the forge's API and the local git history."""

    def __init__(self, config: Config, forge: Forge, repo: Path | None = None, branch: str | None = None,
                 commit: str = "HEAD") -> None:
        self.config = config
        self.commit = commit
        self.forge = forge
        self.repo = repo or config.root
        self._branch = branch
        self._pulls: dict[str, list[PullRequest]] = {}
        self._reviews: dict[int, list[Review]] = {}
        self._pushers: dict[int, set[str]] = {}

    # -- git -----------------------------------------------------------------
    def _git(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True)

    def _tree(self, commit: str, path: str) -> list[str] | None:
        proc = self._git("ls-tree", "-r", commit, "--", path)
        if proc.returncode != 0:
            return None
        return sorted(line for line in proc.stdout.splitlines() if line)

    def _have(self, commit: str) -> bool:
        if self._git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0:
            return True
        # A squash-merged PR's head commits are not in main's history: ask the remote for them.
        self._git("fetch", "-q", "origin", commit)
        return self._git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0

    @property
    def branch(self) -> str:
        if self._branch is None:
            try:
                self._branch = self.forge.get_repository().default_branch
            except ForgeError:
                self._branch = "main"
        return self._branch

    # -- the verdict -----------------------------------------------------------
    def verdict(self, item: Item, content_hash: str) -> Verdict:
        """Approve or refuse one item at its current committed version."""
        path = self._item_path(item)
        commit = self._git("log", "--first-parent", "-1", "--format=%H", self.commit, "--", path).stdout.strip()
        if not commit:
            return Verdict(False, (("gate.not_committed", {"path": path}),))
        try:
            pull = self._pull_for(commit)
            if pull is None:
                return Verdict(False, (("gate.no_pull_request", {"commit": _short(commit), "branch": self.branch}),))
            reviews = self._latest_decisive(pull.number)
            pushers = self._pushers_of(pull)
        except ForgeError as error:
            return Verdict(False, (("gate.forge_error", {"error": error.format_message()}),))
        reasons: list[Reason] = []
        counted: list[Approval] = []
        for role, person in self._required(item):
            approval = self._approval_for(role, person, item, pull, reviews, pushers, path, reasons)
            if approval is None:
                if not any(r[1].get("role") == self._role_label(role, person) for r in reasons):
                    reasons.append(("gate.missing_approval", {"pr": pull.number,
                                                              "role": self._role_label(role, person)}))
            else:
                counted.append(approval)
        if reasons:
            return Verdict(False, tuple(reasons))
        return Verdict(True, (), self._record(pull, commit, content_hash, counted))

    def _item_path(self, item: Item) -> str:
        return item.display.rsplit("/", 1)[0] if item.kind == "post" else item.display

    def _pull_for(self, commit: str) -> PullRequest | None:
        if commit not in self._pulls:
            self._pulls[commit] = self.forge.pulls_for_commit(commit)
        for pull in self._pulls[commit]:
            if pull.merged and pull.base_ref == self.branch and commit in (pull.merge_commit_sha, pull.head_sha):
                return pull
        return None

    def _latest_decisive(self, number: int) -> dict[str, Review]:
        if number not in self._reviews:
            self._reviews[number] = self.forge.list_reviews(number)
        latest: dict[str, Review] = {}
        for review in self._reviews[number]:  # oldest first
            if review.decisive:
                latest[review.user.lower()] = review
        return latest

    def _pushers_of(self, pull: PullRequest) -> set[str]:
        if pull.number not in self._pushers:
            commits = self.forge.list_commits(pull.number)
            last = commits[-1] if commits else None
            logins = {pull.author.lower()}
            if last is not None:
                logins |= {login.lower() for login in (last.author_login, last.committer_login) if login}
            self._pushers[pull.number] = logins
        return self._pushers[pull.number]

    def _required(self, item: Item) -> list[tuple[str, Person]]:
        policy = self.config.approval.posts if item.kind == "post" else self.config.approval.qna
        bidang = item.post.bidang if item.kind == "post" else item.form.bidang
        division = self.config.division(bidang)
        required: list[tuple[str, Person]] = []
        for role in policy:
            if role == "kepala":
                required.append(("kepala", self.config.kepala))
            elif division is not None:
                required.append(("bidang_head", division.head))
        return required

    def _role_label(self, role: str, person: Person) -> str:
        return f"{person.name} ({'Kepala' if role == 'kepala' else 'Kepala Bidang'})"

    def _approval_for(self, role: str, person: Person, item: Item, pull: PullRequest, reviews: dict[str, Review],
                      pushers: set[str], path: str, reasons: list[Reason]) -> Approval | None:
        label = self._role_label(role, person)
        candidates: list[tuple[str, Person, str]] = [("kepala" if role == "kepala" else role, person, login)
                                                     for login in person.forge_users]
        if role == "kepala":
            for deputy in self.config.kepala.deputies:
                candidates += [("deputy", deputy, login) for login in deputy.forge_users]
        found_reason: Reason | None = None
        for kind, who, login in candidates:
            review = reviews.get(login.lower())
            if review is None:
                continue
            if review.state != APPROVED:
                found_reason = ("gate.not_approved", {"login": login, "state": review.state, "pr": pull.number,
                                                      "role": label})
                continue
            if login.lower() in pushers:
                found_reason = ("gate.self_approval", {"login": login, "pr": pull.number, "role": label})
                continue
            if kind == "deputy":
                day = _day(review.submitted_at, self.config)
                deputy = who
                if day is None or not (deputy.start <= day <= deputy.end):  # type: ignore[attr-defined]
                    found_reason = ("gate.deputy_out_of_range", {
                        "name": deputy.name, "date": str(day), "start": str(deputy.start),  # type: ignore[attr-defined]
                        "end": str(deputy.end), "role": label})  # type: ignore[attr-defined]
                    continue
            if not review.commit_id or not self._have(review.commit_id):
                found_reason = ("gate.review_commit_missing", {"login": login, "commit": _short(review.commit_id),
                                                               "role": label})
                continue
            if self._tree(review.commit_id, path) != self._tree(self.commit, path):
                found_reason = ("gate.stale_approval", {"login": login, "commit": _short(review.commit_id),
                                                        "path": path, "role": label})
                continue
            return Approval(kind, who, login, review)
        if found_reason is not None:
            reasons.append(found_reason)
        return None

    def _record(self, pull: PullRequest, commit: str, content_hash: str, approvals: list[Approval]) -> dict[str, Any]:
        return {
            "mode": "forge",
            "forge": self.forge.kind,
            "repository": self.forge.repository,
            "hash": content_hash,
            "pr": pull.number,
            "pr_url": pull.html_url,
            "commit": commit,
            "review_commit": approvals[0].review.commit_id if approvals else None,
            "approvers": [
                {"role": a.role, "name": a.person.name, "nip": a.person.nip, "login": a.login,
                 "review_id": a.review.id, "approved_at": a.review.submitted_at}
                for a in approvals
            ],
        }


def _day(stamp: str | None, config: Config) -> date | None:
    if not stamp:
        return None
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return when.astimezone(config.zone).date()
