"""GitHub REST API (reference §5) over the shared forge state: what the sign-off gate and ``sosmed review`` use.

Served under ``/github``: ``GET /github/repos/o/r/pulls/1`` answers like
``GET https://api.github.com/repos/o/r/pulls/1``. Objects have the shapes of real
payloads (``user.login``, ``head.sha``, ``base.ref``, ``merged``, ``merge_commit_sha``,
review ``state``/``commit_id``/``submitted_at``); lists paginate with ``per_page``/``page``
and a ``Link`` header; every answer (faults included) carries the ``x-ratelimit-*``
headers of the token used, and the primary limit (``rate_limit`` calls per ``rate_window``
seconds and token) answers 403 with ``x-ratelimit-remaining: 0`` when spent. Faults:
``429`` is a secondary limit with ``retry-after``, answered 429 or, armed with
``"status": 403``, 403 (GitHub documents both); ``quota`` is the primary limit.
Besides pull requests, reviews, files, commits and comments it serves what ``sosmed
doctor`` reads (branch protection, rulesets, protected branches, environments and their
deployment branch policies, environment, repository and organisation secret names) and
``GET /rate_limit``, in the documented shapes, so that PyGithub can drive it.
"""

from __future__ import annotations

import hashlib
import secrets
import zlib
from typing import Any

from flask import Blueprint

from sosmed.sandbox import forge_state as fs
from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.errors import ApiError

BP = Blueprint("github", __name__)
DOCS = "https://docs.github.com/rest"
REPO = "/repos/<owner>/<name>"
MAX_FILES = 3000
MAX_COMMITS = 250


def gh_error(status: int, message: str, doc: str = DOCS, headers: dict[str, str] | None = None,
             **extra: Any) -> ApiError:
    """GitHub's error body: ``{"message", "documentation_url", "status"}`` (status as a string)."""
    body: dict[str, Any] = {"message": message, **extra, "documentation_url": doc, "status": str(status)}
    return ApiError(status, body, headers)


def _not_found() -> ApiError:
    return gh_error(404, "Not Found")


# --- auth and rate limit ------------------------------------------------------------------------


def _identity(ctx: Ctx) -> tuple[str, int]:
    token = ctx.auth.get("token")
    if not token:
        # A fault answers before the token is checked: it still counts against the token's limit.
        sent = fs.bearer(ctx.request.headers.get("Authorization"))
        token = sent if fs.token_info(ctx.store, sent) is not None else None
    if token:
        return "token:" + token, int(fs.setting(ctx.store, "rate_limit"))
    return "anon:" + (ctx.request.remote_addr or "?"), int(fs.setting(ctx.store, "anonymous_rate_limit"))


def _count(ctx: Ctx) -> None:
    key, limit = _identity(ctx)
    window = int(fs.setting(ctx.store, "rate_window"))
    now = ctx.store.now()
    with ctx.store.lock:
        start, used = ctx.store.memory.get(("github_rate", key), (now, 0))
        if now >= start + window:
            start, used = now, 0
        used += 1
        ctx.store.memory[("github_rate", key)] = (start, used)
    reset = int(start + window)
    ctx.auth["rate"] = (limit, max(0, limit - used), min(used, limit), reset)
    if used > limit:
        raise _primary_limit(ctx, limit, reset)


def _primary_limit(ctx: Ctx, limit: int, reset: int) -> ApiError:
    ctx.auth["rate"] = (limit, 0, limit, reset)
    sent = fs.token_info(ctx.store, fs.bearer(ctx.request.headers.get("Authorization")))
    who = ctx.auth.get("login") or (sent or {}).get("login")
    if who:
        uid = fs.user(ctx.store, who)["id"]
        message = f"API rate limit exceeded for user ID {uid}."
    else:
        message = (f"API rate limit exceeded for {ctx.request.remote_addr}. (But here's the good news: "
                   "Authenticated requests get a higher rate limit. Check out the documentation for more details.)")
    return gh_error(403, message, "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")


def _auth(ctx: Ctx, write: bool = False) -> None:
    """Check the token (absent = anonymous), count the call against the rate limit."""
    token = fs.bearer(ctx.request.headers.get("Authorization"))
    if token is not None:
        info = fs.token_info(ctx.store, token)
        if info is None:
            raise gh_error(401, "Bad credentials")
        ctx.auth.update(token=token, login=info["login"], info=info)
    _count(ctx)
    if write:
        if token is None:
            raise gh_error(401, "Requires authentication")
        if not ctx.auth["info"].get("write"):
            raise gh_error(403, "Resource not accessible by integration")


def _repo(ctx: Ctx, owner: str, name: str, write: bool = False) -> dict[str, Any]:
    _auth(ctx, write)
    rep = fs.repo(ctx.store, owner, name)
    if rep is None or (rep["private"] and not ctx.auth.get("token")):
        raise _not_found()
    return rep


