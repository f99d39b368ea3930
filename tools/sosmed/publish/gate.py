"""The sign-off verdict the planner asks for before every item.

The real gate (verifying the Kepala's pull-request approval against the exact
content) plugs in here as another :class:`Gate`. Until a forge is configured the
default gate refuses everything; only the sandbox target may use the rehearsal gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from sosmed.model.item import Item


@dataclass(frozen=True)
class Verdict:
    """Approved or not; why not (catalogue keys with args); the sign-off record for the ledger."""

    approved: bool
    reasons: tuple[tuple[str, dict[str, Any]], ...] = ()
    record: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecapDocument:
    """A monthly recap as the gate judges it: ``recaps/YYYY-MM.md`` and its charts' folder."""

    id: str  # the ledger key, recap-YYYY-MM
    display: str  # recaps/YYYY-MM.md
    kind: str = "recap"

    @property
    def paths(self) -> tuple[str, ...]:
        """Everything the Kepala's approval of the recap covers."""
        return (self.display, self.display.removesuffix(".md") + "/")


class Gate(Protocol):
    """Anything that can judge an item's (or a recap's) sign-off."""

    def verdict(self, item: Item | RecapDocument, content_hash: str) -> Verdict: ...


class RefusingGate:
    """Refuses every item: no sign-off can be verified without a forge."""

    def verdict(self, item: Item | RecapDocument, content_hash: str) -> Verdict:
        return Verdict(False, (("gate.not_configured", {}),))


class RehearsalGate:
    """Approves everything, and says so in the record: for the sandbox and the demo only."""

    def verdict(self, item: Item | RecapDocument, content_hash: str) -> Verdict:
        return Verdict(True, (), {"mode": "rehearsal", "hash": content_hash, "approvers": []})
