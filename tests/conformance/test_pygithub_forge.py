"""PyGithub, a client nobody here wrote, drives the sandbox's GitHub emulation.

Only the base URL is changed (and PyGithub's own pauses between calls turned off);
everything else is PyGithub as shipped: its request shapes, its pagination over the
``Link`` header, its parsing of every object and its reading of errors.
"""

from __future__ import annotations

from typing import Any

import pytest
from github import Auth, Github, GithubException, RateLimitExceededException

from sosmed.sandbox.forge_state import seed_forge
from tests.sandbox.fixtures import sandbox  # noqa: F401
from tests.sandbox.helpers import calls, fault

HEAD, MERGE, EARLY = "1" * 40, "2" * 40, "3" * 40
REVIEWERS = [f"pengulas-{i:02d}" for i in range(40)]
SECRETS = ["SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_TOKEN"]
SEED: dict[str, Any] = {
    "repositories": [{
        "full_name": "bkd-ntt/sosmed",
        "collaborators": {"kepala-bkd": "admin", "editor-satu": "write", "tamu": "triage"},
        "protection": {"main": {"required_approving_review_count": 1, "dismiss_stale_reviews": True,
                                "require_code_owner_reviews": True, "enforce_admins": True,
                                "required_status_checks": ["sosmed review"]},
                       "sosmed-ledger": {"require_pull_request": False}},
        "secrets": ["LAIN"],
        "environments": {"sosmed-live": {
            "deployment_branch_policy": {"protected_branches": False, "custom_branch_policies": True},
            "branch_policies": [{"name": "main"}], "secrets": SECRETS}},
        "pulls": [{
            "number": 7, "user": "editor-satu", "title": "Kabar Mei", "head": "kabar-mei", "head_sha": HEAD,
            "merged": True, "merge_commit_sha": MERGE, "merged_by": "kepala-bkd",
            "commits": [{"sha": EARLY, "author": "editor-satu", "parents": [MERGE[::-1]]},
                        {"sha": HEAD, "author": "editor-satu", "committer": "editor-dua", "parents": [EARLY]}],
            "files": [{"filename": "content/2026/05/kabar/index.md", "sha": "a" * 40, "status": "added",
                       "additions": 12, "patch": "@@ -0,0 +1 @@\n+Kabar"}],
            "reviews": [{"user": "kepala-bkd", "state": "CHANGES_REQUESTED", "commit_id": EARLY},
                        {"user": "kepala-bkd", "state": "APPROVED", "commit_id": HEAD},
                        *({"user": u, "state": "COMMENTED", "commit_id": HEAD} for u in REVIEWERS)]}]}],
}


@pytest.fixture
def gh(sandbox) -> Github:  # noqa: F811
    seed_forge(sandbox, SEED)
    client = Github(base_url=sandbox.env["GITHUB_API_URL"], auth=Auth.Token(sandbox.env["SOSMED_FORGE_TOKEN"]),
                    seconds_between_requests=None, seconds_between_writes=None, retry=None)
    yield client
    client.close()


def test_pull_commits_files_and_the_commits_pulls(gh: Github) -> None:
    repo = gh.get_repo("bkd-ntt/sosmed")
    assert repo.full_name == "bkd-ntt/sosmed" and repo.default_branch == "main"
    pull = repo.get_pull(7)
    assert (pull.number, pull.user.login, pull.merged, pull.merge_commit_sha) == (7, "editor-satu", True, MERGE)
    assert pull.head.sha == HEAD and pull.base.ref == "main" and pull.merged_by.login == "kepala-bkd"
    assert [c.sha for c in pull.get_commits()] == [EARLY, HEAD]
    [changed] = list(pull.get_files())
    assert (changed.filename, changed.sha, changed.additions, changed.status) == (
        "content/2026/05/kabar/index.md", "a" * 40, 12, "added")
    commit = repo.get_commit(HEAD)
    assert commit.author.login == "editor-satu" and commit.committer.login == "editor-dua"
    assert commit.commit.message and [f.filename for f in commit.files] == ["content/2026/05/kabar/index.md"]
    assert [p.number for p in repo.get_commit(MERGE).get_pulls()] == [7]
    assert repo.get_issue(7).pull_request is not None


def test_reviews_over_more_than_one_page(gh: Github, sandbox) -> None:  # noqa: F811
    reviews = list(gh.get_repo("bkd-ntt/sosmed").get_pull(7).get_reviews())
    assert len(reviews) == 42 and [r.state for r in reviews[:2]] == ["CHANGES_REQUESTED", "APPROVED"]
    assert reviews[1].commit_id == HEAD and reviews[1].user.login == "kepala-bkd" and reviews[1].submitted_at
    assert reviews[-1].user.login == REVIEWERS[-1]
    pages = [c for c in calls(sandbox, "github") if c["path"].endswith("/pulls/7/reviews")]
    assert len(pages) == 2  # PyGithub's 30 per page, the second page from the Link header


def test_comment_created_then_updated(gh: Github) -> None:
    pull = gh.get_repo("bkd-ntt/sosmed").get_pull(7)
    made = pull.create_issue_comment("Laporan FBS")
    assert made.user.login == "github-actions[bot]" and made.body == "Laporan FBS"
    made.edit("Laporan FBS (diperbarui)")
    assert [c.body for c in pull.get_issue_comments()] == ["Laporan FBS (diperbarui)"]
    with pytest.raises(GithubException) as info:
        pull.create_issue_comment("")
    assert info.value.status == 422 and info.value.data["message"] == "Validation Failed"


def test_permissions_and_rate_limit(gh: Github) -> None:
    repo = gh.get_repo("bkd-ntt/sosmed")
    assert repo.get_collaborator_permission("kepala-bkd") == "admin"
    assert repo.get_collaborator_permission("tamu") == "read"
    limits = gh.get_rate_limit()
    assert limits.resources.core.limit == 5000 and limits.resources.core.remaining <= 5000


def test_protection_branches_environment_and_secret_names(gh: Github) -> None:
    repo = gh.get_repo("bkd-ntt/sosmed")
    main = repo.get_branch("main")
    assert main.protected
    protection = main.get_protection()
    assert protection.enforce_admins is True and protection.required_status_checks.contexts == ["sosmed review"]
    reviews = protection.required_pull_request_reviews
    assert reviews.required_approving_review_count == 1 and reviews.dismiss_stale_reviews is True
    assert [b.name for b in repo.get_branches() if b.protected] == ["main", "sosmed-ledger"]
    live = repo.get_environment("sosmed-live")
    assert live.name == "sosmed-live" and live.deployment_branch_policy.custom_branch_policies is True
    assert [e.name for e in repo.get_environments()] == ["sosmed-live"]
    assert sorted(s.name for s in live.get_secrets()) == SECRETS
    assert [s.name for s in repo.get_secrets()] == ["LAIN"]


def test_errors_as_pygithub_reads_them(gh: Github, sandbox) -> None:  # noqa: F811
    repo = gh.get_repo("bkd-ntt/sosmed")
    with pytest.raises(GithubException) as info:
        repo.get_pull(99)
    assert info.value.status == 404
    fault(sandbox, platform="github", kind="429", status=403, retry_after=30, path="/pulls/7$")
    with pytest.raises(RateLimitExceededException) as limited:
        repo.get_pull(7)
    assert limited.value.status == 403 and limited.value.headers["retry-after"] == "30"
