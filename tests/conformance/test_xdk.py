"""X's own Python SDK (``xdk``) drives the sandbox's X API v2.

Only ``base_url`` is given (the SDK takes it as a parameter); the SDK signs OAuth 1.0a requests
with its own code, builds the v2 media upload (initialize, append as JSON with base64, finalize,
status), sends the newer spec's ``post.fields`` and parses every answer with its Pydantic models.
"""

from __future__ import annotations

import base64
import os

import pytest
import requests
from xdk import Client
from xdk.media.models import AppendUploadRequest, InitializeUploadRequest
from xdk.oauth1_auth import OAuth1
from xdk.posts.models import CreateRequest

from sosmed.sandbox import SandboxHandle
from tests.sandbox.fixtures import sandbox  # noqa: F401
from tests.sandbox.helpers import advance, calls, fault, settings, state

SEGMENT = 512 * 1024


def _oauth1(sb: SandboxHandle) -> Client:
    e = sb.env
    auth = OAuth1(e["SOSMED_X_API_KEY"], e["SOSMED_X_API_SECRET"], "oob", e["SOSMED_X_ACCESS_TOKEN"],
                  e["SOSMED_X_ACCESS_SECRET"])
    return Client(base_url=e["SOSMED_X_API"], auth=auth)


@pytest.fixture
def xc(sandbox) -> Client:  # noqa: F811
    settings(sandbox, x_processing_seconds=0)
    return _oauth1(sandbox)


def test_create_reply_and_delete(xc: Client, sandbox) -> None:  # noqa: F811
    made = xc.posts.create(CreateRequest(text="Informasi seleksi CPNS di situs resmi BKD."))
    assert made.data.edit_history_tweet_ids == [made.data.id]
    reply = xc.posts.create(CreateRequest(text="Jadwal menyusul.", reply={"in_reply_to_tweet_id": made.data.id}))
    posts = {p["id"]: p for p in state(sandbox, "x")["posts"]}
    assert posts[reply.data.id]["in_reply_to"] == made.data.id
    assert xc.posts.delete(reply.data.id).data.deleted is True
    assert [p["id"] for p in state(sandbox, "x")["posts"] if not p["deleted"]] == [made.data.id]
    # Every request was signed by the SDK's own OAuth 1.0a code and accepted.
    assert all(c["status"] in (200, 201) for c in calls(sandbox, "x"))


def test_chunked_media_upload_then_a_post_with_the_video(xc: Client, sandbox) -> None:  # noqa: F811
    data = os.urandom(2 * SEGMENT + 777)
    init = xc.media.initialize_upload(InitializeUploadRequest(media_type="video/mp4", total_bytes=len(data),
                                                              media_category="tweet_video"))
    media_id = init.data.id
    for index, start in enumerate(range(0, len(data), SEGMENT)):
        chunk = base64.b64encode(data[start:start + SEGMENT]).decode()
        xc.media.append_upload(media_id, AppendUploadRequest(media=chunk, segment_index=index))
    final = xc.media.finalize_upload(media_id)
    assert final.data.size == len(data)
    status = xc.media.get_upload_status(media_id, command="STATUS")
    assert status.data.processing_info.state == "succeeded"
    post = xc.posts.create(CreateRequest(text="Video layanan", media={"media_ids": [media_id]}))
    [stored] = [p for p in state(sandbox, "x")["posts"] if p["id"] == post.data.id]
    assert stored["media"] == [{"type": "video", "id": media_id}]
    segments = sorted((sandbox.state_dir / "uploads" / "x" / media_id).iterdir())
    assert b"".join(s.read_bytes() for s in segments) == data


