"""Forgejo / Gitea client over ``/api/v1`` (``Authorization: token …``), for self-hosted instances.

Differences from GitHub that callers see through the neutral records:
- ``pulls_for_commit`` uses ``GET /commits/{sha}/pull``, which finds only the PR whose
  *merge commit* is ``sha`` (an empty list otherwise, never open PRs); after a rebase
  merge that is the last rebased commit only (the gate walks forward to it);
- a PR's commits come newest first (``git log base...head``) and are returned oldest first;
- next-page links are written on the instance's ROOT_URL, which may be another address
  than the one configured here: they are followed on the configured base, never elsewhere;
  reviews come without any ``Link`` header and are read page by page until a short page
  (the page size is the instance's ``max_response_items``, from ``GET /settings/api``);
- review states are mapped to GitHub's (``REQUEST_CHANGES`` → CHANGES_REQUESTED,
  ``COMMENT`` → COMMENTED, ``dismissed: true`` → DISMISSED); review requests
  (``REQUEST_REVIEW``) are not reviews and are left out; ``stale`` is Forgejo's own flag;
- changed files carry no blob ``sha``;
- branch protection has no code-owner or last-push setting (None), and a rule's name
  may be a glob pattern (``release/*``): the rule matching the branch is used; a
  protected branch can never be deleted, nor force-pushed unless ``enable_force_push``;
- there are no deployment environments, and secret names cannot be listed (None);
- who pushed a commit to a PR is recorded: ``pull_push`` entries of the issue timeline
  (``{"is_force_push", "commit_ids"}`` in their body, the pusher as ``user``).
"""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import quote

import requests

from sosmed.forge.base import Forge
from sosmed.forge.errors import (
    ForgeError,
    ForgeNotFoundError,
    ForgeRateLimitError,
    error_for_status,
)
from sosmed.forge.models import (
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED,
    PENDING,
    BranchProtection,
    ChangedFile,
    Commit,
    IssueComment,
    PullRequest,
    Repository,
    Review,
    chronological,
    login_of,
    oldest_first,
)
from sosmed.forge.shapes import comment_from_api, commit_from_api, pull_from_api
from sosmed.forge.transport import Transport
from sosmed.http.retry import RetryPolicy, retry_after
from sosmed.http.session import SosmedSession

API_PREFIX = "/api/v1"
# Forgejo's default MAX_RESPONSE_ITEMS; a larger limit is cut to it anyway.
PAGE_LIMIT = 50
_STATES = {"APPROVED": APPROVED, "REQUEST_CHANGES": CHANGES_REQUESTED, "COMMENT": COMMENTED, "PENDING": PENDING}


def forgejo_error(response: requests.Response, path: str, token_var: str) -> ForgeError:
    """Map a Forgejo error answer (``{"message", "url"}``) to the error class that says what to do."""
    status = response.status_code
    try:
        body = response.json()
        detail = str(body.get("message") or "") or None if isinstance(body, dict) else None
    except ValueError:
        detail = None
    common: dict[str, Any] = {"forge": "forgejo", "status": status, "detail": detail,
                              "request_id": response.headers.get("x-request-id")}
    if status == 429:
        return ForgeRateLimitError(wait=retry_after(response.headers), **common)
    return error_for_status(status, common, path=path, token_var=token_var, headers=response.headers)


def to_pull(obj: dict[str, Any]) -> PullRequest:
    """A pull request from a Forgejo object."""
    return pull_from_api(obj, merged=bool(obj.get("merged")))


def to_review(obj: dict[str, Any]) -> Review | None:
    """A review from a Forgejo object, or None for a review request (not a review)."""
    state = _STATES.get(str(obj.get("state", "")).upper())
    if state is None:
        return None
    if obj.get("dismissed"):
        state = DISMISSED
    user = obj.get("user") or {}
    return Review(id=int(obj["id"]), user=login_of(user) or "", user_id=user.get("id"), state=state,
                  commit_id=obj.get("commit_id") or None, submitted_at=obj.get("submitted_at"),
                  body=str(obj.get("body") or ""), stale=bool(obj.get("stale")))


def to_protection(branch: str, rule: dict[str, Any] | None) -> BranchProtection:
    """Branch protection from a Forgejo rule (None: the branch is not protected)."""
    if rule is None:
        return BranchProtection(branch=branch, sources=(), required_approvals=0, require_code_owner_reviews=None,
                                dismiss_stale_reviews=False, require_last_push_approval=None,
                                enforce_admins=False, required_status_checks=(), require_pull_request=False,
                                allow_force_pushes=True, allow_deletions=True, raw={})
    checks = tuple(rule.get("status_check_contexts") or ()) if rule.get("enable_status_check") else ()
    return BranchProtection(
        branch=branch, sources=(str(rule.get("rule_name") or rule.get("branch_name") or branch),),
        required_approvals=int(rule.get("required_approvals") or 0), require_code_owner_reviews=None,
        dismiss_stale_reviews=bool(rule.get("dismiss_stale_approvals")), require_last_push_approval=None,
        enforce_admins=bool(rule.get("apply_to_admins")), required_status_checks=checks,
        require_pull_request=not rule.get("enable_push"), allow_force_pushes=bool(rule.get("enable_force_push")),
        allow_deletions=False, raw=rule)


