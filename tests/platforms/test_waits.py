"""How long a platform asks us to wait: Retry-After, X's rate-limit window, Facebook's usage headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from sosmed.platforms.waits import server_wait


def test_retry_after_seconds_and_http_date():
    now = 1_800_000_000.0
    assert server_wait({"Retry-After": "7"}, now) == 7.0
    date = format_datetime(datetime.fromtimestamp(now + 30, UTC), usegmt=True)
    assert server_wait({"retry-after": date}, now) == pytest.approx(30.0, abs=1)


def test_x_rate_limit_reset_counts_only_when_the_window_is_spent():
    now = 1_800_000_000.0
    assert server_wait({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(now) + 42)}, now) == 42.0
    assert server_wait({"x-rate-limit-remaining": "12", "x-rate-limit-reset": str(int(now) + 42)}, now) is None


def test_facebook_usage_headers_give_minutes_to_regain_access():
    buc = json.dumps({"1234": [{"type": "pages", "call_count": 100, "total_cputime": 25, "total_time": 25,
                                "estimated_time_to_regain_access": 3}]})
    assert server_wait({"X-Business-Use-Case-Usage": buc}) == 180.0
    page = json.dumps({"call_count": 100, "total_time": 5, "total_cputime": 5, "estimated_time_to_regain_access": 2})
    assert server_wait({"X-Page-Usage": page}) == 120.0
    assert server_wait({"X-App-Usage": json.dumps({"call_count": 28, "total_time": 25, "total_cputime": 25})}) is None
