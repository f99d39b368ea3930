"""Every fault path, injected by the sandbox, seen through the adapters and the shared retry policy."""

from __future__ import annotations

import math
import random

import pytest

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.errors import AuthError, DuplicateError, RetryableError
from tests.platforms.conftest import Recorder, fast_session, video


def test_429_is_retried_after_the_capped_wait_from_the_reset_header(sb):
    sleep = Recorder()
    x = get_adapter("x", sb.env, fast_session(sleep))
    sb.fault(platform="x", path=r"/2/tweets", method="POST", kind="429", count=1, reset_after=30)
    receipt = x.publish(Message("Setelah pembatasan."))
    assert receipt.id
    assert len([c for c in sb.calls("x") if c["path"] == "/2/tweets"]) == 2
    assert sleep.waits == [0.05], "the 30 s the header asks for, capped by the injected policy"


def test_429_reports_the_wait_from_x_rate_limit_reset(sb):
    x = get_adapter("x", sb.env, fast_session(attempts=1))
    sb.fault(platform="x", path=r"/2/tweets", method="POST", kind="429", count=1, reset_after=120)
    with pytest.raises(RetryableError) as caught:
        x.publish(Message("Dibatasi."))
    assert caught.value.status == 429
    assert 118 <= caught.value.wait <= 121


@pytest.mark.parametrize(("platform", "path"), [("facebook", r".*/feed"), ("instagram", r".*/media$")])
def test_graph_throttling_reports_the_wait_from_the_usage_header(sb, platform, path, media_dir, static_url):
    from tests.platforms.conftest import photo

    adapter = get_adapter(platform, sb.env, fast_session(attempts=1))
    sb.fault(platform=platform, path=path, method="POST", kind="429", count=1, regain_minutes=7)
    with pytest.raises(RetryableError) as caught:
        adapter.publish(Message("Dibatasi.", media=(photo(media_dir, 0, static_url),) if platform == "instagram"
                                else ()))
    assert caught.value.wait == 7 * 60
    assert caught.value.code in (32, 4)


def test_a_wait_longer_than_we_accept_is_raised_at_once(sb):
    x = get_adapter("x", sb.env, fast_session(give_up_after=0.0))
    sb.fault(platform="x", path=r"/2/tweets", method="POST", kind="429", count=1)
    with pytest.raises(RetryableError):
        x.publish(Message("Tidak menunggu."))
    assert len(sb.calls("x")) == 1


@pytest.mark.parametrize("kind", ["500", "503"])
def test_server_errors_are_retried(sb, kind):
    sleep = Recorder()
    fb = get_adapter("facebook", sb.env, fast_session(sleep))
    sb.fault(platform="facebook", path=r".*/feed", method="POST", kind=kind, count=2)
    receipt = fb.publish(Message(f"Setelah gangguan {kind}."))
    assert receipt.id
    assert len(sb.calls("facebook")) == 3
    assert len(sleep.waits) == 2 and all(0 < w <= 0.05 for w in sleep.waits)


def test_server_errors_give_up_after_the_policy_attempts(sb):
    fb = get_adapter("facebook", sb.env, fast_session(attempts=3))
    sb.fault(platform="facebook", path=r".*/feed", method="POST", kind="500", count=5)
    with pytest.raises(RetryableError) as caught:
        fb.publish(Message("Tetap gagal."))
    assert caught.value.status == 500
    assert len(sb.calls("facebook")) == 3


def test_delay_beyond_the_timeout_is_retried_for_a_read(sb):
    fb = get_adapter("facebook", sb.env, fast_session(read_timeout=0.5))
    sb.fault(platform="facebook", path=r".*/feed", method="GET", kind="delay", delay=2.0, count=1)
    assert isinstance(fb.recent_posts(5), list)
    assert len([c for c in sb.calls("facebook") if c["method"] == "GET"]) >= 1


def test_delay_beyond_the_timeout_on_a_create_is_not_repeated_blindly(sb):
    fb = get_adapter("facebook", sb.env, fast_session(read_timeout=0.5))
    sb.fault(platform="facebook", path=r".*/feed", method="POST", kind="delay", delay=2.0, count=1)
    with pytest.raises(RetryableError) as caught:
        fb.publish(Message("Mungkin sudah terkirim."))
    assert caught.value.outcome_unknown
    assert "dua kali" in str(caught.value)


def test_connection_reset_mid_upload_resumes_facebook_video_from_the_server_offset(sb, media_dir):
    fb = get_adapter("facebook", sb.env, fast_session())
    clip = video(media_dir, "big.mp4")
    size = clip.path.stat().st_size
    cut = random.Random().randrange(1, size - 1)
    sb.fault(platform="facebook", path=r"/upload:", method="POST", kind="reset", count=1, after_bytes=cut)
    receipt = fb.publish(Message("Video setelah putus.", title="Putus", media=(clip,)))
    stored = sb.state("facebook")["videos"][receipt.id]
    assert (sb.handle.state_dir / stored["file"]).read_bytes() == clip.path.read_bytes()
    uploads = [c for c in sb.calls("facebook") if "/upload:" in c["path"]]
    assert [(c["method"], c["status"]) for c in uploads] == [("POST", "reset"), ("GET", 200), ("POST", 200)]
    assert uploads[2]["content_length"] == size - cut, "only the bytes the server lacked were sent again"


