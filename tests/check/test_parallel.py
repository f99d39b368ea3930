"""Checking in forked workers finds exactly what one process finds, in the same order."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from sosmed.check import engine
from sosmed.check.cache import CheckCache, default_folder
from sosmed.check.engine import default_paths, run_checks
from sosmed.check.settings import resolve
from sosmed.config import load_config

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import build_instance  # noqa: E402

from tests.check.helpers import require_system_tool  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_instance(tmp_path_factory.mktemp("corpus"), 60, 30)
    # Findings of several kinds: a NIK (sensitive), a duplicate id, a broken file, a suppression.
    post = next(iter(sorted((root / "content").rglob("index.md"))))
    nik = "".join(["5371", "0155", "0890", "0003"])
    post.write_text(post.read_text(encoding="utf-8") + f"\nAtas nama warga dengan NIK {nik}.\n", encoding="utf-8")
    twin = sorted((root / "content").rglob("index.md"))[5].parent
    other_month = root / "content" / "2030" / "01" / twin.name
    other_month.parent.mkdir(parents=True)
    shutil.copytree(twin, other_month)
    (root / "qna" / "mutasi" / "2020" / "QA-2020-05-9999.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    return root


def test_workers_find_what_one_process_finds(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers run only where no rule warns once per run (ffprobe and the dictionary are there).
    require_system_tool(shutil.which("ffprobe") is not None, "ffmpeg")
    require_system_tool(Path("/usr/share/hunspell/id_ID.dic").is_file(), "hunspell-id")
    config = load_config(corpus / "sosmed.yml")
    settings = resolve(config)
    alone = run_checks(default_paths(config), config, settings)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 10)
    together = run_checks(default_paths(config), config, settings, jobs=2)
    assert alone.items and together.items == []  # the items stayed in the workers: they were used
    assert together.problems == alone.problems
    assert together.suppressions == alone.suppressions
    assert together.hidden == alone.hidden and together.hidden
    assert together.files == alone.files == 92
    assert any(p.key == "layout.duplicate_id" for p in together.problems)
    assert any(p.rule == "privacy-nik" for p in together.problems)
    cache = CheckCache.open(default_folder(config), config, settings)
    filled = run_checks(default_paths(config), config, settings, jobs=2, cache=cache)
    assert filled.problems == alone.problems
    again = run_checks(default_paths(config), config, settings, jobs=2,
                       cache=CheckCache.open(default_folder(config), config, settings))
    assert again.problems == alone.problems and again.suppressions == alone.suppressions
