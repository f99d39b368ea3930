"""The malformed-file corpus: each file yields its problem at its line, in both languages, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sosmed.cli import cli
from tests.instance import check, make_instance, write

CORPUS = Path(__file__).parent / "malformed"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))["cases"]


def _place(root: Path, case: dict) -> Path:
    return write(root, case["path"], (CORPUS / case["file"]).read_bytes())


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c["key"] for c in CASES}) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_case_reports_rule_and_line(tmp_path: Path, case: dict) -> None:
    root = make_instance(tmp_path)
    _place(root, case)
    result = check(root)
    errors = [p for p in result.problems if p.level == "error"]
    assert errors, f"no error for {case['file']}"
    match = [p for p in errors if p.key == case["key"]]
    assert match, [(p.key, p.line) for p in errors]
    assert match[0].rule == case["rule"]
    assert match[0].line == case["line"], (match[0].line, match[0].message("en"))
    assert match[0].path == case["path"]
    assert result.exit_code() == 1
    for lang in ("id", "en"):
        text = match[0].message(lang)
        assert text and "{" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_cli_exit_1_with_file_and_line(tmp_path: Path, case: dict, lang: str) -> None:
    root = make_instance(tmp_path)
    _place(root, case)
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(root / "sosmed.yml"), "--lang", lang, "check", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    problems = json.loads(result.output)
    hit = [p for p in problems if p["path"] == case["path"] and p["line"] == case["line"]]
    assert hit, problems
    assert set(hit[0]) == {"path", "line", "column", "rule", "fbs", "level", "message"}
    assert "Traceback" not in result.output


def test_huge_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    path = write(root, "content/2020/05/2020-05-12-besar/index.md", "---\ntitle: x\n---\n" + "a" * 2_000_000)
    result = check(root)
    [problem] = [p for p in result.problems if p.path.endswith("besar/index.md")]
    assert problem.key == "file.too_large" and problem.line == 1
    assert str(path.stat().st_size) in problem.message("en")


def test_real_subprocess_reports_without_traceback(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    case = next(c for c in CASES if c["key"] == "yaml.unsafe_tag")
    _place(root, case)
    marker = tmp_path / "pwned"
    proc = subprocess.run(
        [sys.executable, "-m", "sosmed", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert f"{case['path']}" in proc.stdout and f"{case['line']}:" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "tidak diizinkan" in proc.stdout
    assert not marker.exists()
