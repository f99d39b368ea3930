"""The emulated forge's memory, shared by the GitHub (``/github/…``) and Forgejo (``/forgejo/…``) views.

One forge-neutral model lives in ``state.json`` under ``"forge"``; ``github.py`` and
``forgejo.py`` render it in each forge's own shapes. It is filled from a seed (a
dict, a YAML file, or ``POST /_sandbox/forge/seed``)::

    reset: false                  # true: forget every repository, team and extra token first
    settings: {rate_limit: 5000, rate_window: 3600, per_page_default: 30, per_page_max: 100,
               forgejo_limit_default: 30, forgejo_limit_max: 50,   # Forgejo's MAX_RESPONSE_ITEMS
               forgejo_root_url: "https://git.example.go.id/"}  # Forgejo's ROOT_URL (next-page links);
                                  # default "": the address the client used
    tokens:                       # extra tokens; the default one (credentials.env) always exists
      - {token: "ro-token-123", login: "github-actions[bot]", write: false, admin: false, org: false}
    users: [{login: kepala-bkd, name: "Dr. Contoh", type: User}]   # others are created on first use
    teams:
      - {org: bkd-ntt, slug: kepala, name: Kepala, members: [kepala-bkd]}   # or {login: {role, state}}
    repositories:
      - full_name: bkd-ntt/sosmed
        default_branch: main
        private: false
        collaborators: {kepala-bkd: admin, editor-satu: write}
        commits: [{sha, author, committer, message, date}]   # on the default branch without a PR
        protection: {main: {required_approving_review_count: 1, require_code_owner_reviews: true,
                            dismiss_stale_reviews: true, require_last_push_approval: true,
                            enforce_admins: true, required_status_checks: ["sosmed review"]}}
        rulesets: {main: [{type: pull_request, parameters: {required_approving_review_count: 1}},
                          {type: non_fast_forward}, {type: deletion}]}
        secrets: [SOSMED_FACEBOOK_PAGE_TOKEN]          # repository secrets (names only)
        org_secrets: [SOSMED_X_API_KEY]                # organisation secrets shared with it
        environments:
          sosmed-live:
            deployment_branch_policy: {protected_branches: false, custom_branch_policies: true}  # null: any
            branch_policies: [{name: main, type: branch}]
            secrets: [SOSMED_FACEBOOK_PAGE_TOKEN, SOSMED_INSTAGRAM_TOKEN]
        pulls:
          - number: 7                       # optional: next free number
            user: editor-satu
            title: "..."
            body: "..."
            base: main
            head: kabar-mei                 # branch name
            head_sha: <40 hex>
            base_sha: <40 hex>
            head_repo: someone/fork         # optional: a PR from a fork
            merged: true                    # with merge_commit_sha, merged_by, merged_at
            merge_commit_sha: <40 hex>
            merged_commits: [<40 hex>, ...]  # a rebase merge: the commits it put on the base branch
            state: closed                   # default: closed when merged, else open
            commits: [{sha, author, committer, message, date, pushed_by}]   # pushed_by: default committer
            files: [{filename, status, sha, additions, deletions, patch, previous_filename}]
            reviews: [{user, state, commit_id, submitted_at, body}]   # commit_id: default head_sha
            comments: [{user, body}]

Review states are GitHub's: ``APPROVED``, ``CHANGES_REQUESTED``, ``COMMENTED``,
``DISMISSED`` (an approval that was dismissed; give ``dismissed: true`` with another
state to dismiss that one) and ``PENDING``. Seeding a pull request number that
already exists updates its fields and appends its commits, files, reviews and comments:
that is how a test "pushes" after an approval or adds a late review.
"""

from __future__ import annotations

import json
import secrets
import string
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests
import yaml
from flask import Blueprint, Response, jsonify, request

from sosmed.sandbox.state import Store, iso_z, parse_iso

DEFAULT_SETTINGS: dict[str, Any] = {
    "rate_limit": 5000,
    "anonymous_rate_limit": 60,
    "rate_window": 3600,
    "per_page_default": 30,
    "per_page_max": 100,
    "forgejo_limit_default": 30,
    "forgejo_limit_max": 50,
    "forgejo_root_url": "",
}
REVIEW_STATES = ("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING")
BOT_LOGIN = "github-actions[bot]"


