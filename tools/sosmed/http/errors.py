"""The root of every error a remote service causes: a platform's or a forge's.

The class says what the caller should do (retry after a wait, renew a secret, give up);
the catalogue key says it to a person. Everything the service sent back is redacted
before it is kept, so no token reaches a message, a log or the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from sosmed.errors import SosmedError
from sosmed.i18n import Message, t
from sosmed.redaction import redact


class ServiceError(SosmedError):
    """A service refused or failed a call (or the client cannot make one).

    Carries the service (``facebook``, ``github``…), the HTTP status, the service's request id
    (what its support asks for) and the service's own message (``detail``), all redacted.
    ``wait`` is the service's hint in seconds before trying again; ``outcome_unknown`` means a
    write may have been carried out although no answer came (look before writing again).
    A family (platforms, forges) says where its sentences are (``catalogue``) and how its
    messages name the service (``service_arg``).
    """

    default_key = "platforms.error.generic"
    catalogue: ClassVar[str] = "platforms.error"
    service_arg: ClassVar[str] = "service"
    retryable: ClassVar[bool] = False

    def __init__(self, key: str | None = None, *, service: str, status: int | None = None,
                 request_id: str | None = None, detail: str | None = None, wait: float | None = None,
                 outcome_unknown: bool = False, **args: Any) -> None:
        clean = {k: redact(v) if isinstance(v, str) else v for k, v in args.items()}
        super().__init__(key or self.default_key, **clean)
        self.service = service
        self.status = status
        self.request_id = redact(request_id) if request_id else None
        self.detail = redact(detail) if detail else None
        self.wait = wait
        self.outcome_unknown = outcome_unknown

    def service_label(self) -> str:
        """How the service's name is written for people."""
        return self.service

    def format_message(self) -> str:
        parts = [t(self.key, **{self.service_arg: self.service_label()}, **self._render_args())]
        if self.detail:
            parts.append(t(f"{self.catalogue}.detail", detail=self.detail))
        if self.status is not None and self.request_id:
            parts.append(t(f"{self.catalogue}.ref_status_request", status=self.status, request_id=self.request_id))
        elif self.status is not None:
            parts.append(t(f"{self.catalogue}.ref_status", status=self.status))
        elif self.request_id:
            parts.append(t(f"{self.catalogue}.ref_request", request_id=self.request_id))
        return redact(" ".join(parts))

    def _render_args(self) -> dict[str, Any]:
        args = dict(self.args_)
        if self.retryable:
            args.setdefault("wait", "?" if self.wait is None else f"{self.wait:.0f}")
        return args

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.service_arg}={self.service!r}, key={self.key!r}, "
                f"status={self.status!r}, request_id={self.request_id!r})")


#: What went wrong on the way, each said to people by ``network.cause.<code>``.
NETWORK_CAUSES = ("refused", "reset", "dns", "connect_timeout", "read_timeout", "tls", "other")


@dataclass(frozen=True)
class NetworkFailure:
    """A request that got no answer: ``kind`` is ``timeout``, ``network`` or ``outcome_unknown``.

    ``cause`` is one of :data:`NETWORK_CAUSES` (not the exception's text: it repeats the URL,
    which is noise, and its class name means nothing to a person); ``host`` is the server's name;
    ``outcome_unknown``: the request may have reached the service and been carried out.
    """

    kind: str
    cause: str
    outcome_unknown: bool
    host: str = ""

    def reason(self) -> Message:
        """The cause in words, naming the host (rendered in the language of the message it goes in)."""
        return Message(f"network.cause.{self.cause}", host=self.host or "?")
