"""The yardstick of ``sosmed check``: read every post and form and parse its front matter, nothing else.

    python benchmarks/bare_parse.py ROOT     # prints the number of files parsed

Reads every ``*.md`` under ``ROOT/content`` and ``ROOT/qna``, splits off the front matter and
parses it with PyYAML's libyaml loader (``CSafeLoader``): the least any checker of these
files must do. Importable (:func:`bare_parse`) for in-process timing, runnable as a whole
process for timing against ``sosmed check`` as a whole process.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


def bare_parse(root: Path) -> int:
    """Parse the front matter of every Markdown file under ``root/content`` and ``root/qna``."""
    count = 0
    for folder in (root / "content", root / "qna"):
        for path in folder.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            _, fm, _ = BOUNDARY.split(text, 2)
            yaml.load(fm, Loader=yaml.CSafeLoader)
            count += 1
    return count


if __name__ == "__main__":
    print(bare_parse(Path(sys.argv[1])))
