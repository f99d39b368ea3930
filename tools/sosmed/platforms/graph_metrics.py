"""Reading Graph API insights (Facebook post insights, Instagram media insights) when metric names change.

Meta renames and retires insight metrics between versions (Facebook's impressions became "views"
in 2025, Instagram's ``plays`` became ``views``): a request naming one retired metric is refused as a
whole (error #100). So each of our numbers has candidate names, newest first; the first refusal in a
run makes the adapter ask each candidate alone, once, and remember which name the platform takes.
A number none of whose names is taken any more is missing as ``deprecated``, never a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sosmed.platforms.errors import PlatformError
from sosmed.platforms.metrics import is_metric_refusal

# Asks ``node``'s insights for the given metric names; returns the answer's body.
Ask = Callable[[str, list[str]], dict[str, Any]]


class MetricNames:
    """Which Graph name stands for each of our numbers, per kind of object, learnt at most once per run."""

    def __init__(self, candidates: Mapping[str, tuple[str, ...]]) -> None:
        self.candidates = candidates
        self._chosen: dict[str, dict[str, str | None]] = {}
        self._learnt: set[str] = set()

    def names(self, kind: str) -> dict[str, str | None]:
        """Our number → the Graph name asked for (None: no name is taken any more)."""
        return self._chosen.setdefault(kind, {m: names[0] for m, names in self.candidates.items()})

    def learn(self, kind: str, node: str, ask: Ask) -> None:
        """Ask each candidate name alone on ``node`` and keep, per number, the first one taken."""
        chosen: dict[str, str | None] = {}
        for metric, names in self.candidates.items():
            chosen[metric] = None
            for name in names:
                try:
                    ask(node, [name])
                except PlatformError as error:
                    if is_metric_refusal(error):
                        continue
                    raise
                chosen[metric] = name
                break
        self._chosen[kind] = chosen
        self._learnt.add(kind)

    def read(self, kind: str, node: str, ask: Ask) -> tuple[dict[str, Any], set[str]]:
        """The raw value of each of our numbers the platform answered, and the numbers no name serves."""
        wanted = {m: n for m, n in self.names(kind).items() if n}
        try:
            rows = _rows(ask(node, list(wanted.values()))) if wanted else {}
        except PlatformError as error:
            if not is_metric_refusal(error) or kind in self._learnt:
                raise
            self.learn(kind, node, ask)
            wanted = {m: n for m, n in self.names(kind).items() if n}
            rows = _rows(ask(node, list(wanted.values()))) if wanted else {}
        values = {metric: rows[name] for metric, name in wanted.items() if name in rows}
        return values, {m for m, n in self.names(kind).items() if n is None}


def _rows(body: dict[str, Any]) -> dict[str, Any]:
    """Metric name → its latest value, from ``{"data": [{"name", "values": [{"value"}]}]}`` (or ``total_value``)."""
    rows: dict[str, Any] = {}
    for row in body.get("data") or []:
        if not isinstance(row, dict) or not row.get("name"):
            continue
        values = row.get("values") or []
        if values and isinstance(values[-1], dict) and "value" in values[-1]:
            rows[str(row["name"])] = values[-1]["value"]
        elif isinstance(row.get("total_value"), dict) and "value" in row["total_value"]:
            rows[str(row["name"])] = row["total_value"]["value"]
    return rows

