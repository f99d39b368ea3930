"""The sign-off gate: is this exact content approved by the right people in a merged pull request?

A merged pull request is not proof of sign-off: protection may be off, an admin may
bypass it, the reviewer may not be the Kepala, the approval may predate the last
change, the author may approve their own work. For each item about to be published,
the gate therefore checks, itself, at the commit it is given (``commit``, the verified
commit; ``HEAD`` by default):

0. the policy can be applied at all (fail-closed): a Q&A form lives in the folder of a
   real division of ``sosmed.yml`` and names that same division, and is no draft; a
   role the policy demands for a post names a real division;
1. the commit that brought the item's current version to the default branch
   (first-parent history) came through a merged pull request into that branch — its
   merge commit, its head (fast-forward), or one of its rebased commits (same patch as
   one of the PR's commits) — a direct push is refused;
2. each reviewer's latest *decisive* review, in submission order (a later comment does
   not cancel an approval; a later "changes requested" or a dismissal does);
3. no approver the policy names (the Kepala, a deputy, the division head) has
   "changes requested" as their latest decisive review: only that same person's later
   approval or the dismissal of the request lifts it, never another approver's;
4. the approvers ``sosmed.yml`` demands for that kind of file: posts — the Kepala or a
   deputy (Plt./Plh.) within the deputy's dates; Q&A forms — the head of the form's
   division **and** the Kepala;
5. an approver is neither the pull request's author nor its last pusher (the author and
   committer accounts of the PR's head commit, and on Forgejo the account it recorded as
   pushing that commit);
6. the approval binds the content: the approved review's commit is one of the pull
   request's commits, and the item's files there are identical (git blob ids) to the
   files at the verified commit.

A refusal names exactly what is missing and blocks only that item. An approval yields
the sign-off record that goes to the ledger, the site and the printed forms.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sosmed.config.schema import Config, Person
from sosmed.forge.base import Forge
from sosmed.forge.errors import ForgeError
from sosmed.forge.models import APPROVED, CHANGES_REQUESTED, Commit, PullRequest, Review
from sosmed.model.item import Item
from sosmed.publish.gate import RecapDocument, Verdict

Reason = tuple[str, dict[str, Any]]
# How far past a commit the gate looks for the rebase merge that brought it (one forge call each).
MAX_FORWARD = 250


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
    """Verifies sign-off through the forge's API and the local git history at one commit."""

    def __init__(self, config: Config, forge: Forge, repo: Path | None = None, branch: str | None = None,
                 commit: str = "HEAD") -> None:
        self.config = config
        self.forge = forge
        self.repo = repo or config.root
        self.commit = commit
        self._branch = branch
        self._tip: str | None = None
        self._found: dict[str, PullRequest | None] = {}
        self._at: dict[str, list[PullRequest]] = {}
        self._reviews: dict[int, list[Review]] = {}
        self._commits: dict[int, list[Commit]] = {}
        self._pushers: dict[int, set[str]] = {}
        self._patch_ids: dict[str, str | None] = {}
        self._pathspec: dict[str, tuple[str, ...]] = {}  # a recap's file and its charts' folder

    # -- git -----------------------------------------------------------------
    def _git(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True, input=stdin)

    def _tree(self, commit: str, path: str) -> list[str] | None:
        proc = self._git("ls-tree", "-r", commit, "--", *self._pathspec.get(path, (path,)))
        if proc.returncode != 0:
            return None
        return sorted(line for line in proc.stdout.splitlines() if line)

    def _have(self, commit: str) -> bool:
        if self._git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0:
            return True
        # A squash-merged PR's head commits are not in main's history: ask the remote for them.
        self._git("fetch", "-q", "origin", commit)
        return self._git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0

    def _patch_id(self, sha: str) -> str | None:
        """The stable patch id of a commit's change (the same after a rebase), None for an empty one."""
        if sha not in self._patch_ids:
            diff = self._git("diff-tree", "-p", "--no-commit-id", "--root", sha)
            ids = self._git("patch-id", "--stable", stdin=diff.stdout) if diff.returncode == 0 else None
            self._patch_ids[sha] = ids.stdout.split()[0] if ids and ids.stdout.strip() else None
        return self._patch_ids[sha]

    def tip(self) -> str | None:
        """The verified commit as a full SHA (None when the repository does not have it)."""
        if self._tip is None:
            proc = self._git("rev-parse", "--verify", "-q", f"{self.commit}^{{commit}}")
            self._tip = proc.stdout.strip() if proc.returncode == 0 else ""
        return self._tip or None

    @property
    def branch(self) -> str:
        if self._branch is None:
            try:
                self._branch = self.forge.get_repository().default_branch
            except ForgeError:
                self._branch = "main"
        return self._branch

    # -- the verdict -----------------------------------------------------------
    def verdict(self, item: Item | RecapDocument, content_hash: str) -> Verdict:
        """Approve or refuse one item (or monthly recap) at its version in the verified commit."""
        path = item_repo_path(item)
        if isinstance(item, RecapDocument):
            self._pathspec[path] = item.paths
        policy = self._policy_reasons(item, path)
        if policy:
            return Verdict(False, tuple(policy))
        tip = self.tip()
        if tip is None:
            return Verdict(False, (("gate.bad_commit", {"commit": self.commit}),))
        commit = self._git("log", "--first-parent", "-1", "--format=%H", tip, "--",
                           *self._pathspec.get(path, (path,))).stdout.strip()
        if not commit:
            return Verdict(False, (("gate.not_committed", {"path": path}),))
        try:
            pull = self._pull_for(commit, tip)
            if pull is None:
                return Verdict(False, (("gate.no_pull_request", {"commit": _short(commit), "branch": self.branch}),))
            reviews = self._latest_decisive(pull.number)
            pushers = self._pushers_of(pull)
            in_pull = {c.sha for c in self._pull_commits(pull.number)} | {pull.head_sha}
        except ForgeError as error:
            return Verdict(False, (("gate.forge_error", {"error": error.format_message()}),))
        reasons: list[Reason] = []
        counted: list[Approval] = []
        for role, person in self._required(item):
            approval, why = self._judge_role(role, person, pull, reviews, pushers, in_pull, path)
            reasons += why
            if approval is not None:
                counted.append(approval)
        if reasons:
            return Verdict(False, tuple(reasons))
        return Verdict(True, (), self._record(pull, commit, content_hash, counted))

    def _policy_reasons(self, item: Item | RecapDocument, path: str) -> list[Reason]:
        """Why the approval policy cannot be applied to this item (fail-closed), if it cannot."""
        if isinstance(item, RecapDocument):
            return []
        slugs = set(self.config.division_slugs)
        if item.kind == "post":
            policy, bidang = self.config.approval.posts, item.post.bidang
            if "bidang_head" in policy and bidang not in slugs:
                return [("gate.not_a_division", {"path": path, "bidang": bidang})]
            return []
        parts = PurePosixPath(path).parts
        folder = parts[1] if len(parts) == 4 and parts[0] == "qna" else None
        form = item.form
        reasons: list[Reason] = []
        if folder not in slugs:
            reasons.append(("gate.qna_folder_not_a_division", {"path": path, "folder": folder or "-"}))
        elif form.bidang != folder:
            reasons.append(("gate.qna_bidang_mismatch", {"path": path, "bidang": form.bidang, "folder": folder}))
        if form.draft:
            reasons.append(("gate.qna_draft", {"path": path}))
        return reasons

    # -- which pull request brought the commit ---------------------------------
    def _pulls_at(self, sha: str) -> list[PullRequest]:
        if sha not in self._at:
            self._at[sha] = self.forge.pulls_for_commit(sha)
        return self._at[sha]

    def _pull_for(self, commit: str, tip: str) -> PullRequest | None:
        """The merged pull request into the default branch that brought ``commit``, if any.

        The forge is asked about the commit itself, then about the commits after it on the
        first-parent line: Forgejo finds a rebase-merged PR only by its last rebased commit.
        The first merged PR met is the only one that can have brought the commit.
        """
        if commit not in self._found:
            after = self._git("rev-list", "--first-parent", "--reverse", f"{commit}..{tip}").stdout.split()
            found: PullRequest | None = None
            for sha in [commit, *after[:MAX_FORWARD]]:
                merged = [p for p in self._pulls_at(sha) if p.merged and p.base_ref == self.branch]
                found = next((p for p in merged if self._ties_back(p, commit)), None)
                if found is not None or (merged and sha != commit):
                    break
            self._found[commit] = found
        return self._found[commit]

    def _ties_back(self, pull: PullRequest, commit: str) -> bool:
        if commit in (pull.merge_commit_sha, pull.head_sha):
            return True
        return bool(pull.merge_commit_sha) and self._rebased_from(pull, commit)

    def _rebased_from(self, pull: PullRequest, commit: str) -> bool:
        """Whether ``commit`` is one of the PR's commits replayed onto the branch by a rebase merge.

        The rebased commits are the last N single-parent commits of the first-parent line
        ending at the PR's merge commit (N = the PR's commits), and each carries the patch
        of one of the PR's own commits.
        """
        originals = self._pull_commits(pull.number)
        chain = self._git("rev-list", "--first-parent", f"-n{len(originals)}", str(pull.merge_commit_sha)).stdout.split()
        if commit not in chain:
            return False
        for sha in chain[: chain.index(commit) + 1]:
            parents = self._git("rev-list", "--parents", "-n1", sha).stdout.split()[1:]
            if len(parents) != 1:
                return False
        wanted = self._patch_id(commit)
        return wanted is not None and any(
            self._have(c.sha) and self._patch_id(c.sha) == wanted for c in originals)

    # -- reviews, commits, pushers ---------------------------------------------
    def _latest_decisive(self, number: int) -> dict[str, Review]:
        if number not in self._reviews:
            self._reviews[number] = self.forge.list_reviews(number)
        latest: dict[str, Review] = {}
        for review in self._reviews[number]:  # in submission order
            if review.decisive:
                latest[review.user.lower()] = review
        return latest

    def _pull_commits(self, number: int) -> list[Commit]:
        if number not in self._commits:
            self._commits[number] = self.forge.list_commits(number)
        return self._commits[number]

    def _pushers_of(self, pull: PullRequest) -> set[str]:
        """The PR's author and the accounts behind its last push: author and committer of its head,
        and whoever the forge recorded as pushing it (Forgejo)."""
        if pull.number not in self._pushers:
            commits = self._pull_commits(pull.number)
            head = next((c for c in commits if c.sha == pull.head_sha), None)
            if head is None and pull.head_sha:
                head = self.forge.get_commit(pull.head_sha)
            elif head is None and commits:
                head = commits[-1]
            logins = {pull.author.lower()}
            if head is not None:
                logins |= {login.lower() for login in (head.author_login, head.committer_login) if login}
            if pull.head_sha:
                logins |= {login.lower() for login in self.forge.pushers_of(pull.number, pull.head_sha)}
            self._pushers[pull.number] = logins
        return self._pushers[pull.number]

    # -- the policy -------------------------------------------------------------
    def _required(self, item: Item | RecapDocument) -> list[tuple[str, Person]]:
        if isinstance(item, RecapDocument):
            return [("kepala", self.config.kepala)] if "kepala" in self.config.approval.recaps else []
        policy = self.config.approval.posts if item.kind == "post" else self.config.approval.qna
        bidang = item.post.bidang if item.kind == "post" else item.form.bidang
        division = self.config.division(bidang)
        required: list[tuple[str, Person]] = []
        for role in policy:
            if role == "kepala":
                required.append(("kepala", self.config.kepala))
            elif division is not None:  # never None here: _policy_reasons refused the item first
                required.append(("bidang_head", division.head))
        return required

    def _role_label(self, role: str, person: Person) -> str:
        return f"{person.name} ({'Kepala' if role == 'kepala' else 'Kepala Bidang'})"

    def _candidates(self, role: str, person: Person) -> list[tuple[str, Person, str]]:
        """Everyone who may fill ``role``, with each of their forge accounts: (kind, person, login)."""
        found = [(role, person, login) for login in person.forge_users]
        if role == "kepala":
            for deputy in self.config.kepala.deputies:
                found += [("deputy", deputy, login) for login in deputy.forge_users]
        return found

    def _judge_role(self, role: str, person: Person, pull: PullRequest, reviews: dict[str, Review],
                    pushers: set[str], in_pull: set[str], path: str) -> tuple[Approval | None, list[Reason]]:
        """The approval filling ``role``, or why there is none (an open change request blocks it)."""
        label = self._role_label(role, person)
        candidates = self._candidates(role, person)
        blocked = [("gate.changes_requested", {"login": login, "name": who.name, "pr": pull.number, "role": label})
                   for _, who, login in candidates
                   if (r := reviews.get(login.lower())) is not None and r.state == CHANGES_REQUESTED]
        if blocked:
            return None, blocked
        last: Reason | None = None
        for kind, who, login in candidates:
            review = reviews.get(login.lower())
            if review is None:
                continue
            last = self._unusable(kind, who, login, review, pull, pushers, in_pull, path, label)
            if last is None:
                return Approval(kind, who, login, review), []
        return None, [last or ("gate.missing_approval", {"pr": pull.number, "role": label})]

    def _unusable(self, kind: str, who: Person, login: str, review: Review, pull: PullRequest, pushers: set[str],
                  in_pull: set[str], path: str, label: str) -> Reason | None:
        """Why this latest decisive review does not count as the approval (None when it does)."""
        if review.state != APPROVED:
            return ("gate.not_approved", {"login": login, "state": review.state, "pr": pull.number, "role": label})
        if login.lower() in pushers:
            return ("gate.self_approval", {"login": login, "pr": pull.number, "role": label})
        if kind == "deputy":
            day = _day(review.submitted_at, self.config)
            start, end = who.start, who.end  # type: ignore[attr-defined]
            if day is None or not (start <= day <= end):
                return ("gate.deputy_out_of_range", {"name": who.name, "date": str(day), "start": str(start),
                                                     "end": str(end), "role": label})
        if not review.commit_id or not self._have(review.commit_id):
            return ("gate.review_commit_missing", {"login": login, "commit": _short(review.commit_id), "role": label})
        if review.commit_id not in in_pull:
            return ("gate.review_outside_pr", {"login": login, "commit": _short(review.commit_id), "pr": pull.number,
                                               "role": label})
        if self._tree(review.commit_id, path) != self._tree(str(self.tip()), path):
            return ("gate.stale_approval", {"login": login, "commit": _short(review.commit_id), "path": path,
                                            "role": label})
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


def item_repo_path(item: Item | RecapDocument) -> str:
    """The item's path in the repository, from its display path (never the file system, which may be
    a cache outside the repository): a post's bundle folder, a form's file, a recap's file."""
    display = PurePosixPath(item.display)
    return (display.parent if item.kind == "post" else display).as_posix()


def _day(stamp: str | None, config: Config) -> date | None:
    if not stamp:
        return None
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return when.astimezone(config.zone).date()
