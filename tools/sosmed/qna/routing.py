"""Propose a division for a question from the ``keywords`` of each division in ``sosmed.yml``.

A keyword matches as a whole word or phrase, case-insensitively ("pindah" does not match
"dipindahkan"; "kenaikan pangkat" matches across one or more spaces). The division with
the most matches wins; no match, or a tie between divisions, goes to the admins' triage
folder (``qna/_triage/``), where a person decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sosmed.config.schema import Config
from sosmed.model.qna import TRIAGE


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in keyword.lower().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


@dataclass(frozen=True)
class Route:
    """The proposed division (a slug, or ``_triage``) and the keywords that decided it."""

    bidang: str
    keywords: tuple[str, ...] = ()


def route(text: str, config: Config) -> Route:
    """The division whose keywords a question matches most often; triage when none or a tie."""
    lowered = text.lower()
    scores: list[tuple[int, str, tuple[str, ...]]] = []
    for division in config.divisions:
        hits = tuple(k for k in division.keywords if _pattern(k).search(lowered))
        if hits:
            scores.append((len(hits), division.slug, hits))
    if not scores:
        return Route(TRIAGE)
    scores.sort(key=lambda s: -s[0])
    if len(scores) > 1 and scores[0][0] == scores[1][0]:
        return Route(TRIAGE, tuple(k for s in scores if s[0] == scores[0][0] for k in s[2]))
    return Route(scores[0][1], scores[0][2])
