"""Forgejo/Gitea API (``/api/v1``) over the shared forge state, for self-hosted instances.

Served under ``/forgejo``: ``GET /forgejo/api/v1/repos/o/r/pulls/1`` answers like
``GET https://forgejo.example/api/v1/repos/o/r/pulls/1``. Shapes follow Gitea's
``modules/structs`` (Forgejo keeps them): review ``state`` is ``APPROVED``, ``COMMENT``,
``REQUEST_CHANGES``, ``PENDING`` or ``REQUEST_REVIEW`` with separate ``dismissed`` and
``stale`` flags; a changed file has no blob ``sha``; ``GET /commits/{sha}/pull`` finds
only the pull request whose merge commit is ``sha`` (404 otherwise: after a rebase merge,
only the last rebased commit finds it). A pull request's commits come newest first, as
Forgejo's ``git log base...head`` lists them. Lists paginate with ``page``/``limit``
(capped at ``forgejo_limit_max``, Forgejo's MAX_RESPONSE_ITEMS, shown by ``GET
/settings/api``); ``Link`` targets are written on ``forgejo_root_url`` (Forgejo's ROOT_URL,
which need not be the address the client used). Reviews come without ``Link`` or
``X-Total-Count``, and issue comments whole, as Forgejo serves them. Forgejo sends no
rate-limit headers.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from flask import Blueprint

from sosmed.sandbox import forge_state as fs
from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.errors import ApiError

BP = Blueprint("forgejo", __name__)
REPO = "/api/v1/repos/<owner>/<name>"
_STATES = {"APPROVED": "APPROVED", "CHANGES_REQUESTED": "REQUEST_CHANGES", "COMMENTED": "COMMENT",
           "PENDING": "PENDING"}


def _swagger(ctx: Ctx) -> str:
    return f"{ctx.base_url}/forgejo/api/swagger"


def fj_error(ctx: Ctx, status: int, message: str, headers: dict[str, str] | None = None) -> ApiError:
    """Forgejo's API error: ``{"message", "url"}``."""
    return ApiError(status, {"message": message, "url": _swagger(ctx)}, headers)


def _not_found(ctx: Ctx, what: str = "") -> ApiError:
    """Forgejo's not-found answer."""
    return ApiError(404, {"errors": [what] if what else [], "message": "The target couldn't be found.",
                          "url": _swagger(ctx)})


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """Forgejo has no API rate-limit headers."""
    return {}


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault in Forgejo's shapes (a 429 is what a rate-limiting proxy in front sends)."""
    kind = fault["kind"]
    if kind == "429":
        return fj_error(ctx, 429, "Too Many Requests",
                        {"Retry-After": str(int(float(fault.get("retry_after", 60))))})
    if kind in ("expired_token", "401"):
        return fj_error(ctx, 401, "token is required")
    if kind == "400":
        return fj_error(ctx, 422, "[Body]: Required")
    if kind == "403":
        return fj_error(ctx, 403, "token does not have at least one of required scope(s): [write:issue]")
    if kind == "404":
        return _not_found(ctx)
    if kind == "503":
        return fj_error(ctx, 503, "Service Unavailable")
    return fj_error(ctx, 500, "Internal Server Error")


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return _not_found(ctx)


def _auth(ctx: Ctx, write: bool = False, scope: str = "write:issue") -> None:
    token = fs.bearer(ctx.request.headers.get("Authorization"))
    if token is not None:
        info = fs.token_info(ctx.store, token)
        if info is None:
            raise fj_error(ctx, 401, "user does not exist [uid: 0, name: ]")
        ctx.auth.update(token=token, login=info["login"], info=info)
    if write:
        if token is None:
            raise fj_error(ctx, 401, "token is required")
        if not ctx.auth["info"].get("write"):
            raise fj_error(ctx, 403, f"token does not have at least one of required scope(s): [{scope}]")


def _repo(ctx: Ctx, owner: str, name: str, write: bool = False) -> dict[str, Any]:
    _auth(ctx, write)
    rep = fs.repo(ctx.store, owner, name)
    if rep is None or (rep["private"] and not ctx.auth.get("token")):
        raise _not_found(ctx)
    return rep


