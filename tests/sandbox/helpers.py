"""Small helpers for the contract tests: raw requests, nothing of the adapters."""

from __future__ import annotations

import io
from typing import Any

import requests
from PIL import Image
from requests_oauthlib import OAuth1

from sosmed.sandbox import SandboxHandle


def jpeg(width: int = 400, height: int = 400, color: str = "navy") -> bytes:
    """A small real JPEG."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG")
    return buf.getvalue()


def png(width: int = 64, height: int = 64) -> bytes:
    """A small real PNG."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(buf, "PNG")
    return buf.getvalue()


def fault(sb: SandboxHandle, **body: Any) -> dict[str, Any]:
    """Arm a fault."""
    r = requests.post(f"{sb.base_url}/_sandbox/faults", json=body, headers=sb.admin_headers, timeout=5)
    assert r.status_code == 201, r.text
    return r.json()


def state(sb: SandboxHandle, platform: str) -> dict[str, Any]:
    """The admin view of one platform."""
    r = requests.get(f"{sb.base_url}/_sandbox/state/{platform}", headers=sb.admin_headers, timeout=5)
    assert r.status_code == 200
    return r.json()


def calls(sb: SandboxHandle, platform: str | None = None) -> list[dict[str, Any]]:
    """The call log."""
    params = {"platform": platform} if platform else {}
    return requests.get(f"{sb.base_url}/_sandbox/calls", params=params, headers=sb.admin_headers,
                        timeout=5).json()["calls"]


def settings(sb: SandboxHandle, **values: Any) -> None:
    """Change sandbox settings."""
    r = requests.patch(f"{sb.base_url}/_sandbox/settings", json=values, headers=sb.admin_headers, timeout=5)
    assert r.status_code == 200, r.text


def advance(sb: SandboxHandle, seconds: float) -> None:
    """Move the sandbox clock."""
    assert requests.post(f"{sb.base_url}/_sandbox/clock", json={"advance": seconds}, headers=sb.admin_headers,
                         timeout=5).status_code == 200


def x_oauth1(sb: SandboxHandle) -> OAuth1:
    """OAuth 1.0a user context with the sandbox's X credentials."""
    e = sb.env
    return OAuth1(e["SOSMED_X_API_KEY"], e["SOSMED_X_API_SECRET"], e["SOSMED_X_ACCESS_TOKEN"],
                  e["SOSMED_X_ACCESS_SECRET"])


def x_bearer(sb: SandboxHandle) -> dict[str, str]:
    """OAuth 2 user-token header."""
    return {"Authorization": f"Bearer {sb.env['SOSMED_X_BEARER_TOKEN']}"}


def google_token(sb: SandboxHandle) -> str:
    """A fresh YouTube access token from the refresh token."""
    e = sb.env
    r = requests.post(f"{e['SOSMED_GOOGLE_OAUTH_API']}/token", data={
        "grant_type": "refresh_token", "client_id": e["SOSMED_YOUTUBE_CLIENT_ID"],
        "client_secret": e["SOSMED_YOUTUBE_CLIENT_SECRET"], "refresh_token": e["SOSMED_YOUTUBE_REFRESH_TOKEN"]},
        timeout=5)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]
