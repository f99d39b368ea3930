"""Pieces shared by the post and Q&A models: strict base, zone-aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationInfo
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticCustomError

# Every date the tool handles is converted to UTC and to the instance's zone (ledger, site,
# recap); these years leave room for both conversions and for any real post or question.
FIRST_YEAR, LAST_YEAR = 1900, 2999
# A date written as text starts with a four-digit year and a month: ISO 8601, as the README shows.
_ISO_START = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")

NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    """Unknown keys are errors (a typo must not pass silently); models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _zone(info: ValidationInfo) -> ZoneInfo:
    ctx = info.context or {}
    return ctx.get("zone") or ZoneInfo("Asia/Makassar")


def _not_a_datetime(value: Any) -> PydanticCustomError:
    return PydanticCustomError("schema.datetime", "not a date and time", {"value": value})


def _date_to_datetime(value: Any) -> Any:
    # A bare date means midnight of that day in the configured zone (friendly input, as Material's blog does).
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    # Numbers would be read as seconds since 1970 (``date: 2020`` = 1970-01-01 00:33:40); only ISO text is a date.
    if not isinstance(value, str) or not _ISO_START.match(value):
        raise _not_a_datetime(value)
    return value


def _aware(value: datetime, info: ValidationInfo) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=_zone(info))
    if FIRST_YEAR < value.year < LAST_YEAR:  # offsets are under a day: no conversion can leave the range
        return value
    try:
        in_utc = value.astimezone(UTC)
        value.astimezone(_zone(info))
    except (OverflowError, ValueError):
        in_utc = None
    if in_utc is None or not FIRST_YEAR <= in_utc.year <= LAST_YEAR:
        raise PydanticCustomError("model.date_range", "out of range",
                                  {"value": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR})
    return value


AwareDatetime = Annotated[datetime, BeforeValidator(_date_to_datetime), AfterValidator(_aware)]
