"""One error hierarchy for every platform adapter.

The class says what the caller should do (retry after a wait, renew a secret, stop
the platform for this run, change the content, give up); the catalogue key says it
to a person. Everything a platform sent back is redacted before it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sosmed.http.errors import NetworkFailure, ServiceError
from sosmed.i18n import t
from sosmed.specs import label


class PlatformError(ServiceError):
    """A platform refused or failed a call.

    Besides what every :class:`~sosmed.http.errors.ServiceError` carries (platform, HTTP
    status, request id, detail), the platform's own error ``code``, and ``partial_receipt``
    when part of the work was already done (a thread half posted, a video uploaded but its
    thumbnail refused): the ledger must record it.
    """

    default_key = "platforms.error.generic"
    catalogue = "platforms.error"
    service_arg = "platform"

    def __init__(self, key: str | None = None, *, platform: str, code: str | int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(key, service=platform, **kwargs)
        self.code = code
        self.partial_receipt: Any = None

    @property
    def platform(self) -> str:
        """The platform (``facebook``, ``instagram``, ``x``, ``youtube``)."""
        return self.service

    def service_label(self) -> str:
        return label(self.service)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(platform={self.platform!r}, key={self.key!r}, status={self.status!r}, "
                f"code={self.code!r}, request_id={self.request_id!r})")


class RetryableError(PlatformError):
    """Try again later: throttled, server trouble or a network failure.

    ``wait`` is the platform's own hint in seconds (``Retry-After``, ``x-rate-limit-reset``,
    Facebook usage headers), or None. ``outcome_unknown`` means the request may have
    been carried out (a create that timed out): reconcile before repeating it.
    """

    default_key = "platforms.error.retryable"
    retryable = True


def network_error(platform: str) -> Callable[[NetworkFailure], PlatformError]:
    """How a platform's request that got no answer is reported (``platforms.error.timeout`` …)."""

    def error(failure: NetworkFailure) -> PlatformError:
        return RetryableError(f"platforms.error.{failure.kind}", platform=platform, cause=failure.reason(),
                              outcome_unknown=failure.outcome_unknown)

    return error


class AuthError(PlatformError):
    """The token is missing, expired, revoked or lacks a permission: renew ``env_var``."""

    default_key = "platforms.error.auth"

    def __init__(self, key: str | None = None, *, env_var: str, **kwargs: Any) -> None:
        super().__init__(key, env_var=env_var, **kwargs)
        self.env_var = env_var


class QuotaError(PlatformError):
    """The platform's publishing quota is spent: stop this platform for the rest of the run."""

    default_key = "platforms.error.quota"


class DuplicateError(PlatformError):
    """The platform refused the post as a duplicate of a recent one."""

    default_key = "platforms.error.duplicate"


class InvalidRequestError(PlatformError):
    """The platform (or the adapter, before calling) refused the request as it stands: never retried."""

    default_key = "platforms.error.invalid"


class UnsupportedOperation(PlatformError):
    """The platform's API cannot do this at all (e.g. edit an X post)."""

    default_key = "platforms.error.unsupported"

    def __init__(self, key: str | None = None, *, operation: str, **kwargs: Any) -> None:
        super().__init__(key, operation=operation, **kwargs)
        self.operation = operation

    def _render_args(self) -> dict[str, Any]:
        args = dict(self.args_)
        args["operation"] = t(f"platforms.operation.{self.operation}")
        return args
