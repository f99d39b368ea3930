"""Forge errors: the class says what the caller should do, the catalogue key says it to a person.

Everything the forge sent back is redacted before it is kept; the token never
appears in a message (it is registered with :mod:`sosmed.redaction`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sosmed.http.errors import NetworkFailure, ServiceError
from sosmed.http.retry import retry_after

FORGE_LABELS = {"github": "GitHub", "forgejo": "Forgejo"}


def forge_label(kind: str) -> str:
    """How a forge's name is written for people."""
    return FORGE_LABELS.get(kind, kind)


class ForgeError(ServiceError):
    """The forge refused or failed a call (or the client is not set up to make one).

    Carries what every :class:`~sosmed.http.errors.ServiceError` carries: the forge kind,
    the HTTP status, the forge's request id and the forge's own message (``detail``), all
    redacted.
    """

    default_key = "forge.error.generic"
    catalogue = "forge.error"
    service_arg = "forge"

    def __init__(self, key: str | None = None, *, forge: str, **kwargs: Any) -> None:
        super().__init__(key, service=forge, **kwargs)

    @property
    def forge(self) -> str:
        """The forge kind (``github`` or ``forgejo``)."""
        return self.service

    def service_label(self) -> str:
        return forge_label(self.service)


class ForgeConfigError(ForgeError):
    """The client cannot be built: no token, no repository, no or unsafe URL, unknown forge."""


class ForgeRetryableError(ForgeError):
    """Try again later: server trouble or a network failure.

    ``wait`` is the forge's own hint in seconds (or None); ``outcome_unknown`` means a
    write may have been carried out (find the marker comment before writing again).
    """

    default_key = "forge.error.retryable"
    retryable = True


def network_error(forge: str) -> Callable[[NetworkFailure], ForgeError]:
    """How a forge request that got no answer is reported (``forge.error.timeout`` …)."""

    def error(failure: NetworkFailure) -> ForgeError:
        return ForgeRetryableError(f"forge.error.{failure.kind}", forge=forge, error=failure.reason(),
                                   outcome_unknown=failure.outcome_unknown)

    return error


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
        return ForgeRetryableError(wait=retry_after(headers), **common)
    return ForgeError(path=path, **common)
