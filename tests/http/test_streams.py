"""The HTTP core's retry policy and bodies streamed from disk."""

from __future__ import annotations

import requests

from sosmed.http.retry import RetryPolicy
from sosmed.http.streams import FileSlice, MultipartStream, multipart


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
