"""Write a Formulir Q&A file (``qna/<bidang>/YYYY/QA-YYYY-MM-NNNN.md``) from collected questions.

The file is written as text, not dumped from a dict, so that it carries comments for the
people who review it: which keywords proposed the division, which personal data was
found and masked in a question (FBS 8), and the ``draft: true`` marker to remove once
every question has its answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.qna import TRIAGE
from sosmed.visible import visible_text


@dataclass
class DraftQuestion:
    """A question as collected: text (personal numbers already masked), source, and FBS 8 flags."""

    text: str
    platform: str
    comment_id: str | None
    link: str | None
    asker: str | None
    received_at: datetime
    flags: list[str] = field(default_factory=list)


def scalar(value: str) -> str:
    """A YAML scalar for any string: JSON's double-quoted form is valid YAML and escapes everything."""
    return json.dumps(visible_text(value), ensure_ascii=False)


def _text_block(text: str, indent: str) -> str:
    text = visible_text(text)
    # A literal block keeps a long question readable; its first line fixes the indentation and
    # it drops trailing blanks, so text starting or ending with white space is quoted instead.
    if "\n" not in text or text != text.strip():
        return scalar(text)
    lines = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return "|-\n" + lines


def default_officer(config: Config) -> str:
    """The first admin of the team in ``sosmed.yml`` (the guideline's "Petugas Media Sosial")."""
    admins = [m.name for m in config.team if "admin" in m.roles]
    return admins[0] if admins else t("new.officer_placeholder")


def form_text(config: Config, form_id: str, bidang: str, received: datetime, officer: str,
              questions: list[DraftQuestion], keywords: tuple[str, ...] = ()) -> str:
    """The whole file of a draft form, front matter and notes."""
    zone = config.zone
    lines = ["---", f"id: {form_id}", "# " + t("qna.file.officer"), f"officer: {scalar(officer)}"]
    if bidang == TRIAGE:
        lines.append("# " + t("qna.file.triage", divisions=", ".join(config.division_slugs)))
    else:
        lines.append("# " + t("qna.file.bidang", keywords=", ".join(keywords) or "-"))
    lines += [f"bidang: {bidang}", f"received: {received.astimezone(zone).isoformat(timespec='seconds')}",
              f"place: {scalar(config.organisation.city)}", "# " + t("qna.file.draft"), "draft: true",
              "questions:"]
    for question in questions:
        for flag in question.flags:
            lines.append("  # " + flag)
        lines.append("  - text: " + _text_block(question.text, "      "))
        lines.append(f"    platform: {question.platform}")
        if question.comment_id:
            lines.append(f"    comment_id: {scalar(question.comment_id)}")
        if question.link:
            lines.append(f"    link: {scalar(question.link)}")
        if question.asker:
            lines.append(f"    asker: {scalar(question.asker)}")
        lines.append(f"    received_at: {question.received_at.astimezone(zone).isoformat(timespec='seconds')}")
        lines.append('    answer: ""')
    lines += ["# " + t("qna.file.public"), "public: false", "---", "", t("qna.file.notes"), ""]
    return "\n".join(lines)

