"""Run the model's validation and every enabled rule; apply reasoned suppressions."""

from __future__ import annotations

import fnmatch
import gc
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.check.rules import RULES
from sosmed.check.settings import CheckSettings, resolve
from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.problem import Problem


@dataclass
class Suppressed:
    """A suppression the reviewer must see: which rule, why, and in which file."""

    path: str
    line: int
    rule: str
    reason: str
    hits: int


@dataclass
class CheckResult:
    """Everything ``sosmed check`` found."""

    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suppressions: list[Suppressed] = field(default_factory=list)
    files: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)  # sensitive texts rules found, suppressed or not

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean; 1 on errors (or on warnings with ``strict``)."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def default_paths(config: Config) -> list[Path]:
    """``content/`` and ``qna/`` of the instance."""
    return [p for p in (config.root / "content", config.root / "qna") if p.exists()]


def run_checks(
    paths: Iterable[Path], config: Config, settings: CheckSettings | None = None, *, timed: bool = False
) -> CheckResult:
    """Load items from ``paths`` and check each one with every enabled rule."""
    # Every item stays alive until the report is written; the cyclic collector would rescan
    # them all again and again while the rules run (a third of the time at 15,000 files).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_checks(paths, config, settings, timed=timed)
    finally:
        if enabled:
            gc.enable()


def _run_checks(
    paths: Iterable[Path], config: Config, settings: CheckSettings | None, *, timed: bool
) -> CheckResult:
    settings = settings or resolve(config)
    started = time.perf_counter()
    loaded = load_items(paths, config)
    result = CheckResult(items=loaded.items, files=loaded.files)
    result.timings["model"] = time.perf_counter() - started
    result.problems.extend(p for p in loaded.problems if not settings.ignored(p.path))
    # Decided once per run, not once per item: which rules apply to each kind, with which globs.
    by_kind: dict[str, list[tuple[str, Any, RuleContext, tuple[str, ...]]]] = {"post": [], "qna": []}
    for rule_id, rule in settings.rules.items():
        if not rule.enabled:
            continue
        ctx = RuleContext(RULES[rule_id], rule.level, rule.options, config)  # type: ignore[arg-type]
        for kind in RULES[rule_id].APPLIES_TO:
            by_kind.setdefault(kind, []).append((rule_id, RULES[rule_id].check, ctx, rule.ignore))
    # The loop below runs (items × rules) times: a rule without ignore globs is called straight away.
    calls = {kind: [(check, ctx, globs) for _id, check, ctx, globs in rules] for kind, rules in by_kind.items()}
    for item in loaded.items:
        display = item.display
        if settings.ignore and settings.ignored(display):
            continue
        found: list[Problem] = []
        if timed:
            _timed_item(item, by_kind.get(item.kind, ()), found, result.timings)
        else:
            extend = found.extend
            for check, ctx, globs in calls.get(item.kind, ()):
                if globs and any(fnmatch.fnmatch(display, pattern) for pattern in globs):
                    continue
                extend(check(item, ctx))
        if found or item.meta.__dict__.get("fbs_ignore"):
            result.problems.extend(_apply_suppressions(item, found, result))
    result.problems.sort(key=Problem.sort_key)
    return result


def _timed_item(
    item: Item, rules: Iterable[tuple[str, Any, RuleContext, tuple[str, ...]]], found: list[Problem],
    timings: dict[str, float],
) -> None:
    """Check one item as the plain loop does, adding each rule's time to ``timings``."""
    clock = time.perf_counter
    display = item.display
    for rule_id, check, ctx, globs in rules:
        if globs and any(fnmatch.fnmatch(display, pattern) for pattern in globs):
            continue
        t0 = clock()
        found.extend(check(item, ctx))
        timings[rule_id] = timings.get(rule_id, 0.0) + clock() - t0


def _apply_suppressions(item: Item, found: list[Problem], result: CheckResult) -> list[Problem]:
    # A suppressed finding is still sensitive: the reports' previews must mask it all the same.
    for problem in found:
        result.hidden.update(problem.hide)
    suppressions = getattr(item.meta, "fbs_ignore", None) or []
    if not suppressions:
        return found
    kept = found
    for index, suppression in enumerate(suppressions):
        line, column = item.position("fbs_ignore", index, "rule")
        if suppression.rule not in RULES:
            kept.append(Problem(item.display, line, column, "suppression", "error", "check.suppression_unknown_rule",
                                {"rule": suppression.rule}))
            continue
        hits = sum(1 for p in kept if p.rule == suppression.rule)
        kept = [p for p in kept if p.rule != suppression.rule]
        result.suppressions.append(Suppressed(item.display, line, suppression.rule, suppression.reason, hits))
    return kept
