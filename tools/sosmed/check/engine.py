"""Run the model's validation and every enabled rule; apply reasoned suppressions."""

from __future__ import annotations

import fnmatch
import gc
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosmed.check.cache import CheckCache, Entry, dictionary_state, signature
from sosmed.check.rule import RuleContext
from sosmed.check.rules import RULES, large_media_lfs
from sosmed.check.settings import CheckSettings, resolve
from sosmed.config.schema import Config
from sosmed.media.tools import ffprobe_path
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
    cache: CheckCache | None = None, jobs: int = 1,
) -> CheckResult:
    """Load items from ``paths`` and check each one with every enabled rule.

    With ``cache`` (see :mod:`sosmed.check.cache`), a file whose signature is unchanged since
    a run under the same key is not read as YAML or checked again: its findings come from the
    cache, and ``items`` holds only the items checked in this run. With ``jobs`` > 1 and at
    least :data:`PARALLEL_MIN_FILES` files to check, they are checked in that many forked
    processes (same findings, in the same order); ``items`` is then empty.
    """
    # Every item stays alive until the report is written; the cyclic collector would rescan
    # them all again and again while the rules run (a third of the time at 15,000 files).
    enabled = gc.isenabled()
    gc.disable()
    try:
        settings = settings or resolve(config)
        if (cache is not None or jobs > 1) and not timed:
            paths = list(paths)
            found, links = discover_files(paths, config.root)
            if not links:  # a symbolic link drops whole items after loading: such a run takes the plain path
                result = _run_files(found, config, settings, cache, jobs)
                if cache is not None:
                    cache.save(whole_tree=_whole_tree(paths, config))
                return result
        return _run_checks(paths, config, settings, timed=timed)
    finally:
        if enabled:
            gc.enable()


Calls = dict[str, list[tuple[str, Any, RuleContext, tuple[str, ...]]]]
PARALLEL_MIN_FILES = 1000


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
            result.hidden.update(h for p in found for h in p.hide)
            kept, suppressions = _suppress(item, found)
            result.problems.extend(kept)
            result.suppressions.extend(suppressions)
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


@dataclass
class Outcome:
    """What checking one file produced (``item`` is None when it was checked in another process)."""

    display: str
    item: Item | None
    item_id: str | None
    load: list[Problem]
    rules: list[Problem] = field(default_factory=list)
    suppressions: list[Suppressed] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)  # sensitive texts found, kept or suppressed


def _check_file(found: Discovered, config: Config, settings: CheckSettings, base: dict[str, Any],
                by_kind: Calls, keep_item: bool) -> Outcome:
    """Load and check one file."""
    path, display, kind, names = found
    load: list[Problem] = []
    item = load_one(path, display, kind, names, config, base, load)
    if item is None:
        return Outcome(display, None, None, load)
    problems: list[Problem] = []
    if not (settings.ignore and settings.ignored(display)):
        _check_item(item, by_kind.get(item.kind, ()), problems)
    kept, suppressions = _suppress(item, problems)
    return Outcome(display, item if keep_item else None, item.id, load, kept, suppressions,
                   {h for p in problems for h in p.hide})


def _check_files(found: list[Discovered], config: Config, settings: CheckSettings, keep_items: bool) -> list[Outcome]:
    by_kind = _rules_by_kind(config, settings)
    base = base_context(config)
    return [_check_file(entry, config, settings, base, by_kind, keep_items) for entry in found]


_SHARED: tuple[list[Discovered], Config, CheckSettings] | None = None


def _check_slice(bounds: tuple[int, int]) -> list[Outcome]:
    """In a forked worker: check ``found[start:end]`` of the run (inherited, not sent)."""
    assert _SHARED is not None
    found, config, settings = _SHARED
    return _check_files(found[bounds[0]:bounds[1]], config, settings, keep_items=False)


def _parallel_safe(settings: CheckSettings) -> bool:
    # Without ffprobe or the dictionary a rule warns once per run: once per worker would repeat it.
    return ffprobe_path() is not None and dictionary_state(settings) != "missing"


