"""FAQ data for the archive site: the public, answered questions, without the askers' identities.

API::

    from sosmed.qna.faq import faq_entries, faq_by_division
    entries = faq_entries(load_items([root / "qna"], config).forms, config, index=ledger_index)
    for division, group in faq_by_division(entries, config).items(): ...

Included: questions of forms with ``public: true`` that have an answer, and are not in
the triage folder. With a ledger ``index``, only questions whose reply (or offline answer)
the ledger records, i.e. answers that went through the sign-off gate.

Removed or masked: the asker's handle, comment id and link are never part of an entry;
``@mentions`` other than the agency's accounts become ``@…``; every personal datum the one
masker finds (:mod:`sosmed.privacy`: NIK, NIP, phone, e-mail, plate, home address) is masked
as in the check reports (``5371********0003``), the office's declared public contacts stay
visible. Only the date (not the time) a question arrived is kept. The archive site's FAQ,
form pages and FAQ feed are built from these entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.privacy import ALL_KINDS, PublicData, mask, public_redaction
from sosmed.publish.records import Index
from sosmed.qna.overdue import is_replied


@dataclass(frozen=True)
class FaqEntry:
    """One public question and its answer, safe to show to anyone."""

    form_id: str
    number: int
    bidang: str
    division: str
    question: str
    answer: str
    platform: str
    received: date

    @property
    def anchor(self) -> str:
        """A stable HTML anchor: ``qa-2020-05-0001-q2``."""
        return f"{self.form_id.lower()}-q{self.number}"


def anonymise(text: str, asker: str | None = None, public: PublicData | None = None) -> str:
    """``text`` with the asker's handle, other people's @handles and all personal data masked."""
    if asker:
        handle = asker.lstrip("@")
        if len(handle) >= 3:
            text = re.sub(rf"(?<!\w)@?{re.escape(handle)}(?!\w)", "…", text, flags=re.IGNORECASE)
    return mask(text, public, ALL_KINDS).strip()


def faq_entries(forms: list[Item], config: Config, index: Index | None = None) -> list[FaqEntry]:
    """The FAQ entries of ``forms`` (newest question first, then form and number)."""
    entries: list[FaqEntry] = []
    public = public_redaction(config)
    for item in forms:
        form = item.form
        if not form.public or form.in_triage:
            continue
        division = config.division(form.bidang)
        for number, question in enumerate(form.questions, 1):
            if not question.answered:
                continue
            if index is not None and not is_replied(index, item.id, number, question.platform):
                continue
            received = (question.received_at or form.received).astimezone(config.zone).date()
            entries.append(FaqEntry(
                form_id=item.id, number=number, bidang=form.bidang,
                division=division.name if division else form.bidang,
                question=anonymise(question.text, question.asker, public),
                answer=anonymise(question.answer or "", question.asker, public),
                platform=question.platform, received=received,
            ))
    entries.sort(key=lambda e: (-e.received.toordinal(), e.form_id, e.number))
    return entries


def faq_by_division(entries: list[FaqEntry], config: Config) -> dict[str, list[FaqEntry]]:
    """Entries grouped by division name, in the order of ``divisions`` in sosmed.yml."""
    grouped: dict[str, list[FaqEntry]] = {}
    order = {d.slug: n for n, d in enumerate(config.divisions)}
    for entry in sorted(entries, key=lambda e: order.get(e.bidang, len(order))):
        grouped.setdefault(entry.division, []).append(entry)
    return grouped