def _pull_or_404(ctx: Ctx, rep: dict[str, Any], number: str) -> dict[str, Any]:
    pull = fs.find_pull(rep, number)
    if pull is None:
        raise _not_found(ctx)
    return pull


# --- shapes ---------------------------------------------------------------------------------------


def _web(ctx: Ctx) -> str:
    return f"{ctx.base_url}/forgejo"


def _api(ctx: Ctx) -> str:
    return f"{ctx.base_url}/forgejo/api/v1"


def user_obj(ctx: Ctx, login: str | None) -> dict[str, Any] | None:
    """A Forgejo user."""
    if not login:
        return None
    u = fs.user(ctx.store, login)
    return {"id": u["id"], "login": u["login"], "login_name": "", "source_id": 0, "full_name": u["name"],
            "email": f"{u['login']}@noreply.localhost", "avatar_url": f"{_web(ctx)}/avatars/{u['login']}",
            "html_url": f"{_web(ctx)}/{u['login']}", "language": "", "is_admin": False,
            "restricted": False, "active": True, "prohibit_login": False, "visibility": "public",
            "username": u["login"]}


def repo_obj(ctx: Ctx, full_name: str) -> dict[str, Any]:
    """A Forgejo repository (the parts a client reads)."""
    rep = fs.forge(ctx.store)["repos"].get(full_name.lower())
    owner, name = full_name.split("/", 1)
    return {"id": rep["id"] if rep else 0, "owner": user_obj(ctx, owner), "name": name, "full_name": full_name,
            "private": bool(rep and rep["private"]), "fork": rep is None,
            "html_url": f"{_web(ctx)}/{full_name}", "url": f"{_api(ctx)}/repos/{full_name}",
            "default_branch": rep["default_branch"] if rep else "main"}


def _branch(ctx: Ctx, ref: str, sha: str, full_name: str) -> dict[str, Any]:
    r = repo_obj(ctx, full_name)
    return {"label": ref, "ref": ref, "sha": sha, "repo_id": r["id"], "repo": r}


def pull_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo pull request."""
    html = f"{_web(ctx)}/{rep['full_name']}/pulls/{p['number']}"
    return {
        "id": p["id"], "url": html, "number": p["number"], "user": user_obj(ctx, p["user"]), "title": p["title"],
        "body": p["body"], "labels": [], "milestone": None, "assignee": None, "assignees": None,
        "requested_reviewers": None, "state": p["state"], "draft": p["draft"], "is_locked": False,
        "comments": sum(1 for c in rep["comments"] if c["issue"] == p["number"]),
        "additions": sum(f["additions"] for f in p["files"]), "deletions": sum(f["deletions"] for f in p["files"]),
        "changed_files": len(p["files"]), "html_url": html, "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch", "mergeable": not p["merged"], "merged": p["merged"],
        "merged_at": fs.iso(p["merged_at"]), "merge_commit_sha": p["merge_commit_sha"] if p["merged"] else None,
        "merged_by": user_obj(ctx, p["merged_by"]), "allow_maintainer_edit": False,
        "base": _branch(ctx, p["base"], p["base_sha"], rep["full_name"]),
        "head": _branch(ctx, p["head"], p["head_sha"], p["head_repo"]),
        "merge_base": p["base_sha"], "due_date": None, "created_at": fs.iso(p["created_at"]),
        "updated_at": fs.iso(p["updated_at"]), "closed_at": fs.iso(p["closed_at"]), "pin_order": 0}


def review_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any], r: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo pull review: the decision stays in ``state``, dismissal and staleness are flags."""
    html = f"{_web(ctx)}/{rep['full_name']}/pulls/{p['number']}#issuecomment-{r['id']}"
    return {"id": r["id"], "user": user_obj(ctx, r["user"]), "team": None, "state": _STATES[r["state"]],
            "body": r["body"], "commit_id": r["commit_id"] or "", "stale": r["commit_id"] != p["head_sha"],
            "official": r["state"] in ("APPROVED", "CHANGES_REQUESTED"), "dismissed": r["dismissed"],
            "comments_count": 0, "submitted_at": fs.iso(r["submitted_at"]), "updated_at": fs.iso(r["submitted_at"]),
            "html_url": html, "pull_request_url": f"{_web(ctx)}/{rep['full_name']}/pulls/{p['number']}"}


