"""One bad file fails only itself: in check, the site build, publish planning and running, Q&A collection
and the recap, through the real CLI, every other item goes through.

The bad files are the hostile inputs of the malformed corpus (impossible dates, dates that overflow
when converted, 100,000-digit integers, NaN and infinity, deep nesting, control characters) plus a
Q&A form saved as Latin-1, committed beside one good post.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from git import Repo

from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.settings import SandboxSettings
from tests.publish.conftest import live_posts, make_source
from tests.repos import instance_repo, serve_folder
from tests.site.helpers import sign_everything

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "model" / "malformed"
GOOD = "2020/05/2020-05-08-peluncuran-juknis-media-sosial"
GOOD_TITLE = "BKD Provinsi NTT Meluncurkan Petunjuk Teknis Pemanfaatan Media Sosial"
HOSTILE_FROM = "38-"  # the corpus cases of hostile scalars and structures start here
LATIN1 = "qna/mutasi/2020/QA-2020-05-0099.md"


def _bad_files() -> dict[str, tuple[bytes, int, str]]:
    """path in the instance → (bytes, expected line, catalogue key), one file per hostile corpus case."""
    cases = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))["cases"]
    found: dict[str, tuple[bytes, int, str]] = {}
    for number, case in enumerate(c for c in cases if c["file"] >= HOSTILE_FROM):
        data = (CORPUS / case["file"]).read_bytes()
        if case["path"].startswith("content/"):
            path = f"content/2020/05/2020-05-12-rusak-{number}/index.md"
        else:
            form_id = f"QA-2020-05-{number + 10:04d}"
            path = f"qna/mutasi/2020/{form_id}.md"
            data = data.replace(b"QA-2020-05-0001", form_id.encode())
        found[path] = (data, case["line"], case["key"])
    found[LATIN1] = ("---\nid: QA-2020-05-0099\nofficer: José\n---\n".encode("latin-1"), 3, "file.not_utf8")
    return found


BAD = _bad_files()


def _instance(tmp: Path) -> Path:
    source = make_source(tmp, (GOOD,))
    shutil.copy(REPO / "mkdocs.yml", source / "mkdocs.yml")
    root = Path(instance_repo(source, tmp / "work" / "repo").working_dir)
    for relative, (data, _, _) in BAD.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    git = Repo(root)
    git.git.add("-A")
    git.index.commit("Berkas rusak ikut tergabung")
    git.git.push("origin", "main")
    return root


def _sosmed(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(root / "sosmed.yml"), *args], cwd=root,
                          env=env or dict(os.environ), capture_output=True, text=True, timeout=600)


def _assert_each_bad_file_named(text: str) -> None:
    for relative, (_, line, _) in BAD.items():
        assert f"{relative}:{line}" in text, relative
    assert "Traceback" not in text and "kesalahan internal" not in text.lower()


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _instance(tmp_path_factory.mktemp("bad-files"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_check_gives_each_bad_file_its_problem_and_line(instance: Path, lang: str) -> None:
    result = _sosmed(instance, "--lang", lang, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)
    for relative, (_, line, _) in BAD.items():
        mine = [p for p in problems if p["path"] == relative and p["level"] == "error"]
        assert mine and mine[0]["line"] == line, (relative, mine)
    assert not [p for p in problems if p["path"].startswith(f"content/{GOOD}") and p["level"] == "error"]
    assert "Traceback" not in result.stderr


def test_site_builds_the_good_post_and_names_the_skipped_files(instance: Path, tmp_path: Path) -> None:
    # The editors' preview reads the working tree: it names every file it had to leave out.
    result = _sosmed(instance, "site", "build", "--preview", "--out", str(tmp_path / "situs"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert GOOD_TITLE in (tmp_path / "situs" / GOOD / "index.html").read_text(encoding="utf-8")
    _assert_each_bad_file_named(result.stderr)
    # The public build shows what was signed; the bad files never stop it.
    sign_everything(instance)
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "mk")], cwd=instance,
                            capture_output=True, text=True, timeout=600)
    assert mkdocs.returncode == 0, mkdocs.stderr[-3000:]
    assert GOOD_TITLE in (tmp_path / "mk" / GOOD / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in mkdocs.stderr


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    handle = start_sandbox(tmp_path / "sandbox", settings=SandboxSettings(ig_processing_seconds=0.1,
                                                                         x_processing_seconds=0.1))
    try:
        yield handle
    finally:
        handle.stop()


def test_publish_collect_and_recap_go_on_past_bad_files(tmp_path: Path, sandbox: SandboxHandle) -> None:
    root = _instance(tmp_path)
    with serve_folder(root / "content") as site:
        env = {**os.environ, **sandbox.env, "SOSMED_MEDIA_URL": site}
        plan = _sosmed(root, "publish", "--dry-run", "--target", "sandbox", env=env)
        assert plan.returncode == 1, plan.stderr
        assert "2020-05-08-peluncuran-juknis-media-sosial  Facebook" in plan.stdout
        _assert_each_bad_file_named(plan.stdout + plan.stderr)
        run = _sosmed(root, "--lang", "en", "publish", "--target", "sandbox", env=env)
        assert run.returncode == 1, run.stderr
        _assert_each_bad_file_named(run.stdout + run.stderr)
        assert "failed 0" in run.stdout
        posts = live_posts(sandbox)
        assert [len(posts[p]) for p in ("facebook", "instagram", "x")] == [1, 1, 1]
        collect = _sosmed(root, "qna", "collect", env=env)
        assert collect.returncode == 1, collect.stderr
        assert f"{LATIN1}:3:1" in collect.stdout and "Traceback" not in collect.stderr
        month = datetime.now(ZoneInfo("Asia/Makassar")).strftime("%Y-%m")
        recap = _sosmed(root, "recap", month, "--target", "sandbox", env=env)
        assert recap.returncode == 0, recap.stderr
        assert GOOD_TITLE in (root / "recaps" / f"{month}.md").read_text(encoding="utf-8")
