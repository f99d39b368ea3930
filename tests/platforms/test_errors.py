"""The error hierarchy: what each class carries and how it reads, in both languages."""

from __future__ import annotations

import pytest

from sosmed import redaction as redact
from sosmed.errors import SosmedError
from sosmed.i18n import catalogue, placeholders, set_language
from sosmed.platforms.errors import (
    AuthError,
    DuplicateError,
    InvalidRequestError,
    PlatformError,
    QuotaError,
    RetryableError,
    UnsupportedOperation,
)


@pytest.fixture(autouse=True)
def _indonesian():
    set_language("id")
    yield
    set_language("id")
    redact.clear()


def test_every_class_derives_from_the_one_root():
    for cls in (RetryableError, AuthError, QuotaError, DuplicateError, InvalidRequestError, UnsupportedOperation):
        assert issubclass(cls, PlatformError) and issubclass(cls, SosmedError)


def test_auth_error_names_the_variable_to_renew_and_carries_status_and_request_id():
    error = AuthError(platform="facebook", env_var="SOSMED_FACEBOOK_PAGE_TOKEN", status=400,
                      request_id="EJplcsCHuLu", code="190/463", detail="Error validating access token")
    text = str(error)
    assert "SOSMED_FACEBOOK_PAGE_TOKEN" in text and "Facebook" in text
    assert "HTTP 400" in text and "EJplcsCHuLu" in text
    assert text.startswith("Token akses Facebook")
    set_language("en")
    assert str(error).startswith("The Facebook access token")


def test_retryable_error_shows_the_wait():
    error = RetryableError("platforms.error.rate_limited", platform="x", status=429, wait=42.4)
    assert "42 detik" in str(error)
    assert error.wait == 42.4 and not error.outcome_unknown


def test_unsupported_operation_renders_the_operation_in_the_current_language():
    error = UnsupportedOperation(platform="x", operation="update")
    assert str(error) == "X tidak mendukung pengubahan unggahan melalui API-nya."
    set_language("en")
    assert str(error) == "X does not support editing a post through its API."


def test_platform_text_is_redacted_when_the_error_is_built():
    redact.register("EAAGsecretpagetoken")
    error = InvalidRequestError(platform="facebook", status=400,
                                detail="Invalid token EAAGsecretpagetoken in request")
    assert "EAAGsecretpagetoken" not in str(error)
    assert "EAAGsecretpagetoken" not in repr(error)
    assert "EAAGsecretpagetoken" not in error.detail


def test_platform_catalogue_has_the_same_keys_and_placeholders_in_both_languages():
    ids = {k: v for k, v in catalogue("id").items() if k.startswith("platforms.")}
    ens = {k: v for k, v in catalogue("en").items() if k.startswith("platforms.")}
    assert ids.keys() == ens.keys()
    for key in ids:
        assert placeholders(ids[key]) == placeholders(ens[key]), key


def test_every_key_the_errors_use_exists():
    keys = [cls.default_key for cls in (PlatformError, RetryableError, AuthError, QuotaError, DuplicateError,
                                        InvalidRequestError, UnsupportedOperation)]
    for key in keys:
        assert key in catalogue("id")


def test_every_catalogue_key_named_in_the_adapters_exists():
    import re
    from pathlib import Path

    import sosmed.platforms

    folder = Path(sosmed.platforms.__file__).parent
    keys = set()
    for source in folder.glob("*.py"):
        keys |= set(re.findall(r'"(platforms\.[a-z_]+\.[a-z_]+)"', source.read_text()))
    assert len(keys) > 20
    missing = sorted(k for k in keys if k not in catalogue("id"))
    assert missing == []