def test_processing_status_follows_the_sandbox_clock(xc: Client, sandbox) -> None:  # noqa: F811
    settings(sandbox, x_processing_seconds=30)
    init = xc.media.initialize_upload(InitializeUploadRequest(media_type="video/mp4", total_bytes=4,
                                                              media_category="tweet_video"))
    xc.media.append_upload(init.data.id, AppendUploadRequest(media=base64.b64encode(b"abcd").decode(),
                                                             segment_index=0))
    info = xc.media.finalize_upload(init.data.id).data.processing_info
    assert info.state == "pending" and info.check_after_secs == 30
    advance(sandbox, 30)  # what check_after_secs asks for, on the sandbox's clock
    assert xc.media.get_upload_status(init.data.id, command="STATUS").data.processing_info.state == "succeeded"


def _citizen(sb: SandboxHandle, post_id: str, text: str) -> dict:
    r = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, timeout=10,
                      json={"platform": "x", "post_id": post_id, "text": text, "author": "Warga Contoh"})
    return r.json()


def test_mentions_with_expansions_and_pagination(xc: Client, sandbox) -> None:  # noqa: F811
    made = xc.posts.create(CreateRequest(text="Ada pertanyaan? Sebut akun kami."))
    asked = [_citizen(sandbox, made.data.id, f"Pertanyaan nomor {i}")["id"] for i in range(7)]
    pages = list(xc.users.get_mentions(sandbox.env["SOSMED_X_USER_ID"], max_results=5,
                                       post_fields=["created_at", "author_id", "conversation_id"],
                                       expansions=["author_id"], user_fields=["username"]))
    assert [len(p.data) for p in pages] == [5, 2]
    assert [m.id for p in pages for m in p.data] == list(reversed(asked))
    first = pages[0].data[0]
    assert first.conversation_id == made.data.id and first.author_id
    assert pages[0].includes.users[0].username == "warga_contoh"


def test_errors_reach_the_sdk_in_xs_shape(xc: Client, sandbox) -> None:  # noqa: F811
    xc.posts.create(CreateRequest(text="Sekali saja."))
    with pytest.raises(requests.HTTPError) as duplicate:
        xc.posts.create(CreateRequest(text="Sekali saja."))
    assert duplicate.value.response.status_code == 403
    assert duplicate.value.response.json()["detail"] == "You are not allowed to create a Tweet with duplicate content."
    fault(sandbox, platform="x", kind="429", reset_after=60)
    with pytest.raises(requests.HTTPError) as limited:
        xc.posts.create(CreateRequest(text="Terlalu cepat."))
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["x-rate-limit-remaining"] == "0"
    fault(sandbox, platform="x", kind="404")
    with pytest.raises(requests.HTTPError) as missing:
        xc.posts.delete("1880000000000000001")
    assert missing.value.response.status_code == 404


def test_public_metrics_through_the_sdks_own_models(xc: Client, sandbox) -> None:  # noqa: F811
    made = [xc.posts.create(CreateRequest(text=f"Info kepegawaian nomor {n}.")).data.id for n in range(3)]
    _citizen(sandbox, made[0], "Terima kasih infonya")
    xc.posts.delete(made[2])
    advance(sandbox, 86400)
    found = xc.posts.get_by_ids(ids=made, post_fields=["public_metrics", "created_at"])
    metrics = {p.id: p.public_metrics for p in found.data}
    assert set(metrics) == set(made[:2])
    first = metrics[made[0]]
    assert first.reply_count == 1 and first.impression_count > 0 and first.repost_count >= 0
    # The deleted post is a partial error in X's problem shape, beside the data.
    [missing] = found.errors
    assert missing.resource_id == made[2] and missing.type.endswith("/resource-not-found")


def test_the_monthly_usage_cap_reaches_the_sdk_as_xs_429(xc: Client, sandbox) -> None:  # noqa: F811
    made = xc.posts.create(CreateRequest(text="Satu kabar.")).data.id
    settings(sandbox, x_monthly_post_reads=1)
    xc.posts.get_by_ids(ids=[made], post_fields=["public_metrics"])
    with pytest.raises(requests.HTTPError) as capped:
        xc.posts.get_by_ids(ids=[made], post_fields=["public_metrics"])
    assert capped.value.response.status_code == 429
    assert capped.value.response.json()["type"].endswith("/usage-capped")
