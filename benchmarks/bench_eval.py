"""Evaluation of the FBS text and privacy rules on the labelled snippets (tests/check/eval/*.yml).

Usage: python benchmarks/bench_eval.py [--set main|heldout|both] [--show]

For each set: recall and precision per finding class (counted per snippet) at error level and at
any level; per labelled category how many snippets got exactly the expected classes; and the
figures the targets of issue #18 are stated in: recall of the labelled violations at some level,
clean snippets with an error, and the share of clean snippets with any finding of any rule.
``--show`` lists every snippet whose findings differ from its label, with the messages.
The held-back set (heldout.yml) is for reporting only: do not tune the rules on it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.check.eval.harness import HELDOUT, MAIN, Outcome, evaluate, load_snippets, scores, summary  # noqa: E402


def _pct(value: float | None) -> str:
    return f"{value * 100:5.1f}%" if value is not None else "    – "


def _classes(outcomes: list[Outcome]) -> None:
    any_level, errors = scores(outcomes), scores(outcomes, errors_only=True)
    print(f"{'class':<10} {'n':>3} | {'error level':^24} | {'any level':^24}")
    print(f"{'':<10} {'':>3} | {'TP':>3} {'FP':>3} {'prec.':>7} {'recall':>7} | {'TP':>3} {'FP':>3} {'prec.':>7} "
          f"{'recall':>7}")
    for cls, score in any_level.items():
        err = errors[cls]
        if score.tp + score.fp + score.fn:
            print(f"{cls:<10} {score.tp + score.fn:>3} | {err.tp:>3} {err.fp:>3} {_pct(err.precision):>7} "
                  f"{_pct(err.recall):>7} | {score.tp:>3} {score.fp:>3} {_pct(score.precision):>7} "
                  f"{_pct(score.recall):>7}")


def _categories(outcomes: list[Outcome]) -> None:
    per_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        per_category[outcome.snippet.category].append(outcome)
    print(f"\n{'category':<18} {'n':>3} {'as labelled':>11} {'with error':>10} {'any finding':>11}")
    for category, items in sorted(per_category.items()):
        exact = sum(1 for o in items if o.found == o.snippet.expect)
        errors = sum(1 for o in items if o.errors)
        anything = sum(1 for o in items if o.problems)
        clean = all(o.snippet.clean for o in items)
        flag = "  <- clean with error!" if clean and errors else ""
        print(f"{category:<18} {len(items):>3} {exact:>11} {errors:>10} {anything if clean else '':>11}{flag}")


def _show(outcomes: list[Outcome]) -> None:
    print()
    for outcome in outcomes:
        snippet = outcome.snippet
        if outcome.found != snippet.expect or (snippet.clean and outcome.problems):
            print(f"{snippet.id}: expected {sorted(snippet.expect)}, found {sorted(outcome.found)}")
            for problem in outcome.problems:
                print(f"    {problem.rule} {problem.level}: {problem.message('en')}")


def report(name: str, path: Path, show: bool) -> None:
    """Evaluate one set and print its tables."""
    snippets = load_snippets(path)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        outcomes, result = evaluate(Path(tmp), snippets)
        elapsed = time.perf_counter() - started
    total = summary(outcomes)
    print(f"== {name}: {path.name}, {len(snippets)} snippets ({total.clean} clean), checked in {elapsed:.2f} s\n")
    _classes(outcomes)
    _categories(outcomes)
    print(f"\nrecall at some level: {total.detected}/{total.violations} = {_pct(total.recall).strip()}"
          f"   clean with an error: {total.clean_with_error}/{total.clean}"
          f"   clean with any finding: {total.clean_with_any}/{total.clean} = {_pct(total.clean_any_share).strip()}")
    if show:
        _show(outcomes)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=("main", "heldout", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list snippets whose findings differ from the label")
    args = parser.parse_args()
    if args.set in ("main", "both"):
        report("main set", MAIN, args.show)
    if args.set in ("heldout", "both"):
        report("held-back set", HELDOUT, args.show)


if __name__ == "__main__":
    main()
