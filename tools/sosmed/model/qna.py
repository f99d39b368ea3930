"""A Formulir Q&A (Gambar 5 of the guideline): ``qna/<bidang>/YYYY/QA-YYYY-MM-NNNN.md``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sosmed.model.common import AwareDatetime, NonEmpty, Strict
from sosmed.model.fields import SOCIAL_PLATFORMS, QuestionSource

FORM_ID_PATTERN = r"^QA-\d{4}-(0[1-9]|1[0-2])-\d{4}$"
# The admins' triage folder (``qna/_triage/YYYY/``): questions no division keyword matched.
# Not a valid division slug (slugs start with a letter or digit), so it can never clash with one.
TRIAGE = "_triage"


class Question(Strict):
    """One citizen question, where it came from, and (once written) the division's answer."""

    text: NonEmpty
    platform: QuestionSource
    comment_id: str | None = None
    link: str | None = None
    asker: str | None = None
    received_at: AwareDatetime | None = None
    answer: str | None = None

    @model_validator(mode="after")
    def _source(self) -> Question:
        if self.platform in SOCIAL_PLATFORMS and not (self.comment_id or self.link):
            raise PydanticCustomError("qna.comment_missing", "missing", {"platform": self.platform})
        return self

    @property
    def answered(self) -> bool:
        return bool(self.answer and self.answer.strip())


class QnaForm(Strict):
    """The form's front matter; the body is free notes."""

    id: Annotated[str, StringConstraints(pattern=FORM_ID_PATTERN)]
    officer: NonEmpty
    bidang: NonEmpty
    received: AwareDatetime
    questions: list[Question] = Field(min_length=1)
    public: bool = False
    place: str | None = None
    # Set by ``sosmed qna collect``: the division is still writing answers. Unanswered
    # questions of a draft are warnings in ``sosmed check``; the division removes it when done.
    draft: bool = False

    @field_validator("id")
    @classmethod
    def _matches_file(cls, value: str, info: ValidationInfo) -> str:
        stem = (info.context or {}).get("stem")
        if stem is not None and stem != value:
            raise PydanticCustomError("qna.id_mismatch", "mismatch", {"value": value, "expected": stem})
        return value

    @field_validator("bidang")
    @classmethod
    def _matches_folder(cls, value: str, info: ValidationInfo) -> str:
        ctx = info.context or {}
        divisions = ctx.get("divisions")
        if value == TRIAGE and ctx.get("folder_bidang") in (None, TRIAGE):
            return value
        if divisions is not None and value not in divisions:
            raise PydanticCustomError(
                "model.bidang_unknown", "unknown", {"value": value, "expected": ", ".join(sorted(divisions))}
            )
        folder = ctx.get("folder_bidang")
        if folder is not None and folder != value:
            raise PydanticCustomError("qna.bidang_folder", "mismatch", {"value": value, "expected": folder})
        return value

    @model_validator(mode="after")
    def _triage_is_draft(self) -> QnaForm:
        if self.bidang == TRIAGE and not self.draft:
            raise PydanticCustomError("qna.triage_not_draft", "triage", {"value": self.bidang})
        return self

    @property
    def in_triage(self) -> bool:
        """Whether the form waits in the admins' triage folder for a division."""
        return self.bidang == TRIAGE

    @property
    def unanswered(self) -> list[int]:
        """1-based numbers of questions without an answer."""
        return [i for i, q in enumerate(self.questions, 1) if not q.answered]
