"""Benchmark: ``sosmed check`` on real content against a bare CSafeLoader parse of the same front matter.

Usage: python benchmarks/bench_check.py [--posts 10000] [--forms 5000] [--runs 3] [--rules-only]

The corpus is the sample instance copied (``benchmarks/corpus.py``): real posts with their
photos, video and platform texts, real Q&A forms. Printed, each with its ratio to the bare
parse measured in the same run:

- in this process: the bare parse, ``run_checks`` with every rule on (no cache), and the
  time per rule from one more, instrumented run;
- as whole processes (the command a person types; the best of ``--runs`` and the median):
  the bare parse script (``benchmarks/bare_parse.py``), ``sosmed check --no-cache`` (cold),
  ``sosmed check`` twice (the first fills ``.sosmed/cache/check``, the second finds
  nothing changed), the same after one post changed, ``sosmed check`` of one post folder,
  and ``sosmed --help``.

Targets (issue 19): cold ≤ 2.0×; nothing changed ≤ 1.0×; one post changed ≈ the cost of
checking one post; one post ≤ 0.25 s wall; ``--help`` imports no platform, sandbox or
site code.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bare_parse import bare_parse  # noqa: E402
from corpus import build_instance, describe  # noqa: E402

import sosmed  # noqa: E402
from sosmed.check.engine import default_paths, run_checks  # noqa: E402
from sosmed.check.settings import resolve  # noqa: E402
from sosmed.config import load_config  # noqa: E402

HERE = Path(__file__).resolve().parent


def best_of(fn: Callable[[], object], runs: int) -> float:
    """The shortest of ``runs`` timings of ``fn`` (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


CPU: dict[str, list[float]] = {}


def process_times(command: list[str], cwd: Path, runs: int, before: Callable[[], None] | None = None) -> list[float]:
    """Wall seconds of ``runs`` runs of ``command`` as a new process (``before`` runs untimed first);
    the CPU seconds (user + system, its workers included) go to ``CPU`` under the command."""
    times, cpu = [], CPU.setdefault(" ".join(command), [])
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - t0)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times


def in_process(root: Path, runs: int) -> float:
    """Print the in-process figures; return the bare parse time."""
    config = load_config(root / "sosmed.yml")
    settings = resolve(config)
    paths = default_paths(config)
    bare_parse(root)  # the page cache warm for both
    bare = best_of(lambda: bare_parse(root), runs)
    holder = {}

    def full() -> None:
        holder["result"] = run_checks(paths, config, settings)

    check = best_of(full, runs)
    result = holder["result"]
    timings = run_checks(paths, config, settings, timed=True).timings
    print(f"files checked:                 {result.files} ({len(result.errors)} errors, "
          f"{len(result.warnings)} warnings)")
    print(f"in process, best of {runs}:")
    print(f"  bare CSafeLoader parse:      {bare:7.3f} s")
    print(f"  run_checks, all rules:       {check:7.3f} s   {check / bare:5.2f}x")
    print("  time per rule (instrumented run):")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"    {name:26s} {seconds:7.3f} s")
    return bare


def _row(label: str, times: list[float], bare: float, cpu: list[float]) -> None:
    best, median = min(times), statistics.median(times)
    print(f"  {label:34s} best {best:6.3f} s  median {median:6.3f} s   {best / bare:5.2f}x / {median / bare:5.2f}x"
          f"   (CPU median {statistics.median(cpu):6.3f} s)")


def libraries_of_one_post(root: Path, folder: Path) -> list[str]:
    """The third-party modules (no standard library, no sosmed) a one-post check imports: importing
    only them, in a new process, is the floor under that check's start-up."""
    code = ("import json, sys\nfrom sosmed.cli import main\nsys.argv = ['sosmed', 'check', '--no-cache', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m, mod in list(sys.modules.items()) if m.split('.')[0] != 'sosmed'"
            " and 'site-packages' in (getattr(mod, '__file__', None) or ''))), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=root, capture_output=True, text=True,
                          check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


def whole_process(root: Path, runs: int) -> None:
    """Print the CLI figures as whole processes."""
    py = sys.executable
    sosmed = [py, "-m", "sosmed"]
    bare = process_times([py, str(HERE / "bare_parse.py"), str(root)], root, runs)
    cache = root / ".sosmed" / "cache" / "check"
    post = sorted((root / "content").rglob("index.md"))[len(list((root / "content").rglob("index.md"))) // 2]
    original = post.read_text(encoding="utf-8")
    counter = iter(range(1_000_000))

    def touch_one() -> None:
        post.write_text(original.replace("\n---\n", f"\n---\n\nPerubahan {next(counter)}.\n", 1), encoding="utf-8")

    def drop_cache() -> None:
        subprocess.run(["rm", "-rf", str(cache)], check=True)

    cold = process_times([*sosmed, "check", "--no-cache"], root, runs)
    filled = process_times([*sosmed, "check"], root, runs, before=drop_cache)
    warm = process_times([*sosmed, "check"], root, runs)
    changed = process_times([*sosmed, "check"], root, runs, before=touch_one)
    post.write_text(original, encoding="utf-8")
    one = process_times([*sosmed, "check", "--no-cache", str(post.parent)], root, runs)
    libraries = libraries_of_one_post(root, post.parent)
    floor = process_times([py, "-c", "import " + ", ".join(libraries)], root, runs)
    python_only = process_times([py, "-c", "pass"], root, runs)
    helped = process_times([*sosmed, "--help"], root, runs)
    base = min(bare)
    cpu = list(CPU.values())
    print(f"whole processes, {runs} runs each (wall; ratio to the bare parse's best: best / median):")
    _row("bare parse script", bare, base, cpu[0])
    _row("sosmed check --no-cache (cold)", cold, base, cpu[1])
    _row("sosmed check, filling the cache", filled, base, cpu[2][:runs])
    _row("sosmed check, nothing changed", warm, base, cpu[2][runs:2 * runs])
    _row("sosmed check, one post changed", changed, base, cpu[2][2 * runs:])
    print(f"  sosmed check ONE-POST --no-cache  best {min(one):6.3f} s  median {statistics.median(one):6.3f} s"
          "   (target <= 0.25 s)")
    print(f"    of which Python alone           best {min(python_only):6.3f} s  median {statistics.median(python_only):6.3f} s")
    print(f"    Python + the libraries it loads best {min(floor):6.3f} s  median {statistics.median(floor):6.3f} s"
          f"   ({len(libraries)}: {', '.join(sorted({name.split('.')[0] for name in libraries}))})")
    print(f"  sosmed --help                     best {min(helped):6.3f} s  median {statistics.median(helped):6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--forms", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--in-process-only", action="store_true", help="skip the whole-process figures")
    args = parser.parse_args()
    # Timed as an installed tool runs: with its bytecode written (where PYTHONDONTWRITEBYTECODE is set,
    # an editable checkout would otherwise compile every module in every process timed).
    compileall.compile_dir(str(Path(sosmed.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        build_instance(root, args.posts, args.forms)
        print(f"{describe(args.posts, args.forms)}; built in {time.perf_counter() - t0:.1f} s; "
              f"cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
        in_process(root, args.runs)
        if not args.in_process_only:
            whole_process(root, args.runs)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
