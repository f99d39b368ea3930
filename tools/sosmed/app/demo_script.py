"""The month the demo replays: every step of May and June 2020, read from the sample instance.

The sample's own files say when things happened: a post's ``date`` (published by the scheduled
run at that moment), a retraction's ``date``, a question's ``received_at`` (the citizen's
comment appears then), a form's ``received`` (``sosmed qna collect`` ran then). What the files
do not say is filled in by fixed rules of an ordinary office week, so that the recap's figures
follow from the sample alone:

- a post's pull request is approved and merged on the last working day before its date, at
  15.00 (the Kepala approves, or a deputy of ``sosmed.yml`` on a day of the deputy's term);
- the division's answers to a collected form are merged on the next working day after the
  collection, at the same time of day, and replied to at once;
- the recap of a month is made on the 1st of the next month at 08.00 (``recap.yml``) and
  approved and merged on the next working day at 09.00;
- the posts' numbers (``sosmed insights collect``) are read every evening at 23.00, so the last
  reading of a month is before it ends (the scheduled workflow reads them every six hours).

Working days are Monday to Friday less ``qna.holidays`` of ``sosmed.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.qna.workdays import holidays, is_working_day

MERGE_TIME = time(15, 0)
RECAP_MADE = time(8, 0)
RECAP_APPROVED = time(9, 0)
INSIGHTS_TIME = time(23, 0)
# Steps at the same moment run in this order (a merge before the run it triggers).
ORDER = ("merge_post", "retract", "answer", "approve_recap", "publish", "comment", "collect", "insights", "recap")


@dataclass(frozen=True)
class Step:
    """One thing that happens at one moment of the replayed month."""

    at: datetime
    kind: str  # one of ORDER
    subject: str = ""  # a post id, a form id, or a month YYYY-MM
    extra: tuple[str, ...] = field(default=())  # what else the step names (forms of a collection …)

    @property
    def sort_key(self) -> tuple[datetime, int, str]:
        return self.at, ORDER.index(self.kind), self.subject


@dataclass
class Script:
    """The steps in time order, and the sample's items they name."""

    steps: list[Step]
    posts: dict[str, Item]
    forms: dict[str, Item]
    start: datetime
    months: tuple[str, ...]


def working_day_before(day: date, off: frozenset[date]) -> date:
    """The last working day before ``day``."""
    day -= timedelta(days=1)
    while not is_working_day(day, off):
        day -= timedelta(days=1)
    return day


def working_day_after(day: date, off: frozenset[date]) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day, off):
        day += timedelta(days=1)
    return day


def _at(day: date, moment: time, config: Config) -> datetime:
    return datetime.combine(day, moment, config.zone)


def _post_steps(post: Item, config: Config, off: frozenset[date]) -> list[Step]:
    when = post.post.date.astimezone(config.zone)
    merged = _at(working_day_before(when.date(), off), MERGE_TIME, config)
    steps = [Step(merged, "merge_post", post.id), Step(when, "publish", post.id)]
    retraction = post.post.retraction
    if post.post.status == "retracted" and retraction is not None:
        steps.append(Step(retraction.date.astimezone(config.zone), "retract", post.id))
    return steps


def _question_steps(form: Item, config: Config) -> list[Step]:
    """A citizen's comment at each question's ``received_at`` (questions from a platform only)."""
    return [Step(question.received_at.astimezone(config.zone), "comment", form.id, (str(number),))
            for number, question in enumerate(form.form.questions, 1)
            if question.comment_id and question.received_at is not None]


def _collection_steps(forms: list[Item], config: Config, off: frozenset[date]) -> list[Step]:
    """One ``qna collect`` per moment the sample's forms were received, and the answers' merge after it."""
    by_time: dict[datetime, list[str]] = {}
    for form in forms:
        by_time.setdefault(form.form.received.astimezone(config.zone), []).append(form.id)
    steps = []
    for collected, ids in sorted(by_time.items()):
        answered = _at(working_day_after(collected.date(), off), collected.time().replace(tzinfo=None), config)
        steps += [Step(collected, "collect", ids[0], tuple(sorted(ids))),
                  Step(answered, "answer", ids[0], tuple(sorted(ids)))]
    return steps


def _recap_steps(month: str, config: Config, off: frozenset[date]) -> list[Step]:
    year, number = (int(part) for part in month.split("-"))
    first = date(year + number // 12, number % 12 + 1, 1)
    return [Step(_at(first, RECAP_MADE, config), "recap", month),
            Step(_at(working_day_after(first, off), RECAP_APPROVED, config), "approve_recap", month)]


def _insights_steps(first: date, months: tuple[str, ...], config: Config) -> list[Step]:
    """One ``sosmed insights collect`` every evening from the first post's day to the last month's end."""
    year, number = (int(part) for part in months[-1].split("-"))
    end = date(year + number // 12, number % 12 + 1, 1)
    days = (end - first).days
    return [Step(_at(first + timedelta(days=n), INSIGHTS_TIME, config), "insights") for n in range(days)]


def build_script(source: Path, config: Config) -> Script:
    """Every step of the sample's months, in time order (``config`` is the sample's ``sosmed.yml``)."""
    off = holidays(config)
    loaded = load_items([p for p in (source / "content", source / "qna") if p.is_dir()], config).items
    posts = {i.id: i for i in loaded if i.kind == "post"}
    forms = {i.id: i for i in loaded if i.kind == "qna"}
    steps: list[Step] = []
    for post in posts.values():
        steps += _post_steps(post, config, off)
    for form in forms.values():
        steps += _question_steps(form, config)
    steps += _collection_steps(list(forms.values()), config, off)
    months = tuple(sorted({p.post.date.astimezone(config.zone).strftime("%Y-%m") for p in posts.values()}))
    for month in months:
        steps += _recap_steps(month, config, off)
    if months:
        steps += _insights_steps(min(p.post.date.astimezone(config.zone).date() for p in posts.values()), months,
                                 config)
    if not steps:
        raise SosmedError("demo.empty", path=str(source))
    steps.sort(key=lambda s: s.sort_key)
    first = steps[0].at
    start = datetime.combine(first.date() - timedelta(days=first.weekday()), time(8, 0), config.zone)
    return Script(steps, posts, forms, min(start, first), months)
