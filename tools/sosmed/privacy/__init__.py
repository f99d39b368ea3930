"""Personal data (FBS 8, UU 27/2022): the one finder and masker every public or shared output uses.

API::

    from sosmed.privacy import find, mask, public_data
    public = public_data(config)            # the organisation's own contacts stay visible
    mask("HP 0812-3456-7890", public)       # 'HP 0812******90' (reviewers' reports)
    mask("HP 0812-3456-7890", public_redaction(config))  # 'HP [disamarkan]' (site, feeds, FAQ, recap)
    [f.kind for f in find(text, public)]    # nik, nip, phone, email, plate, address (handle on request)

Layers: this package sits beside ``check`` and below it; it reads the configuration but
knows nothing of rules, pages or reports.
"""

from sosmed.privacy.contacts import NOTHING, PublicData, public_data, public_redaction
from sosmed.privacy.finder import ALL_KINDS, TEXT_KINDS, Finding, find, mask, mask_findings

__all__ = ["ALL_KINDS", "NOTHING", "TEXT_KINDS", "Finding", "PublicData", "find", "mask", "mask_findings",
           "public_data", "public_redaction"]
