"""How long a platform asks us to wait: ``Retry-After``, X's rate-limit window, Facebook's usage headers."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

from sosmed.http.retry import retry_after


def server_wait(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the platform asks us to wait, read from whichever hint header it sent.

    ``Retry-After`` (seconds or an HTTP date), X's ``x-rate-limit-reset`` (epoch seconds,
    used when the window is spent), and Facebook's ``estimated_time_to_regain_access``
    (minutes) inside ``X-Business-Use-Case-Usage`` or ``X-Page-Usage``.
    """
    now = time.time() if now is None else now
    hint = retry_after(headers, now)
    if hint is not None:
        return hint
    lowered = {k.lower(): v for k, v in headers.items()}
    reset = lowered.get("x-rate-limit-reset")
    if reset and lowered.get("x-rate-limit-remaining", "0") == "0":
        try:
            return max(0.0, float(reset) - now)
        except ValueError:
            pass
    minutes = _facebook_regain_minutes(lowered)
    if minutes is not None:
        return minutes * 60.0
    return None


def _facebook_regain_minutes(lowered: Mapping[str, str]) -> float | None:
    found: list[float] = []
    buc = lowered.get("x-business-use-case-usage")
    if buc:
        try:
            for entries in json.loads(buc).values():
                for entry in entries if isinstance(entries, list) else [entries]:
                    value = entry.get("estimated_time_to_regain_access")
                    if isinstance(value, int | float):
                        found.append(float(value))
        except (ValueError, AttributeError):
            pass
    page = lowered.get("x-page-usage")
    if page:
        try:
            value = json.loads(page).get("estimated_time_to_regain_access")
            if isinstance(value, int | float):
                found.append(float(value))
        except (ValueError, AttributeError):
            pass
    positive = [v for v in found if v > 0]
    return max(positive) if positive else None
