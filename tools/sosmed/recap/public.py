"""The recap as it may be shown: every free text (titles, reasons, corrections, errors) through the masker.

The recap goes to the Kepala, into the repository and onto the archive site, in Markdown,
XLSX and PDF; all three writers take the recap masked here, so none of them can show a
number, address or e-mail that the site would hide.
"""

from __future__ import annotations

from dataclasses import replace

from sosmed.config.schema import Config
from sosmed.privacy import PublicData, mask, public_redaction
from sosmed.recap.data import Recap
from sosmed.recap.engagement import Engagement


def _m(text: str | None, public: PublicData) -> str | None:
    return mask(text, public) if text else text


def masked(recap: Recap, config: Config) -> Recap:
    """A copy of ``recap`` with personal data masked in every free text."""
    public = public_redaction(config)
    return replace(
        recap,
        publications={p: [replace(e, title=mask(e.title, public)) for e in entries]
                      for p, entries in recap.publications.items()},
        takedowns=[replace(d, title=mask(d.title, public), reason=_m(d.reason, public)) for d in recap.takedowns],
        corrections=[replace(c, title=mask(c.title, public), texts=tuple(mask(x, public) for x in c.texts))
                     for c in recap.corrections],
        retries=[replace(r, error=mask(r.error, public), message=mask(r.message, public)) for r in recap.retries],
        engagement=_engagement(recap.engagement, public),
    )


def _engagement(found: Engagement | None, public: PublicData) -> Engagement | None:
    if found is None:
        return None
    return replace(found, posts=[replace(p, title=mask(p.title, public)) for p in found.posts],
                   top={k: [replace(p, title=mask(p.title, public)) for p in v] for k, v in found.top.items()})