class SeedError(ValueError):
    """A seed that cannot be applied (the admin endpoint answers 400 with its text)."""


def _random_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "ghs_sbx" + "".join(secrets.choice(alphabet) for _ in range(36))


def forge(store: Store) -> dict[str, Any]:
    """The forge part of the state, created on first use (older state folders have none)."""
    with store.lock:
        data = store.data.get("forge")
        if data is None:
            token = _random_token()
            data = {
                "token": token,
                "tokens": {token: {"login": BOT_LOGIN, "write": True, "admin": True, "org": True}},
                "users": {},
                "repos": {},
                "teams": [],
                "settings": dict(DEFAULT_SETTINGS),
                "next_id": 1000,
            }
            store.data["forge"] = data
            user(store, BOT_LOGIN, kind="Bot")
            store.save()
        return data


def next_id(store: Store) -> int:
    """An id unique across the forge's objects (users, pulls, reviews, comments)."""
    data = forge(store)
    with store.lock:
        data["next_id"] += 1
        return data["next_id"]


def user(store: Store, login: str, name: str | None = None, kind: str = "User") -> dict[str, Any]:
    """The user with this login, created when unknown (logins compare case-insensitively)."""
    data = forge(store)
    key = login.lower()
    with store.lock:
        found = data["users"].get(key)
        if found is None:
            found = {"id": next_id(store), "login": login, "name": name or login, "type": kind}
            data["users"][key] = found
        elif name:
            found["name"] = name
        return found


def setting(store: Store, name: str) -> Any:
    """One forge emulation setting."""
    return forge(store)["settings"].get(name, DEFAULT_SETTINGS.get(name))


