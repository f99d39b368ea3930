"""Run the model's validation and every enabled rule; apply reasoned suppressions."""

from __future__ import annotations

import fnmatch
import gc
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosmed.check.cache import CheckCache, Entry, signature
from sosmed.check.rule import RuleContext
from sosmed.check.rules import RULES, large_media_lfs
from sosmed.check.settings import CheckSettings, resolve
from sosmed.config.schema import Config
from sosmed.model.item import Item, Kind
from sosmed.model.loader import base_context, discover_files, duplicate_problem, load_items, load_one
from sosmed.problem import Problem

Discovered = tuple[Path, str, Kind | None, tuple[str, ...] | None]


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
    paths: Iterable[Path], config: Config, settings: CheckSettings | None = None, *, timed: bool = False,
    cache: CheckCache | None = None,
) -> CheckResult:
    """Load items from ``paths`` and check each one with every enabled rule.

    With ``cache`` (see :mod:`sosmed.check.cache`), a file whose signature is unchanged since
    a run under the same key is not read as YAML or checked again: its findings come from the
    cache, and ``items`` holds only the items checked in this run.
    """
    # Every item stays alive until the report is written; the cyclic collector would rescan
    # them all again and again while the rules run (a third of the time at 15,000 files).
    enabled = gc.isenabled()
    gc.disable()
    try:
        settings = settings or resolve(config)
        if cache is not None and not timed:
            paths = list(paths)
            found, links = discover_files(paths, config.root)
            if not links:  # a symbolic link drops whole items after loading: such a run is not cached
                result = _run_cached(found, config, settings, cache)
                cache.save(whole_tree=_whole_tree(paths, config))
                return result
        return _run_checks(paths, config, settings, timed=timed)
    finally:
        if enabled:
            gc.enable()


Calls = dict[str, list[tuple[str, Any, RuleContext, tuple[str, ...]]]]


def _rules_by_kind(config: Config, settings: CheckSettings) -> Calls:
    """Decided once per run, not once per item: which rules apply to each kind, with which globs."""
    by_kind: Calls = {"post": [], "qna": []}
    for rule_id, rule in settings.rules.items():
        if not rule.enabled:
            continue
        ctx = RuleContext(RULES[rule_id], rule.level, rule.options, config)  # type: ignore[arg-type]
        for kind in RULES[rule_id].APPLIES_TO:
            by_kind.setdefault(kind, []).append((rule_id, RULES[rule_id].check, ctx, rule.ignore))
    return by_kind


def _run_checks(
    paths: Iterable[Path], config: Config, settings: CheckSettings, *, timed: bool
) -> CheckResult:
    started = time.perf_counter()
    loaded = load_items(paths, config)
    result = CheckResult(items=loaded.items, files=loaded.files)
    result.timings["model"] = time.perf_counter() - started
    result.problems.extend(p for p in loaded.problems if not settings.ignored(p.path))
    by_kind = _rules_by_kind(config, settings)
    for item in loaded.items:
        if settings.ignore and settings.ignored(item.display):
            continue
        found: list[Problem] = []
        if timed:
            _timed_item(item, by_kind.get(item.kind, ()), found, result.timings)
        else:
            _check_item(item, by_kind.get(item.kind, ()), found)
        if found or item.meta.__dict__.get("fbs_ignore"):
            result.problems.extend(_apply_suppressions(item, found, result))
    result.problems.sort(key=Problem.sort_key)
    return result


def _check_item(item: Item, rules: Iterable[tuple[str, Any, RuleContext, tuple[str, ...]]],
                found: list[Problem]) -> None:
    """Every rule of the item's kind, into ``found``."""
    # This runs (items × rules) times: a rule without ignore globs is called straight away.
    display = item.display
    extend = found.extend
    for _id, check, ctx, globs in rules:
        if globs and any(fnmatch.fnmatch(display, pattern) for pattern in globs):
            continue
        extend(check(item, ctx))


def _whole_tree(paths: list[Path], config: Config) -> bool:
    return sorted(p.resolve() for p in paths) == sorted(p.resolve() for p in default_paths(config))


def _run_cached(found: list[Discovered], config: Config, settings: CheckSettings, cache: CheckCache) -> CheckResult:
    """The check with every unchanged file's findings taken from ``cache`` (see :func:`run_checks`)."""
    result = CheckResult()
    by_kind = _rules_by_kind(config, settings)
    base = base_context(config)
    lfs = settings.rules.get(large_media_lfs.ID)
    large = lfs.options["max_mb"] * large_media_lfs.MB if lfs is not None and lfs.enabled else None
    videos_volatile = shutil.which("ffprobe") is None
    seen: dict[str, str] = {}
    for path, display, kind, names in found:
        result.files += 1
        try:
            raw = path.read_bytes()
        except OSError:
            raw, sig = b"", None
        else:
            sig = signature(path, raw, kind, names, large, large_media_lfs.LARGE_SUFFIXES, videos_volatile)
        entry = cache.get(display, sig) if sig is not None else None
        if entry is None:
            entry, item = _check_fresh(path, display, kind, names, config, settings, base, by_kind, seen, result)
            if item is not None:
                result.items.append(item)
            if sig is not None and entry is not None:
                cache.put(display, sig, entry)
            continue
        result.problems.extend(p for p in entry.load if not settings.ignored(p.path))
        if entry.item_id is None:
            continue
        other = seen.get(entry.item_id)
        if other is not None:
            result.problems.append(duplicate_problem(display, entry.item_id, other))
            continue
        seen[entry.item_id] = display
        result.problems.extend(entry.rules)
        result.suppressions.extend(Suppressed(*s) for s in entry.suppressions)
    result.problems.sort(key=Problem.sort_key)
    return result


def _check_fresh(path: Path, display: str, kind: Kind | None, names: tuple[str, ...] | None, config: Config,
                 settings: CheckSettings, base: dict[str, Any], by_kind: Calls, seen: dict[str, str],
                 result: CheckResult) -> tuple[Entry | None, Item | None]:
    """Load and check one file; its entry for the cache (None: not to be stored) and its item."""
    load: list[Problem] = []
    item = load_one(path, display, kind, names, config, base, load)
    result.problems.extend(p for p in load if not settings.ignored(p.path))
    if item is None:
        return Entry(None, load, [], []), None
    other = seen.get(item.id)
    if other is not None:  # a duplicate depends on another file: never stored
        result.problems.append(duplicate_problem(display, item.id, other))
        return None, None
    seen[item.id] = display
    if settings.ignore and settings.ignored(display):
        return Entry(item.id, load, [], []), item
    found: list[Problem] = []
    _check_item(item, by_kind.get(item.kind, ()), found)
    sensitive = any(p.hide for p in found)
    before = len(result.suppressions)
    kept = _apply_suppressions(item, found, result) if found or item.meta.__dict__.get("fbs_ignore") else []
    result.problems.extend(kept)
    if sensitive:
        return None, item
    suppressions = [(s.path, s.line, s.rule, s.reason, s.hits) for s in result.suppressions[before:]]
    return Entry(item.id, load, kept, suppressions), item


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
