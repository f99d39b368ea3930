"""The explicit adapter registry."""

from __future__ import annotations

import pytest

from sosmed.errors import SosmedError
from sosmed.platforms import ADAPTERS, PlatformAdapter, get_adapter


def test_registry_lists_the_four_platforms_by_their_adapter_name():
    assert sorted(ADAPTERS) == ["facebook", "instagram", "x", "youtube"]
    for name, cls in ADAPTERS.items():
        assert issubclass(cls, PlatformAdapter) and cls.name == name
        assert cls.__doc__ and cls.publish.__doc__


def test_unknown_platform_fails_loudly():
    with pytest.raises(SosmedError) as caught:
        get_adapter("tiktok", {})
    assert "tiktok" in str(caught.value) and "facebook" in str(caught.value)