def _pull_or_404(rep: dict[str, Any], number: str) -> dict[str, Any]:
    pull = fs.find_pull(rep, number)
    if pull is None:
        raise _not_found()
    return pull


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """``x-ratelimit-*`` on every answer (§5.0), and a request id like ``x-github-request-id``."""
    rate = ctx.auth.get("rate")
    if rate is None:
        key, limit = _identity(ctx)
        start, used = ctx.store.memory.get(("github_rate", key), (ctx.store.now(), 0))
        rate = (limit, max(0, limit - used), used, int(start + int(fs.setting(ctx.store, "rate_window"))))
    return {"x-ratelimit-limit": str(rate[0]), "x-ratelimit-remaining": str(rate[1]),
            "x-ratelimit-used": str(rate[2]), "x-ratelimit-reset": str(rate[3]), "x-ratelimit-resource": "core",
            "x-github-request-id": secrets.token_hex(4).upper() + ":" + secrets.token_hex(6).upper(),
            "X-GitHub-Api-Version-Selected": "2022-11-28"}


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault in GitHub's shapes."""
    kind = fault["kind"]
    if kind == "429":
        wait = str(int(float(fault.get("retry_after", 60))))
        status = 403 if int(fault.get("status", 429)) == 403 else 429
        return gh_error(status, "You have exceeded a secondary rate limit. Please wait a few minutes before you "
                        "try again. If you reach out to GitHub Support for help, please include the request ID "
                        f"{secrets.token_hex(4).upper()}.",
                        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                        headers={"retry-after": wait})
    if kind == "quota":
        _, limit = _identity(ctx)
        reset = int(ctx.store.now() + float(fault.get("reset_after", 3600)))
        return _primary_limit(ctx, limit, reset)
    if kind in ("expired_token", "401"):
        return gh_error(401, "Bad credentials")
    if kind == "400":
        return gh_error(422, "Validation Failed", errors=[{"resource": "Issue", "code": "invalid", "field": "body"}])
    if kind == "403":
        return gh_error(403, "Resource not accessible by integration")
    if kind == "404":
        return _not_found()
    if kind == "503":
        return gh_error(503, "Service Unavailable")
    return gh_error(500, "Server Error")


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return _not_found()


# --- shapes ---------------------------------------------------------------------------------------


def _api(ctx: Ctx) -> str:
    return f"{ctx.base_url}/github"


def _web(ctx: Ctx) -> str:
    return ctx.base_url


def user_obj(ctx: Ctx, login: str | None) -> dict[str, Any] | None:
    """A simple-user object."""
    if not login:
        return None
    u = fs.user(ctx.store, login)
    url = f"{_api(ctx)}/users/{u['login']}"
    return {"login": u["login"], "id": u["id"], "node_id": f"U_sbx{u['id']}",
            "avatar_url": f"{_web(ctx)}/avatars/{u['login']}", "gravatar_id": "", "url": url,
            "html_url": f"{_web(ctx)}/{u['login']}", "followers_url": f"{url}/followers",
            "following_url": f"{url}/following{{/other_user}}", "gists_url": f"{url}/gists{{/gist_id}}",
            "starred_url": f"{url}/starred{{/owner}}{{/repo}}", "subscriptions_url": f"{url}/subscriptions",
            "organizations_url": f"{url}/orgs", "repos_url": f"{url}/repos",
            "events_url": f"{url}/events{{/privacy}}", "received_events_url": f"{url}/received_events",
            "type": u["type"], "site_admin": False}


def repo_obj(ctx: Ctx, full_name: str) -> dict[str, Any]:
    """A repository object (the parts a client reads)."""
    rep = fs.forge(ctx.store)["repos"].get(full_name.lower())
    owner, name = full_name.split("/", 1)
    return {"id": rep["id"] if rep else abs(hash(full_name)) % 10**8, "node_id": f"R_sbx{full_name}",
            "name": name, "full_name": full_name, "private": bool(rep and rep["private"]),
            "owner": user_obj(ctx, owner), "html_url": f"{_web(ctx)}/{full_name}",
            "url": f"{_api(ctx)}/repos/{full_name}", "fork": rep is None,
            "default_branch": rep["default_branch"] if rep else "main",
            "visibility": "private" if rep and rep["private"] else "public"}


def _association(rep: dict[str, Any], login: str) -> str:
    owner = rep["full_name"].split("/")[0].lower()
    if login.lower() == owner:
        return "OWNER"
    if login.lower() in rep["collaborators"]:
        return "MEMBER" if rep["collaborators"][login.lower()] in ("admin", "maintain") else "COLLABORATOR"
    return "CONTRIBUTOR"


