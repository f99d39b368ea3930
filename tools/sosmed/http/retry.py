"""How often and how long to retry, and the one reading of ``Retry-After``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry.

    ``max_delay`` caps every single wait, including one the service asked for; a hint
    longer than ``give_up_after`` is not sat out at all: the error is raised at once so the
    caller can move on (and the publisher retry on its next run).
    """

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 300.0
    give_up_after: float = 900.0
    jitter: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (0-based), with jitter, capped."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** attempt))
        return random.uniform(ceiling * (1 - self.jitter), ceiling)

    def wait_for(self, attempt: int, hint: float | None) -> float | None:
        """The wait before the next attempt, or None when the service's hint is too long to wait out."""
        if hint is None:
            return self.backoff(attempt)
        if hint > self.give_up_after:
            return None
        return min(max(hint, 0.0), self.max_delay)


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delay-seconds or an HTTP date, RFC 9110 §10.2.3), or None."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - (time.time() if now is None else now))
        except (TypeError, ValueError):
            return None
