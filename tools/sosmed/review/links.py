"""Where the PR comment's images come from: each file as the forge serves it at the pull request's head commit.

GitHub: ``{web}/{owner}/{repo}/blob/{sha}/{path}?raw=true`` — served to whoever may read the
repository (a private one too) and, for a file in Git LFS, its content rather than the pointer.
Forgejo: ``{web}/{owner}/{repo}/media/commit/{sha}/{path}`` — the blob, or its LFS content
(Forgejo's ``raw`` route would show an LFS file's pointer).

The repository is the head's (a fork's pull request shows the fork's files, where its head
commit is); the commit is the event's ``pull_request.head.sha``; the web address is read from
the event's own ``html_url`` fields, else from the forge client's configured address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from sosmed.check.mockup import MediaLinks
from sosmed.forge.base import Forge
from sosmed.safeurl import is_web_url

_SHA = re.compile(r"[0-9a-f]{7,64}")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
GITHUB_WEB = "https://github.com"


def _repo(obj: Any) -> dict[str, Any]:
    return obj if isinstance(obj, dict) else {}


def _server_of(repository: Mapping[str, Any]) -> str | None:
    """The forge's web root from a repository object whose ``html_url`` ends with its ``full_name``."""
    html, name = str(repository.get("html_url") or "").rstrip("/"), str(repository.get("full_name") or "")
    if name and is_web_url(html) and html.lower().endswith("/" + name.lower()):
        return html[: -len(name) - 1]
    return None


def forge_web(forge: Forge, env: Mapping[str, str]) -> str:
    """The forge's web root from the client: GitHub's from ``GITHUB_SERVER_URL`` or its API address,
    Forgejo's from its instance address."""
    base = forge.http.base_url.rstrip("/")
    if forge.kind == "forgejo":
        return base.removesuffix("/api/v1")
    if env.get("GITHUB_SERVER_URL"):
        return env["GITHUB_SERVER_URL"].rstrip("/")
    if urlsplit(base).hostname == "api.github.com":
        return GITHUB_WEB
    return base.removesuffix("/api/v3")  # GitHub Enterprise Server serves its API under /api/v3


def head_links(event: Mapping[str, Any], forge: Forge, env: Mapping[str, str]) -> MediaLinks | None:
    """The address of a repository file at the head commit of the event's pull request (None: not known)."""
    pull = _repo(event.get("pull_request"))
    head = _repo(pull.get("head"))
    sha = str(head.get("sha") or "")
    head_repo = _repo(head.get("repo"))
    name = str(head_repo.get("full_name") or forge.repository)
    if not _SHA.fullmatch(sha) or not _REPOSITORY.fullmatch(name):
        return None
    candidates = (head_repo, _repo(_repo(pull.get("base")).get("repo")), _repo(event.get("repository")))
    server = next((s for s in map(_server_of, candidates) if s), None) or forge_web(forge, env)
    web = f"{server}/{name}"
    if forge.kind == "forgejo":
        return lambda path: f"{web}/media/commit/{sha}/{quote(path)}"
    return lambda path: f"{web}/blob/{sha}/{quote(path)}?raw=true"
