"""Which environment variables each platform needs, and which of them are secrets.

Secrets are read from the environment only (CI secrets); nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

API_BASE_VARS = {
    "facebook": "SOSMED_FACEBOOK_API",
    "instagram": "SOSMED_INSTAGRAM_API",
    "x": "SOSMED_X_API",
    "youtube": "SOSMED_YOUTUBE_API",
}
GOOGLE_OAUTH_VAR = "SOSMED_GOOGLE_OAUTH_API"

X_OAUTH1_VARS = ("SOSMED_X_API_KEY", "SOSMED_X_API_SECRET", "SOSMED_X_ACCESS_TOKEN", "SOSMED_X_ACCESS_SECRET")
X_BEARER_VAR = "SOSMED_X_BEARER_TOKEN"

# Every variable a platform cannot work without (X: one of two alternatives, see below).
REQUIRED_VARS: dict[str, tuple[str, ...]] = {
    "facebook": ("SOSMED_FACEBOOK_PAGE_ID", "SOSMED_FACEBOOK_PAGE_TOKEN"),
    "instagram": ("SOSMED_INSTAGRAM_USER_ID", "SOSMED_INSTAGRAM_TOKEN"),
    "x": X_OAUTH1_VARS,
    "youtube": ("SOSMED_YOUTUBE_CLIENT_ID", "SOSMED_YOUTUBE_CLIENT_SECRET", "SOSMED_YOUTUBE_REFRESH_TOKEN",
                "SOSMED_YOUTUBE_CHANNEL_ID"),
}

OPTIONAL_VARS: dict[str, tuple[str, ...]] = {
    "facebook": ("SOSMED_FACEBOOK_GRAPH_VERSION", "SOSMED_FACEBOOK_API", "SOSMED_FACEBOOK_APP_ID",
                 "SOSMED_FACEBOOK_USER_TOKEN"),
    "instagram": ("SOSMED_INSTAGRAM_API",),
    "x": ("SOSMED_X_USER_ID", X_BEARER_VAR, "SOSMED_X_API"),
    "youtube": ("SOSMED_YOUTUBE_API", GOOGLE_OAUTH_VAR),
}

# The values of these must never be shown anywhere.
SECRET_VARS = frozenset({
    "SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_FACEBOOK_USER_TOKEN",
    "SOSMED_INSTAGRAM_TOKEN",
    "SOSMED_X_API_KEY", "SOSMED_X_API_SECRET", "SOSMED_X_ACCESS_TOKEN", "SOSMED_X_ACCESS_SECRET",
    X_BEARER_VAR,
    "SOSMED_YOUTUBE_CLIENT_SECRET", "SOSMED_YOUTUBE_REFRESH_TOKEN",
})

# The variable to renew when a platform says the credentials are no longer valid.
RENEW_VAR = {
    "facebook": "SOSMED_FACEBOOK_PAGE_TOKEN",
    "instagram": "SOSMED_INSTAGRAM_TOKEN",
    "x": "SOSMED_X_ACCESS_TOKEN",
    "youtube": "SOSMED_YOUTUBE_REFRESH_TOKEN",
}

PLATFORMS = tuple(REQUIRED_VARS)


def x_uses_oauth1(env: Mapping[str, str]) -> bool:
    """X: OAuth 1.0a user context when all four of its variables are set, else the OAuth 2 bearer."""
    return all(env.get(name) for name in X_OAUTH1_VARS)


def missing_secrets(platforms: Iterable[str], env: Mapping[str, str]) -> list[str]:
    """The names of required variables that are empty or unset for ``platforms``, in a stable order.

    X is satisfied by either the four OAuth 1.0a variables or ``SOSMED_X_BEARER_TOKEN``;
    when neither is complete, the missing OAuth 1.0a names are reported if some of them
    are set, otherwise the bearer token's name.
    """
    missing: list[str] = []
    for platform in platforms:
        if platform == "x":
            if x_uses_oauth1(env) or env.get(X_BEARER_VAR):
                continue
            partial = [name for name in X_OAUTH1_VARS if env.get(name)]
            names = [n for n in X_OAUTH1_VARS if not env.get(n)] if partial else [X_BEARER_VAR]
        else:
            names = [n for n in REQUIRED_VARS.get(platform, ()) if not env.get(n)]
        missing.extend(n for n in names if n not in missing)
    return missing