def pull_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any], full: bool) -> dict[str, Any]:
    """A pull request: ``pull-request-simple`` in lists, the full object from ``GET pulls/{n}``."""
    api = f"{_api(ctx)}/repos/{rep['full_name']}"
    html = f"{_web(ctx)}/{rep['full_name']}/pull/{p['number']}"
    head_owner = p["head_repo"].split("/")[0]
    base_owner = rep["full_name"].split("/")[0]
    obj: dict[str, Any] = {
        "url": f"{api}/pulls/{p['number']}", "id": p["id"], "node_id": f"PR_sbx{p['id']}", "html_url": html,
        "diff_url": f"{html}.diff", "patch_url": f"{html}.patch", "issue_url": f"{api}/issues/{p['number']}",
        "number": p["number"], "state": p["state"], "locked": False, "title": p["title"],
        "user": user_obj(ctx, p["user"]), "body": p["body"] or None,
        "created_at": fs.iso(p["created_at"]), "updated_at": fs.iso(p["updated_at"]),
        "closed_at": fs.iso(p["closed_at"]), "merged_at": fs.iso(p["merged_at"]),
        "merge_commit_sha": p["merge_commit_sha"], "assignee": None, "assignees": [], "requested_reviewers": [],
        "requested_teams": [], "labels": [], "milestone": None, "draft": p["draft"],
        "commits_url": f"{api}/pulls/{p['number']}/commits",
        "review_comments_url": f"{api}/pulls/{p['number']}/comments",
        "review_comment_url": f"{api}/pulls/comments{{/number}}",
        "comments_url": f"{api}/issues/{p['number']}/comments",
        "statuses_url": f"{api}/statuses/{p['head_sha']}",
        "head": {"label": f"{head_owner}:{p['head']}", "ref": p["head"], "sha": p["head_sha"],
                 "user": user_obj(ctx, head_owner), "repo": repo_obj(ctx, p["head_repo"])},
        "base": {"label": f"{base_owner}:{p['base']}", "ref": p["base"], "sha": p["base_sha"],
                 "user": user_obj(ctx, base_owner), "repo": repo_obj(ctx, rep["full_name"])},
        "_links": {"self": {"href": f"{api}/pulls/{p['number']}"}, "html": {"href": html},
                   "issue": {"href": f"{api}/issues/{p['number']}"},
                   "comments": {"href": f"{api}/issues/{p['number']}/comments"},
                   "review_comments": {"href": f"{api}/pulls/{p['number']}/comments"},
                   "review_comment": {"href": f"{api}/pulls/comments{{/number}}"},
                   "commits": {"href": f"{api}/pulls/{p['number']}/commits"},
                   "statuses": {"href": f"{api}/statuses/{p['head_sha']}"}},
        "author_association": _association(rep, p["user"]), "auto_merge": None, "active_lock_reason": None,
    }
    if full:
        additions = sum(f["additions"] for f in p["files"])
        deletions = sum(f["deletions"] for f in p["files"])
        obj.update({
            "merged": p["merged"], "mergeable": None if p["merged"] else True, "rebaseable": None,
            "mergeable_state": "unknown" if p["merged"] else "clean", "merged_by": user_obj(ctx, p["merged_by"]),
            "comments": sum(1 for c in rep["comments"] if c["issue"] == p["number"]), "review_comments": 0,
            "maintainer_can_modify": False, "commits": len(p["commits"]), "additions": additions,
            "deletions": deletions, "changed_files": len(p["files"])})
    return obj


def review_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any], r: dict[str, Any]) -> dict[str, Any]:
    """A pull request review (§5.2); a dismissed review keeps its entry with state ``DISMISSED``."""
    html = f"{_web(ctx)}/{rep['full_name']}/pull/{p['number']}#pullrequestreview-{r['id']}"
    api_pull = f"{_api(ctx)}/repos/{rep['full_name']}/pulls/{p['number']}"
    return {"id": r["id"], "node_id": f"PRR_sbx{r['id']}", "user": user_obj(ctx, r["user"]), "body": r["body"],
            "state": "DISMISSED" if r["dismissed"] else r["state"], "html_url": html,
            "pull_request_url": api_pull, "author_association": _association(rep, r["user"]),
            "_links": {"html": {"href": html}, "pull_request": {"href": api_pull}},
            "submitted_at": None if r["state"] == "PENDING" else fs.iso(r["submitted_at"]),
            "commit_id": r["commit_id"]}