def token_info(store: Store, token: str | None) -> dict[str, Any] | None:
    """What a token may do, or None when the forge does not know it."""
    if not token:
        return None
    return forge(store)["tokens"].get(token)


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` or ``token …`` header."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() in ("bearer", "token") and value.strip():
        return value.strip()
    return ""


def repo(store: Store, owner: str, name: str) -> dict[str, Any] | None:
    """A repository by owner and name (case-insensitive, as both forges treat them)."""
    return forge(store)["repos"].get(f"{owner}/{name}".lower())


def find_pull(rep: dict[str, Any], number: int | str) -> dict[str, Any] | None:
    """A pull request of ``rep`` by number."""
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        return None
    return next((p for p in rep["pulls"] if p["number"] == wanted), None)


def known_commit(rep: dict[str, Any], sha: str) -> bool:
    """Whether the repository has this commit anywhere (direct pushes, PR commits, heads, merges)."""
    sha = sha.lower()
    if any(c["sha"] == sha for c in rep["commits"]):
        return True
    for p in rep["pulls"]:
        if sha in (p["head_sha"], p["base_sha"], p.get("merge_commit_sha")) or sha in p.get("merged_commits", ()):
            return True
        if any(c["sha"] == sha for c in p["commits"]):
            return True
    return False


def page_window(total: int, page: int, size: int) -> tuple[int, int]:
    """Slice bounds of page ``page`` (1-based) of ``size`` items."""
    start = (page - 1) * size
    return max(0, min(start, total)), max(0, min(start + size, total))


def link_header(url_base: str, params: dict[str, str], page: int, size: int, total: int, size_name: str) -> str:
    """A ``Link`` header (first/prev/next/last) for page ``page`` of ``total`` items."""
    last = max(1, -(-total // size))
    links = []

    def url(p: int) -> str:
        query = {k: v for k, v in params.items() if k not in ("page", size_name)}
        query[size_name] = str(size)
        query["page"] = str(p)
        return f"<{url_base}?{urlencode(query)}>"

    if page < last:
        links.append(f'{url(page + 1)}; rel="next"')
        links.append(f'{url(last)}; rel="last"')
    if page > 1:
        links.append(f'{url(1)}; rel="first"')
        links.append(f'{url(min(page - 1, last))}; rel="prev"')
    return ", ".join(links)


def paginate(items: list[Any], params: dict[str, str], url_base: str, size_name: str, default: int,
             maximum: int, link: bool = True) -> tuple[list[Any], dict[str, str]]:
    """One page of ``items`` and (``link``) its ``Link`` header, from ``page`` and the page-size parameter."""
    try:
        page = max(1, int(params.get("page", "1") or 1))
    except ValueError:
        page = 1
    try:
        size = int(params.get(size_name, str(default)) or default)
    except ValueError:
        size = default
    size = min(max(size, 1), maximum)
    start, end = page_window(len(items), page, size)
    headers: dict[str, str] = {}
    links = link_header(url_base, params, page, size, len(items), size_name) if link else ""
    if links:
        headers["Link"] = links
    return items[start:end], headers


# --- seeding --------------------------------------------------------------------------------------


def _ts(value: Any, fallback: float) -> float:
    if value is None:
        return fallback
    if isinstance(value, int | float):
        return float(value)
    parsed = parse_iso(str(value))
    if parsed is None:
        raise SeedError(f"not a date-time: {value!r}")
    return parsed


def _sha(value: Any, what: str, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise SeedError(f"{what} is required")
        return None
    text = str(value).strip().lower()
    if not (4 <= len(text) <= 64 and all(c in "0123456789abcdef" for c in text)):
        raise SeedError(f"{what} is not a commit SHA: {value!r}")
    return text


def _fake_sha() -> str:
    return secrets.token_hex(20)


def _commit(store: Store, raw: dict[str, Any], when: float) -> dict[str, Any]:
    author = str(raw.get("author") or BOT_LOGIN)
    committer = str(raw.get("committer") or author)
    user(store, author)
    user(store, committer)
    pusher = str(raw.get("pushed_by") or committer)
    user(store, pusher)
    return {"sha": _sha(raw.get("sha"), "commit sha"), "author": author, "committer": committer,
            "pushed_by": pusher,
            "message": str(raw.get("message", "Perubahan konten")), "date": _ts(raw.get("date"), when),
            "parents": [_sha(p, "parent sha") for p in raw.get("parents", [])]}


def _review(store: Store, raw: dict[str, Any], pull: dict[str, Any], when: float) -> dict[str, Any]:
    state = str(raw.get("state", "APPROVED")).upper()
    aliases = {"COMMENT": "COMMENTED", "REQUEST_CHANGES": "CHANGES_REQUESTED", "APPROVE": "APPROVED"}
    state = aliases.get(state, state)
    if state not in REVIEW_STATES:
        raise SeedError(f"review state must be one of {', '.join(REVIEW_STATES)}: {state!r}")
    dismissed = bool(raw.get("dismissed")) or state == "DISMISSED"
    if state == "DISMISSED":
        state = str(raw.get("original_state", "APPROVED")).upper()
    login = str(raw.get("user") or "")
    if not login:
        raise SeedError("a review needs a user")
    user(store, login)
    return {"id": int(raw.get("id") or next_id(store)), "user": login, "state": state, "dismissed": dismissed,
            # An explicit null commit_id stays null (both forges send reviews without one).
            "commit_id": _sha(raw["commit_id"] if "commit_id" in raw else pull["head_sha"], "review commit_id",
                              required=False),
            "submitted_at": _ts(raw.get("submitted_at"), when), "body": str(raw.get("body", ""))}


def _comment(store: Store, raw: dict[str, Any], issue: int, when: float) -> dict[str, Any]:
    login = str(raw.get("user") or BOT_LOGIN)
    user(store, login)
    created = _ts(raw.get("created_at"), when)
    return {"id": int(raw.get("id") or next_id(store)), "issue": issue, "user": login,
            "body": str(raw.get("body", "")), "created_at": created, "updated_at": created}


def _file(raw: dict[str, Any]) -> dict[str, Any]:
    name = str(raw.get("filename") or "")
    if not name:
        raise SeedError("a pull request file needs a filename")
    additions, deletions = int(raw.get("additions", 1)), int(raw.get("deletions", 0))
    return {"filename": name, "status": str(raw.get("status", "added")),
            "sha": _sha(raw.get("sha"), "file sha", required=False) or _fake_sha(),
            "additions": additions, "deletions": deletions, "changes": additions + deletions,
            "patch": str(raw.get("patch", "")), "previous_filename": raw.get("previous_filename")}


def _pull(store: Store, rep: dict[str, Any], raw: dict[str, Any], now: float) -> None:
    existing = find_pull(rep, raw["number"]) if raw.get("number") is not None else None
    created = _ts(raw.get("created_at"), now - 7200)
    if existing is None:
        numbers = [p["number"] for p in rep["pulls"]]
        number = int(raw.get("number") or (max(numbers, default=0) + 1))
        author = str(raw.get("user") or "")
        if not author:
            raise SeedError("a pull request needs a user (its author)")
        user(store, author)
        pull: dict[str, Any] = {
            "id": next_id(store), "number": number, "user": author, "title": str(raw.get("title", f"PR {number}")),
            "body": str(raw.get("body", "")), "base": str(raw.get("base") or rep["default_branch"]),
            "head": str(raw.get("head") or f"branch-{number}"),
            "head_sha": _sha(raw.get("head_sha"), "head_sha"),
            "base_sha": _sha(raw.get("base_sha"), "base_sha", required=False) or _fake_sha(),
            "head_repo": raw.get("head_repo") or rep["full_name"], "draft": bool(raw.get("draft", False)),
            "merged": False, "merge_commit_sha": None, "merged_by": None, "merged_at": None,
            "created_at": created, "updated_at": created, "closed_at": None, "state": "open",
            "commits": [], "files": [], "reviews": []}
        rep["pulls"].append(pull)
    else:
        pull = existing
        for key in ("title", "body", "base", "head", "head_repo"):
            if raw.get(key) is not None:
                pull[key] = str(raw[key])
        if raw.get("head_sha"):
            pull["head_sha"] = _sha(raw["head_sha"], "head_sha")
        if raw.get("base_sha"):
            pull["base_sha"] = _sha(raw["base_sha"], "base_sha")
    step = 0.0
    for c in raw.get("commits", []):
        step += 60
        pull["commits"].append(_commit(store, c, created + step))
    if not pull["commits"]:
        pull["commits"].append({"sha": pull["head_sha"], "author": pull["user"], "committer": pull["user"],
                                "message": pull["title"], "date": created, "parents": [pull["base_sha"]]})
    for f in raw.get("files", []):
        made = _file(f)
        pull["files"] = [x for x in pull["files"] if x["filename"] != made["filename"]] + [made]
    last_review = max((r["submitted_at"] for r in pull["reviews"]), default=created + 600)
    for r in raw.get("reviews", []):
        last_review += 60
        made = _review(store, r, pull, last_review)
        last_review = made["submitted_at"]
        pull["reviews"].append(made)
    pull["reviews"].sort(key=lambda r: r["submitted_at"])
    if raw.get("merged"):
        _merged(store, pull, raw, max(last_review, created) + 120)
    elif raw.get("merge_commit_sha"):
        # GitHub reports a test-merge SHA for unmerged PRs; kept, but the PR is not merged.
        pull["merge_commit_sha"] = _sha(raw.get("merge_commit_sha"), "merge_commit_sha")
    if raw.get("state") in ("open", "closed"):
        pull["state"] = raw["state"]
        if pull["state"] == "closed" and not pull["closed_at"]:
            pull["closed_at"] = now
    pull["updated_at"] = max([pull["updated_at"], pull["merged_at"] or 0, last_review])
    for c in raw.get("comments", []):
        rep["comments"].append(_comment(store, c, pull["number"], now))


def _merged(store: Store, pull: dict[str, Any], raw: dict[str, Any], when: float) -> None:
    pull["merged"] = True
    pull["merge_commit_sha"] = _sha(raw.get("merge_commit_sha"), "merge_commit_sha")
    pull["merged_commits"] = [_sha(c, "merged commit sha") for c in raw.get("merged_commits") or []]
    merged_by = str(raw.get("merged_by") or pull["user"])
    user(store, merged_by)
    pull["merged_by"] = merged_by
    pull["merged_at"] = _ts(raw.get("merged_at"), when)
    pull["closed_at"] = pull["merged_at"]
    pull["state"] = "closed"


def _repository(store: Store, raw: dict[str, Any], now: float) -> None:
    full = str(raw.get("full_name") or "")
    if full.count("/") != 1 or not all(full.split("/")):
        raise SeedError(f"full_name must be owner/name: {full!r}")
    data = forge(store)
    rep = data["repos"].get(full.lower())
    if rep is None:
        owner = full.split("/")[0]
        user(store, owner, kind="Organization")
        rep = {"id": next_id(store), "full_name": full, "default_branch": "main", "private": False,
               "collaborators": {}, "commits": [], "protection": {}, "rulesets": {}, "pulls": [], "comments": [],
               "secrets": [], "org_secrets": [], "environments": {}}
        data["repos"][full.lower()] = rep
    if raw.get("default_branch"):
        rep["default_branch"] = str(raw["default_branch"])
    if raw.get("private") is not None:
        rep["private"] = bool(raw["private"])
    for login, permission in (raw.get("collaborators") or {}).items():
        user(store, str(login))
        rep["collaborators"][str(login).lower()] = str(permission)
    for c in raw.get("commits", []):
        rep["commits"].append(_commit(store, c, now))
    for branch, rules in (raw.get("protection") or {}).items():
        rep["protection"][str(branch)] = None if rules is None else dict(rules)
    for branch, rules in (raw.get("rulesets") or {}).items():
        rep["rulesets"][str(branch)] = [dict(r) for r in rules or []]
    for key in ("secrets", "org_secrets"):
        if raw.get(key) is not None:
            rep[key] = [str(name) for name in raw[key]]
    for name, env in (raw.get("environments") or {}).items():
        rep.setdefault("environments", {})[str(name)] = _environment(env or {}, now)
    for p in raw.get("pulls", []):
        _pull(store, rep, p, now)


def _environment(raw: dict[str, Any], now: float) -> dict[str, Any]:
    policy = raw.get("deployment_branch_policy")
    if policy is not None:
        policy = {"protected_branches": bool(policy.get("protected_branches")),
                  "custom_branch_policies": bool(policy.get("custom_branch_policies"))}
        if policy["protected_branches"] == policy["custom_branch_policies"]:
            raise SeedError("deployment_branch_policy: exactly one of protected_branches and "
                            "custom_branch_policies is true (GitHub refuses both or neither)")
    branches = [{"name": str(b["name"]), "type": str(b.get("type", "branch"))}
                for b in raw.get("branch_policies") or []]
    if branches and not (policy and policy["custom_branch_policies"]):
        raise SeedError("branch_policies need deployment_branch_policy.custom_branch_policies: true")
    return {"deployment_branch_policy": policy, "branch_policies": branches,
            "secrets": [str(name) for name in raw.get("secrets") or []], "created_at": _ts(raw.get("created_at"), now)}


def _team(store: Store, raw: dict[str, Any]) -> None:
    org, slug = str(raw.get("org") or ""), str(raw.get("slug") or raw.get("name") or "")
    if not org or not slug:
        raise SeedError("a team needs org and slug")
    data = forge(store)
    team = next((t for t in data["teams"] if t["org"].lower() == org.lower() and t["slug"] == slug.lower()), None)
    if team is None:
        team = {"id": next_id(store), "org": org, "slug": slug.lower(), "name": str(raw.get("name") or slug),
                "members": {}}
        data["teams"].append(team)
    members = raw.get("members") or {}
    if isinstance(members, list):
        members = {str(m): {} for m in members}
    for login, info in members.items():
        user(store, str(login))
        info = info or {}
        team["members"][str(login).lower()] = {"role": str(info.get("role", "member")),
                                               "state": str(info.get("state", "active"))}


def apply_forge_seed(store: Store, seed: dict[str, Any]) -> dict[str, Any]:
    """Apply a forge seed to ``store`` (see the module docstring); return a short summary."""
    if not isinstance(seed, dict):
        raise SeedError("a forge seed is a mapping")
    with store.lock:
        data = forge(store)
        # Validate everything on a copy first: a bad seed must leave the state as it was.
        backup = json.loads(json.dumps(data))
        try:
            if seed.get("reset"):
                data["repos"].clear()
                data["teams"].clear()
                data["tokens"] = {data["token"]: data["tokens"][data["token"]]}
            for name, value in (seed.get("settings") or {}).items():
                if name not in DEFAULT_SETTINGS:
                    raise SeedError(f"unknown forge setting {name!r}")
                data["settings"][name] = type(DEFAULT_SETTINGS[name])(value)
            for tok in seed.get("tokens", []):
                value = str(tok.get("token") or "")
                if len(value) < 8:
                    raise SeedError("a token needs at least 8 characters")
                login = str(tok.get("login") or BOT_LOGIN)
                user(store, login)
                data["tokens"][value] = {"login": login, "write": bool(tok.get("write", True)),
                                         "admin": bool(tok.get("admin", False)), "org": bool(tok.get("org", False))}
            for u in seed.get("users", []):
                user(store, str(u["login"]), u.get("name"), str(u.get("type", "User")))
            for t in seed.get("teams", []):
                _team(store, t)
            now = store.now()
            for r in seed.get("repositories", []):
                _repository(store, r, now)
        except (KeyError, TypeError, ValueError) as exc:
            store.data["forge"] = backup
            raise exc if isinstance(exc, SeedError) else SeedError(f"bad seed: {exc}") from exc
        store.save()
        return {"repositories": sorted(r["full_name"] for r in data["repos"].values()),
                "pulls": sum(len(r["pulls"]) for r in data["repos"].values()),
                "teams": len(data["teams"])}


def load_forge_seed(path: Path) -> dict[str, Any]:
    """Read a forge seed YAML file."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    if not isinstance(data, dict):
        raise SeedError("a forge seed file holds a mapping")
    return data


def seed_forge(sandbox: Any, seed: dict[str, Any], timeout: float = 10.0) -> dict[str, Any]:
    """Seed a running sandbox over HTTP (``POST /_sandbox/forge/seed``); return its summary.

    ``sandbox`` is the :class:`~sosmed.sandbox.SandboxHandle` (its ``base_url`` and ``admin_headers``).
    """
    r = requests.post(f"{sandbox.base_url.rstrip('/')}/_sandbox/forge/seed", json=seed,
                      headers=sandbox.admin_headers, timeout=timeout)
    if r.status_code != 201:
        raise SeedError(r.json().get("error", r.text) if r.headers.get("Content-Type", "").startswith(
            "application/json") else r.text)
    return r.json()


def forge_env(store: Store, base_url: str) -> dict[str, str]:
    """The variables that point the forge client at this sandbox (added to ``credentials.env``)."""
    return {
        "GITHUB_API_URL": f"{base_url}/github",
        "SOSMED_FORGEJO_URL": f"{base_url}/forgejo",
        "SOSMED_FORGE_TOKEN": forge(store)["token"],
    }


def public_view(store: Store) -> dict[str, Any]:
    """The forge state for the admin endpoint: everything but token values."""
    data = forge(store)
    with store.lock:
        view = json.loads(json.dumps(data))
    view.pop("token", None)
    view["tokens"] = [{k: v for k, v in info.items()} for info in view["tokens"].values()]
    for rep in view["repos"].values():
        for p in rep["pulls"]:
            for r in p["reviews"]:
                r["submitted_at_iso"] = iso_z(r["submitted_at"], millis=False)
    return view


def blueprint(store: Store) -> Blueprint:
    """The ``/_sandbox/forge/…`` admin routes (the admin token is checked by :mod:`sosmed.sandbox.admin`)."""
    bp = Blueprint("forge_admin", __name__)

    def _error(status: int, message: str) -> Response:
        resp = jsonify({"error": message})
        resp.status_code = status
        return resp

    @bp.post("/_sandbox/forge/seed")
    def forge_seed() -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, "send a JSON object")
        try:
            summary = apply_forge_seed(store, body)
        except SeedError as exc:
            return _error(400, str(exc))
        resp = jsonify(summary)
        resp.status_code = 201
        return resp

    @bp.get("/_sandbox/forge/state")
    def forge_state() -> Response:
        return jsonify(public_view(store))

    return bp


def iso(ts: float | None) -> str | None:
    """Both forges' timestamp format: ``2026-01-01T10:00:00Z``."""
    return None if ts is None else iso_z(ts, millis=False)

