"""What one publishing run did: an outcome per (item, platform), and the plan's reasons for the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from sosmed.publish.plan import Plan


@dataclass
class Outcome:
    """What happened to one (item, platform) in this run."""

    key: str
    platform: str
    status: str  # published | updated | deleted | replied | offline | failed | skipped | reconciled
    detail: str = ""
    url: str | None = None


@dataclass
class RunReport:
    """The run's summary: outcomes, plus the plan's reasons for what was not done."""

    outcomes: list[Outcome] = field(default_factory=list)
    plan: Plan | None = None
    calls: int = 0

    @property
    def failed(self) -> bool:
        return any(o.status == "failed" for o in self.outcomes)