def comment_obj(ctx: Ctx, rep: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo issue comment."""
    web = f"{_web(ctx)}/{rep['full_name']}"
    return {"id": c["id"], "html_url": f"{web}/pulls/{c['issue']}#issuecomment-{c['id']}",
            "pull_request_url": f"{web}/pulls/{c['issue']}", "issue_url": "", "user": user_obj(ctx, c["user"]),
            "original_author": "", "original_author_id": 0, "body": c["body"], "assets": [],
            "created_at": fs.iso(c["created_at"]), "updated_at": fs.iso(c["updated_at"])}


def commit_obj(ctx: Ctx, rep: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo commit as ``GET pulls/{n}/commits`` lists it."""
    api = f"{_api(ctx)}/repos/{rep['full_name']}/git/commits"

    def person(login: str) -> dict[str, str]:
        u = fs.user(ctx.store, login)
        return {"name": u["name"], "email": f"{u['login']}@noreply.localhost", "date": fs.iso(c["date"]) or ""}

    return {"url": f"{api}/{c['sha']}", "sha": c["sha"], "created": fs.iso(c["date"]),
            "html_url": f"{_web(ctx)}/{rep['full_name']}/commit/{c['sha']}",
            "commit": {"url": f"{api}/{c['sha']}", "author": person(c["author"]),
                       "committer": person(c["committer"]), "message": c["message"],
                       "tree": {"url": "", "sha": c["sha"][::-1], "created": fs.iso(c["date"])},
                       "verification": {"verified": False, "reason": "gpg.error.not_signed_commit",
                                        "signature": "", "signer": None, "payload": ""}},
            "author": user_obj(ctx, c["author"]), "committer": user_obj(ctx, c["committer"]),
            "parents": [{"url": f"{api}/{s}", "sha": s, "created": ""} for s in c["parents"]],
            "files": None, "stats": None}


def file_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any], f: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo changed file (no blob sha, no patch)."""
    web = f"{_web(ctx)}/{rep['full_name']}"
    return {"filename": f["filename"], "previous_filename": f.get("previous_filename") or "",
            "status": f["status"], "additions": f["additions"], "deletions": f["deletions"],
            "changes": f["changes"], "html_url": f"{web}/src/commit/{p['head_sha']}/{f['filename']}",
            "contents_url": f"{_api(ctx)}/repos/{rep['full_name']}/contents/{f['filename']}?ref={p['head_sha']}",
            "raw_url": f"{web}/raw/commit/{p['head_sha']}/{f['filename']}"}


def root_url(ctx: Ctx) -> str:
    """Forgejo's ROOT_URL: where it believes it lives (its links use it), without the trailing slash."""
    configured = str(fs.setting(ctx.store, "forgejo_root_url") or "")
    return configured.rstrip("/") if configured else _web(ctx)


def _page(ctx: Ctx, items: list[Any], link: bool = True) -> Reply:
    params = {k: v for k, v in ctx.request.args.items()}
    url = f"{root_url(ctx)}{ctx.path}"
    page, headers = fs.paginate(items, params, url, "limit", int(fs.setting(ctx.store, "forgejo_limit_default")),
                                int(fs.setting(ctx.store, "forgejo_limit_max")), link=link)
    if link:
        headers["X-Total-Count"] = str(len(items))
        headers["Access-Control-Expose-Headers"] = "Link, X-Total-Count"
    return Reply(page, 200, headers)


# --- routes ---------------------------------------------------------------------------------------


@route(BP, "GET", REPO)
def get_repo(ctx: Ctx, owner: str, name: str) -> Reply:
    """GET /api/v1/repos/{o}/{r}."""
    rep = _repo(ctx, owner, name)
    return Reply(repo_obj(ctx, rep["full_name"]))


