"""No token appears in what is printed, logged or raised when a call fails with it in play."""

from __future__ import annotations

import logging

import pytest

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.errors import AuthError, PlatformError
from tests.platforms.conftest import fast_session

SECRET_VARS = ("SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_TOKEN", "SOSMED_X_API_KEY", "SOSMED_X_API_SECRET",
               "SOSMED_X_ACCESS_TOKEN", "SOSMED_X_ACCESS_SECRET", "SOSMED_X_BEARER_TOKEN",
               "SOSMED_YOUTUBE_CLIENT_SECRET", "SOSMED_YOUTUBE_REFRESH_TOKEN")


def assert_nowhere(secrets, error, caplog, capsys):
    out, err = capsys.readouterr()
    places = {"str": str(error), "repr": repr(error), "message": error.format_message(),
              "args": repr(error.args), "detail": str(getattr(error, "detail", "")),
              "log": caplog.text + "".join(str(r.__dict__) for r in caplog.records), "stdout": out, "stderr": err}
    for secret in secrets:
        for where, text in places.items():
            assert secret not in text, f"secret leaked in {where}"


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("urllib3", "requests_oauthlib", "oauthlib", "sosmed"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    return caplog


def test_a_rejected_facebook_token_is_nowhere(sb, debug_logs, capsys):
    token = "EA" + "AGwrongPageToken0123456789abcdefABCDEF"  # built at run time: no token shape in the source
    fb = get_adapter("facebook", {**sb.env, "SOSMED_FACEBOOK_PAGE_TOKEN": token}, fast_session())
    with pytest.raises(AuthError) as caught:
        fb.publish(Message("Token salah."))
    logging.getLogger("sosmed.test").error("publish failed: %s (token was %s)", caught.value, token)
    assert_nowhere([token], caught.value, debug_logs, capsys)
    assert "[REDACTED]" in debug_logs.text


def test_x_oauth1_secrets_are_nowhere_after_a_failure(sb, debug_logs, capsys):
    x = get_adapter("x", sb.env, fast_session(attempts=2))
    sb.fault(platform="x", path=r"/2/tweets", kind="500", count=5)
    with pytest.raises(PlatformError) as caught:
        x.publish(Message("Gagal dengan token terpasang."))
    secrets = [sb.env[n] for n in SECRET_VARS if sb.env.get(n)]
    assert debug_logs.records, "debug logging from requests-oauthlib/urllib3 was captured"
    # requests-oauthlib logs the signed Authorization header (with the access token) at DEBUG.
    assert "[REDACTED]" in debug_logs.text
    assert_nowhere(secrets, caught.value, debug_logs, capsys)


def test_a_refreshed_youtube_access_token_is_nowhere(sb, debug_logs, capsys):
    yt = get_adapter("youtube", sb.env, fast_session())
    yt.comments(None)
    access = yt._access  # the token the sandbox issued at run time, never in the environment
    assert access
    logging.getLogger("sosmed.test").warning("calling with %s", access)
    sb.fault(platform="youtube", path=r"/youtube/v3/commentThreads", kind="500", count=9)
    with pytest.raises(PlatformError) as caught:
        yt.comments(None)
    secrets = [access] + [sb.env[n] for n in SECRET_VARS if sb.env.get(n)]
    assert "[REDACTED]" in debug_logs.text
    assert_nowhere(secrets, caught.value, debug_logs, capsys)
