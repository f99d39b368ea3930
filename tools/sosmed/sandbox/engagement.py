"""Deterministic, plausible numbers for the insights endpoints, growing with a post's age on the sandbox clock.

Each post gets, per number, a ceiling and a rate drawn from a hash of the platform, the post's
text and the number's name: the same post shows the same numbers at the same age in every
sandbox (a replayed month gives the same recap), and never fewer later. Growth follows the
shape real posts show: most of it in the first hours or days, a slow tail over a month::

    share(age) = 0.85 × (1 − e^(−age/τ)) + 0.15 × min(1, age / 30 days)

The scales fit a provincial agency (a Page of some ten thousand followers, a smaller Instagram,
X and YouTube audience). Comments and replies are not invented: they are the comments the
sandbox holds, so a post's count and its comment listing agree.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

DAY = 86400.0
# platform → (lowest and highest ceiling of the headline number, τ in hours)
AUDIENCE: dict[str, tuple[int, int, float]] = {
    "facebook": (400, 4000, 10.0),
    "instagram": (200, 2500, 8.0),
    "x": (150, 3000, 3.0),
    "youtube": (80, 1500, 48.0),
}
# platform → number → (lowest, highest) share of the headline number's ceiling
RATES: dict[str, dict[str, tuple[float, float]]] = {
    "facebook": {"views": (1.2, 1.8), "reactions": (0.02, 0.07), "clicks": (0.01, 0.05), "shares": (0.002, 0.012)},
    "instagram": {"views": (1.3, 2.2), "likes": (0.04, 0.11), "saves": (0.005, 0.02), "shares": (0.003, 0.015)},
    "x": {"likes": (0.01, 0.035), "reposts": (0.002, 0.008), "quotes": (0.0, 0.0015), "bookmarks": (0.001, 0.005)},
    "youtube": {"likes": (0.02, 0.06)},
}
# Facebook's reactions by type, as shares of all reactions.
REACTION_TYPES = (("like", 0.74), ("love", 0.16), ("care", 0.05), ("wow", 0.03), ("haha", 0.02))
# A citizen's post (an X mention) reaches far fewer people than the agency's.
CITIZEN_SCALE = 0.05


def unit(*parts: str) -> float:
    """A number in [0, 1) fixed by ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def share(age: float, tau_hours: float) -> float:
    """How much of its ceiling a post has reached at ``age`` seconds (0 before it exists, → 1)."""
    if age <= 0:
        return 0.0
    return 0.85 * (1.0 - math.exp(-age / (tau_hours * 3600.0))) + 0.15 * min(1.0, age / (30 * DAY))


def numbers(platform: str, text: str, age: float, scale: float = 1.0) -> dict[str, float]:
    """The post's numbers at ``age`` seconds, unrounded: ``reach`` (X, YouTube: ``views``) and the rates."""
    low, high, tau = AUDIENCE[platform]
    headline = "views" if platform in ("x", "youtube") else "reach"
    ceiling = (low + (high - low) * unit(platform, text, headline)) * scale
    grown = ceiling * share(age, tau)
    out = {headline: grown}
    for name, (lo, hi) in RATES[platform].items():
        out[name] = grown * (lo + (hi - lo) * unit(platform, text, name))
    return out


def counts(platform: str, text: str, age: float, scale: float = 1.0) -> dict[str, int]:
    """:func:`numbers` as whole counts (each one never decreases as the post ages)."""
    return {name: int(value) for name, value in numbers(platform, text, age, scale).items()}


def reactions_by_type(total: float) -> dict[str, int]:
    """Facebook's ``post_reactions_by_type_total`` value for ``total`` reactions (types with none left out)."""
    out = {name: int(total * part) for name, part in REACTION_TYPES}
    return {name: value for name, value in out.items() if value}


def age(store_now: float, created: float) -> float:
    """A post's age on the sandbox clock, in whole minutes (as seconds).

    The clock runs on between two moves (``POST /_sandbox/clock``), so a post created "at" a
    replayed moment carries a few milliseconds more or less in each replay; counting whole
    minutes makes its numbers at a replayed moment the same in every run.
    """
    return (math.floor(store_now / 60.0) - math.floor(created / 60.0)) * 60.0


def is_young(store_now: float, created: float, delay: float) -> bool:
    """Whether a post is younger than the platform's processing delay (no numbers yet)."""
    return store_now - created < delay


def graph_row(node: str, name: str, value: Any, title: str) -> dict[str, Any]:
    """One Graph insights row, lifetime period, as Facebook and Instagram answer it."""
    return {"name": name, "period": "lifetime", "values": [{"value": value}], "title": title,
            "description": f"Lifetime: {title}", "id": f"{node}/insights/{name}/lifetime"}
