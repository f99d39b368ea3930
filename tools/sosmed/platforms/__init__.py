"""Platform adapters: one module per platform behind one interface (see ``base``).

The registry is explicit: a platform exists only when it is listed in ``ADAPTERS``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sosmed.errors import SosmedError
from sosmed.http.retry import RetryPolicy
from sosmed.http.session import SosmedSession, make_session
from sosmed.platforms.base import Comment, MediaFile, Message, PlatformAdapter, Quota, Receipt
from sosmed.platforms.credentials import missing_secrets
from sosmed.platforms.errors import AuthError
from sosmed.platforms.facebook import FacebookAdapter
from sosmed.platforms.instagram import InstagramAdapter
from sosmed.platforms.x import XAdapter
from sosmed.platforms.youtube import YouTubeAdapter

ADAPTERS: dict[str, type[PlatformAdapter]] = {
    "facebook": FacebookAdapter,
    "instagram": InstagramAdapter,
    "x": XAdapter,
    "youtube": YouTubeAdapter,
}

__all__ = ["ADAPTERS", "Comment", "MediaFile", "Message", "PlatformAdapter", "Quota", "Receipt", "RetryPolicy",
           "SosmedSession", "get_adapter", "make_session"]


def get_adapter(name: str, env: Mapping[str, str] = os.environ, session: SosmedSession | None = None,
                **options: object) -> PlatformAdapter:
    """The adapter for platform ``name``, configured from ``env``; fails loudly on an unknown name
    or missing credentials (naming the variables, never showing a value)."""
    cls = ADAPTERS.get(name)
    if cls is None:
        raise SosmedError("platforms.error.unknown_platform", name=name, choices=", ".join(ADAPTERS))
    missing = missing_secrets([name], env)
    if missing:
        raise AuthError("platforms.error.missing_env", platform=name, env_var=", ".join(missing))
    return cls(env, session or make_session(), **options)  # type: ignore[call-arg]
