"""Google's OAuth token endpoint (``POST /token``): refresh-token grant → short-lived access token."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from flask import Blueprint

from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.errors import ApiError

BP = Blueprint("google-oauth", __name__)
SCOPES = ("https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.force-ssl "
          "https://www.googleapis.com/auth/youtube")


def _oauth_error(status: int, error: str, description: str) -> ApiError:
    return ApiError(status, {"error": error, "error_description": description})


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """The token endpoint sends no rate headers; responses must not be cached."""
    return {"Cache-Control": "no-cache, no-store, max-age=0, must-revalidate", "Pragma": "no-cache"}


OAUTH_FAULTS: dict[str, tuple[int, str, str]] = {
    "400": (400, "invalid_request", "Invalid request."),
    "401": (401, "invalid_client", "Unauthorized"),
    "expired_token": (400, "invalid_grant", "Token has been expired or revoked."),
    "403": (403, "access_denied", "Access denied."),
    "404": (404, "not_found", "Not Found"),
    "500": (500, "internal_failure", "Backend Error"),
    "503": (503, "internal_failure", "Backend Error"),
}


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault in the OAuth error shape."""
    if fault["kind"] == "429":
        err = _oauth_error(429, "rate_limit_exceeded", "Rate limit exceeded.")
        err.headers["Retry-After"] = str(int(fault.get("retry_after", 1)))
        return err
    status, error, description = OAUTH_FAULTS[fault["kind"]]
    return _oauth_error(status, error, description)


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return _oauth_error(404, "not_found", f"Not Found: {ctx.path}")


@route(BP, "POST", "/token")
def token(ctx: Ctx) -> Reply:
    """Exchange the refresh token for an access token that expires (default 3600 s)."""
    acct = ctx.store.accounts["youtube"]
    form = ctx.request.form
    client_id = form.get("client_id", "")
    client_secret = form.get("client_secret", "")
    header = ctx.request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, client_secret = base64.b64decode(header[6:]).decode().split(":", 1)
        except (ValueError, UnicodeDecodeError):
            raise _oauth_error(401, "invalid_client", "Unauthorized") from None
    grant = form.get("grant_type", "")
    if grant != "refresh_token":
        raise _oauth_error(400, "unsupported_grant_type", f"Invalid grant_type: {grant}")
    if client_id != acct["client_id"]:
        raise _oauth_error(401, "invalid_client", "The OAuth client was not found.")
    if client_secret != acct["client_secret"]:
        raise _oauth_error(401, "invalid_client", "Unauthorized")
    if form.get("refresh_token", "") != acct["refresh_token"]:
        raise _oauth_error(400, "invalid_grant", "Bad Request")
    lifetime = ctx.settings.yt_token_lifetime_seconds
    access = "ya29.sbx" + secrets.token_urlsafe(48)
    with ctx.store.lock:
        tokens = ctx.store.data["youtube"]["access_tokens"]
        now = ctx.store.now()
        for old in [t for t, exp in tokens.items() if exp <= now]:
            del tokens[old]
        tokens[access] = now + lifetime
        ctx.store.save()
    return Reply({"access_token": access, "expires_in": max(0, lifetime - 1), "scope": SCOPES,
                  "token_type": "Bearer"})


API = PlatformApi("google-oauth", BP, fault_error, not_found, rate_headers)
