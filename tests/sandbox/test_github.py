"""GitHub REST emulation contract (reference §5), with raw requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from sosmed.sandbox.forge_state import SeedError, apply_forge_seed, seed_forge
from tests.sandbox.helpers import fault

TIMEOUT = 5
CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "github-events"
HEAD = "1" * 40
MERGE = "2" * 40
EARLY = "3" * 40
OPEN_HEAD = "4" * 40
DIRECT = "5" * 40

SEED: dict[str, Any] = {
    "teams": [{"org": "bkd-ntt", "slug": "kepala", "members": ["kepala-bkd"]},
              {"org": "bkd-ntt", "slug": "bidang-mutasi", "members": {"kabid-mutasi": {"state": "pending"}}}],
    "repositories": [{
        "full_name": "bkd-ntt/sosmed", "default_branch": "main",
        "collaborators": {"kepala-bkd": "admin", "editor-satu": "write", "tamu": "triage"},
        "commits": [{"sha": DIRECT, "author": "admin-bkd", "message": "langsung ke main"}],
        "protection": {"main": {"required_approving_review_count": 1, "require_code_owner_reviews": True,
                                "dismiss_stale_reviews": False, "enforce_admins": True,
                                "required_status_checks": ["sosmed review"]}},
        "rulesets": {"main": [{"type": "pull_request", "parameters": {"required_approving_review_count": 2,
                                                                      "require_code_owner_review": True}}]},
        "pulls": [
            {"number": 7, "user": "editor-satu", "title": "Kabar Mei", "head": "kabar-mei", "head_sha": HEAD,
             "merged": True, "merge_commit_sha": MERGE, "merged_by": "admin-bkd",
             "commits": [{"sha": EARLY, "author": "editor-satu", "date": "2026-05-01T01:00:00Z"},
                         {"sha": HEAD, "author": "editor-satu", "committer": "editor-dua",
                          "date": "2026-05-01T02:00:00Z"}],
             "files": [{"filename": "content/2026/05/kabar/index.md", "sha": "a" * 40}],
             "reviews": [
                 {"user": "kepala-bkd", "state": "APPROVED", "commit_id": EARLY, "submitted_at": "2026-05-01T01:30:00Z"},
                 {"user": "kepala-bkd", "state": "COMMENTED", "commit_id": HEAD, "submitted_at": "2026-05-01T03:00:00Z"},
                 {"user": "plt-kepala", "state": "DISMISSED", "commit_id": HEAD, "submitted_at": "2026-05-01T03:10:00Z"},
                 {"user": "kabid-mutasi", "state": "CHANGES_REQUESTED", "commit_id": HEAD,
                  "submitted_at": "2026-05-01T02:30:00Z"},
                 {"user": "draf", "state": "PENDING", "commit_id": HEAD}]},
            {"number": 8, "user": "editor-dua", "head_sha": OPEN_HEAD, "head_repo": "warga/sosmed"},
        ],
    }],
}


@pytest.fixture
def gh(sandbox):  # noqa: ANN001, ANN201
    seed_forge(sandbox, SEED)
    return {"api": sandbox.env["GITHUB_API_URL"], "sb": sandbox,
            "h": {"Authorization": f"Bearer {sandbox.env['SOSMED_FORGE_TOKEN']}",
                  "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}}


def get(gh: dict, path: str, **params: Any) -> requests.Response:
    return requests.get(f"{gh['api']}{path}", headers=gh["h"], params=params, timeout=TIMEOUT)


def test_credentials_point_at_the_emulation(sandbox) -> None:  # noqa: ANN001
    env = sandbox.env
    assert env["GITHUB_API_URL"] == f"{sandbox.base_url}/github"
    assert env["SOSMED_FORGEJO_URL"] == f"{sandbox.base_url}/forgejo"
    assert len(env["SOSMED_FORGE_TOKEN"]) > 20
    written = sandbox.credentials_path.read_text(encoding="utf-8")
    assert f"SOSMED_FORGE_TOKEN={env['SOSMED_FORGE_TOKEN']}\n" in written


def test_merged_pull_has_the_fields_the_gate_reads(gh: dict) -> None:
    r = get(gh, "/repos/bkd-ntt/sosmed/pulls/7")
    assert r.status_code == 200
    pr = r.json()
    assert pr["number"] == 7 and pr["user"]["login"] == "editor-satu"
    assert pr["merged"] is True and pr["merge_commit_sha"] == MERGE and pr["merged_at"].endswith("Z")
    assert pr["head"]["sha"] == HEAD and pr["base"]["ref"] == "main" and pr["state"] == "closed"
    assert pr["merged_by"]["login"] == "admin-bkd"
    assert pr["head"]["repo"]["full_name"] == pr["base"]["repo"]["full_name"] == "bkd-ntt/sosmed"


@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="conformance payloads not available")
def test_objects_have_the_keys_of_real_payloads(gh: dict) -> None:
    real_pr = json.loads((CONFORMANCE / "pull_request.closed.json").read_text())["pull_request"]
    real_review = json.loads((CONFORMANCE / "pull_request_review.submitted.json").read_text())["review"]
    pr = get(gh, "/repos/bkd-ntt/sosmed/pulls/7").json()
    review = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/reviews").json()[0]
    assert set(real_pr) <= set(pr)
    assert set(real_pr["user"]) <= set(pr["user"])
    assert set(real_pr["head"]) <= set(pr["head"]) and set(real_pr["_links"]) <= set(pr["_links"])
    assert set(real_review) <= set(review) and set(real_review["user"]) <= set(review["user"])


def test_commit_on_default_branch_gives_the_merged_pull(gh: dict) -> None:
    for sha in (MERGE, HEAD, EARLY):
        r = get(gh, f"/repos/bkd-ntt/sosmed/commits/{sha}/pulls")
        assert r.status_code == 200
        assert [p["number"] for p in r.json()] == [7]
        assert "merged" not in r.json()[0]  # pull-request-simple
        assert r.json()[0]["merged_at"] is not None


def test_commit_elsewhere_gives_open_pulls_and_direct_push_gives_none(gh: dict) -> None:
    assert [p["number"] for p in get(gh, f"/repos/bkd-ntt/sosmed/commits/{OPEN_HEAD}/pulls").json()] == [8]
    assert get(gh, f"/repos/bkd-ntt/sosmed/commits/{DIRECT}/pulls").json() == []
    r = get(gh, f"/repos/bkd-ntt/sosmed/commits/{'9' * 40}/pulls")
    assert r.status_code == 422 and r.json()["message"] == f"No commit found for SHA: {'9' * 40}"


def test_reviews_chronological_dismissed_kept_pending_hidden(gh: dict) -> None:
    r = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/reviews")
    reviews = r.json()
    assert [(x["user"]["login"], x["state"]) for x in reviews] == [
        ("kepala-bkd", "APPROVED"), ("kabid-mutasi", "CHANGES_REQUESTED"), ("kepala-bkd", "COMMENTED"),
        ("plt-kepala", "DISMISSED")]
    assert reviews[0]["commit_id"] == EARLY and reviews[0]["submitted_at"] == "2026-05-01T01:30:00Z"
    assert [x["submitted_at"] for x in reviews] == sorted(x["submitted_at"] for x in reviews)


def test_pagination_with_link_header(gh: dict) -> None:
    extra = [{"user": f"pengulas-{i}", "state": "COMMENTED", "commit_id": HEAD} for i in range(6)]
    seed_forge(gh["sb"], {"repositories": [{"full_name": "bkd-ntt/sosmed",
                                                     "pulls": [{"number": 7, "reviews": extra}]}]})
    first = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/reviews", per_page=4)
    assert len(first.json()) == 4
    assert first.links["next"]["url"].startswith(gh["api"] + "/repos/bkd-ntt/sosmed/pulls/7/reviews?")
    assert "page=3" in first.links["last"]["url"] and "per_page=4" in first.links["next"]["url"]
    second = requests.get(first.links["next"]["url"], headers=gh["h"], timeout=TIMEOUT)
    third = requests.get(second.links["next"]["url"], headers=gh["h"], timeout=TIMEOUT)
    assert len(second.json()) == 4 and len(third.json()) == 2 and "next" not in third.links
    assert "prev" in third.links and "first" in third.links
    ids = [x["id"] for x in first.json() + second.json() + third.json()]
    assert len(set(ids)) == 10
    capped = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/reviews", per_page=500)
    assert len(capped.json()) == 10 and "next" not in capped.links


def test_files_and_commits(gh: dict) -> None:
    files = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/files").json()
    assert files[0]["filename"] == "content/2026/05/kabar/index.md" and files[0]["sha"] == "a" * 40
    assert files[0]["status"] == "added" and "blob_url" in files[0] and "patch" in files[0]
    commits = get(gh, "/repos/bkd-ntt/sosmed/pulls/7/commits").json()
    assert [c["sha"] for c in commits] == [EARLY, HEAD]
    assert commits[-1]["author"]["login"] == "editor-satu" and commits[-1]["committer"]["login"] == "editor-dua"
    assert commits[-1]["commit"]["committer"]["date"] == "2026-05-01T02:00:00Z"


def test_comment_create_list_update(gh: dict) -> None:
    path = "/repos/bkd-ntt/sosmed/issues/7/comments"
    r = requests.post(f"{gh['api']}{path}", json={"body": "Laporan FBS <!-- sosmed:review -->"}, headers=gh["h"],
                      timeout=TIMEOUT)
    assert r.status_code == 201
    made = r.json()
    assert {"id", "html_url", "body", "user", "created_at", "updated_at"} <= set(made)
    assert made["user"]["login"] == "github-actions[bot]"
    r = requests.patch(f"{gh['api']}/repos/bkd-ntt/sosmed/issues/comments/{made['id']}", json={"body": "baru"},
                       headers=gh["h"], timeout=TIMEOUT)
    assert r.status_code == 200 and r.json()["body"] == "baru"
    listed = get(gh, path).json()
    assert [(c["id"], c["body"]) for c in listed] == [(made["id"], "baru")]


def test_comment_validation_and_missing_issue(gh: dict) -> None:
    r = requests.post(f"{gh['api']}/repos/bkd-ntt/sosmed/issues/7/comments", json={}, headers=gh["h"],
                      timeout=TIMEOUT)
    assert r.status_code == 422
    assert r.json()["message"] == "Validation Failed" and r.json()["errors"][0]["field"] == "body"
    assert r.json()["status"] == "422" and "documentation_url" in r.json()
    r = requests.post(f"{gh['api']}/repos/bkd-ntt/sosmed/issues/99/comments", json={"body": "x"}, headers=gh["h"],
                      timeout=TIMEOUT)
    assert r.status_code == 404 and r.json()["message"] == "Not Found"


def test_read_only_token_cannot_comment(gh: dict) -> None:
    seed_forge(gh["sb"], {"tokens": [{"token": "ro-token-fork-123", "write": False}]})
    h = {"Authorization": "Bearer ro-token-fork-123"}
    assert requests.get(f"{gh['api']}/repos/bkd-ntt/sosmed/pulls/7", headers=h, timeout=TIMEOUT).status_code == 200
    r = requests.post(f"{gh['api']}/repos/bkd-ntt/sosmed/issues/7/comments", json={"body": "x"}, headers=h,
                      timeout=TIMEOUT)
    assert r.status_code == 403 and r.json()["message"] == "Resource not accessible by integration"


def test_bad_token_and_anonymous(gh: dict) -> None:
    r = requests.get(f"{gh['api']}/repos/bkd-ntt/sosmed/pulls/7", headers={"Authorization": "Bearer nope"},
                     timeout=TIMEOUT)
    assert r.status_code == 401 and r.json()["message"] == "Bad credentials"
    anon = requests.get(f"{gh['api']}/repos/bkd-ntt/sosmed/pulls/7", timeout=TIMEOUT)
    assert anon.status_code == 200 and anon.headers["x-ratelimit-limit"] == "60"
    r = requests.post(f"{gh['api']}/repos/bkd-ntt/sosmed/issues/7/comments", json={"body": "x"}, timeout=TIMEOUT)
    assert r.status_code == 401 and r.json()["message"] == "Requires authentication"
    seed_forge(gh["sb"], {"repositories": [{"full_name": "bkd-ntt/rahasia", "private": True}]})
    assert requests.get(f"{gh['api']}/repos/bkd-ntt/rahasia", timeout=TIMEOUT).status_code == 404
    assert get(gh, "/repos/bkd-ntt/rahasia").json()["default_branch"] == "main"


def test_rate_limit_headers_and_primary_limit(gh: dict) -> None:
    r = get(gh, "/repos/bkd-ntt/sosmed")
    for name in ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset",
                 "x-ratelimit-resource"):
        assert name in r.headers
    assert r.headers["x-ratelimit-limit"] == "5000" and r.headers["x-ratelimit-resource"] == "core"
    used = int(r.headers["x-ratelimit-used"])
    assert int(get(gh, "/repos/bkd-ntt/sosmed").headers["x-ratelimit-used"]) == used + 1
    seed_forge(gh["sb"], {"settings": {"rate_limit": used + 2}})
    assert get(gh, "/repos/bkd-ntt/sosmed").status_code == 200
    r = get(gh, "/repos/bkd-ntt/sosmed")
    assert r.status_code == 403 and r.headers["x-ratelimit-remaining"] == "0"
    assert r.json()["message"].startswith("API rate limit exceeded for user ID ")
    assert int(r.headers["x-ratelimit-reset"]) > 0


@pytest.mark.parametrize("status", [429, 403])
def test_secondary_limit_fault_in_both_documented_forms(gh: dict, status: int) -> None:
    fault(gh["sb"], platform="github", kind="429", retry_after=7, path="/pulls/7$", status=status)
    r = get(gh, "/repos/bkd-ntt/sosmed/pulls/7")
    assert r.status_code == status and r.headers["retry-after"] == "7"
    assert "secondary rate limit" in r.json()["message"]
    assert get(gh, "/repos/bkd-ntt/sosmed/pulls/7").status_code == 200


@pytest.mark.parametrize("kind", ["429", "500", "503", "404", "quota", "expired_token"])
def test_fault_answers_carry_the_tokens_rate_headers(gh: dict, kind: str) -> None:
    used = int(get(gh, "/repos/bkd-ntt/sosmed").headers["x-ratelimit-used"])
    fault(gh["sb"], platform="github", kind=kind, path="/pulls/7$")
    r = get(gh, "/repos/bkd-ntt/sosmed/pulls/7")
    assert r.status_code >= 400 and r.headers["x-ratelimit-limit"] == "5000"  # not the anonymous 60/h
    if kind == "quota":
        assert r.headers["x-ratelimit-remaining"] == "0" and "user ID" in r.json()["message"]
    else:
        assert int(r.headers["x-ratelimit-used"]) == used
        assert int(r.headers["x-ratelimit-remaining"]) == 5000 - used


def test_single_commit_issue_and_rate_limit(gh: dict) -> None:
    one = get(gh, f"/repos/bkd-ntt/sosmed/commits/{HEAD}").json()
    assert one["sha"] == HEAD and one["author"]["login"] == "editor-satu" and one["committer"]["login"] == "editor-dua"
    assert one["files"][0]["filename"] == "content/2026/05/kabar/index.md" and one["stats"]["total"] >= 1
    assert get(gh, f"/repos/bkd-ntt/sosmed/commits/{MERGE}").json()["parents"][1]["sha"] == HEAD
    missing = get(gh, f"/repos/bkd-ntt/sosmed/commits/{'9' * 40}")
    assert missing.status_code == 422 and missing.json()["message"].startswith("No commit found for SHA")
    issue = get(gh, "/repos/bkd-ntt/sosmed/issues/7").json()
    assert issue["number"] == 7 and issue["pull_request"]["url"].endswith("/pulls/7") and issue["state"] == "closed"
    assert get(gh, "/repos/bkd-ntt/sosmed/issues/99").status_code == 404
    before = get(gh, "/repos/bkd-ntt/sosmed").headers["x-ratelimit-used"]
    limits = get(gh, "/rate_limit")
    assert limits.json()["resources"]["core"]["limit"] == 5000 and limits.json()["rate"]["used"] == int(before)
    assert get(gh, "/repos/bkd-ntt/sosmed").headers["x-ratelimit-used"] == str(int(before) + 1)  # not counted


def test_branches_environments_and_secret_names(gh: dict) -> None:
    seed_forge(gh["sb"], {"repositories": [{
        "full_name": "bkd-ntt/sosmed", "secrets": ["SOSMED_X_API_KEY"], "org_secrets": ["BERSAMA"],
        "protection": {"sosmed-ledger": {"require_pull_request": False}},
        "environments": {"sosmed-live": {
            "deployment_branch_policy": {"protected_branches": False, "custom_branch_policies": True},
            "branch_policies": [{"name": "main"}], "secrets": ["SOSMED_INSTAGRAM_TOKEN"]}}}]})
    protected = get(gh, "/repos/bkd-ntt/sosmed/branches", protected="true").json()
    assert [b["name"] for b in protected] == ["main", "sosmed-ledger"] and protected[0]["protected"] is True
    assert get(gh, "/repos/bkd-ntt/sosmed/branches/kabar-mei").json()["protected"] is False
    assert get(gh, "/repos/bkd-ntt/sosmed/branches/tidak-ada").status_code == 404
    envs = get(gh, "/repos/bkd-ntt/sosmed/environments").json()
    assert envs["total_count"] == 1 and envs["environments"][0]["name"] == "sosmed-live"
    live = get(gh, "/repos/bkd-ntt/sosmed/environments/sosmed-live").json()
    assert live["deployment_branch_policy"] == {"protected_branches": False, "custom_branch_policies": True}
    assert live["protection_rules"][0]["type"] == "branch_policy"
    assert get(gh, "/repos/bkd-ntt/sosmed/environments/lain").status_code == 404
    policies = get(gh, "/repos/bkd-ntt/sosmed/environments/sosmed-live/deployment-branch-policies").json()
    assert policies["total_count"] == 1 and policies["branch_policies"][0] | {"id": 0, "node_id": ""} == {
        "id": 0, "node_id": "", "name": "main", "type": "branch"}
    names = get(gh, "/repos/bkd-ntt/sosmed/environments/sosmed-live/secrets").json()
    assert names["total_count"] == 1 and set(names["secrets"][0]) == {"name", "created_at", "updated_at"}
    assert get(gh, "/repos/bkd-ntt/sosmed/actions/secrets").json()["secrets"][0]["name"] == "SOSMED_X_API_KEY"
    assert get(gh, "/repos/bkd-ntt/sosmed/actions/organization-secrets").json()["secrets"][0]["name"] == "BERSAMA"
    seed_forge(gh["sb"], {"tokens": [{"token": "no-admin-token-2", "write": True}]})
    r = requests.get(f"{gh['api']}/repos/bkd-ntt/sosmed/actions/secrets",
                     headers={"Authorization": "Bearer no-admin-token-2"}, timeout=TIMEOUT)
    assert r.status_code == 403


def test_branch_protection_and_rulesets(gh: dict) -> None:
    p = get(gh, "/repos/bkd-ntt/sosmed/branches/main/protection").json()
    reviews = p["required_pull_request_reviews"]
    assert reviews["required_approving_review_count"] == 1 and reviews["require_code_owner_reviews"] is True
    assert reviews["dismiss_stale_reviews"] is False and reviews["require_last_push_approval"] is False
    assert p["enforce_admins"]["enabled"] is True
    assert p["required_status_checks"]["contexts"] == ["sosmed review"]
    r = get(gh, "/repos/bkd-ntt/sosmed/branches/lain/protection")
    assert r.status_code == 404 and r.json()["message"] == "Branch not protected"
    rules = get(gh, "/repos/bkd-ntt/sosmed/rules/branches/main").json()
    assert rules[0]["type"] == "pull_request" and rules[0]["parameters"]["required_approving_review_count"] == 2
    assert rules[0]["ruleset_source"] == "bkd-ntt/sosmed"
    assert get(gh, "/repos/bkd-ntt/sosmed/rules/branches/lain").json() == []
    seed_forge(gh["sb"], {"tokens": [{"token": "no-admin-token-1", "write": True}]})
    r = requests.get(f"{gh['api']}/repos/bkd-ntt/sosmed/branches/main/protection",
                     headers={"Authorization": "Bearer no-admin-token-1"}, timeout=TIMEOUT)
    assert r.status_code == 403


def test_team_membership_and_collaborators(gh: dict) -> None:
    r = get(gh, "/orgs/bkd-ntt/teams/kepala/memberships/kepala-bkd")
    assert r.status_code == 200 and r.json()["state"] == "active" and r.json()["role"] == "member"
    assert get(gh, "/orgs/bkd-ntt/teams/kepala/memberships/editor-satu").status_code == 404
    assert get(gh, "/orgs/bkd-ntt/teams/bidang-mutasi/memberships/kabid-mutasi").json()["state"] == "pending"
    perm = get(gh, "/repos/bkd-ntt/sosmed/collaborators/tamu/permission").json()
    assert perm["permission"] == "read" and perm["role_name"] == "triage" and perm["user"]["login"] == "tamu"
    assert get(gh, "/repos/bkd-ntt/sosmed/collaborators/kepala-bkd/permission").json()["permission"] == "admin"
    seed_forge(gh["sb"], {"tokens": [{"token": "actions-token-1", "org": False}]})
    r = requests.get(f"{gh['api']}/orgs/bkd-ntt/teams/kepala/memberships/kepala-bkd",
                     headers={"Authorization": "Bearer actions-token-1"}, timeout=TIMEOUT)
    assert r.status_code == 403


def test_reseeding_a_pull_pushes_and_reviews(gh: dict) -> None:
    new_head = "6" * 40
    seed_forge(gh["sb"], {"repositories": [{"full_name": "bkd-ntt/sosmed", "pulls": [{
        "number": 8, "head_sha": new_head, "commits": [{"sha": new_head, "author": "editor-dua"}],
        "reviews": [{"user": "kepala-bkd", "state": "APPROVED"}]}]}]})
    pr = get(gh, "/repos/bkd-ntt/sosmed/pulls/8").json()
    assert pr["head"]["sha"] == new_head and pr["head"]["repo"]["full_name"] == "warga/sosmed"
    review = get(gh, "/repos/bkd-ntt/sosmed/pulls/8/reviews").json()[-1]
    assert review["commit_id"] == new_head and review["state"] == "APPROVED"


def test_bad_seed_is_refused_and_changes_nothing(gh: dict) -> None:
    r = requests.post(f"{gh['sb'].base_url}/_sandbox/forge/seed", headers=gh["sb"].admin_headers, json={"repositories": [
        {"full_name": "bkd-ntt/baru", "pulls": [{"user": "x", "head_sha": "zz"}]}]}, timeout=TIMEOUT)
    assert r.status_code == 400 and "head_sha" in r.json()["error"]
    assert get(gh, "/repos/bkd-ntt/baru").status_code == 404
    with pytest.raises(SeedError):
        apply_forge_seed(gh["sb"].store, {"repositories": [{"full_name": "no-slash"}]})


def test_state_view_hides_tokens(gh: dict) -> None:
    view = requests.get(f"{gh['sb'].base_url}/_sandbox/forge/state", headers=gh["sb"].admin_headers,
                        timeout=TIMEOUT).text
    assert gh["sb"].env["SOSMED_FORGE_TOKEN"] not in view and "bkd-ntt/sosmed" in view
