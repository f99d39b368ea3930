"""``sosmed qna overdue``: questions older than N working days without a published reply.

"Published" means the ledger holds a successful reply for the question (``QA-…#q<n>`` on
its platform), or an ``offline`` record for a question from outside the platforms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sosmed.config.schema import Config
from sosmed.errors import UsageError
from sosmed.model.item import Item
from sosmed.publish.records import Index
from sosmed.qna.workdays import holidays, working_days_since

DEFAULT_DAYS = 3


@dataclass(frozen=True)
class Overdue:
    """One question waiting too long: where it is, when it came, how many working days ago."""

    form: str
    number: int
    bidang: str
    platform: str
    received: datetime
    days: int
    answered: bool
    path: str


def default_days(config: Config) -> int:
    """``qna.overdue_days`` from sosmed.yml (3 when absent)."""
    value = (config.qna or {}).get("overdue_days", DEFAULT_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise UsageError("qna.overdue.days_invalid", value=str(value))
    return value


def is_replied(index: Index, form_id: str, number: int, platform: str) -> bool:
    """Whether the ledger records the reply (or the offline answer) to question ``number``."""
    key = f"{form_id}#q{number}"
    return key in index.offline or (key, platform) in index.live


def find_overdue(forms: list[Item], index: Index, config: Config, *, days: int, now: datetime) -> list[Overdue]:
    """Every question received more than ``days`` working days before ``now`` and not yet replied to."""
    off = holidays(config)
    today = now.astimezone(config.zone).date()
    found: list[Overdue] = []
    for item in forms:
        form = item.form
        for number, question in enumerate(form.questions, 1):
            if is_replied(index, item.id, number, question.platform):
                continue
            received = question.received_at or form.received
            age = working_days_since(received.astimezone(config.zone).date(), today, off)
            if age > days:
                found.append(Overdue(item.id, number, form.bidang, question.platform, received, age,
                                     question.answered, item.display))
    found.sort(key=lambda o: (-o.days, o.form, o.number))
    return found
