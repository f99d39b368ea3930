"""Platform adapters: one module per platform behind one interface (see ``base``).

The registry is explicit: a platform exists only when it is listed in ``ADAPTERS``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sosmed.errors import SosmedError

if TYPE_CHECKING:
    from sosmed.http.retry import RetryPolicy
    from sosmed.http.session import SosmedSession, make_session
    from sosmed.platforms.base import Comment, MediaFile, Message, PlatformAdapter, Quota, Receipt

# Imported on first use (PEP 562): ``sosmed.platforms.credentials`` is needed by every command (its
# table of secret variables screens output), the adapters and the HTTP core only by the few that
# talk to a platform.
_LAZY = {
    "Comment": "sosmed.platforms.base", "MediaFile": "sosmed.platforms.base", "Message": "sosmed.platforms.base",
    "PlatformAdapter": "sosmed.platforms.base", "Quota": "sosmed.platforms.base",
    "Receipt": "sosmed.platforms.base", "RetryPolicy": "sosmed.http.retry",
    "SosmedSession": "sosmed.http.session", "make_session": "sosmed.http.session",
}
_ADAPTERS = {
    "facebook": ("sosmed.platforms.facebook", "FacebookAdapter"),
    "instagram": ("sosmed.platforms.instagram", "InstagramAdapter"),
    "x": ("sosmed.platforms.x", "XAdapter"),
    "youtube": ("sosmed.platforms.youtube", "YouTubeAdapter"),
}

__all__ = ["ADAPTERS", "Comment", "MediaFile", "Message", "PlatformAdapter", "Quota", "Receipt", "RetryPolicy",
           "SosmedSession", "get_adapter", "make_session"]


def __getattr__(name: str) -> Any:
    if name == "ADAPTERS":
        adapters = {key: getattr(importlib.import_module(module), cls) for key, (module, cls) in _ADAPTERS.items()}
        globals()["ADAPTERS"] = adapters
        return adapters
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_adapter(name: str, env: Mapping[str, str] = os.environ, session: SosmedSession | None = None,
                **options: object) -> PlatformAdapter:
    """The adapter for platform ``name``, configured from ``env``; fails loudly on an unknown name
    or missing credentials (naming the variables, never showing a value)."""
    from sosmed.platforms.credentials import missing_secrets
    from sosmed.platforms.errors import AuthError

    adapters: dict[str, type[PlatformAdapter]] = __getattr__("ADAPTERS")
    cls = adapters.get(name)
    if cls is None:
        raise SosmedError("platforms.error.unknown_platform", name=name, choices=", ".join(adapters))
    missing = missing_secrets([name], env)
    if missing:
        raise AuthError("platforms.error.missing_env", platform=name, env_var=", ".join(missing))
    return cls(env, session or __getattr__("make_session")(), **options)  # type: ignore[call-arg]