def _outcomes(found: list[Discovered], config: Config, settings: CheckSettings, jobs: int) -> list[Outcome]:
    """Check ``found``; in ``jobs`` forked processes when there are enough files to be worth it."""
    global _SHARED
    if jobs < 2 or len(found) < PARALLEL_MIN_FILES or not _parallel_safe(settings):
        return _check_files(found, config, settings, keep_items=True)
    step = -(-len(found) // (jobs * 4))
    slices = [(start, min(start + step, len(found))) for start in range(0, len(found), step)]
    import multiprocessing  # only here: a check of a few files never starts a worker

    if "fork" not in multiprocessing.get_all_start_methods():  # workers inherit the run; no fork, no workers
        return _check_files(found, config, settings, keep_items=True)
    _SHARED = (found, config, settings)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return [outcome for part in pool.map(_check_slice, slices) for outcome in part]
    finally:
        _SHARED = None


def _lookup(found: list[Discovered], settings: CheckSettings, cache: CheckCache | None) -> tuple[
        list[str | None], list[Entry | None]]:
    """Each file's signature and cached entry (None, None without a cache)."""
    if cache is None:
        return [None] * len(found), [None] * len(found)
    lfs = settings.rules.get(large_media_lfs.ID)
    large = lfs.options["max_mb"] * large_media_lfs.MB if lfs is not None and lfs.enabled else None
    videos_volatile = ffprobe_path() is None
    sigs: list[str | None] = []
    for path, _display, kind, names in found:
        try:
            raw = path.read_bytes()
        except OSError:
            sigs.append(None)
            continue
        sigs.append(signature(path, raw, kind, names, large, large_media_lfs.LARGE_SUFFIXES, videos_volatile))
    entries = [cache.get(entry[1], sig) if sig is not None else None for entry, sig in zip(found, sigs, strict=True)]
    return sigs, entries


def _run_files(found: list[Discovered], config: Config, settings: CheckSettings, cache: CheckCache | None,
               jobs: int) -> CheckResult:
    """The check with unchanged files' findings from ``cache`` and the rest checked, maybe in parallel."""
    result = CheckResult(files=len(found))
    sigs, entries = _lookup(found, settings, cache)
    misses = [i for i, entry in enumerate(entries) if entry is None]
    fresh = dict(zip(misses, _outcomes([found[i] for i in misses], config, settings, jobs), strict=True))
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if entry is None:
            _merge_fresh(result, seen, fresh[index], sigs[index], cache, settings)
        else:
            _merge_cached(result, seen, found[index][1], entry, settings)
    result.problems.sort(key=Problem.sort_key)
    return result


def _merge_cached(result: CheckResult, seen: dict[str, str], display: str, entry: Entry,
                  settings: CheckSettings) -> None:
    result.problems.extend(p for p in entry.load if not settings.ignored(p.path))
    if entry.item_id is None:
        return
    other = seen.get(entry.item_id)
    if other is not None:
        result.problems.append(duplicate_problem(display, entry.item_id, other))
        return
    seen[entry.item_id] = display
    result.problems.extend(entry.rules)
    result.suppressions.extend(Suppressed(*s) for s in entry.suppressions)


def _merge_fresh(result: CheckResult, seen: dict[str, str], outcome: Outcome, sig: str | None,
                 cache: CheckCache | None, settings: CheckSettings) -> None:
    display = outcome.display
    result.problems.extend(p for p in outcome.load if not settings.ignored(p.path))
    if outcome.item_id is not None:
        other = seen.get(outcome.item_id)
        if other is not None:  # a duplicate depends on another file: never stored
            result.problems.append(duplicate_problem(display, outcome.item_id, other))
            return
        seen[outcome.item_id] = display
        result.problems.extend(outcome.rules)
        result.suppressions.extend(outcome.suppressions)
        result.hidden.update(outcome.hidden)
        if outcome.item is not None:
            result.items.append(outcome.item)
    if cache is not None and sig is not None and not outcome.hidden:
        suppressions = [(s.path, s.line, s.rule, s.reason, s.hits) for s in outcome.suppressions]
        cache.put(display, sig, Entry(outcome.item_id, outcome.load, outcome.rules, suppressions))


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


def _suppress(item: Item, found: list[Problem]) -> tuple[list[Problem], list[Suppressed]]:
    """The findings that remain after the item's reasoned suppressions, and those suppressions."""
    suppressions = getattr(item.meta, "fbs_ignore", None) or []
    if not suppressions:
        return found, []
    kept = found
    applied: list[Suppressed] = []
    for index, suppression in enumerate(suppressions):
        line, column = item.position("fbs_ignore", index, "rule")
        if suppression.rule not in RULES:
            kept.append(Problem(item.display, line, column, "suppression", "error", "check.suppression_unknown_rule",
                                {"rule": suppression.rule}))
            continue
        hits = sum(1 for p in kept if p.rule == suppression.rule)
        kept = [p for p in kept if p.rule != suppression.rule]
        applied.append(Suppressed(item.display, line, suppression.rule, suppression.reason, hits))
    return kept, applied
