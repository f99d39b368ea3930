"""What the printed Formulir Q&A shows (Gambar 5), gathered from the form, sosmed.yml and the ledger.

Both printers (PDF and HTML) render this one view, so they cannot disagree on a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.identity import content_hash
from sosmed.model.item import Item
from sosmed.model.qna import Question
from sosmed.platforms.base import parse_time
from sosmed.printing.dates import long_date, long_datetime
from sosmed.printing.signature import ElectronicSignoff, SignatureBlock
from sosmed.publish.records import Index
from sosmed.specs import SPECS, label

KEPALA_ROLES = ("kepala", "deputy")


@dataclass(frozen=True)
class QuestionView:
    """One numbered question with its source line and its answer (empty when not answered)."""

    number: int
    text: str
    source: str
    answer: str


@dataclass(frozen=True)
class FormView:
    """Every field of the printed form."""

    form_id: str
    title: str
    officer: str
    division: str
    received: str
    questions: list[QuestionView]
    place_date: str
    kepala: SignatureBlock
    bidang: SignatureBlock
    signed: bool
    content_hash: str
    watermark: str | None


def channel_name(platform: str, lang: str | None = None) -> str:
    """Where a question came from, for people: ``Facebook``, ``X``, ``WhatsApp``, ``Tatap muka`` …"""
    return label(platform) if platform in SPECS else t(f"qna.print.source.{platform}", lang)


def _source(question: Question, config: Config, lang: str | None) -> str:
    parts = [channel_name(question.platform, lang)]
    if question.received_at is not None:
        parts.append(long_datetime(question.received_at, config.zone, lang))
    if question.asker:
        parts.append(question.asker)
    if question.link:
        parts.append(question.link)
    elif question.comment_id:
        parts.append(t("qna.print.comment", lang, id=question.comment_id))
    return " · ".join(parts)


def _electronic(approver: dict[str, Any], digest: str, pr_url: str | None) -> ElectronicSignoff:
    login = approver.get("login")
    who = str(approver.get("name") or login or "?")
    if login and login != who:
        who = f"{who} ({login})"
    return ElectronicSignoff(approver=who, approved_at=parse_time(approver.get("approved_at")),
                             content_hash=digest, pr_url=pr_url)


def signoff_record(item: Item, index: Index | None) -> dict[str, Any] | None:
    """The ledger's sign-off for the form's current content hash, if the gate recorded one."""
    if index is None:
        return None
    record = index.signoffs.get((item.id, content_hash(item)))
    return record.get("signoff") if record else None


def form_view(item: Item, config: Config, index: Index | None = None, lang: str | None = None) -> FormView:
    """The printed form's fields; signed when the ledger holds approvals of every role ``approval.qna`` needs."""
    form = item.form
    digest = content_hash(item)
    division = config.division(form.bidang)
    signoff = signoff_record(item, index) or {}
    approvers = [a for a in signoff.get("approvers") or [] if isinstance(a, dict)]
    pr_url = signoff.get("pr_url")
    by_kepala = next((a for a in approvers if a.get("role") in KEPALA_ROLES), None)
    by_head = next((a for a in approvers if a.get("role") == "bidang_head"), None)
    needed = set(config.approval.qna)
    signed = bool(approvers) and ("kepala" not in needed or by_kepala is not None) and \
        ("bidang_head" not in needed or by_head is not None)

    kepala_heading = [t("qna.print.approve", lang)]
    if by_kepala is not None and by_kepala.get("role") == "deputy":
        kepala_heading.append(t("qna.print.deputy", lang, title=config.kepala.title or config.organisation.name))
    else:
        kepala_heading.append(config.kepala.title or t("qna.print.kepala_of", lang, org=config.organisation.name))
    kepala = SignatureBlock(
        heading=tuple(kepala_heading),
        name=(by_kepala or {}).get("name") or config.kepala.name,
        nip=(by_kepala or {}).get("nip") or config.kepala.nip,
        electronic=_electronic(by_kepala, digest, pr_url) if by_kepala else None,
    )
    head = division.head if division else None
    bidang = SignatureBlock(
        heading=(t("qna.print.related", lang), division.name if division else t("qna.print.triage", lang)),
        name=(by_head or {}).get("name") or (head.name if head else None),
        nip=(by_head or {}).get("nip") or (head.nip if head else None),
        electronic=_electronic(by_head, digest, pr_url) if by_head else None,
    )
    place = form.place or config.organisation.city
    if signed:
        last = max(parse_time(a.get("approved_at")) for a in approvers)
        place_date = f"{place}, {long_date(last.astimezone(config.zone).date(), lang)}"
    else:
        place_date = t("qna.print.place_blank", lang, place=place, year=form.received.astimezone(config.zone).year)
    questions = [QuestionView(n, q.text.strip(), _source(q, config, lang), (q.answer or "").strip())
                 for n, q in enumerate(form.questions, 1)]
    return FormView(
        form_id=form.id,
        title=t("qna.print.title", lang),
        officer=form.officer,
        division=division.name if division else t("qna.print.triage", lang),
        received=long_datetime(form.received, config.zone, lang),
        questions=questions,
        place_date=place_date,
        kepala=kepala,
        bidang=bidang,
        signed=signed,
        content_hash=digest,
        watermark=None if signed else t("printing.unsigned", lang),
    )

