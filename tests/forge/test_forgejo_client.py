"""The Forgejo client against the emulated forge over loopback."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from sosmed.forge import (
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED,
    ForgejoForge,
    ForgePermissionError,
    ForgeRateLimitError,
    hidden_marker,
    make_forge,
)
from sosmed.http.retry import RetryPolicy
from sosmed.sandbox.forge_state import seed_forge
from tests.sandbox.helpers import calls, fault

HEAD, MERGE, EARLY = "1" * 40, "2" * 40, "3" * 40
SEED: dict[str, Any] = {
    "teams": [{"org": "bkd-ntt", "slug": "kepala", "name": "Kepala", "members": ["kepala-bkd"]},
              {"org": "bkd-ntt", "slug": "kepala-lama", "name": "Kepala Lama", "members": ["mantan"]}],
    "repositories": [{
        "full_name": "bkd-ntt/sosmed",
        "collaborators": {"kepala-bkd": "admin", "editor-satu": "write"},
        "protection": {"main": {"required_approving_review_count": 2, "dismiss_stale_reviews": True,
                                "enforce_admins": True, "required_status_checks": ["sosmed review"]},
                       "release/*": {"required_approving_review_count": 1}},
        "pulls": [{
            "number": 3, "user": "editor-satu", "head_sha": HEAD, "merged": True, "merge_commit_sha": MERGE,
            "commits": [{"sha": EARLY, "author": "editor-satu"}, {"sha": HEAD, "author": "editor-dua"}],
            "files": [{"filename": "qna/mutasi/2026/QA-2026-05-0001.md", "status": "modified"}],
            "reviews": [{"user": "kabid-mutasi", "state": "APPROVED", "commit_id": EARLY},
                        {"user": "kepala-bkd", "state": "CHANGES_REQUESTED", "commit_id": HEAD},
                        {"user": "plt-kepala", "state": "APPROVED", "dismissed": True, "commit_id": HEAD},
                        {"user": "pengamat", "state": "COMMENTED", "commit_id": HEAD}]}]}],
}


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def fj(sandbox, slept: list[float]) -> ForgejoForge:  # noqa: ANN001
    seed_forge(sandbox, SEED)
    forge = make_forge("forgejo", "bkd-ntt/sosmed", env=sandbox.env, policy=RetryPolicy(sleep=slept.append))
    assert isinstance(forge, ForgejoForge)
    return forge


def test_pull_and_commit_lookup(fj: ForgejoForge) -> None:
    assert fj.get_repository().default_branch == "main"
    pr = fj.get_pull(3)
    assert (pr.number, pr.author, pr.merged, pr.merge_commit_sha, pr.base_ref, pr.head_sha) == (
        3, "editor-satu", True, MERGE, "main", HEAD)
    assert [p.number for p in fj.pulls_for_commit(MERGE)] == [3]
    assert fj.pulls_for_commit(HEAD) == []


def test_review_states_mapped(fj: ForgejoForge) -> None:
    reviews = fj.list_reviews(3)
    assert [(r.user, r.state, r.stale) for r in reviews] == [
        ("kabid-mutasi", APPROVED, True), ("kepala-bkd", CHANGES_REQUESTED, False),
        ("plt-kepala", DISMISSED, False), ("pengamat", COMMENTED, False)]
    assert reviews[0].commit_id == EARLY


def test_pagination_with_limit(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    extra = [{"user": f"pengulas-{i:03d}", "state": "COMMENTED", "commit_id": HEAD} for i in range(100)]
    seed_forge(sandbox, {"repositories": [{"full_name": "bkd-ntt/sosmed",
                                                    "pulls": [{"number": 3, "reviews": extra}]}]})
    requests.delete(f"{sandbox.base_url}/_sandbox/calls", headers=sandbox.admin_headers, timeout=5)
    assert len(fj.list_reviews(3)) == 104
    pages = [c for c in calls(sandbox, "forgejo") if c["path"].endswith("/pulls/3/reviews")]
    assert len(pages) == 3 and "limit=50" in pages[0]["query"]


def test_files_commits_and_the_one_comment(fj: ForgejoForge) -> None:
    files = fj.list_files(3)
    assert [(f.filename, f.status, f.sha) for f in files] == [("qna/mutasi/2026/QA-2026-05-0001.md", "modified",
                                                               None)]
    assert [c.author_login for c in fj.list_commits(3)] == ["editor-satu", "editor-dua"]
    marker = hidden_marker("review")
    made, action = fj.upsert_comment(3, "Laporan", marker)
    again, action2 = fj.upsert_comment(3, "Laporan baru", marker)
    assert (action, action2) == ("created", "updated") and again.id == made.id
    assert [c.body for c in fj.list_comments(3)] == [again.body]


def test_protection_team_permission(fj: ForgejoForge) -> None:
    p = fj.branch_protection("main")
    assert p.sources == ("main",) and p.required_approvals == 2 and p.dismiss_stale_reviews is True
    assert p.enforce_admins is True and p.required_status_checks == ("sosmed review",)
    assert p.require_code_owner_reviews is None and p.require_last_push_approval is None
    assert fj.branch_protection("release/2026").required_approvals == 1
    assert not fj.branch_protection("lain").protected
    assert fj.is_team_member("bkd-ntt", "kepala", "kepala-bkd") is True
    assert fj.is_team_member("bkd-ntt", "kepala", "mantan") is False
    assert fj.is_team_member("bkd-ntt", "tidak-ada", "kepala-bkd") is False
    assert fj.collaborator_permission("editor-satu") == "write"
    assert fj.collaborator_permission("tak-dikenal") == "none"


def test_429_waited_and_read_only_token(fj: ForgejoForge, sandbox, slept: list[float]) -> None:  # noqa: ANN001
    fault(sandbox, platform="forgejo", kind="429", retry_after=4)
    assert fj.get_pull(3).number == 3 and slept == [4.0]
    fault(sandbox, platform="forgejo", kind="429", retry_after=5000)
    with pytest.raises(ForgeRateLimitError) as info:
        fj.get_pull(3)
    assert info.value.wait == 5000.0 and slept == [4.0]
    seed_forge(sandbox, {"tokens": [{"token": "forgejo-ro-123456", "write": False}]})
    ro = make_forge("forgejo", "bkd-ntt/sosmed", env={**sandbox.env, "SOSMED_FORGE_TOKEN": "forgejo-ro-123456"})
    with pytest.raises(ForgePermissionError):
        ro.create_comment(3, "x")


def test_commits_oldest_first_although_forgejo_lists_them_newest_first(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    raw = requests.get(f"{sandbox.env['SOSMED_FORGEJO_URL']}/api/v1/repos/bkd-ntt/sosmed/pulls/3/commits",
                       headers={"Authorization": f"token {sandbox.env['SOSMED_FORGE_TOKEN']}"}, timeout=5).json()
    assert [c["sha"] for c in raw] == [HEAD, EARLY]
    assert [c.sha for c in fj.list_commits(3)] == [EARLY, HEAD]
    assert fj.get_commit(HEAD).author_login == "editor-dua"


def test_next_pages_on_another_root_url_are_read_from_the_configured_base(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    many = [{"sha": f"{i:040x}", "author": "editor-satu", "date": f"2026-05-01T{i // 60:02d}:{i % 60:02d}:00Z"}
            for i in range(1, 121)]
    seed_forge(sandbox, {"settings": {"forgejo_root_url": "https://git.bkd-ntt.example/"},
                                  "repositories": [{"full_name": "bkd-ntt/sosmed",
                                                    "pulls": [{"number": 3, "commits": many}]}]})
    requests.delete(f"{sandbox.base_url}/_sandbox/calls", timeout=5, headers=sandbox.admin_headers)
    commits = fj.list_commits(3)
    assert len(commits) == 122 and [c.sha for c in commits[:2]] == [f"{1:040x}", f"{2:040x}"]
    assert commits[-1].sha == HEAD
    pages = [c for c in calls(sandbox, "forgejo") if c["path"].endswith("/pulls/3/commits")]
    assert [c["query"].count("page=") for c in pages] == [0, 1, 1]  # page 1, then 2 and 3 from the links


def test_reviews_without_link_stop_at_a_short_page_of_the_instance_size(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    seed_forge(sandbox, {"settings": {"forgejo_limit_max": 3}})
    fresh = make_forge("forgejo", "bkd-ntt/sosmed", env=sandbox.env)
    requests.delete(f"{sandbox.base_url}/_sandbox/calls", timeout=5, headers=sandbox.admin_headers)
    assert [r.user for r in fresh.list_reviews(3)] == ["kabid-mutasi", "kepala-bkd", "plt-kepala", "pengamat"]
    pages = [c for c in calls(sandbox, "forgejo") if c["path"].endswith("/pulls/3/reviews")]
    assert len(pages) == 2  # 3 (a full page at the instance's cap), then 1


def test_reviews_in_submission_order(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    # A review started early and submitted last is the latest one, whatever its id.
    seed_forge(sandbox, {"repositories": [{"full_name": "bkd-ntt/sosmed", "pulls": [{"number": 3, "reviews": [
        {"user": "kepala-bkd", "state": "APPROVED", "id": 1, "submitted_at": "2030-01-01T08:00:00+08:00"}]}]}]})
    assert fj.list_reviews(3)[-1].user == "kepala-bkd" and fj.list_reviews(3)[-1].state == APPROVED


def test_pushers_from_the_timeline(fj: ForgejoForge, sandbox) -> None:  # noqa: ANN001
    seed_forge(sandbox, {"repositories": [{"full_name": "bkd-ntt/sosmed", "pulls": [{
        "number": 3, "commits": [{"sha": "6" * 40, "author": "editor-satu", "pushed_by": "kepala-bkd",
                                "date": "2030-01-01T00:00:00Z"}]}]}]})
    assert fj.pushers_of(3, "6" * 40) == {"kepala-bkd"}
    assert fj.pushers_of(3, HEAD) == {"editor-dua"}  # the committer, who pushed it
    assert fj.pushers_of(3, "7" * 40) == set()
