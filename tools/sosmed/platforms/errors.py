"""One error hierarchy for every platform adapter.

The class says what the caller should do (retry after a wait, renew a secret, stop
the platform for this run, change the content, give up); the catalogue key says it
to a person. Everything a platform sent back is redacted before it is stored.
"""

from __future__ import annotations

from typing import Any

from sosmed.errors import SosmedError
from sosmed.i18n import t
from sosmed.platforms.redact import redact
from sosmed.specs import label


class PlatformError(SosmedError):
    """A platform refused or failed a call.

    Carries the platform, the HTTP status, the platform's request id (what support asks
    for) and the platform's own error code and message, all redacted.
    """

    default_key = "platforms.error.generic"

    def __init__(self, key: str | None = None, *, platform: str, status: int | None = None,
                 request_id: str | None = None, code: str | int | None = None,
                 detail: str | None = None, **args: Any) -> None:
        clean = {k: redact(v) if isinstance(v, str) else v for k, v in args.items()}
        super().__init__(key or self.default_key, **clean)
        self.platform = platform
        self.status = status
        self.request_id = redact(request_id) if request_id else None
        self.code = code
        self.detail = redact(detail) if detail else None
        # Set when part of the work was already done (a thread half posted, a video
        # uploaded but its thumbnail refused): the ledger must record it.
        self.partial_receipt: Any = None

    def format_message(self) -> str:
        parts = [t(self.key, platform=label(self.platform), **self._render_args())]
        if self.detail:
            parts.append(t("platforms.error.detail", detail=self.detail))
        if self.status is not None and self.request_id:
            parts.append(t("platforms.error.ref_status_request", status=self.status, request_id=self.request_id))
        elif self.status is not None:
            parts.append(t("platforms.error.ref_status", status=self.status))
        elif self.request_id:
            parts.append(t("platforms.error.ref_request", request_id=self.request_id))
        return redact(" ".join(parts))

    def _render_args(self) -> dict[str, Any]:
        return dict(self.args_)

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

    def __init__(self, key: str | None = None, *, wait: float | None = None,
                 outcome_unknown: bool = False, **kwargs: Any) -> None:
        super().__init__(key, **kwargs)
        self.wait = wait
        self.outcome_unknown = outcome_unknown

    def _render_args(self) -> dict[str, Any]:
        args = dict(self.args_)
        args.setdefault("wait", "?" if self.wait is None else f"{self.wait:.0f}")
        return args


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
