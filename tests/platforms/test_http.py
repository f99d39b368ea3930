"""The shared HTTP layer: wait hints, backoff, streamed bodies (pure parts, real files)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
import requests

from sosmed.http.retry import RetryPolicy
from sosmed.http.streams import FileSlice, MultipartStream, multipart
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


def test_backoff_grows_with_jitter_and_is_capped():
    policy = RetryPolicy(base_delay=1.0, max_delay=10.0, jitter=0.5)
    for attempt, ceiling in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 8.0), (6, 10.0)]:
        waits = {policy.backoff(attempt) for _ in range(50)}
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(waits) > 1, "jitter spreads the waits"


def test_server_hint_is_capped_and_a_too_long_hint_gives_up():
    policy = RetryPolicy(max_delay=5.0, give_up_after=60.0)
    assert policy.wait_for(0, 3.0) == 3.0
    assert policy.wait_for(0, 30.0) == 5.0
    assert policy.wait_for(0, 61.0) is None


def test_file_slice_reads_only_its_range_in_blocks(tmp_path):
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * 4096  # 1 MiB
    path.write_bytes(data)
    positions: list[int] = []

    class Recorder:
        def update(self, position: int) -> None:
            positions.append(position)

        def close(self) -> None:
            pass

    part = FileSlice(path, offset=1000, length=500_000, progress=Recorder())
    assert len(part) == 500_000
    chunks = list(part)
    assert b"".join(chunks) == data[1000:501_000]
    assert max(len(c) for c in chunks) <= 256 * 1024
    assert positions[-1] == 501_000


def test_multipart_stream_is_parsed_back_by_a_real_multipart_parser(tmp_path):
    from werkzeug.formparser import parse_form_data
    from werkzeug.test import EnvironBuilder

    path = tmp_path / "photo.jpg"
    payload = b"\xff\xd8" + b"x" * 300_000 + b"\xff\xd9"
    path.write_bytes(payload)
    content_type, build = multipart([("caption", "Sosialisasi juknis"), ("published", "false")], "source",
                                    "photo.jpg", "image/jpeg", lambda: FileSlice(path))
    stream = build()
    body = b"".join(stream)
    assert len(body) == len(build())
    env = EnvironBuilder(method="POST", data=body, content_type=content_type).get_environ()
    _, form, files = parse_form_data(env)
    assert form["caption"] == "Sosialisasi juknis" and form["published"] == "false"
    assert files["source"].filename == "photo.jpg"
    assert files["source"].read() == payload


def test_streamed_body_is_sent_with_content_length_not_chunked(tmp_path):
    """requests must send a FileSlice with Content-Length (upload endpoints refuse chunked encoding)."""
    path = tmp_path / "v.bin"
    path.write_bytes(b"a" * 70_000)
    prepared = requests.Request("PUT", "http://127.0.0.1:9/x", data=FileSlice(path, 10, 60_000)).prepare()
    assert prepared.headers["Content-Length"] == "60000"
    assert "Transfer-Encoding" not in prepared.headers
    stream = MultipartStream([], "media", "v.bin", "application/octet-stream", FileSlice(path))
    prepared = requests.Request("POST", "http://127.0.0.1:9/x", data=stream).prepare()
    assert prepared.headers["Content-Length"] == str(len(stream))
