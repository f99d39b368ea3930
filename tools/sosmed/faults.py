"""Crash points: where the crash-injection tests kill the publisher (SIGKILL) on purpose.

``SOSMED_CRASH_AT=<point>:<n>`` kills the process the n-th time it reaches
``<point>``. Unset (always, outside those tests) it costs one dictionary lookup.
Exactly-once publishing is a claim about every instant of a run; these points
are the instants the tests prove it at.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_reached: Counter[str] = Counter()


def crashpoint(name: str) -> None:
    """Kill this process here if the environment asks for it (crash-injection tests only)."""
    spec = os.environ.get("SOSMED_CRASH_AT")
    if not spec:
        return
    point, _, nth = spec.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] == int(nth or "1"):
        os.kill(os.getpid(), signal.SIGKILL)
