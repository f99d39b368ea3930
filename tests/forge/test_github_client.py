"""The GitHub client against the emulated forge over loopback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import requests

from sosmed.forge import (
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED,
    ForgeAuthError,
    ForgeNotFoundError,
    ForgePermissionError,
    ForgeRateLimitError,
    ForgeRetryableError,
    GitHubForge,
    hidden_marker,
    make_forge,
)
from sosmed.http.retry import RetryPolicy
from sosmed.i18n import t
from sosmed.sandbox.forge_state import seed_forge
from tests.sandbox.helpers import calls, fault

HEAD, MERGE, EARLY, OPEN_HEAD, DIRECT = ("1" * 40, "2" * 40, "3" * 40, "4" * 40, "5" * 40)
SEED: dict[str, Any] = {
    "teams": [{"org": "bkd-ntt", "slug": "kepala", "members": ["kepala-bkd"]}],
    "repositories": [{
        "full_name": "bkd-ntt/sosmed",
        "collaborators": {"kepala-bkd": "admin", "tamu": "triage"},
        "commits": [{"sha": DIRECT, "author": "admin-bkd"}],
        "protection": {"main": {"required_approving_review_count": 1, "dismiss_stale_reviews": True,
                                "enforce_admins": False, "required_status_checks": ["sosmed review"]}},
        "rulesets": {"main": [
            {"type": "pull_request", "parameters": {"required_approving_review_count": 2,
                                                    "require_code_owner_review": True,
                                                    "require_last_push_approval": True}},
            {"type": "required_status_checks",
             "parameters": {"required_status_checks": [{"context": "sosmed review"}, {"context": "lint"}]}}]},
        "pulls": [
            {"number": 7, "user": "editor-satu", "head_sha": HEAD, "merged": True, "merge_commit_sha": MERGE,
             "commits": [{"sha": EARLY, "author": "editor-satu"},
                         {"sha": HEAD, "author": "editor-satu", "committer": "editor-dua"}],
             "files": [{"filename": "content/2026/05/kabar/index.md", "sha": "a" * 40, "status": "added"},
                       {"filename": "content/2026/05/kabar/foto.jpg", "status": "renamed",
                        "previous_filename": "lama.jpg"}],
             "reviews": [{"user": "kepala-bkd", "state": "APPROVED", "commit_id": EARLY},
                         {"user": "kepala-bkd", "state": "COMMENTED", "commit_id": HEAD},
                         {"user": "kabid", "state": "CHANGES_REQUESTED", "commit_id": HEAD},
                         {"user": "plt", "state": "DISMISSED", "commit_id": HEAD}]},
            {"number": 8, "user": "warga", "head_sha": OPEN_HEAD, "head_repo": "warga/sosmed"},
        ]}],
}


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def gh(sandbox, slept: list[float]) -> GitHubForge:  # noqa: ANN001
    seed_forge(sandbox, SEED)
    forge = make_forge("github", "bkd-ntt/sosmed", env=sandbox.env, policy=RetryPolicy(sleep=slept.append))
    assert isinstance(forge, GitHubForge)
    return forge


def test_pull_and_repository(gh: GitHubForge) -> None:
    repo = gh.get_repository()
    assert repo.full_name == "bkd-ntt/sosmed" and repo.default_branch == "main" and not repo.private
    pr = gh.get_pull(7)
    assert (pr.number, pr.author, pr.merged, pr.merge_commit_sha, pr.base_ref, pr.head_sha) == (
        7, "editor-satu", True, MERGE, "main", HEAD)
    assert pr.html_url.endswith("/bkd-ntt/sosmed/pull/7") and not pr.from_fork
    assert gh.get_pull(8).from_fork and gh.get_pull(8).merged is False


def test_pulls_for_commit(gh: GitHubForge) -> None:
    merged = gh.pulls_for_commit(MERGE)
    assert [p.number for p in merged] == [7] and merged[0].merged and merged[0].merge_commit_sha == MERGE
    assert [p.number for p in gh.pulls_for_commit(OPEN_HEAD)] == [8]
    assert gh.pulls_for_commit(DIRECT) == []


def test_reviews_normalised(gh: GitHubForge) -> None:
    reviews = gh.list_reviews(7)
    assert [(r.user, r.state) for r in reviews] == [("kepala-bkd", APPROVED), ("kepala-bkd", COMMENTED),
                                                   ("kabid", CHANGES_REQUESTED), ("plt", DISMISSED)]
    assert reviews[0].commit_id == EARLY and reviews[0].submitted_at and reviews[0].user_id
    assert [r.decisive for r in reviews] == [True, False, True, True]


def test_pagination_reads_every_page(gh: GitHubForge, sandbox) -> None:  # noqa: ANN001
    extra = [{"user": f"pengulas-{i:03d}", "state": "COMMENTED", "commit_id": HEAD} for i in range(226)]
    seed_forge(sandbox, {"repositories": [{"full_name": "bkd-ntt/sosmed",
                                                    "pulls": [{"number": 7, "reviews": extra}]}]})
    requests.delete(f"{sandbox.base_url}/_sandbox/calls", headers=sandbox.admin_headers, timeout=5)
    reviews = gh.list_reviews(7)
    assert len(reviews) == 230 and len({r.id for r in reviews}) == 230
    assert reviews[-1].user == "pengulas-225"
    pages = [c for c in calls(sandbox, "github") if c["path"].endswith("/pulls/7/reviews")]
    assert len(pages) == 3 and "per_page=100" in pages[0]["query"] and "page=3" in pages[2]["query"]


def test_files_and_commits(gh: GitHubForge) -> None:
    files = gh.list_files(7)
    assert [(f.filename, f.status, f.sha is not None) for f in files] == [
        ("content/2026/05/kabar/index.md", "added", True), ("content/2026/05/kabar/foto.jpg", "renamed", True)]
    assert files[0].sha == "a" * 40 and files[1].previous_filename == "lama.jpg"
    commits = gh.list_commits(7)
    assert [c.sha for c in commits] == [EARLY, HEAD]
    assert commits[-1].author_login == "editor-satu" and commits[-1].committer_login == "editor-dua"


def test_one_comment_created_then_updated(gh: GitHubForge) -> None:
    marker = hidden_marker("review")
    made, action = gh.upsert_comment(7, "## Laporan FBS\n\nTidak ada masalah.", marker)
    assert action == "created" and marker in made.body and made.user == "github-actions[bot]"
    same, action = gh.upsert_comment(7, "## Laporan FBS\n\nTidak ada masalah.", marker)
    assert action == "unchanged" and same.id == made.id
    changed, action = gh.upsert_comment(7, f"## Laporan FBS\n\n1 galat.\n{marker}", marker)
    assert action == "updated" and changed.id == made.id and changed.body.endswith(marker)
    comments = gh.list_comments(7)
    assert len(comments) == 1 and comments[0].body == changed.body
    assert gh.find_comment(7, marker).id == made.id and gh.find_comment(7, "<!-- lain -->") is None


def test_branch_protection_merges_classic_and_rulesets(gh: GitHubForge) -> None:
    p = gh.branch_protection("main")
    assert p.protected and p.sources == ("protection", "rulesets")
    assert p.required_approvals == 2 and p.require_code_owner_reviews is True
    assert p.dismiss_stale_reviews is True and p.require_last_push_approval is True
    assert p.enforce_admins is False and p.required_status_checks == ("sosmed review", "lint")
    bare = gh.branch_protection("lain")
    assert not bare.protected and bare.required_approvals == 0 and bare.enforce_admins is None


def test_team_and_permission(gh: GitHubForge) -> None:
    assert gh.is_team_member("bkd-ntt", "kepala", "kepala-bkd") is True
    assert gh.is_team_member("bkd-ntt", "kepala", "editor-satu") is False
    assert gh.is_team_member("bkd-ntt", "tidak-ada", "kepala-bkd") is False
    assert gh.collaborator_permission("tamu") == "read"
    assert gh.collaborator_permission("kepala-bkd") == "admin"
    assert gh.collaborator_permission("orang-asing-sekali") == "none"


def test_primary_rate_limit_gives_the_wait(gh: GitHubForge, sandbox, slept: list[float]) -> None:  # noqa: ANN001
    seed_forge(sandbox, {"settings": {"rate_limit": 3}})
    with pytest.raises(ForgeRateLimitError) as info:
        for _ in range(5):
            gh.get_pull(7)
    err = info.value
    assert err.status == 403 and err.wait is not None and 3000 < err.wait <= 3600
    assert slept == []  # an hour is longer than the policy waits: raise at once
    message = err.format_message()
    assert "detik" in message and "HTTP 403" in message and "API rate limit exceeded" in message


@pytest.mark.parametrize("status", [429, 403])
def test_secondary_limit_is_waited_out(gh: GitHubForge, sandbox, slept: list[float], status: int) -> None:  # noqa: ANN001
    fault(sandbox, platform="github", kind="429", retry_after=2, path="/pulls/7$", status=status)
    assert gh.get_pull(7).number == 7
    assert slept == [2.0]


def test_single_commit_and_doctor_reads(gh: GitHubForge, sandbox) -> None:  # noqa: ANN001
    head = gh.get_commit(HEAD)
    assert (head.sha, head.author_login, head.committer_login) == (HEAD, "editor-satu", "editor-dua")
    assert gh.environment("sosmed-live") is None and gh.repository_secret_names() == []
    seed_forge(sandbox, {"repositories": [{
        "full_name": "bkd-ntt/sosmed", "secrets": [f"RAHASIA_{i:03d}" for i in range(130)],
        "protection": {"sosmed-ledger": {"require_pull_request": False, "allow_deletions": True}},
        "environments": {"sosmed-live": {
            "deployment_branch_policy": {"protected_branches": False, "custom_branch_policies": True},
            "branch_policies": [{"name": "main"}, {"name": "v*", "type": "tag"}], "secrets": ["A", "B"]}}}]})
    live = gh.environment("sosmed-live")
    assert live is not None and not live.any_branch and not live.protected_branches
    assert live.branch_policies == (("main", "branch"), ("v*", "tag"))
    assert gh.environment_secret_names("sosmed-live") == ["A", "B"]
    assert len(gh.repository_secret_names() or []) == 130  # two pages of the wrapped list
    assert gh.protected_branches() == ["main", "sosmed-ledger"]
    ledger = gh.branch_protection("sosmed-ledger")
    assert ledger.protected and ledger.require_pull_request is False
    assert ledger.allow_force_pushes is False and ledger.allow_deletions is True


def test_server_errors_are_retried_then_reported(gh: GitHubForge, sandbox, slept: list[float]) -> None:  # noqa: ANN001
    fault(sandbox, platform="github", kind="503", count=2, path="/pulls/7$")
    assert gh.get_pull(7).number == 7 and len(slept) == 2
    fault(sandbox, platform="github", kind="500", count=10, path="/pulls/7$")
    with pytest.raises(ForgeRetryableError) as info:
        gh.get_pull(7)
    assert info.value.status == 500 and len(slept) == 2 + 4


def test_auth_permission_and_not_found(sandbox, slept: list[float], caplog) -> None:  # noqa: ANN001
    seed_forge(sandbox, {**SEED, "tokens": [{"token": "ro-fork-token-123456", "write": False}]})
    env = {**sandbox.env, "SOSMED_FORGE_TOKEN": "", "GITHUB_TOKEN": "tidak-sah-token-123456"}
    bad = make_forge("github", "bkd-ntt/sosmed", env=env, policy=RetryPolicy(sleep=slept.append))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ForgeAuthError) as info:
        bad.get_pull(7)
    assert info.value.env_var == "GITHUB_TOKEN" and "GITHUB_TOKEN" in info.value.format_message()
    assert "tidak-sah-token-123456" not in info.value.format_message() + repr(info.value) + caplog.text
    ro = make_forge("github", "bkd-ntt/sosmed", env={**sandbox.env, "SOSMED_FORGE_TOKEN": "ro-fork-token-123456"},
                    policy=RetryPolicy(sleep=slept.append))
    assert ro.get_pull(7).number == 7
    with pytest.raises(ForgePermissionError) as perm:
        ro.create_comment(7, "x")
    assert "Resource not accessible by integration" in perm.value.format_message()
    with pytest.raises(ForgeNotFoundError) as missing:
        ro.get_pull(99)
    assert missing.value.status == 404 and "/pulls/99" in missing.value.format_message()
    assert t("forge.error.not_found", "en", forge="GitHub", path="/x").startswith("GitHub has no /x")
    assert slept == []
