"""Benchmark: full ``sosmed check`` against a bare CSafeLoader parse of the same front matter.

Usage: python benchmarks/bench_check.py [--posts 10000] [--forms 5000] [--rules]

Prints both times, their ratio, the time per rule (with --rules) and peak memory.
Target (issue 2): ratio ≤ 1.2 with the model's validation only (rules off);
target (issue 3): ratio ≤ 1.5 with every rule on.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_instance  # noqa: E402

from sosmed.check.engine import default_paths, run_checks  # noqa: E402
from sosmed.check.settings import CheckSettings, RuleSettings, resolve  # noqa: E402
from sosmed.config import load_config  # noqa: E402

BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


def bare_parse(root: Path) -> int:
    """Read every Markdown file, split off its front matter and yaml.load it with CSafeLoader."""
    count = 0
    for folder in (root / "content", root / "qna"):
        for path in folder.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            _, fm, _ = BOUNDARY.split(text, 2)
            yaml.load(fm, Loader=yaml.CSafeLoader)
            count += 1
    return count


def best_of(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--forms", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rules", action="store_true", help="all rules on (default: model validation only)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        make_instance(root, args.posts, args.forms)
        print(f"generated {args.posts} posts + {args.forms} forms in {time.perf_counter() - t0:.1f} s")
        config = load_config(root / "sosmed.yml")
        settings = resolve(config)
        if not args.rules:
            settings = CheckSettings(
                {k: RuleSettings("off", v.options, v.ignore) for k, v in settings.rules.items()}, settings.ignore
            )
        paths = default_paths(config)
        bare_parse(root)  # warm the page cache for both
        bare = best_of(lambda: bare_parse(root), args.runs)
        holder = {}

        def full() -> None:
            holder["result"] = run_checks(paths, config, settings)

        check = best_of(full, args.runs)
        result = holder["result"]
        # The per-rule breakdown comes from one more, instrumented run (clock calls around every
        # rule call cost time themselves, so they stay out of the measured total).
        timings = run_checks(paths, config, settings, timed=True).timings if args.rules else {}
        tracemalloc.start()
        run_checks(paths, config, settings)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    mode = "all rules" if args.rules else "model validation only"
    print(f"files checked:           {result.files} ({len(result.errors)} errors, {len(result.warnings)} warnings)")
    print(f"bare CSafeLoader parse:  {bare:.3f} s")
    print(f"sosmed check ({mode}): {check:.3f} s")
    print(f"ratio:                   {check / bare:.2f}x (target {'1.5' if args.rules else '1.2'}x)")
    print(f"peak traced memory:      {peak / 2**20:.1f} MiB")
    if args.rules:
        print("time per rule:")
        for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
            print(f"  {name:28s} {seconds:.3f} s")


if __name__ == "__main__":
    main()
