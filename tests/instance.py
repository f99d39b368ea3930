"""Helpers to build small, real sosmed instances in a temporary folder for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from sosmed.check.engine import CheckResult, run_checks
from sosmed.config import load_config
from sosmed.model.loader import LoadResult, load_items

REPO = Path(__file__).resolve().parent.parent
GOOD_POST = """---
title: "Uji coba"
date: 2020-05-12 09:00
platforms: [facebook]
strategy: talking
bidang: mutasi
sources: [Peraturan Gubernur NTT Nomor 28 Tahun 2019]
---

Isi tulisan uji coba.
"""


def make_instance(root: Path) -> Path:
    """A folder with the repository's sosmed.yml and empty content/ and qna/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "sosmed.yml", root / "sosmed.yml")
    (root / "content").mkdir(exist_ok=True)
    (root / "qna").mkdir(exist_ok=True)
    return root


def instance_with_sample_forms(tmp: Path) -> Path:
    """``tmp/instance``: the repository's sosmed.yml, empty content/ and the sample's Q&A forms."""
    root = tmp / "instance"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "sosmed.yml", root / "sosmed.yml")
    shutil.copytree(REPO / "qna", root / "qna")
    return root


def write(root: Path, relative: str, data: str | bytes) -> Path:
    """Write a file (text or bytes) at ``relative`` under ``root``, creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def load(root: Path) -> LoadResult:
    """Only the model's loading and validation (no check rules) of the instance at ``root``."""
    return load_items([root / "content", root / "qna"], load_config(root / "sosmed.yml"))


def check(root: Path, *paths: Path) -> CheckResult:
    """Run the checks of the instance at ``root`` on ``paths`` (default: content/ and qna/)."""
    config = load_config(root / "sosmed.yml")
    targets = list(paths) or [root / "content", root / "qna"]
    return run_checks(targets, config)
