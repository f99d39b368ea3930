"""Pieces shared by the post and Q&A models: strict base, zone-aware datetimes."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationInfo
from pydantic.functional_validators import AfterValidator

NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    """Unknown keys are errors (a typo must not pass silently); models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _zone(info: ValidationInfo) -> ZoneInfo:
    ctx = info.context or {}
    return ctx.get("zone") or ZoneInfo("Asia/Makassar")


def _date_to_datetime(value: Any) -> Any:
    # A bare date means midnight of that day in the configured zone (friendly input, as Material's blog does).
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value


def _aware(value: datetime, info: ValidationInfo) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=_zone(info))
    return value


AwareDatetime = Annotated[datetime, BeforeValidator(_date_to_datetime), AfterValidator(_aware)]
