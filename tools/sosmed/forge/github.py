"""GitHub REST client (reference §5): ``Accept: application/vnd.github+json``, API version 2022-11-28."""

from __future__ import annotations

import time
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
    BranchProtection,
    ChangedFile,
    Commit,
    Environment,
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

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
PER_PAGE = 100


def _message(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    message = str(body.get("message") or "")
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        parts = [str(e.get("message") or f"{e.get('field')} {e.get('code')}") if isinstance(e, dict) else str(e)
                 for e in errors]
        message = f"{message}: {'; '.join(parts)}" if message else "; ".join(parts)
    return message or None


def rate_limit_wait(response: requests.Response, now: float | None = None) -> float | None:
    """Seconds until GitHub accepts calls again, from ``retry-after`` or a spent ``x-ratelimit-*`` window."""
    hint = retry_after(response.headers, now)
    if hint is not None:
        return hint
    if response.headers.get("x-ratelimit-remaining") == "0" and response.headers.get("x-ratelimit-reset"):
        try:
            reset = float(response.headers["x-ratelimit-reset"])
        except ValueError:
            return None
        return max(0.0, reset - (time.time() if now is None else now))
    return None


def github_error(response: requests.Response, path: str, token_var: str) -> ForgeError:
    """Map a GitHub error answer to the error class that says what to do."""
    status = response.status_code
    common: dict[str, Any] = {"forge": "github", "status": status, "detail": _message(response),
                              "request_id": response.headers.get("x-github-request-id")}
    limited = (response.headers.get("x-ratelimit-remaining") == "0"
               or response.headers.get("retry-after") is not None)
    if status == 429 or (status == 403 and limited):
        return ForgeRateLimitError(wait=rate_limit_wait(response), **common)
    return error_for_status(status, common, path=path, token_var=token_var, headers=response.headers)


def to_pull(obj: dict[str, Any]) -> PullRequest:
    """A pull request from a GitHub object (full or ``pull-request-simple``, which has no ``merged``)."""
    merged = obj["merged"] if isinstance(obj.get("merged"), bool) else obj.get("merged_at") is not None
    return pull_from_api(obj, merged=merged)


def to_review(obj: dict[str, Any]) -> Review:
    """A review from a GitHub object (its state is already in our vocabulary)."""
    user = obj.get("user") or {}
    return Review(id=int(obj["id"]), user=login_of(user) or "", user_id=user.get("id"),
                  state=str(obj.get("state", "")).upper(), commit_id=obj.get("commit_id"),
                  submitted_at=obj.get("submitted_at"), body=str(obj.get("body") or ""))


class GitHubForge(Forge):
    """A GitHub repository over the REST API (github.com or GitHub Enterprise Server)."""

    kind = "github"

    def __init__(self, repository: str, token: str | None, base_url: str = DEFAULT_API_URL,
                 token_var: str = "SOSMED_FORGE_TOKEN", session: SosmedSession | None = None,
                 policy: RetryPolicy | None = None) -> None:
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        transport = Transport("github", base_url, headers, lambda r, p: github_error(r, p, token_var),
                              "per_page", PER_PAGE, session=session, policy=policy, token=token)
        super().__init__(transport, repository, token_var)

    def get_repository(self) -> Repository:
        obj = self.http.json("GET", self.repo_path)
        return Repository(full_name=str(obj.get("full_name", self.repository)),
                          default_branch=str(obj.get("default_branch", "")), private=bool(obj.get("private")),
                          html_url=str(obj.get("html_url", "")))

    def pulls_for_commit(self, sha: str) -> list[PullRequest]:
        return [to_pull(o) for o in self.http.paged(f"{self.repo_path}/commits/{sha}/pulls")]

    def get_pull(self, number: int) -> PullRequest:
        return to_pull(self.http.json("GET", f"{self.repo_path}/pulls/{int(number)}"))

    def list_reviews(self, number: int) -> list[Review]:
        return chronological([to_review(o) for o in self.http.paged(f"{self.repo_path}/pulls/{int(number)}/reviews")])

    def list_files(self, number: int) -> list[ChangedFile]:
        return [ChangedFile(filename=str(o["filename"]), status=str(o.get("status", "")),
                            previous_filename=o.get("previous_filename"), sha=o.get("sha"),
                            additions=int(o.get("additions", 0)), deletions=int(o.get("deletions", 0)))
                for o in self.http.paged(f"{self.repo_path}/pulls/{int(number)}/files")]

    def list_commits(self, number: int) -> list[Commit]:
        return oldest_first([commit_from_api(o) for o in self.http.paged(f"{self.repo_path}/pulls/{int(number)}/commits")])

    def get_commit(self, sha: str) -> Commit:
        return commit_from_api(self.http.json("GET", f"{self.repo_path}/commits/{quote(sha, safe='')}"))

    def list_comments(self, number: int) -> list[IssueComment]:
        return [comment_from_api(o) for o in self.http.paged(f"{self.repo_path}/issues/{int(number)}/comments")]

    def create_comment(self, number: int, body: str) -> IssueComment:
        return comment_from_api(self.http.json("POST", f"{self.repo_path}/issues/{int(number)}/comments",
                                         json={"body": body}))

    def update_comment(self, comment_id: int, body: str) -> IssueComment:
        # The edit sets the whole body: repeated after a lost answer, it leaves the same comment.
        return comment_from_api(self.http.json("PATCH", f"{self.repo_path}/issues/comments/{int(comment_id)}",
                                         json={"body": body}, idempotent=True))

    def branch_protection(self, branch: str) -> BranchProtection:
        classic: dict[str, Any] | None
        try:
            classic = self.http.json("GET", f"{self.repo_path}/branches/{branch}/protection")
        except ForgeNotFoundError:
            classic = None
        rules = list(self.http.paged(f"{self.repo_path}/rules/branches/{branch}"))
        return merge_protection(branch, classic, rules)

    def protected_branches(self) -> list[str]:
        return [str(b.get("name")) for b in self.http.paged(f"{self.repo_path}/branches", {"protected": "true"})]

    def environment(self, name: str) -> Environment | None:
        path = f"{self.repo_path}/environments/{quote(name, safe='')}"
        try:
            obj = self.http.json("GET", path)
        except ForgeNotFoundError:
            return None
        policy = obj.get("deployment_branch_policy") if isinstance(obj, dict) else None
        if not isinstance(policy, dict):
            return Environment(name=name, any_branch=True, protected_branches=False, raw=obj or {})
        custom: tuple[tuple[str, str], ...] = ()
        if policy.get("custom_branch_policies"):
            custom = tuple((str(b.get("name", "")), str(b.get("type") or "branch"))
                           for b in self._counted(f"{path}/deployment-branch-policies", "branch_policies"))
        return Environment(name=name, any_branch=False, protected_branches=bool(policy.get("protected_branches")),
                           branch_policies=custom, raw=obj)

    def environment_secret_names(self, name: str) -> list[str]:
        path = f"{self.repo_path}/environments/{quote(name, safe='')}/secrets"
        return [str(s.get("name")) for s in self._counted(path, "secrets")]

    def repository_secret_names(self) -> list[str] | None:
        names = [str(s.get("name")) for s in self._counted(f"{self.repo_path}/actions/secrets", "secrets")]
        try:
            shared = self._counted(f"{self.repo_path}/actions/organization-secrets", "secrets")
        except ForgeNotFoundError:  # a repository owned by a user has no organisation secrets
            shared = []
        return names + [str(s.get("name")) for s in shared]

    def _counted(self, path: str, key: str) -> list[dict[str, Any]]:
        """Every entry of a list GitHub wraps as ``{"total_count": n, key: [...]}``, page by page."""
        found: list[dict[str, Any]] = []
        for page in range(1, 101):
            obj = self.http.json("GET", path, params={"per_page": PER_PAGE, "page": page})
            batch = obj.get(key) if isinstance(obj, dict) else None
            if not isinstance(batch, list):
                raise ForgeError("forge.error.bad_response", forge="github", path=path)
            found.extend(b for b in batch if isinstance(b, dict))
            if not batch or len(found) >= int(obj.get("total_count") or 0):
                break
        return found

    def is_team_member(self, org: str, team: str, login: str) -> bool:
        try:
            obj = self.http.json("GET", f"/orgs/{org}/teams/{team}/memberships/{login}")
        except ForgeNotFoundError:
            return False
        return bool(obj.get("state") == "active")

    def collaborator_permission(self, login: str) -> str:
        try:
            obj = self.http.json("GET", f"{self.repo_path}/collaborators/{login}/permission")
        except ForgeNotFoundError:
            return "none"
        return str(obj.get("permission") or "none")


def merge_protection(branch: str, classic: dict[str, Any] | None, rules: list[dict[str, Any]]) -> BranchProtection:
    """Classic protection and ruleset rules together: GitHub enforces both, so the stricter value wins."""
    sources: list[str] = []
    approvals = 0
    require_pr = code_owner = stale = last_push = force_blocked = deletion_blocked = False
    admins: bool | None = None
    checks: list[str] = []
    if classic is not None:
        sources.append("protection")
        reviews = classic.get("required_pull_request_reviews") or {}
        require_pr = bool(reviews)
        approvals = int(reviews.get("required_approving_review_count", 0) or 0) if reviews else 0
        code_owner = bool(reviews.get("require_code_owner_reviews"))
        stale = bool(reviews.get("dismiss_stale_reviews"))
        last_push = bool(reviews.get("require_last_push_approval"))
        admins = bool((classic.get("enforce_admins") or {}).get("enabled"))
        checks.extend((classic.get("required_status_checks") or {}).get("contexts") or [])
        force_blocked = not _enabled(classic, "allow_force_pushes")
        deletion_blocked = not _enabled(classic, "allow_deletions")
    for rule in rules:
        params = rule.get("parameters") or {}
        kind = rule.get("type")
        if kind == "pull_request":
            require_pr = True
            approvals = max(approvals, int(params.get("required_approving_review_count", 0) or 0))
            code_owner = code_owner or bool(params.get("require_code_owner_review"))
            stale = stale or bool(params.get("dismiss_stale_reviews_on_push"))
            last_push = last_push or bool(params.get("require_last_push_approval"))
        elif kind == "required_status_checks":
            checks.extend(str(c.get("context")) for c in params.get("required_status_checks") or [])
        elif kind == "non_fast_forward":
            force_blocked = True
        elif kind == "deletion":
            deletion_blocked = True
        else:
            continue
        if "rulesets" not in sources:
            sources.append("rulesets")
    return BranchProtection(branch=branch, sources=tuple(sources), required_approvals=approvals,
                            require_code_owner_reviews=code_owner, dismiss_stale_reviews=stale,
                            require_last_push_approval=last_push, enforce_admins=admins,
                            required_status_checks=tuple(dict.fromkeys(checks)), require_pull_request=require_pr,
                            allow_force_pushes=not force_blocked, allow_deletions=not deletion_blocked,
                            raw={"protection": classic, "rules": rules})


def _enabled(classic: dict[str, Any], flag: str) -> bool:
    value = classic.get(flag)
    return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)
