"""What a report may show again: the text of an item with everything the findings found masked.

A report repeats text — previews of the exact posts, titles, rule messages that quote a word,
suppression reasons. Whatever a rule found (a token, a password, a NIK, an address: each
problem's ``hide``, suppressed or not) is masked wherever it appears in that text, by its exact
writing, and on top of that the personal-data masker (:mod:`sosmed.privacy`) masks every
personal datum in any writing. The office's declared public contacts stay visible.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from sosmed.check.engine import CheckResult
from sosmed.config.schema import Config
from sosmed.privacy import NOTHING, TEXT_KINDS, mask, public_data

_SHOWN = 4


def masked_form(secret: str) -> str:
    """How a found text is shown: the masker's form for personal data, else its first characters and "…"."""
    masked = mask(secret)
    if masked != secret:
        return masked
    return secret[:_SHOWN] + "…" if len(secret) > _SHOWN * 2 else "…"


class Shown:
    """Masks, in any text a report shows, what the check run found and any personal data."""

    def __init__(self, hidden: Iterable[str], config: Config | None = None) -> None:
        secrets = sorted({h for h in hidden if h and h.strip()}, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, secrets))) if secrets else None
        self._forms = {s: masked_form(s) for s in secrets}
        self._public = public_data(config) if config is not None else NOTHING

    @classmethod
    def of(cls, result: CheckResult, config: Config | None = None) -> Shown:
        """The masker of one check run: every problem's ``hide`` plus what suppressed findings hid."""
        hidden = set(result.hidden)
        for problem in result.problems:
            hidden.update(problem.hide)
        return cls(hidden, config)

    def __call__(self, text: str, kinds: Collection[str] = TEXT_KINDS) -> str:
        """``text`` as a report may show it; ``kinds`` of personal data masked (a citizen's question adds
        ``handle``: the @name of a private person)."""
        if not text:
            return text
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self._forms[m.group()], text)
        return mask(text, self._public, kinds)
