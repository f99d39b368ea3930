"""Evaluation of the FBS text and privacy rules on the labelled snippets (tests/check/eval/snippets.yml).

Usage: python benchmarks/bench_eval.py [--show]

Prints precision and recall per finding class (counted per snippet), a per-category table
(how many snippets of each labelled category got exactly the expected findings, and how many
raised an error), and with --show every snippet whose findings differ from its label.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.check.eval.harness import BENIGN, evaluate, load_snippets, scores  # noqa: E402


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  – "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list snippets whose findings differ from the label")
    args = parser.parse_args()
    snippets = load_snippets()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        outcomes, result = evaluate(Path(tmp), snippets)
        elapsed = time.perf_counter() - started
    print(f"{len(snippets)} snippets checked in {elapsed:.2f} s ({result.files} files)\n")
    print(f"{'class':<11} {'TP':>3} {'FP':>3} {'FN':>3}  precision  recall")
    for cls, (tp, fp, fn) in scores(outcomes).items():
        if tp + fp + fn:
            print(f"{cls:<11} {tp:>3} {fp:>3} {fn:>3}  {_ratio(tp, tp + fp):>9}  {_ratio(tp, tp + fn):>6}")
    per_category: dict[str, list] = defaultdict(list)
    for outcome in outcomes:
        per_category[outcome.snippet.category].append(outcome)
    print(f"\n{'category':<13} {'n':>3} {'as labelled':>11} {'with error':>10}")
    for category, items in sorted(per_category.items()):
        exact = sum(1 for o in items if o.found == o.snippet.expect)
        errors = sum(1 for o in items if o.errors)
        flag = "  <- benign with error!" if category in BENIGN and errors else ""
        print(f"{category:<13} {len(items):>3} {exact:>11} {errors:>10}{flag}")
    if args.show:
        print()
        for outcome in outcomes:
            if outcome.found != outcome.snippet.expect:
                print(f"{outcome.snippet.id}: expected {sorted(outcome.snippet.expect)}, found {sorted(outcome.found)}")
                for problem in outcome.problems:
                    print(f"    {problem.rule} {problem.level}: {problem.message('en')}")


if __name__ == "__main__":
    main()