class ForgejoForge(Forge):
    """A Forgejo (or Gitea) repository; ``server_url`` is the instance root, e.g. ``https://git.example.go.id``."""

    kind = "forgejo"

    def __init__(self, repository: str, token: str | None, server_url: str,
                 token_var: str = "SOSMED_FORGE_TOKEN", session: SosmedSession | None = None,
                 policy: RetryPolicy | None = None) -> None:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"token {token}"
        base = server_url.rstrip("/")
        if not base.endswith(API_PREFIX):
            base += API_PREFIX
        transport = Transport("forgejo", base, headers, lambda r, p: forgejo_error(r, p, token_var),
                              "limit", PAGE_LIMIT, session=session, policy=policy, token=token, relative_links=True)
        super().__init__(transport, repository, token_var)
        self._page_size: int | None = None

    def page_size(self) -> int:
        """How many items a full page holds: our limit, cut to the instance's ``max_response_items``.

        0 when the instance does not say (then lists without ``Link`` are read until an empty page).
        """
        if self._page_size is None:
            try:
                obj = self.http.json("GET", "/settings/api")
                cap = int(obj.get("max_response_items") or 0) if isinstance(obj, dict) else 0
            except (ForgeError, TypeError, ValueError):
                cap = 0
            self._page_size = min(PAGE_LIMIT, cap) if cap > 0 else 0
        return self._page_size

    def get_repository(self) -> Repository:
        obj = self.http.json("GET", self.repo_path)
        return Repository(full_name=str(obj.get("full_name", self.repository)),
                          default_branch=str(obj.get("default_branch", "")), private=bool(obj.get("private")),
                          html_url=str(obj.get("html_url", "")))

    def pulls_for_commit(self, sha: str) -> list[PullRequest]:
        try:
            return [to_pull(self.http.json("GET", f"{self.repo_path}/commits/{sha}/pull"))]
        except ForgeNotFoundError:
            return []

    def get_pull(self, number: int) -> PullRequest:
        return to_pull(self.http.json("GET", f"{self.repo_path}/pulls/{int(number)}"))

    def list_reviews(self, number: int) -> list[Review]:
        pages = self.http.paged(f"{self.repo_path}/pulls/{int(number)}/reviews", unlinked=self.page_size())
        found = (to_review(o) for o in pages)
        return chronological([r for r in found if r is not None])

    def list_files(self, number: int) -> list[ChangedFile]:
        return [ChangedFile(filename=str(o["filename"]), status=str(o.get("status", "")),
                            previous_filename=o.get("previous_filename") or None, sha=None,
                            additions=int(o.get("additions", 0)), deletions=int(o.get("deletions", 0)))
                for o in self.http.paged(f"{self.repo_path}/pulls/{int(number)}/files")]

    def list_commits(self, number: int) -> list[Commit]:
        newest_first = [commit_from_api(o) for o in self.http.paged(f"{self.repo_path}/pulls/{int(number)}/commits")]
        return oldest_first(newest_first[::-1])

    def get_commit(self, sha: str) -> Commit:
        return commit_from_api(self.http.json("GET", f"{self.repo_path}/git/commits/{quote(sha, safe='')}"))

    def pushers_of(self, number: int, sha: str) -> set[str]:
        try:
            entries = list(self.http.paged(f"{self.repo_path}/issues/{int(number)}/timeline",
                                           unlinked=self.page_size()))
        except ForgeNotFoundError:  # an instance older than the timeline API
            return set()
        found: set[str] = set()
        for entry in entries:
            if not isinstance(entry, dict) or entry.get("type") != "pull_push":
                continue
            try:
                pushed = json.loads(entry.get("body") or "{}").get("commit_ids") or []
            except (ValueError, AttributeError):
                continue
            login = login_of(entry.get("user"))
            if login and sha in pushed:
                found.add(login)
        return found

    def list_comments(self, number: int) -> list[IssueComment]:
        items = self.http.json("GET", f"{self.repo_path}/issues/{int(number)}/comments")
        if not isinstance(items, list):
            raise ForgeError("forge.error.bad_response", forge="forgejo", path=f"{self.repo_path}/issues")
        return [comment_from_api(o) for o in items]

    def create_comment(self, number: int, body: str) -> IssueComment:
        return comment_from_api(self.http.json("POST", f"{self.repo_path}/issues/{int(number)}/comments",
                                         json={"body": body}))

    def update_comment(self, comment_id: int, body: str) -> IssueComment:
        # The edit sets the whole body: repeated after a lost answer, it leaves the same comment.
        return comment_from_api(self.http.json("PATCH", f"{self.repo_path}/issues/comments/{int(comment_id)}",
                                         json={"body": body}, idempotent=True))

    def branch_protection(self, branch: str) -> BranchProtection:
        rules = self.http.json("GET", f"{self.repo_path}/branch_protections")
        if not isinstance(rules, list):
            raise ForgeError("forge.error.bad_response", forge="forgejo", path=f"{self.repo_path}/branch_protections")

        def name(rule: dict[str, Any]) -> str:
            return str(rule.get("rule_name") or rule.get("branch_name") or "")

        exact = next((r for r in rules if name(r) == branch), None)
        pattern = next((r for r in rules if fnmatchcase(branch, name(r))), None)
        return to_protection(branch, exact or pattern)

    def is_team_member(self, org: str, team: str, login: str) -> bool:
        found = self.http.json("GET", f"/orgs/{org}/teams/search", params={"q": team})
        teams = found.get("data") if isinstance(found, dict) else None
        match = next((t for t in teams or [] if str(t.get("name", "")).lower() == team.lower()), None)
        if match is None:
            return False
        try:
            self.http.json("GET", f"/teams/{int(match['id'])}/members/{login}")
        except ForgeNotFoundError:
            return False
        return True

    def collaborator_permission(self, login: str) -> str:
        try:
            obj = self.http.json("GET", f"{self.repo_path}/collaborators/{login}/permission")
        except ForgeNotFoundError:
            return "none"
        permission = str(obj.get("permission") or "none")
        return {"owner": "admin", "maintain": "write", "triage": "read"}.get(permission, permission)
