"""Forge-neutral records the client returns: the same fields whatever the forge."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# Review states in GitHub's vocabulary; Forgejo's are mapped onto these.
APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
COMMENTED = "COMMENTED"
DISMISSED = "DISMISSED"
PENDING = "PENDING"
DECISIVE_STATES = frozenset({APPROVED, CHANGES_REQUESTED, DISMISSED})


@dataclass(frozen=True)
class Repository:
    """A repository: ``full_name`` is ``owner/name``."""

    full_name: str
    default_branch: str
    private: bool
    html_url: str


@dataclass(frozen=True)
class PullRequest:
    """A pull request; ``merged`` is true only when it was merged (closed unmerged is not)."""

    number: int
    author: str
    state: str
    merged: bool
    merged_at: str | None
    merge_commit_sha: str | None
    base_ref: str
    base_sha: str
    head_ref: str
    head_sha: str
    base_repo: str | None
    head_repo: str | None
    html_url: str
    title: str = ""
    body: str = ""
    draft: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def from_fork(self) -> bool:
        """True when the head branch lives in another repository."""
        return bool(self.head_repo and self.base_repo and self.head_repo.lower() != self.base_repo.lower())


@dataclass(frozen=True)
class Review:
    """One review. ``state`` is APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING.

    ``commit_id`` is the head commit the reviewer saw. ``stale`` is Forgejo's own flag
    (the head moved since); GitHub does not say, so it is None there.
    """

    id: int
    user: str
    user_id: int | None
    state: str
    commit_id: str | None
    submitted_at: str | None
    body: str = ""
    stale: bool | None = None

    @property
    def decisive(self) -> bool:
        """Whether this review decides (approves, requests changes, or is a dismissed approval)."""
        return self.state in DECISIVE_STATES


@dataclass(frozen=True)
class ChangedFile:
    """A file a pull request changes. ``sha`` is the blob id (GitHub only; None on Forgejo)."""

    filename: str
    status: str
    previous_filename: str | None
    sha: str | None
    additions: int
    deletions: int


@dataclass(frozen=True)
class Commit:
    """A commit of a pull request; logins are None when the forge cannot link the e-mail to an account."""

    sha: str
    author_login: str | None
    committer_login: str | None
    author_name: str
    committer_name: str
    authored_at: str | None
    committed_at: str | None
    message: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssueComment:
    """A comment on a pull request's conversation."""

    id: int
    user: str | None
    body: str
    html_url: str
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class BranchProtection:
    """What protects a branch, merged from every source the forge has.

    ``sources`` names where the settings came from (``protection``, ``rulesets``,
    Forgejo's rule name); empty when nothing protects the branch. A setting the forge
    does not have (Forgejo: code-owner reviews, last-push approval) is None, as is one
    that cannot be read (GitHub rulesets do not show who may bypass them).
    """

    branch: str
    sources: tuple[str, ...]
    required_approvals: int
    require_code_owner_reviews: bool | None
    dismiss_stale_reviews: bool | None
    require_last_push_approval: bool | None
    enforce_admins: bool | None
    required_status_checks: tuple[str, ...]
    require_pull_request: bool | None = None
    allow_force_pushes: bool | None = None
    allow_deletions: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def protected(self) -> bool:
        """Whether anything protects the branch at all."""
        return bool(self.sources)


@dataclass(frozen=True)
class Environment:
    """A deployment environment (GitHub) and which refs may deploy to it.

    ``any_branch`` is true when no deployment branch policy is set (every branch and
    tag may use the environment's secrets). ``protected_branches`` allows every
    protected branch; ``branch_policies`` are the custom ``(name pattern, type)`` pairs,
    ``type`` being ``branch`` or ``tag``.
    """

    name: str
    any_branch: bool
    protected_branches: bool
    branch_policies: tuple[tuple[str, str], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


def login_of(obj: Any) -> str | None:
    """The ``login`` of a user object as both forges send it (None when absent)."""
    return obj.get("login") if isinstance(obj, dict) else None


def repo_full_name(branch: dict[str, Any]) -> str | None:
    """``owner/name`` of the repository a pull request's base or head lives in."""
    repo = branch.get("repo")
    return repo.get("full_name") if isinstance(repo, dict) else None


def oldest_first(commits: list[Commit]) -> list[Commit]:
    """The commits with every parent before its children; otherwise in the order given.

    GitHub lists a pull request's commits oldest first, Forgejo newest first (``git log
    base...head``); callers reverse Forgejo's list and this settles the order on the
    commits' own parent links, so clock skew or a forge's ordering cannot make an early
    commit look like the last push. A list with a cycle (a broken answer) is returned as given.
    """
    position = {c.sha: i for i, c in enumerate(commits)}
    waiting: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    for c in commits:
        parents = {p for p in c.parents if p in position and p != c.sha}
        waiting[c.sha] = len(parents)
        for parent in parents:
            children.setdefault(parent, []).append(c.sha)
    ready = [(position[sha], sha) for sha, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[Commit] = []
    while ready:
        _, sha = heapq.heappop(ready)
        ordered.append(commits[position[sha]])
        for child in children.get(sha, ()):
            waiting[child] -= 1
            if waiting[child] == 0:
                heapq.heappush(ready, (position[child], child))
    return ordered if len(ordered) == len(commits) else list(commits)


def chronological(reviews: list[Review]) -> list[Review]:
    """Reviews in the order they were submitted (unsubmitted ones last), ties in the order given.

    Forgejo lists reviews in creation order, and a review started (PENDING) early may be
    submitted late; both forges' times may carry any UTC offset.
    """
    def key(item: tuple[int, Review]) -> tuple[int, datetime, int]:
        index, review = item
        when = _parse_time(review.submitted_at)
        return (0, when, index) if when is not None else (1, datetime.min.replace(tzinfo=UTC), index)

    return [review for _, review in sorted(enumerate(reviews), key=key)]


def _parse_time(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
