"""The JSON shapes GitHub and Forgejo share: Forgejo's REST API follows GitHub's for these."""

from __future__ import annotations

from typing import Any

from sosmed.forge.models import Commit, IssueComment, PullRequest, login_of, repo_full_name


def pull_from_api(obj: dict[str, Any], *, merged: bool) -> PullRequest:
    """A pull request from either forge's object; each forge says how it tells ``merged``."""
    base, head = obj.get("base") or {}, obj.get("head") or {}
    return PullRequest(
        number=int(obj["number"]), author=login_of(obj.get("user")) or "", state=str(obj.get("state", "")),
        merged=merged, merged_at=obj.get("merged_at"), merge_commit_sha=obj.get("merge_commit_sha") or None,
        base_ref=str(base.get("ref", "")), base_sha=str(base.get("sha", "")), head_ref=str(head.get("ref", "")),
        head_sha=str(head.get("sha", "")), base_repo=repo_full_name(base), head_repo=repo_full_name(head),
        html_url=str(obj.get("html_url", "")), title=str(obj.get("title") or ""), body=str(obj.get("body") or ""),
        draft=bool(obj.get("draft", False)), raw=obj)


def commit_from_api(obj: dict[str, Any]) -> Commit:
    """A commit from ``GET pulls/{n}/commits`` or a single-commit read."""
    inner = obj.get("commit") or {}
    author, committer = inner.get("author") or {}, inner.get("committer") or {}
    return Commit(sha=str(obj["sha"]), author_login=login_of(obj.get("author")),
                  committer_login=login_of(obj.get("committer")), author_name=str(author.get("name", "")),
                  committer_name=str(committer.get("name", "")), authored_at=author.get("date"),
                  committed_at=committer.get("date"), message=str(inner.get("message", "")),
                  parents=tuple(str(p.get("sha")) for p in obj.get("parents") or []))


def comment_from_api(obj: dict[str, Any]) -> IssueComment:
    """An issue (pull request conversation) comment."""
    return IssueComment(id=int(obj["id"]), user=login_of(obj.get("user")), body=str(obj.get("body") or ""),
                        html_url=str(obj.get("html_url", "")), created_at=obj.get("created_at"),
                        updated_at=obj.get("updated_at"))
