"""Forgejo/Gitea API emulation contract (``/api/v1``), with raw requests."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from sosmed.sandbox.forge_state import seed_forge
from tests.sandbox.helpers import fault

TIMEOUT = 5
HEAD = "1" * 40
MERGE = "2" * 40
EARLY = "3" * 40

SEED: dict[str, Any] = {
    "teams": [{"org": "bkd-ntt", "slug": "kepala", "name": "Kepala", "members": ["kepala-bkd"]}],
    "repositories": [{
        "full_name": "bkd-ntt/sosmed",
        "collaborators": {"kepala-bkd": "admin", "editor-satu": "write"},
        "protection": {"main": {"required_approving_review_count": 2, "dismiss_stale_reviews": True,
                                "enforce_admins": True, "required_status_checks": ["sosmed review"]}},
        "pulls": [{
            "number": 3, "user": "editor-satu", "head_sha": HEAD, "merged": True, "merge_commit_sha": MERGE,
            "commits": [{"sha": EARLY, "author": "editor-satu"}, {"sha": HEAD, "author": "editor-satu"}],
            "files": [{"filename": "qna/mutasi/2026/QA-2026-05-0001.md", "status": "modified"}],
            "reviews": [
                {"user": "kabid-mutasi", "state": "APPROVED", "commit_id": EARLY},
                {"user": "kepala-bkd", "state": "CHANGES_REQUESTED", "commit_id": HEAD},
                {"user": "plt-kepala", "state": "APPROVED", "dismissed": True, "commit_id": HEAD},
                {"user": "pengamat", "state": "COMMENTED", "commit_id": HEAD}]}],
    }],
}


@pytest.fixture
def fj(sandbox):  # noqa: ANN001, ANN201
    seed_forge(sandbox, SEED)
    return {"api": f"{sandbox.env['SOSMED_FORGEJO_URL']}/api/v1", "sb": sandbox,
            "h": {"Authorization": f"token {sandbox.env['SOSMED_FORGE_TOKEN']}"}}


def get(fj: dict, path: str, **params: Any) -> requests.Response:
    return requests.get(f"{fj['api']}{path}", headers=fj["h"], params=params, timeout=TIMEOUT)


def test_pull_shape(fj: dict) -> None:
    pr = get(fj, "/repos/bkd-ntt/sosmed/pulls/3").json()
    assert pr["number"] == 3 and pr["user"]["login"] == "editor-satu" and pr["merged"] is True
    assert pr["merge_commit_sha"] == MERGE and pr["head"]["sha"] == HEAD and pr["base"]["ref"] == "main"
    assert pr["html_url"].endswith("/forgejo/bkd-ntt/sosmed/pulls/3") and pr["merged_at"].endswith("Z")
    assert pr["base"]["repo"]["full_name"] == "bkd-ntt/sosmed"


def test_commit_pull_only_by_merge_commit(fj: dict) -> None:
    r = get(fj, f"/repos/bkd-ntt/sosmed/commits/{MERGE}/pull")
    assert r.status_code == 200 and r.json()["number"] == 3
    r = get(fj, f"/repos/bkd-ntt/sosmed/commits/{HEAD}/pull")
    assert r.status_code == 404 and set(r.json()) == {"message", "url"}


def test_review_states_and_flags(fj: dict) -> None:
    reviews = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/reviews").json()
    assert [(r["user"]["login"], r["state"], r["dismissed"], r["stale"]) for r in reviews] == [
        ("kabid-mutasi", "APPROVED", False, True), ("kepala-bkd", "REQUEST_CHANGES", False, False),
        ("plt-kepala", "APPROVED", True, False), ("pengamat", "COMMENT", False, False)]
    assert reviews[0]["commit_id"] == EARLY and reviews[0]["submitted_at"].endswith("Z")


def test_pagination_links_on_the_root_url(fj: dict) -> None:
    first = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/commits", limit=1)
    assert len(first.json()) == 1 and first.headers["X-Total-Count"] == "2"
    link = first.links["next"]["url"]
    assert link.startswith(fj["api"]) and "limit=1" in link and "page=2" in link
    second = requests.get(link, headers=fj["h"], timeout=TIMEOUT)
    assert len(second.json()) == 1 and "next" not in second.links
    # Forgejo writes its links on ROOT_URL, whatever address the client used.
    seed_forge(fj["sb"], {"settings": {"forgejo_root_url": "https://git.bkd-ntt.example/"}})
    moved = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/commits", limit=1).links["next"]["url"]
    assert moved.startswith("https://git.bkd-ntt.example/api/v1/repos/bkd-ntt/sosmed/pulls/3/commits?")


def test_reviews_page_without_link_or_total(fj: dict) -> None:
    first = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/reviews", limit=3)
    assert len(first.json()) == 3 and "Link" not in first.headers and "X-Total-Count" not in first.headers
    assert len(get(fj, "/repos/bkd-ntt/sosmed/pulls/3/reviews", limit=3, page=2).json()) == 1
    assert len(get(fj, "/repos/bkd-ntt/sosmed/pulls/3/reviews", limit=500).json()) == 4


def test_page_size_cap_and_api_settings(fj: dict) -> None:
    seed_forge(fj["sb"], {"settings": {"forgejo_limit_max": 2}})
    assert get(fj, "/settings/api").json()["max_response_items"] == 2
    assert len(get(fj, "/repos/bkd-ntt/sosmed/pulls/3/reviews", limit=50).json()) == 2


def test_files_commits_and_comments(fj: dict) -> None:
    files = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/files").json()
    assert files[0]["filename"] == "qna/mutasi/2026/QA-2026-05-0001.md" and files[0]["status"] == "modified"
    assert "sha" not in files[0]
    commits = get(fj, "/repos/bkd-ntt/sosmed/pulls/3/commits").json()
    assert [c["sha"] for c in commits] == [HEAD, EARLY]  # newest first, as git log base...head
    assert commits[0]["author"]["login"] == "editor-satu"
    one = get(fj, f"/repos/bkd-ntt/sosmed/git/commits/{EARLY}")
    assert one.status_code == 200 and one.json()["sha"] == EARLY and one.json()["commit"]["message"]
    assert get(fj, f"/repos/bkd-ntt/sosmed/git/commits/{'9' * 40}").status_code == 404
    r = requests.post(f"{fj['api']}/repos/bkd-ntt/sosmed/issues/3/comments", json={"body": "Laporan"},
                      headers=fj["h"], timeout=TIMEOUT)
    assert r.status_code == 201
    cid = r.json()["id"]
    r = requests.patch(f"{fj['api']}/repos/bkd-ntt/sosmed/issues/comments/{cid}", json={"body": "Laporan 2"},
                       headers=fj["h"], timeout=TIMEOUT)
    assert r.status_code == 200 and r.json()["body"] == "Laporan 2"
    listed = get(fj, "/repos/bkd-ntt/sosmed/issues/3/comments")
    assert [c["body"] for c in listed.json()] == ["Laporan 2"] and "Link" not in listed.headers


def test_auth_errors(fj: dict) -> None:
    r = requests.get(f"{fj['api']}/repos/bkd-ntt/sosmed/pulls/3", headers={"Authorization": "token salah"},
                     timeout=TIMEOUT)
    assert r.status_code == 401 and "url" in r.json()
    seed_forge(fj["sb"], {"tokens": [{"token": "forgejo-ro-123", "write": False}]})
    r = requests.post(f"{fj['api']}/repos/bkd-ntt/sosmed/issues/3/comments", json={"body": "x"},
                      headers={"Authorization": "token forgejo-ro-123"}, timeout=TIMEOUT)
    assert r.status_code == 403 and "write:issue" in r.json()["message"]


def test_branch_protection_team_and_permission(fj: dict) -> None:
    rules = get(fj, "/repos/bkd-ntt/sosmed/branch_protections").json()
    assert [r["rule_name"] for r in rules] == ["main"]
    rule = get(fj, "/repos/bkd-ntt/sosmed/branch_protections/main").json()
    assert rule["required_approvals"] == 2 and rule["dismiss_stale_approvals"] is True
    assert rule["apply_to_admins"] is True and rule["enable_status_check"] is True
    assert rule["status_check_contexts"] == ["sosmed review"]
    assert get(fj, "/repos/bkd-ntt/sosmed/branch_protections/lain").status_code == 404
    teams = get(fj, "/orgs/bkd-ntt/teams/search", q="kepala").json()
    assert teams["ok"] is True and teams["data"][0]["name"] == "Kepala"
    tid = teams["data"][0]["id"]
    assert get(fj, f"/teams/{tid}/members/kepala-bkd").json()["login"] == "kepala-bkd"
    assert get(fj, f"/teams/{tid}/members/editor-satu").status_code == 404
    perm = get(fj, "/repos/bkd-ntt/sosmed/collaborators/editor-satu/permission").json()
    assert perm["permission"] == "write" and perm["user"]["login"] == "editor-satu"


def test_no_rate_headers_and_429_fault(fj: dict) -> None:
    assert not any(k.lower().startswith("x-ratelimit") for k in get(fj, "/repos/bkd-ntt/sosmed").headers)
    fault(fj["sb"], platform="forgejo", kind="429", retry_after=3)
    r = get(fj, "/repos/bkd-ntt/sosmed")
    assert r.status_code == 429 and r.headers["Retry-After"] == "3"


def test_timeline_records_who_pushed(fj: dict) -> None:
    seed_forge(fj["sb"], {"repositories": [{"full_name": "bkd-ntt/sosmed", "pulls": [{
        "number": 3, "commits": [{"sha": "6" * 40, "author": "editor-satu", "pushed_by": "kepala-bkd",
                                "date": "2030-01-01T00:00:00Z"}]}]}]})
    entries = get(fj, "/repos/bkd-ntt/sosmed/issues/3/timeline").json()
    pushes = [e for e in entries if e["type"] == "pull_push"]
    assert [(e["user"]["login"], json.loads(e["body"])["commit_ids"]) for e in pushes] == [
        ("editor-satu", [EARLY, HEAD]), ("kepala-bkd", ["6" * 40])]
    assert json.loads(pushes[0]["body"])["is_force_push"] is False