@route(BP, "GET", REPO + "/commits/<sha>/pull")
def commit_pull(ctx: Ctx, owner: str, name: str, sha: str) -> Reply:
    """The pull request whose merge commit is ``sha``; 404 for any other commit."""
    rep = _repo(ctx, owner, name)
    found = next((p for p in rep["pulls"] if p["merged"] and p["merge_commit_sha"] == sha.lower()), None)
    if found is None:
        raise fj_error(ctx, 404, f"pull request does not exist [issue_id: 0, pull_id: 0, merged_commit_id: {sha}]")
    return Reply(pull_obj(ctx, rep, found))


@route(BP, "GET", REPO + "/pulls/<digits:number>")
def get_pull(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """GET /api/v1/repos/{o}/{r}/pulls/{index}."""
    rep = _repo(ctx, owner, name)
    return Reply(pull_obj(ctx, rep, _pull_or_404(ctx, rep, number)))


@route(BP, "GET", REPO + "/pulls/<digits:number>/reviews")
def list_reviews(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Reviews, oldest first; a PENDING review only for its own author."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(ctx, rep, number)
    me = (ctx.auth.get("login") or "").lower()
    shown = [r for r in sorted(p["reviews"], key=lambda r: r["submitted_at"])
             if r["state"] != "PENDING" or r["user"].lower() == me]
    return _page(ctx, [review_obj(ctx, rep, p, r) for r in shown], link=False)


@route(BP, "GET", REPO + "/pulls/<digits:number>/files")
def list_files(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Changed files."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(ctx, rep, number)
    return _page(ctx, [file_obj(ctx, rep, p, f) for f in p["files"]])


@route(BP, "GET", REPO + "/pulls/<digits:number>/commits")
def list_commits(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """The PR's commits, newest first (``git log base...head``)."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(ctx, rep, number)
    ordered = [c for _, c in sorted(enumerate(p["commits"]), key=lambda ic: (ic[1]["date"], ic[0]), reverse=True)]
    return _page(ctx, [commit_obj(ctx, rep, c) for c in ordered])


@route(BP, "GET", REPO + "/git/commits/<sha>")
def get_commit(ctx: Ctx, owner: str, name: str, sha: str) -> Reply:
    """One commit (``GET /repos/{o}/{r}/git/commits/{sha}``); 404 for an unknown one."""
    rep = _repo(ctx, owner, name)
    wanted = sha.lower()
    pools = [rep["commits"], *(p["commits"] for p in rep["pulls"])]
    found = next((c for pool in pools for c in pool if c["sha"] == wanted), None)
    if found is None:
        raise _not_found(ctx, f"object does not exist [id: {sha}, rel_path: ]")
    return Reply(commit_obj(ctx, rep, found))


@route(BP, "GET", "/api/v1/settings/api")
def api_settings(ctx: Ctx) -> Reply:
    """The instance's API settings: ``max_response_items`` is the largest page it serves."""
    _auth(ctx)
    return Reply({"max_response_items": int(fs.setting(ctx.store, "forgejo_limit_max")),
                  "default_paging_num": int(fs.setting(ctx.store, "forgejo_limit_default")),
                  "default_git_trees_per_page": 1000, "default_max_blob_size": 10485760})


@route(BP, "GET", REPO + "/issues/<digits:number>/comments")
def list_comments(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """All comments of an issue or PR (Forgejo does not paginate this list)."""
    rep = _repo(ctx, owner, name)
    _pull_or_404(ctx, rep, number)
    return Reply([comment_obj(ctx, rep, c) for c in rep["comments"] if c["issue"] == int(number)])


@route(BP, "GET", REPO + "/issues/<digits:number>/timeline")
def timeline(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """The issue timeline: comments, and one ``pull_push`` entry per push (consecutive commits by the
    same pusher), whose body is ``{"is_force_push": false, "commit_ids": [...]}`` and user the pusher."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(ctx, rep, number)
    web = f"{_web(ctx)}/{rep['full_name']}"
    pushes: list[tuple[str, list[dict[str, Any]]]] = []
    for c in sorted(p["commits"], key=lambda c: c["date"]):
        pusher = c.get("pushed_by") or c["committer"]
        if pushes and pushes[-1][0] == pusher:
            pushes[-1][1].append(c)
        else:
            pushes.append((pusher, [c]))
    entries: list[dict[str, Any]] = []
    for pusher, commits in pushes:
        when = fs.iso(commits[-1]["date"])
        entries.append({"id": zlib.crc32(commits[-1]["sha"].encode()), "type": "pull_push", "user": user_obj(ctx, pusher),
                        "body": json.dumps({"is_force_push": False, "commit_ids": [c["sha"] for c in commits]}),
                        "html_url": f"{web}/pulls/{p['number']}", "pull_request_url": f"{web}/pulls/{p['number']}",
                        "issue_url": "", "created_at": when, "updated_at": when, "ref_commit_sha": ""})
    for c in rep["comments"]:
        if c["issue"] == p["number"]:
            entries.append({**comment_obj(ctx, rep, c), "type": "comment", "ref_commit_sha": ""})
    entries.sort(key=lambda e: str(e["created_at"] or ""))
    return _page(ctx, entries, link=False)


def _body_text(ctx: Ctx) -> str:
    body = ctx.json_body()
    if not isinstance(body, dict) or not isinstance(body.get("body"), str) or not body["body"].strip():
        raise ApiError(422, {"message": "[Body]: Required", "url": _swagger(ctx)})
    return body["body"]


@route(BP, "POST", REPO + "/issues/<digits:number>/comments")
def create_comment(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Create a comment: 201 with it."""
    rep = _repo(ctx, owner, name, write=True)
    _pull_or_404(ctx, rep, number)
    text = _body_text(ctx)
    now = ctx.store.now()
    with ctx.store.lock:
        c = {"id": fs.next_id(ctx.store), "issue": int(number), "user": ctx.auth["login"], "body": text,
             "created_at": now, "updated_at": now}
        rep["comments"].append(c)
        ctx.store.save()
    return Reply(comment_obj(ctx, rep, c), 201)


def _comment_or_404(ctx: Ctx, rep: dict[str, Any], comment_id: str) -> dict[str, Any]:
    found = next((c for c in rep["comments"] if c["id"] == int(comment_id)), None)
    if found is None:
        raise _not_found(ctx)
    return found


@route(BP, "GET", REPO + "/issues/comments/<digits:comment_id>")
def get_comment(ctx: Ctx, owner: str, name: str, comment_id: str) -> Reply:
    """One comment."""
    rep = _repo(ctx, owner, name)
    return Reply(comment_obj(ctx, rep, _comment_or_404(ctx, rep, comment_id)))


@route(BP, "PATCH", REPO + "/issues/comments/<digits:comment_id>")
def update_comment(ctx: Ctx, owner: str, name: str, comment_id: str) -> Reply:
    """Edit a comment; only its poster (or an admin) may."""
    rep = _repo(ctx, owner, name, write=True)
    c = _comment_or_404(ctx, rep, comment_id)
    if c["user"].lower() != ctx.auth["login"].lower() and not ctx.auth["info"].get("admin"):
        raise fj_error(ctx, 403, "user should be the poster or an admin")
    text = _body_text(ctx)
    with ctx.store.lock:
        c["body"] = text
        c["updated_at"] = max(ctx.store.now(), c["created_at"])
        ctx.store.save()
    return Reply(comment_obj(ctx, rep, c))


def protection_obj(ctx: Ctx, branch: str, rules: dict[str, Any]) -> dict[str, Any]:
    """A Forgejo branch protection rule from the forge-neutral settings."""
    checks = list(rules.get("required_status_checks") or [])
    now = fs.iso(ctx.store.now())
    # Direct pushes are allowed where no pull request is required (the ledger branch).
    push = bool(rules.get("enable_push", not rules.get("require_pull_request", True)))
    return {"branch_name": branch, "rule_name": branch, "enable_push": push,
            "enable_push_whitelist": False, "push_whitelist_usernames": [], "push_whitelist_teams": [],
            "push_whitelist_deploy_keys": False, "enable_merge_whitelist": False, "merge_whitelist_usernames": [],
            "merge_whitelist_teams": [], "enable_status_check": bool(checks), "status_check_contexts": checks,
            "required_approvals": int(rules.get("required_approving_review_count", 1))
            if rules.get("require_pull_request", True) else 0,
            "enable_approvals_whitelist": bool(rules.get("approvals_whitelist")),
            "approvals_whitelist_username": list(rules.get("approvals_whitelist") or []),
            "approvals_whitelist_teams": [],
            "block_on_rejected_reviews": bool(rules.get("block_on_rejected_reviews", False)),
            "block_on_official_review_requests": bool(rules.get("block_on_official_review_requests", False)),
            "block_on_outdated_branch": bool(rules.get("block_on_outdated_branch", False)),
            "dismiss_stale_approvals": bool(rules.get("dismiss_stale_reviews", False)),
            "ignore_stale_approvals": bool(rules.get("ignore_stale_approvals", False)),
            "require_signed_commits": bool(rules.get("required_signatures", False)),
            "protected_file_patterns": "", "unprotected_file_patterns": "",
            "apply_to_admins": bool(rules.get("enforce_admins", False)), "created_at": now, "updated_at": now}


def _admin_repo(ctx: Ctx, owner: str, name: str) -> dict[str, Any]:
    rep = _repo(ctx, owner, name)
    if not (ctx.auth.get("info") or {}).get("admin"):
        raise fj_error(ctx, 403, "token does not have at least one of required scope(s): [read:repository]"
                       if not ctx.auth.get("token") else "Must be repository admin")
    return rep


@route(BP, "GET", REPO + "/branch_protections")
def list_protections(ctx: Ctx, owner: str, name: str) -> Reply:
    """All branch protection rules (repository admins only)."""
    rep = _admin_repo(ctx, owner, name)
    return Reply([protection_obj(ctx, b, r) for b, r in rep["protection"].items() if r is not None])


@route(BP, "GET", REPO + "/branch_protections/<path:rule>")
def get_protection(ctx: Ctx, owner: str, name: str, rule: str) -> Reply:
    """One branch protection rule by name; 404 when there is none."""
    rep = _admin_repo(ctx, owner, name)
    rules = rep["protection"].get(rule)
    if rules is None:
        raise _not_found(ctx)
    return Reply(protection_obj(ctx, rule, rules))


@route(BP, "GET", "/api/v1/orgs/<org>/teams/search")
def search_teams(ctx: Ctx, org: str) -> Reply:
    """Teams of an organisation whose name contains ``q``: ``{"data": [...], "ok": true}``."""
    _auth(ctx)
    q = ctx.request.args.get("q", "").lower()
    teams = [t for t in fs.forge(ctx.store)["teams"] if t["org"].lower() == org.lower()
             and (q in t["slug"] or q in t["name"].lower())]
    data = [{"id": t["id"], "name": t["name"], "description": "", "organization": None,
             "includes_all_repositories": False, "permission": "write", "units": [], "units_map": {},
             "can_create_org_repo": False} for t in teams]
    return Reply({"data": data, "ok": True})


@route(BP, "GET", "/api/v1/teams/<digits:team_id>/members/<username>")
def team_member(ctx: Ctx, team_id: str, username: str) -> Reply:
    """200 with the user when a member of the team, 404 otherwise."""
    _auth(ctx)
    team = next((t for t in fs.forge(ctx.store)["teams"] if t["id"] == int(team_id)), None)
    if team is None:
        raise _not_found(ctx)
    member = team["members"].get(username.lower())
    if member is None or member["state"] != "active":
        raise _not_found(ctx)
    return Reply(user_obj(ctx, fs.user(ctx.store, username)["login"]))


@route(BP, "GET", REPO + "/collaborators/<username>/permission")
def collaborator_permission(ctx: Ctx, owner: str, name: str, username: str) -> Reply:
    """A user's permission on the repository: ``{"permission", "role_name", "user"}``."""
    rep = _repo(ctx, owner, name)
    known = fs.forge(ctx.store)["users"].get(username.lower())
    if known is None:
        raise _not_found(ctx)
    role = rep["collaborators"].get(username.lower(), "none")
    permission = {"maintain": "write", "triage": "read"}.get(role, role)
    return Reply({"permission": permission, "role_name": permission, "user": user_obj(ctx, known["login"])})


API = PlatformApi("forgejo", BP, fault_error, not_found, rate_headers)
