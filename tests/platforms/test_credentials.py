"""Which environment variables each platform needs."""

from __future__ import annotations

from sosmed.platforms.credentials import REQUIRED_VARS, SECRET_VARS, missing_secrets

FULL = {
    "SOSMED_FACEBOOK_PAGE_ID": "1", "SOSMED_FACEBOOK_PAGE_TOKEN": "t",
    "SOSMED_INSTAGRAM_USER_ID": "2", "SOSMED_INSTAGRAM_TOKEN": "t",
    "SOSMED_X_API_KEY": "k", "SOSMED_X_API_SECRET": "s", "SOSMED_X_ACCESS_TOKEN": "a", "SOSMED_X_ACCESS_SECRET": "b",
    "SOSMED_YOUTUBE_CLIENT_ID": "c", "SOSMED_YOUTUBE_CLIENT_SECRET": "d", "SOSMED_YOUTUBE_REFRESH_TOKEN": "r",
    "SOSMED_YOUTUBE_CHANNEL_ID": "UC1",
}


def test_nothing_missing_when_everything_is_set():
    assert missing_secrets(["facebook", "instagram", "x", "youtube"], FULL) == []


def test_missing_names_are_listed_in_order_and_empty_counts_as_missing():
    env = {**FULL, "SOSMED_FACEBOOK_PAGE_TOKEN": "", "SOSMED_YOUTUBE_CHANNEL_ID": ""}
    del env["SOSMED_INSTAGRAM_USER_ID"]
    assert missing_secrets(["facebook", "instagram", "youtube"], env) == [
        "SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_USER_ID", "SOSMED_YOUTUBE_CHANNEL_ID"]


def test_x_accepts_a_bearer_token_instead_of_oauth1():
    env = {k: v for k, v in FULL.items() if not k.startswith("SOSMED_X_")}
    assert missing_secrets(["x"], env) == ["SOSMED_X_BEARER_TOKEN"]
    assert missing_secrets(["x"], {**env, "SOSMED_X_BEARER_TOKEN": "user-token"}) == []


def test_x_partial_oauth1_reports_the_missing_oauth1_names():
    env = {"SOSMED_X_API_KEY": "k", "SOSMED_X_ACCESS_TOKEN": "a"}
    assert missing_secrets(["x"], env) == ["SOSMED_X_API_SECRET", "SOSMED_X_ACCESS_SECRET"]


def test_every_token_and_secret_variable_is_marked_secret():
    names = {n for names in REQUIRED_VARS.values() for n in names} | {"SOSMED_X_BEARER_TOKEN"}
    for name in names:
        if name.endswith(("TOKEN", "SECRET", "API_KEY")):
            assert name in SECRET_VARS, name
