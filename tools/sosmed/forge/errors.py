"""Forge errors: the class says what the caller should do, the catalogue key says it to a person.

Everything the forge sent back is redacted before it is kept; the token never
appears in a message (it is registered with :mod:`sosmed.platforms.redact`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sosmed.errors import SosmedError
from sosmed.i18n import t
from sosmed.platforms.redact import redact

FORGE_LABELS = {"github": "GitHub", "forgejo": "Forgejo"}


def forge_label(kind: str) -> str:
    """How a forge's name is written for people."""
    return FORGE_LABELS.get(kind, kind)


class ForgeError(SosmedError):
    """The forge refused or failed a call (or the client is not set up to make one).

    Carries the forge kind, the HTTP status, the forge's request id and the forge's own
    message (``detail``), all redacted.
    """

    default_key = "forge.error.generic"

    def __init__(self, key: str | None = None, *, forge: str, status: int | None = None,
                 request_id: str | None = None, detail: str | None = None, **args: Any) -> None:
        clean = {k: redact(v) if isinstance(v, str) else v for k, v in args.items()}
        super().__init__(key or self.default_key, **clean)
        self.forge = forge
        self.status = status
        self.request_id = redact(request_id) if request_id else None
        self.detail = redact(detail) if detail else None

    def format_message(self) -> str:
        parts = [t(self.key, forge=forge_label(self.forge), **self._render_args())]
        if self.detail:
            parts.append(t("forge.error.detail", detail=self.detail))
        if self.status is not None and self.request_id:
            parts.append(t("forge.error.ref_status_request", status=self.status, request_id=self.request_id))
        elif self.status is not None:
            parts.append(t("forge.error.ref_status", status=self.status))
        return redact(" ".join(parts))

    def _render_args(self) -> dict[str, Any]:
        return dict(self.args_)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(forge={self.forge!r}, key={self.key!r}, status={self.status!r}, "
                f"request_id={self.request_id!r})")


class ForgeConfigError(ForgeError):
    """The client cannot be built: no token, no repository, no or unsafe URL, unknown forge."""


class ForgeRetryableError(ForgeError):
    """Try again later: server trouble or a network failure.

    ``wait`` is the forge's own hint in seconds (or None); ``outcome_unknown`` means a
    write may have been carried out (find the marker comment before writing again).
    """

    default_key = "forge.error.retryable"

    def __init__(self, key: str | None = None, *, wait: float | None = None, outcome_unknown: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(key, **kwargs)
        self.wait = wait
        self.outcome_unknown = outcome_unknown

    def _render_args(self) -> dict[str, Any]:
        args = dict(self.args_)
        args.setdefault("wait", "?" if self.wait is None else f"{self.wait:.0f}")
        return args


class ForgeRateLimitError(ForgeRetryableError):
    """The forge's rate limit is spent; ``wait`` is the time until it resets (None when unknown)."""

    default_key = "forge.error.rate_limited"


class ForgeAuthError(ForgeError):
    """The token is missing, wrong or expired: renew ``env_var``."""

    default_key = "forge.error.auth"

    def __init__(self, key: str | None = None, *, env_var: str, **kwargs: Any) -> None:
        super().__init__(key, env_var=env_var, **kwargs)
        self.env_var = env_var


class ForgePermissionError(ForgeError):
    """The token is valid but may not do this (a read-only fork token, no admin, no org access)."""

    default_key = "forge.error.permission"

    def __init__(self, key: str | None = None, *, env_var: str, **kwargs: Any) -> None:
        super().__init__(key, env_var=env_var, **kwargs)
        self.env_var = env_var


class ForgeNotFoundError(ForgeError):
    """No such object, or one the token may not see (both forges answer 404 for those too)."""

    default_key = "forge.error.not_found"


class ForgeInvalidError(ForgeError):
    """The forge refused the request as it stands (422/400): never retried."""

    default_key = "forge.error.invalid"


def error_for_status(status: int, common: dict[str, Any], *, path: str, token_var: str,
                     headers: Mapping[str, str]) -> ForgeError:
    """The error class for an HTTP status, the same on every forge (rate limits are each forge's own)."""
    if status == 401:
        return ForgeAuthError(env_var=token_var, **common)
    if status == 403:
        return ForgePermissionError(env_var=token_var, path=path, **common)
    if status == 404:
        return ForgeNotFoundError(path=path, **common)
    if status in (400, 409, 422):
        return ForgeInvalidError(path=path, **common)
    if status >= 500:
        from sosmed.forge.transport import retry_after  # transport imports this module


        return ForgeRetryableError(wait=retry_after(headers), **common)
    return ForgeError(path=path, **common)
