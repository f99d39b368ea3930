"""Reading a service's answer: its JSON object and its id for the request."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

# Facebook (x-fb-*), X (x-transaction-id), generic (x-request-id), Google uploads.
REQUEST_ID_HEADERS = ("x-fb-trace-id", "x-fb-request-id", "x-transaction-id", "x-request-id",
                      "x-guploader-uploadid")


def request_id(response: requests.Response, body: Mapping[str, Any] | None = None) -> str | None:
    """The service's id for this request, for support tickets."""
    if body:
        error = body.get("error")
        if isinstance(error, Mapping) and error.get("fbtrace_id"):
            return str(error["fbtrace_id"])
    for name in REQUEST_ID_HEADERS:
        if response.headers.get(name):
            return str(response.headers[name])
    return None


def json_body(response: requests.Response) -> dict[str, Any]:
    """The response's JSON object, or an empty dict when the body is not a JSON object."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {"data": data}
