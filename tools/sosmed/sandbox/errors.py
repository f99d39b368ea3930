"""Error responses in each platform's documented shape (reference §1.8, §3.6, §4.5)."""

from __future__ import annotations

import json
import secrets
from typing import Any


class ApiError(Exception):
    """Raised by a handler to answer with a platform error: status, JSON body, extra headers."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(json.dumps(body)[:200] if body is not None else str(status))
        self.status = status
        self.body = body
        self.headers = headers or {}


def fbtrace_id() -> str:
    """A random trace id like the ones Graph puts in every error."""
    return secrets.token_urlsafe(8)


def graph_error(
    message: str,
    code: int,
    subcode: int | None = None,
    status: int = 400,
    type_: str = "OAuthException",
    user_title: str | None = None,
    user_msg: str | None = None,
    headers: dict[str, str] | None = None,
) -> ApiError:
    """A Graph API (Facebook/Instagram) error: ``{"error": {message, type, code, error_subcode, fbtrace_id}}``."""
    error: dict[str, Any] = {"message": message, "type": type_, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    if user_title:
        error["error_user_title"] = user_title
    if user_msg:
        error["error_user_msg"] = user_msg
    error["fbtrace_id"] = fbtrace_id()
    return ApiError(status, {"error": error}, headers)


def graph_invalid_param(message: str, subcode: int | None = None) -> ApiError:
    """Graph code 100, invalid parameter."""
    return graph_error(f"(#100) {message}", 100, subcode)


def graph_unknown_object(node: str, method: str = "GET", status: int = 400) -> ApiError:
    """Graph's answer for an id that does not exist or cannot be used this way (code 100/33)."""
    verb = {"GET": "get", "POST": "post", "DELETE": "delete"}.get(method, method.lower())
    return graph_error(
        f"Unsupported {verb} request. Object with ID '{node}' does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation. Please read the Graph API documentation at "
        "https://developers.facebook.com/docs/graph-api",
        100,
        33,
        status=status,
        type_="GraphMethodException",
    )


def graph_bad_token(status: int = 400) -> ApiError:
    """Code 190: the token is missing, malformed or unknown."""
    return graph_error("Invalid OAuth access token - Cannot parse access token", 190, status=status)


def graph_expired_token(status: int = 400) -> ApiError:
    """Code 190 / subcode 463: the token expired."""
    return graph_error(
        "Error validating access token: Session has expired on Tuesday, 01-Jan-2026 10:00:00 PST. "
        "The current time is Wednesday, 02-Jan-2026 10:00:00 PST.",
        190,
        463,
        status=status,
    )


X_PROBLEMS = "https://api.twitter.com/2/problems/"


def x_problem(status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any) -> ApiError:
    """An X API v2 problem (RFC 7807 style)."""
    body: dict[str, Any] = {"title": title, "detail": detail, "type": type_, "status": status}
    body.update(extra)
    return ApiError(status, body)


def x_invalid_request(parameter: str, value: Any, message: str) -> ApiError:
    """X 400 invalid request with the offending parameter, in the shape of real responses."""
    return ApiError(
        400,
        {
            "errors": [{"parameters": {parameter: [value if isinstance(value, str) else json.dumps(value)]},
                        "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": X_PROBLEMS + "invalid-request",
        },
    )


def x_unauthorized() -> ApiError:
    """X 401."""
    return x_problem(401, "Unauthorized", "Unauthorized")


def x_duplicate() -> ApiError:
    """X 403 duplicate content, exactly as documented."""
    return ApiError(
        403,
        {"detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank",
         "title": "Forbidden", "status": 403},
    )


def x_not_found(resource_type: str, resource_id: str, parameter: str) -> ApiError:
    """X resource-not-found problem."""
    return x_problem(
        404, "Not Found Error", f"Could not find {resource_type} with {parameter}: [{resource_id}].",
        X_PROBLEMS + "resource-not-found", resource_type=resource_type, resource_id=resource_id,
        parameter=parameter, value=resource_id,
    )


_GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    413: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


def google_error(
    status: int, reason: str, message: str, domain: str = "global", location: str | None = None,
    location_type: str | None = None,
) -> ApiError:
    """A Google JSON error: ``{"error": {code, message, errors: [{message, domain, reason}], status}}``."""
    item: dict[str, Any] = {"message": message, "domain": domain, "reason": reason}
    if location:
        item["location"] = location
        item["locationType"] = location_type or "parameter"
    return ApiError(
        status,
        {"error": {"code": status, "message": message, "errors": [item],
                   "status": _GOOGLE_STATUS.get(status, "UNKNOWN")}},
    )


def google_unauthorized(missing: bool) -> ApiError:
    """401 for a missing or invalid/expired access token."""
    if missing:
        return google_error(401, "required", "Login Required.", location="Authorization",
                            location_type="header")
    return google_error(
        401, "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
        "valid authentication credential.",
        location="Authorization", location_type="header",
    )


def google_quota_exceeded() -> ApiError:
    """403 quotaExceeded, exactly as documented."""
    return google_error(403, "quotaExceeded",
                        "The request cannot be completed because you have exceeded your quota.",
                        domain="youtube.quota")
