"""What Facebook and Instagram share: the Graph API error object and its codes (reference §1.8, §2.0)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from sosmed.http.responses import json_body, request_id
from sosmed.platforms.errors import (
    AuthError,
    DuplicateError,
    InvalidRequestError,
    PlatformError,
    QuotaError,
    RetryableError,
)
from sosmed.platforms.waits import server_wait

THROTTLE_CODES = frozenset({4, 17, 32, 613, 80001})
TRANSIENT_CODES = frozenset({1, 2, 341})
AUTH_CODES = frozenset({102, 190})
POLICY_BLOCK_CODE = 368
DUPLICATE_CODE = 506
IG_LIMIT_SUBCODE = 2207042
IG_NOT_READY_CODE, IG_NOT_READY_SUBCODE = 9007, 2207027
# A policy block lasts hours: a wait this long is never sat out in a run.
POLICY_BLOCK_WAIT = 6 * 3600.0


def graph_error_parser(platform: str, env_var: str) -> Callable[[requests.Response], PlatformError]:
    """An error parser for Graph API responses of ``platform``; auth errors name ``env_var``."""

    def parse(response: requests.Response) -> PlatformError:
        body = json_body(response)
        found = body.get("error")
        error: dict[str, Any] = found if isinstance(found, dict) else {}
        code = _int(error.get("code"))
        subcode = _int(error.get("error_subcode"))
        status = response.status_code
        common: dict[str, Any] = {"platform": platform, "status": status, "request_id": request_id(response, body),
                  "code": code if subcode is None else f"{code}/{subcode}",
                  "detail": error.get("error_user_msg") or error.get("message")}
        hint = server_wait(response.headers)
        if code in AUTH_CODES or status == 401:
            return AuthError(env_var=env_var, **common)
        if code == 10 or (code is not None and 200 <= code <= 299):
            return AuthError("platforms.error.permission", env_var=env_var, **common)
        if subcode == IG_LIMIT_SUBCODE:
            return QuotaError(**common)
        if code == DUPLICATE_CODE:
            return DuplicateError(**common)
        if code == IG_NOT_READY_CODE or subcode == IG_NOT_READY_SUBCODE:
            return RetryableError(wait=hint, **common)
        if code in THROTTLE_CODES or status == 429:
            return RetryableError("platforms.error.rate_limited", wait=hint, **common)
        if code == POLICY_BLOCK_CODE:
            return RetryableError(wait=max(hint or 0.0, POLICY_BLOCK_WAIT), **common)
        if code in TRANSIENT_CODES or status >= 500:
            return RetryableError("platforms.error.server", wait=hint, **common)
        if status == 404 or code == 803 or (code == 100 and subcode == 33):
            return InvalidRequestError("platforms.error.not_found", **common)
        return InvalidRequestError(**common)

    return parse


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def normalise_version(version: str | None, default: str) -> str:
    """``26`` / ``26.0`` / ``v26.0`` → ``v26.0`` (the Graph API's ``vNN.0`` form)."""
    text = (version or default).strip()
    if not text.startswith("v"):
        text = "v" + text
    if "." not in text:
        text += ".0"
    return text