def comment_obj(ctx: Ctx, rep: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    """An issue comment (§5.4)."""
    api = f"{_api(ctx)}/repos/{rep['full_name']}"
    return {"id": c["id"], "node_id": f"IC_sbx{c['id']}", "url": f"{api}/issues/comments/{c['id']}",
            "html_url": f"{_web(ctx)}/{rep['full_name']}/pull/{c['issue']}#issuecomment-{c['id']}",
            "body": c["body"], "user": user_obj(ctx, c["user"]), "created_at": fs.iso(c["created_at"]),
            "updated_at": fs.iso(c["updated_at"]), "issue_url": f"{api}/issues/{c['issue']}",
            "author_association": _association(rep, c["user"]), "performed_via_github_app": None}


def commit_obj(ctx: Ctx, rep: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    """A commit as ``GET pulls/{n}/commits`` lists it."""
    api = f"{_api(ctx)}/repos/{rep['full_name']}"

    def person(login: str) -> dict[str, str]:
        u = fs.user(ctx.store, login)
        return {"name": u["name"], "email": f"{u['id']}+{u['login']}@users.noreply.github.com",
                "date": fs.iso(c["date"]) or ""}

    return {"sha": c["sha"], "node_id": f"C_sbx{c['sha'][:12]}",
            "commit": {"author": person(c["author"]), "committer": person(c["committer"]),
                       "message": c["message"], "tree": {"sha": c["sha"][::-1], "url": f"{api}/git/trees/x"},
                       "url": f"{api}/git/commits/{c['sha']}", "comment_count": 0,
                       "verification": {"verified": False, "reason": "unsigned", "signature": None,
                                        "payload": None}},
            "url": f"{api}/commits/{c['sha']}", "html_url": f"{_web(ctx)}/{rep['full_name']}/commit/{c['sha']}",
            "comments_url": f"{api}/commits/{c['sha']}/comments",
            "author": user_obj(ctx, c["author"]), "committer": user_obj(ctx, c["committer"]),
            "parents": [{"sha": s, "url": f"{api}/commits/{s}"} for s in c["parents"]]}


def file_obj(ctx: Ctx, rep: dict[str, Any], p: dict[str, Any], f: dict[str, Any]) -> dict[str, Any]:
    """A changed file (§5.3)."""
    web = f"{_web(ctx)}/{rep['full_name']}"
    obj = {"sha": f["sha"], "filename": f["filename"], "status": f["status"], "additions": f["additions"],
           "deletions": f["deletions"], "changes": f["changes"],
           "blob_url": f"{web}/blob/{p['head_sha']}/{f['filename']}",
           "raw_url": f"{web}/raw/{p['head_sha']}/{f['filename']}",
           "contents_url": f"{_api(ctx)}/repos/{rep['full_name']}/contents/{f['filename']}?ref={p['head_sha']}",
           "patch": f["patch"]}
    if f.get("previous_filename"):
        obj["previous_filename"] = f["previous_filename"]
    return obj


def _page(ctx: Ctx, items: list[Any]) -> Reply:
    params = {k: v for k, v in ctx.request.args.items()}
    url = f"{_api(ctx)}{ctx.path}"
    page, headers = fs.paginate(items, params, url, "per_page", int(fs.setting(ctx.store, "per_page_default")),
                                int(fs.setting(ctx.store, "per_page_max")))
    return Reply(page, 200, headers)


# --- routes ---------------------------------------------------------------------------------------


@route(BP, "GET", REPO)
def get_repo(ctx: Ctx, owner: str, name: str) -> Reply:
    """GET /repos/{o}/{r}."""
    rep = _repo(ctx, owner, name)
    return Reply(repo_obj(ctx, rep["full_name"]))


@route(BP, "GET", REPO + "/commits/<sha>/pulls")
def commit_pulls(ctx: Ctx, owner: str, name: str, sha: str) -> Reply:
    """The merged PR that brought a default-branch commit; otherwise the open PRs containing it (§5.1)."""
    rep = _repo(ctx, owner, name)
    sha = sha.lower()
    if not fs.known_commit(rep, sha):
        raise gh_error(422, f"No commit found for SHA: {sha}",
                       "https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit")

    def contains(p: dict[str, Any]) -> bool:
        return (sha in (p["head_sha"], p["merge_commit_sha"]) or sha in p.get("merged_commits", ())
                or any(c["sha"] == sha for c in p["commits"]))

    merged = [p for p in rep["pulls"] if p["merged"] and p["base"] == rep["default_branch"] and contains(p)]
    on_default = bool(merged) or any(c["sha"] == sha for c in rep["commits"])
    found = merged if on_default else [p for p in rep["pulls"] if p["state"] == "open" and contains(p)]
    return _page(ctx, [pull_obj(ctx, rep, p, full=False) for p in found])


@route(BP, "GET", REPO + "/pulls/<digits:number>")
def get_pull(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """GET /repos/{o}/{r}/pulls/{n}."""
    rep = _repo(ctx, owner, name)
    return Reply(pull_obj(ctx, rep, _pull_or_404(rep, number), full=True))


@route(BP, "GET", REPO + "/pulls/<digits:number>/reviews")
def list_reviews(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Reviews in chronological order; a PENDING review only for its own author (§5.2)."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(rep, number)
    me = (ctx.auth.get("login") or "").lower()
    shown = [r for r in sorted(p["reviews"], key=lambda r: r["submitted_at"])
             if r["state"] != "PENDING" or r["user"].lower() == me]
    return _page(ctx, [review_obj(ctx, rep, p, r) for r in shown])


@route(BP, "GET", REPO + "/pulls/<digits:number>/files")
def list_files(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Changed files, at most 3,000 (§5.3)."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(rep, number)
    return _page(ctx, [file_obj(ctx, rep, p, f) for f in p["files"][:MAX_FILES]])


@route(BP, "GET", REPO + "/pulls/<digits:number>/commits")
def list_commits(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """The PR's commits, oldest first, at most 250 (GitHub's documented cap)."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(rep, number)
    ordered = sorted(p["commits"], key=lambda c: c["date"])
    return _page(ctx, [commit_obj(ctx, rep, c) for c in ordered[:MAX_COMMITS]])


@route(BP, "GET", REPO + "/issues/<digits:number>/comments")
def list_comments(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Comments on an issue or PR, oldest first."""
    rep = _repo(ctx, owner, name)
    _pull_or_404(rep, number)
    found = [c for c in rep["comments"] if c["issue"] == int(number)]
    return _page(ctx, [comment_obj(ctx, rep, c) for c in found])


def _body_text(ctx: Ctx) -> str:
    body = ctx.json_body()
    if not isinstance(body, dict) or "body" not in body:
        raise gh_error(422, "Validation Failed",
                       "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                       errors=[{"resource": "IssueComment", "code": "missing_field", "field": "body"}])
    if not isinstance(body["body"], str) or not body["body"].strip():
        raise gh_error(422, "Validation Failed",
                       "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                       errors=[{"resource": "IssueComment", "code": "invalid", "field": "body"}])
    if len(body["body"]) > 65536:
        raise gh_error(422, "Validation Failed",
                       "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                       errors=[{"resource": "IssueComment", "code": "custom", "field": "body",
                                "message": "body is too long (maximum is 65536 characters)"}])
    return body["body"]


@route(BP, "POST", REPO + "/issues/<digits:number>/comments")
def create_comment(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """Create a comment; 201 with the comment (§5.4)."""
    rep = _repo(ctx, owner, name, write=True)
    _pull_or_404(rep, number)
    text = _body_text(ctx)
    now = ctx.store.now()
    with ctx.store.lock:
        c = {"id": fs.next_id(ctx.store), "issue": int(number), "user": ctx.auth["login"], "body": text,
             "created_at": now, "updated_at": now}
        rep["comments"].append(c)
        ctx.store.save()
    obj = comment_obj(ctx, rep, c)
    return Reply(obj, 201, {"Location": obj["url"]})


def _comment_or_404(rep: dict[str, Any], comment_id: str) -> dict[str, Any]:
    found = next((c for c in rep["comments"] if c["id"] == int(comment_id)), None)
    if found is None:
        raise _not_found()
    return found


@route(BP, "GET", REPO + "/issues/comments/<digits:comment_id>")
def get_comment(ctx: Ctx, owner: str, name: str, comment_id: str) -> Reply:
    """One issue comment."""
    rep = _repo(ctx, owner, name)
    return Reply(comment_obj(ctx, rep, _comment_or_404(rep, comment_id)))


@route(BP, "PATCH", REPO + "/issues/comments/<digits:comment_id>")
def update_comment(ctx: Ctx, owner: str, name: str, comment_id: str) -> Reply:
    """Edit a comment's body."""
    rep = _repo(ctx, owner, name, write=True)
    c = _comment_or_404(rep, comment_id)
    text = _body_text(ctx)
    with ctx.store.lock:
        c["body"] = text
        c["updated_at"] = max(ctx.store.now(), c["created_at"])
        ctx.store.save()
    return Reply(comment_obj(ctx, rep, c))


@route(BP, "GET", REPO + "/branches/<path:branch>/protection")
def branch_protection(ctx: Ctx, owner: str, name: str, branch: str) -> Reply:
    """Classic branch protection (§5.7); needs an admin token; 404 "Branch not protected"."""
    rep = _repo(ctx, owner, name)
    if not (ctx.auth.get("info") or {}).get("admin"):
        raise gh_error(403, "Resource not accessible by integration",
                       "https://docs.github.com/rest/branches/branch-protection#get-branch-protection")
    rules = rep["protection"].get(branch)
    if rules is None:
        raise gh_error(404, "Branch not protected",
                       "https://docs.github.com/rest/branches/branch-protection#get-branch-protection")
    url = f"{_api(ctx)}/repos/{rep['full_name']}/branches/{branch}/protection"
    obj: dict[str, Any] = {"url": url}
    checks = rules.get("required_status_checks")
    if checks is not None:
        obj["required_status_checks"] = {
            "url": f"{url}/required_status_checks", "strict": bool(rules.get("strict", True)),
            "contexts": list(checks), "checks": [{"context": c, "app_id": None} for c in checks],
            "contexts_url": f"{url}/required_status_checks/contexts"}
    if rules.get("require_pull_request", True):
        reviews: dict[str, Any] = {
            "url": f"{url}/required_pull_request_reviews",
            "dismiss_stale_reviews": bool(rules.get("dismiss_stale_reviews", False)),
            "require_code_owner_reviews": bool(rules.get("require_code_owner_reviews", False)),
            "require_last_push_approval": bool(rules.get("require_last_push_approval", False)),
            "required_approving_review_count": int(rules.get("required_approving_review_count", 1))}
        if rules.get("dismissal_restrictions"):
            reviews["dismissal_restrictions"] = {"users": [user_obj(ctx, u) for u in rules["dismissal_restrictions"]],
                                                 "teams": [], "apps": []}
        if rules.get("bypass_pull_request_allowances"):
            reviews["bypass_pull_request_allowances"] = {
                "users": [user_obj(ctx, u) for u in rules["bypass_pull_request_allowances"]], "teams": [],
                "apps": []}
        obj["required_pull_request_reviews"] = reviews
    obj["enforce_admins"] = {"url": f"{url}/enforce_admins", "enabled": bool(rules.get("enforce_admins", False))}
    for flag in ("required_signatures",):
        obj[flag] = {"url": f"{url}/{flag}", "enabled": bool(rules.get(flag, False))}
    for flag in ("required_linear_history", "allow_force_pushes", "allow_deletions", "block_creations",
                 "required_conversation_resolution", "lock_branch", "allow_fork_syncing"):
        obj[flag] = {"enabled": bool(rules.get(flag, False))}
    return Reply(obj)


@route(BP, "GET", REPO + "/rules/branches/<path:branch>")
def branch_rules(ctx: Ctx, owner: str, name: str, branch: str) -> Reply:
    """Rules in force on a branch from rulesets (§5.7); an empty list when none."""
    rep = _repo(ctx, owner, name)
    rules = []
    for i, rule in enumerate(rep["rulesets"].get(branch, [])):
        rules.append({**rule, "ruleset_source_type": "Repository", "ruleset_source": rep["full_name"],
                      "ruleset_id": int(rule.get("ruleset_id", 1000 + i))})
    return _page(ctx, rules)


@route(BP, "GET", "/orgs/<org>/teams/<slug>/memberships/<username>")
def team_membership(ctx: Ctx, org: str, slug: str, username: str) -> Reply:
    """Team membership (§5.5): 200 with role and state, 404 for a non-member; needs org read access."""
    _auth(ctx)
    if not (ctx.auth.get("info") or {}).get("org"):
        raise gh_error(403, "Resource not accessible by integration",
                       "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user")
    team = next((t for t in fs.forge(ctx.store)["teams"]
                 if t["org"].lower() == org.lower() and t["slug"] == slug.lower()), None)
    member = team["members"].get(username.lower()) if team else None
    if team is None or member is None:
        raise _not_found()
    return Reply({"url": f"{_api(ctx)}/teams/{team['id']}/memberships/{username}", "role": member["role"],
                  "state": member["state"]})


@route(BP, "GET", REPO + "/collaborators/<username>/permission")
def collaborator_permission(ctx: Ctx, owner: str, name: str, username: str) -> Reply:
    """A user's permission on the repository (§5.5)."""
    rep = _repo(ctx, owner, name)
    known = fs.forge(ctx.store)["users"].get(username.lower())
    if known is None:
        raise _not_found()
    role = rep["collaborators"].get(username.lower(), "none")
    legacy = {"maintain": "write", "triage": "read"}.get(role, role)
    return Reply({"permission": legacy, "role_name": role, "user": user_obj(ctx, known["login"])})


# --- single objects PyGithub reads ------------------------------------------------------------------


def _find_commit(rep: dict[str, Any], sha: str) -> dict[str, Any] | None:
    """A commit by SHA (or unique prefix): direct pushes, PR commits, and merge commits (made up from the PR)."""
    sha = sha.lower()
    pools = [rep["commits"], *(p["commits"] for p in rep["pulls"])]
    for pool in pools:
        found = next((c for c in pool if c["sha"].startswith(sha)), None)
        if found is not None and len(sha) >= 7:
            return found
    for p in rep["pulls"]:
        if p["merged"] and (p["merge_commit_sha"] or "").startswith(sha) and len(sha) >= 7:
            return {"sha": p["merge_commit_sha"], "author": p["merged_by"], "committer": p["merged_by"],
                    "message": f"Merge pull request #{p['number']} from {p['head']}", "date": p["merged_at"],
                    "parents": [p["base_sha"], p["head_sha"]]}
    return None


@route(BP, "GET", REPO + "/commits/<sha>")
def get_commit(ctx: Ctx, owner: str, name: str, sha: str) -> Reply:
    """One commit with ``stats`` and ``files`` (GET /repos/{o}/{r}/commits/{ref}); 422 for an unknown SHA."""
    rep = _repo(ctx, owner, name)
    found = _find_commit(rep, sha)
    if found is None:
        raise gh_error(422, f"No commit found for SHA: {sha}", "https://docs.github.com/rest/commits/commits#get-a-commit")
    obj = commit_obj(ctx, rep, found)
    pull = next((p for p in rep["pulls"] if p["head_sha"] == found["sha"]), None)
    files = [file_obj(ctx, rep, pull, f) for f in pull["files"]] if pull else []
    additions = sum(f["additions"] for f in files)
    deletions = sum(f["deletions"] for f in files)
    obj.update(stats={"total": additions + deletions, "additions": additions, "deletions": deletions}, files=files)
    return Reply(obj)


@route(BP, "GET", REPO + "/issues/<digits:number>")
def get_issue(ctx: Ctx, owner: str, name: str, number: str) -> Reply:
    """A pull request seen as an issue (``pull_request`` set); the emulation has no other issues."""
    rep = _repo(ctx, owner, name)
    p = _pull_or_404(rep, number)
    api = f"{_api(ctx)}/repos/{rep['full_name']}"
    html = f"{_web(ctx)}/{rep['full_name']}/pull/{p['number']}"
    return Reply({
        "id": p["id"], "node_id": f"I_sbx{p['id']}", "url": f"{api}/issues/{p['number']}",
        "repository_url": api, "labels_url": f"{api}/issues/{p['number']}/labels{{/name}}",
        "comments_url": f"{api}/issues/{p['number']}/comments", "events_url": f"{api}/issues/{p['number']}/events",
        "html_url": html, "number": p["number"], "state": p["state"], "state_reason": None, "title": p["title"],
        "body": p["body"] or None, "user": user_obj(ctx, p["user"]), "labels": [], "assignee": None,
        "assignees": [], "milestone": None, "locked": False, "active_lock_reason": None,
        "comments": sum(1 for c in rep["comments"] if c["issue"] == p["number"]),
        "pull_request": {"url": f"{api}/pulls/{p['number']}", "html_url": html, "diff_url": f"{html}.diff",
                         "patch_url": f"{html}.patch", "merged_at": fs.iso(p["merged_at"])},
        "closed_at": fs.iso(p["closed_at"]), "created_at": fs.iso(p["created_at"]),
        "updated_at": fs.iso(p["updated_at"]), "closed_by": user_obj(ctx, p["merged_by"]),
        "author_association": _association(rep, p["user"])})


@route(BP, "GET", "/rate_limit")
def rate_limit(ctx: Ctx) -> Reply:
    """The token's limits (does not count against them, as documented)."""
    token = fs.bearer(ctx.request.headers.get("Authorization"))
    if token is not None and fs.token_info(ctx.store, token) is None:
        raise gh_error(401, "Bad credentials")
    headers = rate_headers(ctx, Reply())
    limit, remaining = int(headers["x-ratelimit-limit"]), int(headers["x-ratelimit-remaining"])
    core = {"limit": limit, "used": limit - remaining, "remaining": remaining,
            "reset": int(headers["x-ratelimit-reset"])}
    other = {"limit": 30, "used": 0, "remaining": 30, "reset": core["reset"]}
    return Reply({"resources": {"core": core, "search": other, "code_search": {**other, "limit": 10, "remaining": 10},
                                "graphql": {**core, "used": 0, "remaining": limit}},
                  "rate": core})


# --- what sosmed doctor reads -----------------------------------------------------------------------


def _admin(ctx: Ctx, doc: str) -> None:
    if not (ctx.auth.get("info") or {}).get("admin"):
        raise gh_error(403, "Resource not accessible by integration", doc)


def _protected(rep: dict[str, Any], branch: str) -> bool:
    return rep["protection"].get(branch) is not None or bool(rep["rulesets"].get(branch))


def _branch_names(rep: dict[str, Any]) -> list[str]:
    names = [rep["default_branch"], *rep["protection"], *rep["rulesets"],
             *(p["head"] for p in rep["pulls"] if p["head_repo"].lower() == rep["full_name"].lower())]
    return [n for n in dict.fromkeys(names) if "*" not in n]


def _branch_obj(ctx: Ctx, rep: dict[str, Any], branch: str) -> dict[str, Any]:
    api = f"{_api(ctx)}/repos/{rep['full_name']}"
    head = next((p["head_sha"] for p in rep["pulls"] if p["head"] == branch), None)
    sha = head or hashlib.sha1(f"{rep['full_name']}:{branch}".encode()).hexdigest()
    rules = rep["protection"].get(branch)
    return {"name": branch, "commit": {"sha": sha, "url": f"{api}/commits/{sha}"},
            "protected": _protected(rep, branch),
            "protection": {"enabled": rules is not None, "required_status_checks": {
                "enforcement_level": "everyone" if rules else "off",
                "contexts": list((rules or {}).get("required_status_checks") or []), "checks": []}},
            "protection_url": f"{api}/branches/{branch}/protection",
            "_links": {"self": f"{api}/branches/{branch}", "html": f"{_web(ctx)}/{rep['full_name']}/tree/{branch}"}}


@route(BP, "GET", REPO + "/branches")
def list_branches(ctx: Ctx, owner: str, name: str) -> Reply:
    """Branches; ``protected=true`` keeps those under branch protection or rulesets."""
    rep = _repo(ctx, owner, name)
    names = _branch_names(rep)
    wanted = ctx.request.args.get("protected")
    if wanted in ("true", "false"):
        names = [n for n in names if _protected(rep, n) == (wanted == "true")]
    return _page(ctx, [_branch_obj(ctx, rep, n) for n in names])


@route(BP, "GET", REPO + "/branches/<path:branch>")
def get_branch(ctx: Ctx, owner: str, name: str, branch: str) -> Reply:
    """One branch; 404 "Branch not found"."""
    rep = _repo(ctx, owner, name)
    if branch not in _branch_names(rep):
        raise gh_error(404, "Branch not found", "https://docs.github.com/rest/branches/branches#get-a-branch")
    return Reply(_branch_obj(ctx, rep, branch))


def _counted(ctx: Ctx, key: str, items: list[Any]) -> Reply:
    """A list GitHub wraps as ``{"total_count", key: [...]}``, paginated with ``per_page``/``page``."""
    params = {k: v for k, v in ctx.request.args.items()}
    page, headers = fs.paginate(items, params, f"{_api(ctx)}{ctx.path}", "per_page",
                                int(fs.setting(ctx.store, "per_page_default")), int(fs.setting(ctx.store, "per_page_max")))
    return Reply({"total_count": len(items), key: page}, 200, headers)


def _environment_or_404(rep: dict[str, Any], env: str) -> dict[str, Any]:
    found = (rep.get("environments") or {}).get(env)
    if found is None:
        raise _not_found()
    return found


def environment_obj(ctx: Ctx, rep: dict[str, Any], env_name: str, env: dict[str, Any]) -> dict[str, Any]:
    """A deployment environment (``GET /repos/{o}/{r}/environments/{name}``)."""
    api = f"{_api(ctx)}/repos/{rep['full_name']}/environments/{env_name}"
    ident = zlib.crc32(f"{rep['full_name']}/{env_name}".encode())
    rules = []
    if env["deployment_branch_policy"] is not None:
        rules.append({"id": ident + 1, "node_id": f"GA_sbx{ident + 1}", "type": "branch_policy"})
    return {"id": ident, "node_id": f"EN_sbx{ident}", "name": env_name, "url": api,
            "html_url": f"{_web(ctx)}/{rep['full_name']}/deployments/activity_log?environments_filter={env_name}",
            "created_at": fs.iso(env["created_at"]), "updated_at": fs.iso(env["created_at"]),
            "can_admins_bypass": True, "protection_rules": rules,
            "deployment_branch_policy": env["deployment_branch_policy"]}


@route(BP, "GET", REPO + "/environments")
def list_environments(ctx: Ctx, owner: str, name: str) -> Reply:
    """``{"total_count", "environments": [...]}``."""
    rep = _repo(ctx, owner, name)
    envs = rep.get("environments") or {}
    return _counted(ctx, "environments", [environment_obj(ctx, rep, n, e) for n, e in envs.items()])


@route(BP, "GET", REPO + "/environments/<env>")
def get_environment(ctx: Ctx, owner: str, name: str, env: str) -> Reply:
    """One environment; 404 when it does not exist."""
    rep = _repo(ctx, owner, name)
    return Reply(environment_obj(ctx, rep, env, _environment_or_404(rep, env)))


@route(BP, "GET", REPO + "/environments/<env>/deployment-branch-policies")
def list_branch_policies(ctx: Ctx, owner: str, name: str, env: str) -> Reply:
    """The custom deployment branch and tag policies: ``{"total_count", "branch_policies": [...]}``."""
    rep = _repo(ctx, owner, name)
    found = _environment_or_404(rep, env)
    ident = zlib.crc32(f"{rep['full_name']}/{env}/policies".encode())
    policies = [{"id": ident + i, "node_id": f"MDE2OkdhdGVCcmFuY2hQb2xpY3k{ident + i}", "name": b["name"],
                 "type": b["type"]} for i, b in enumerate(found["branch_policies"])]
    return _counted(ctx, "branch_policies", policies)


def _secret_objs(names: list[str], created: float) -> list[dict[str, Any]]:
    return [{"name": n, "created_at": fs.iso(created), "updated_at": fs.iso(created)} for n in names]


@route(BP, "GET", REPO + "/environments/<env>/secrets")
def list_environment_secrets(ctx: Ctx, owner: str, name: str, env: str) -> Reply:
    """Secret names of an environment (never values); needs an admin token."""
    rep = _repo(ctx, owner, name)
    _admin(ctx, "https://docs.github.com/rest/actions/secrets#list-environment-secrets")
    found = _environment_or_404(rep, env)
    return _counted(ctx, "secrets", _secret_objs(found["secrets"], found["created_at"]))


@route(BP, "GET", REPO + "/actions/secrets")
def list_repository_secrets(ctx: Ctx, owner: str, name: str) -> Reply:
    """Repository secret names; needs an admin token."""
    rep = _repo(ctx, owner, name)
    _admin(ctx, "https://docs.github.com/rest/actions/secrets#list-repository-secrets")
    return _counted(ctx, "secrets", _secret_objs(rep.get("secrets") or [], ctx.store.now()))


@route(BP, "GET", REPO + "/actions/organization-secrets")
def list_organization_secrets(ctx: Ctx, owner: str, name: str) -> Reply:
    """Organisation secrets shared with the repository; needs an admin token."""
    rep = _repo(ctx, owner, name)
    _admin(ctx, "https://docs.github.com/rest/actions/secrets#list-repository-organization-secrets")
    return _counted(ctx, "secrets", _secret_objs(rep.get("org_secrets") or [], ctx.store.now()))


API = PlatformApi("github", BP, fault_error, not_found, rate_headers)
