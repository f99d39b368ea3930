"""Build real post bundles in a temporary sosmed instance and check them (shared by the rule tests)."""

from __future__ import annotations

import itertools
from pathlib import Path

from sosmed.check.engine import CheckResult, run_checks
from sosmed.config import load_config
from tests.instance import make_instance  # noqa: F401 - the one instance builder, for the rule tests

REPO = Path(__file__).resolve().parents[2]
_counter = itertools.count(1)


def write_post(root: Path, front_matter: str, body: str, media: dict[str, bytes] | None = None,
               *, slug: str | None = None) -> Path:
    """Write ``content/2020/05/2020-05-12-<slug>/index.md`` (+ media files); return the index.md path.

    ``front_matter`` is the YAML between the ``---`` lines (without them). Line 1 of the file is
    ``---``, so the first front-matter line is file line 2.
    """
    slug = slug or f"uji-{next(_counter):03d}"
    folder = root / "content" / "2020" / "05" / f"2020-05-12-{slug}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (media or {}).items():
        (folder / name).write_bytes(data)
    path = folder / "index.md"
    path.write_text(f"---\n{front_matter.strip(chr(10))}\n---\n\n{body}", encoding="utf-8")
    return path


def write_form(root: Path, bidang: str, form_id: str, front_matter: str, body: str = "") -> Path:
    """Write ``qna/<bidang>/<year>/<form_id>.md``; return its path."""
    folder = root / "qna" / bidang / form_id[3:7]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{form_id}.md"
    path.write_text(f"---\n{front_matter.strip(chr(10))}\n---\n\n{body}", encoding="utf-8")
    return path


def run(root: Path, *paths: Path) -> CheckResult:
    """Check ``paths`` (default: the whole instance) with the instance's sosmed.yml."""
    config = load_config(root / "sosmed.yml")
    targets = list(paths) or [root / "content", root / "qna"]
    return run_checks(targets, config)


def of_rule(result: CheckResult, rule: str) -> list:
    """The problems of one rule."""
    return [p for p in result.problems if p.rule == rule]


def require_system_tool(available: bool, what: str) -> None:
    """Skip the calling test when a system tool/file is missing — or fail under SOSMED_REQUIRE_SYSTEM_TOOLS=1."""
    import os

    import pytest

    if available:
        return
    if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(f"{what} is required (SOSMED_REQUIRE_SYSTEM_TOOLS=1) but missing")
    pytest.skip(f"{what} is not installed")


POST_HEAD = """title: "Sosialisasi Juknis Media Sosial"
date: 2020-05-12 09:00
strategy: talking
bidang: pengadaan
sources:
  - title: Petunjuk Teknis Pemanfaatan Media Sosial BKD Provinsi NTT
"""


def image_bytes(width: int = 1080, height: int = 1080, fmt: str = "JPEG", *, noise: int = 0) -> bytes:
    """A real image file of the given size and format (``noise`` > 0 makes it large: random pixels)."""
    import io
    import os

    from PIL import Image

    if noise:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return buffer.getvalue()
