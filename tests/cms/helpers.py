"""Helpers for the web-editor tests: the npm packages, Node.js, Chromium, and the generated editor."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sosmed.cms.build import write_cms
from sosmed.cms.vendor import candidates
from sosmed.config import load_config
from sosmed.errors import SosmedError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def require(available: bool, what: str) -> None:
    """Skip without ``what`` — or fail under ``SOSMED_REQUIRE_SYSTEM_TOOLS=1`` (CI installs everything)."""
    if available:
        return
    if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(f"SOSMED_REQUIRE_SYSTEM_TOOLS=1 but {what}")
    pytest.skip(what)


def node() -> str:
    """The ``node`` executable, or skip/fail."""
    found = shutil.which("node")
    require(found is not None, "Node.js is not installed (apt-get install nodejs npm)")
    return found or "node"


def modules() -> Path:
    """The installed ``cms/node_modules`` (``npm ci --prefix cms``), or skip/fail."""
    config = load_config(REPO / "sosmed.yml")
    place = next((p for p in candidates(config) if (p / "decap-cms" / "dist" / "decap-cms.js").is_file()), None)
    require(place is not None, "the web editor's npm packages are not installed (npm ci --prefix cms)")
    return place or Path()


def editor(out: Path, *, root: Path = REPO, lang: str = "id", local_backend: str | None = None) -> Path:
    """The editor generated into ``out`` for the instance at ``root`` (skips when npm packages are missing)."""
    node()
    modules()
    try:
        write_cms(load_config(root / "sosmed.yml"), out, lang, local_backend=local_backend)
    except SosmedError as exc:  # pragma: no cover - only when the installation is broken
        pytest.fail(exc.format_message())
    return out


def page_data(folder: Path) -> dict:
    """The JSON the editor's page hands to sosmed's scripts."""
    html = (folder / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="sosmed-cms-data">(.*?)</script>', html, re.S)
    assert match, "the editor page carries no data"
    return json.loads(match.group(1).replace("<\\/", "</"))


def run_module(folder: Path, script: str, payload: object) -> object:
    """Run an ES module ``script`` next to the editor's scripts in Node; it reads JSON on stdin, prints JSON."""
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (folder / "test-runner.js").write_text(script, encoding="utf-8")
    done = subprocess.run([node(), "test-runner.js"], cwd=folder, input=json.dumps(payload), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
