"""Redaction of secrets in text and in log records (pure parts)."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest

from sosmed import redaction as redact
from sosmed.platforms.credentials import SECRET_VARS


@pytest.fixture(autouse=True)
def _fresh_registry():
    redact.clear()
    yield
    redact.clear()


def test_registered_secret_is_masked_in_plain_and_url_encoded_form():
    secret = "EAAB/secret+token=="
    redact.register(secret)
    text = f"token {secret} or in a URL {quote(secret, safe='')}"
    out = redact.redact(text)
    assert secret not in out and quote(secret, safe="") not in out
    assert out.count(redact.MASK) == 2


def test_short_values_are_not_treated_as_secrets():
    redact.register("1", "abc")
    assert redact.redact("page 1 abc") == "page 1 abc"


def test_register_env_takes_secret_variables_but_not_ids():
    env = {"SOSMED_FACEBOOK_PAGE_TOKEN": "page-token-123456", "SOSMED_FACEBOOK_PAGE_ID": "1234567890",
           "SOSMED_CUSTOM_PASSWORD": "hunter2hunter2", "HOME": "/home/someone"}
    redact.register_env(env, SECRET_VARS)
    out = redact.redact("page-token-123456 1234567890 hunter2hunter2 /home/someone")
    assert out == f"{redact.MASK} 1234567890 {redact.MASK} /home/someone"


def test_longest_secret_wins_when_one_contains_another():
    redact.register("abcdef", "abcdefghij")
    assert redact.redact("xx abcdefghij yy") == f"xx {redact.MASK} yy"


def test_filter_masks_message_arguments_and_traceback():
    secret = "sk-live-0123456789"
    redact.register(secret)
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "call failed with %s", (secret,), None)
    try:
        raise ValueError(f"boom {secret}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert redact.RedactingFilter().filter(record) is True
    rendered = logging.Formatter().format(record)
    assert secret not in rendered
    assert "call failed with" in rendered and "ValueError" in rendered


def test_installed_factory_scrubs_records_from_any_logger(caplog):
    secret = "oauth-token-abcdef-987"
    redact.register(secret)
    redact.install()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("urllib3.connectionpool").debug("GET /x?access_token=%s", secret)
        logging.getLogger("some.other.library").warning(f"header Authorization: Bearer {secret}")
    assert caplog.records, "the records were emitted"
    assert secret not in caplog.text
    assert redact.MASK in caplog.text