def test_connection_reset_mid_transfer_resumes_the_chunked_facebook_flow(sb, media_dir):
    env = {k: v for k, v in sb.env.items() if k not in ("SOSMED_FACEBOOK_APP_ID", "SOSMED_FACEBOOK_USER_TOKEN")}
    fb = get_adapter("facebook", env, fast_session())
    clip = video(media_dir, "big.mp4")
    # The first two calls on /videos break: the session start, then the first chunk transfer.
    sb.fault(platform="facebook", path=r".*/videos", method="POST", kind="reset", count=2, after_bytes=300_000)
    receipt = fb.publish(Message("Video setelah putus.", title="Putus", media=(clip,)))
    assert receipt.id in sb.state("facebook")["videos"]
    calls = [c for c in sb.calls("facebook") if c["path"].endswith("/videos")]
    chunks = math.ceil(clip.path.stat().st_size / (1024 * 1024))
    assert [c["status"] for c in calls[:2]] == ["reset", "reset"]
    assert len(calls) == 2 + 1 + chunks + 1  # two broken calls, start, each chunk once, finish


def test_connection_reset_mid_append_resumes_x_video(sb, media_dir):
    x = get_adapter("x", sb.env, fast_session(), chunk_size=1024 * 1024, max_processing_wait=30)
    clip = video(media_dir, "big.mp4")
    sb.fault(platform="x", path=r"/2/media/upload/\d+/append", kind="reset", count=1, after_bytes=200_000)
    receipt = x.publish(Message("Video X setelah putus.", media=(clip,)))
    appends = [c for c in sb.calls("x") if c["path"].endswith("/append")]
    assert receipt.id and len(appends) == math.ceil(clip.path.stat().st_size / (1024 * 1024)) + 1


@pytest.mark.parametrize(("platform", "path", "variable"), [
    ("facebook", r".*/feed", "SOSMED_FACEBOOK_PAGE_TOKEN"),
    ("x", r"/2/tweets", "SOSMED_X_ACCESS_TOKEN"),
])
def test_expired_token_names_the_variable_to_renew(sb, platform, path, variable):
    adapter = get_adapter(platform, sb.env, fast_session())
    sb.fault(platform=platform, path=path, kind="expired_token", count=1)
    with pytest.raises(AuthError) as caught:
        adapter.publish(Message("Token kedaluwarsa."))
    assert caught.value.env_var == variable and variable in str(caught.value)
    assert len(sb.calls(platform)) == 1, "an auth error is not retried"


def test_expired_instagram_token(sb, media_dir, static_url):
    from tests.platforms.conftest import photo

    ig = get_adapter("instagram", sb.env, fast_session(), poll_interval=0.1)
    sb.fault(platform="instagram", path=r".*/content_publishing_limit", kind="expired_token", count=1)
    with pytest.raises(AuthError) as caught:
        ig.publish(Message("x", media=(photo(media_dir, 0, static_url),)))
    assert caught.value.env_var == "SOSMED_INSTAGRAM_TOKEN"


@pytest.mark.parametrize("platform", ["facebook", "x"])
def test_duplicate_fault(sb, platform):
    adapter = get_adapter(platform, sb.env, fast_session())
    path = r".*/feed" if platform == "facebook" else r"/2/tweets"
    sb.fault(platform=platform, path=path, kind="duplicate", count=1)
    with pytest.raises(DuplicateError):
        adapter.publish(Message("Dobel."))
    assert len(sb.calls(platform)) == 1


def test_facebook_repeated_message_is_a_duplicate(sb):
    fb = get_adapter("facebook", sb.env, fast_session())
    fb.publish(Message("Sama persis."))
    with pytest.raises(DuplicateError) as caught:
        fb.publish(Message("Sama persis."))
    assert caught.value.code == 506


def test_missing_credentials_name_the_variables(sb):
    env = {k: v for k, v in sb.env.items() if k != "SOSMED_FACEBOOK_PAGE_TOKEN"}
    with pytest.raises(AuthError) as caught:
        get_adapter("facebook", env, fast_session())
    assert "SOSMED_FACEBOOK_PAGE_TOKEN" in str(caught.value)


def test_unreachable_server_is_a_retryable_network_error(sb):
    env = {**sb.env, "SOSMED_FACEBOOK_API": "http://127.0.0.1:9"}
    fb = get_adapter("facebook", env, fast_session(attempts=2))
    with pytest.raises(RetryableError) as caught:
        fb.publish(Message("Tidak tersambung."))
    assert not caught.value.outcome_unknown, "a refused connection never reached the server"
