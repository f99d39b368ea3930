"""Choosing and building the forge client from ``sosmed.yml`` (``forge:``) and the environment."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from sosmed.forge.base import Forge
from sosmed.forge.errors import ForgeConfigError
from sosmed.forge.forgejo import ForgejoForge
from sosmed.forge.github import DEFAULT_API_URL, GitHubForge
from sosmed.http.retry import RetryPolicy
from sosmed.http.session import SosmedSession

TOKEN_VARS = ("SOSMED_FORGE_TOKEN", "GITHUB_TOKEN")
FORGEJO_URL_VARS = ("SOSMED_FORGEJO_URL", "GITHUB_SERVER_URL")
FORGES = ("github", "forgejo")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def forge_token(env: Mapping[str, str]) -> tuple[str | None, str]:
    """The token and the variable it came from (``SOSMED_FORGE_TOKEN`` wins over ``GITHUB_TOKEN``)."""
    for name in TOKEN_VARS:
        if env.get(name):
            return env[name], name
    return None, TOKEN_VARS[0]


def make_forge(kind: str, repository: str | None = None, env: Mapping[str, str] | None = None,
               url: str | None = None, session: SosmedSession | None = None, policy: RetryPolicy | None = None,
               require_token: bool = True) -> Forge:
    """The client for ``kind`` (``github`` or ``forgejo``, as ``config.forge``).

    ``repository`` (``owner/name``) defaults to ``GITHUB_REPOSITORY`` (set by GitHub and
    Forgejo Actions). GitHub's API URL: ``url``, else ``GITHUB_API_URL``, else
    https://api.github.com. Forgejo's instance URL: ``url``, else ``SOSMED_FORGEJO_URL``,
    else ``GITHUB_SERVER_URL`` (set by Forgejo Actions); ``/api/v1`` is appended.
    """
    env = os.environ if env is None else env
    if kind not in FORGES:
        raise ForgeConfigError("forge.error.unknown_forge", forge=str(kind), kind=str(kind))
    repository = repository or env.get("GITHUB_REPOSITORY") or ""
    if not repository:
        raise ForgeConfigError("forge.error.no_repository", forge=kind)
    if not _REPOSITORY.fullmatch(repository):
        raise ForgeConfigError("forge.error.bad_repository", forge=kind, repo=repository)
    token, token_var = forge_token(env)
    if token is None and require_token:
        raise ForgeConfigError("forge.error.no_token", forge=kind)
    if kind == "github":
        base = url or env.get("GITHUB_API_URL") or DEFAULT_API_URL
        return GitHubForge(repository, token, base, token_var=token_var, session=session, policy=policy)
    server = url or next((env[name] for name in FORGEJO_URL_VARS if env.get(name)), None)
    if not server:
        raise ForgeConfigError("forge.error.no_url", forge=kind)
    return ForgejoForge(repository, token, server, token_var=token_var, session=session, policy=policy)
