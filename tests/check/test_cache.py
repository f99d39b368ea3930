"""The check cache (.sosmed/cache/check/): same findings as a fresh check, only unchanged files reused.

Every test runs the real ``sosmed check`` over a copy of the sample instance (its posts with
their photos and video, its forms), reads the cache file back, and where it proves the cache
was used it edits a stored finding: only a finding served from the cache can show the edit.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import sosmed
from sosmed.check.cache import CheckCache, default_folder, run_key
from sosmed.check.engine import default_paths, run_checks
from sosmed.check.settings import resolve
from sosmed.cli import cli
from sosmed.config import load_config

REPO = Path(__file__).resolve().parents[2]
FORM = "qna/kinerja/2020/QA-2020-06-0004.md"  # a draft with an unanswered question: a warning


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("content", "qna"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "sosmed.yml", tmp_path / "sosmed.yml")
    return tmp_path


def check(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--format", "json", *args],
                                env=env)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def tamper(path: Path, display: str, line: int, *, key: str | None = None) -> None:
    """Move every stored finding of ``display`` to ``line`` (and optionally rewrite the stored key)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["entries"][display][1][2]:
        row[1] = line
    if key is not None:
        data["key"] = key
    path.write_text(json.dumps(data), encoding="utf-8")


def lines_of(found: list[dict], path: str) -> list[int]:
    return [p["line"] for p in found if p["path"] == path]


def test_a_second_run_reports_the_same_from_the_cache(root: Path) -> None:
    first = check(root)
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    assert check(root) == first
    original = lines_of(first[1], FORM)
    assert original and 999 not in original
    tamper(stored, FORM, 999)
    assert lines_of(check(root)[1], FORM) == [999] * len(original)  # served from the cache
    assert check(root, "--no-cache") == first


def test_only_the_changed_post_is_checked_again(root: Path) -> None:
    config = load_config(root / "sosmed.yml")
    settings = resolve(config)
    folder = default_folder(config)
    fresh = run_checks(default_paths(config), config, settings, cache=CheckCache.open(folder, config, settings))
    assert len(fresh.items) == 19
    post = root / "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb/index.md"
    post.write_text(post.read_text(encoding="utf-8").replace("title: \"Mengenal", "title: \"MENGENAL SEKARANG"),
                    encoding="utf-8")
    again = run_checks(default_paths(config), config, settings, cache=CheckCache.open(folder, config, settings))
    assert [item.id for item in again.items] == ["2020-05-12-alih-status-guru-sma-smk-slb"]
    assert again.files == fresh.files
    uncached = run_checks(default_paths(config), config, settings)
    assert again.problems == uncached.problems != fresh.problems
    assert again.suppressions == uncached.suppressions


def test_a_changed_photo_is_checked_again(root: Path) -> None:
    before = check(root)[1]
    bundle = root / "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
    small = io.BytesIO()
    Image.new("RGB", (200, 120), "white").save(small, "JPEG")
    (bundle / "alih-status.jpg").write_bytes(small.getvalue())
    after = check(root)[1]
    new = [p for p in after if p not in before]
    assert [(p["path"], p["rule"]) for p in new] == [(f"{bundle.relative_to(root).as_posix()}/index.md",
                                                      "image-quality")]
    assert after == check(root, "--no-cache")[1]


def test_a_finding_with_a_number_is_cached_and_printed_in_the_language_of_the_run(root: Path) -> None:
    bundle = root / "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"  # posted to Instagram
    wide = io.BytesIO()
    Image.new("RGB", (1600, 400), "white").save(wide, "JPEG")  # 4:1, outside Instagram's ratios
    (bundle / "jam-layanan.jpg").write_bytes(wide.getvalue())
    display = f"{bundle.relative_to(root).as_posix()}/index.md"
    first = [p for p in check(root)[1] if p["path"] == display]
    assert any("4,00" in p["message"] for p in first)  # Indonesian decimals
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    tamper(stored, display, 999)
    english = [p for p in check(root, env={"SOSMED_LANG": "en"})[1] if p["path"] == display]
    assert english and {p["line"] for p in english} == {999}  # served from the cache …
    assert any("4.00" in p["message"] for p in english)  # … with the number written in English


def test_other_settings_never_read_that_cache(root: Path) -> None:
    first = check(root)
    folder = root / ".sosmed" / "cache" / "check"
    [stored] = cache_files(folder)
    tamper(stored, FORM, 999)
    config = root / "sosmed.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("  extends: default\n", "  extends: default\n  rules:\n"
                                       "    capitals: off\n"), encoding="utf-8")
    lines = lines_of(first[1], FORM)
    assert lines_of(check(root)[1], FORM) == lines  # another key: the tampered file is not read
    assert len(cache_files(folder)) == 2
    config.write_text(original, encoding="utf-8")
    assert lines_of(check(root)[1], FORM) == [999] * len(lines)  # back to the first settings, its cache again
    assert check(root, "--no-cache") == first


def test_another_version_has_another_key_and_a_foreign_key_inside_is_refused(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(root / "sosmed.yml")
    settings = resolve(config)
    key = run_key(config, settings)
    monkeypatch.setattr(sosmed, "__version__", "999.0")
    assert run_key(config, settings) != key
    monkeypatch.undo()
    first = check(root)
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    tamper(stored, FORM, 999, key="0" * 64)
    assert check(root) == first


@pytest.mark.parametrize("damage", [b"\x00\xff not json", b"[]", b'{"format": 1}', b"{\"format\": 1, \"key\": \"K\"}"])
def test_a_corrupt_cache_file_is_ignored_and_replaced(root: Path, damage: bytes) -> None:
    first = check(root)
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    stored.write_bytes(damage.replace(b"K", stored.stem.encode()))
    assert check(root) == first
    assert json.loads(stored.read_text(encoding="utf-8"))["entries"]


def test_a_damaged_entry_is_checked_again(root: Path) -> None:
    first = check(root)
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["entries"][FORM][1][2][0] = ["not", "a", "problem"]
    stored.write_text(json.dumps(data), encoding="utf-8")
    assert check(root) == first


def test_no_cache_writes_nothing_and_the_folder_is_configurable(root: Path, tmp_path: Path) -> None:
    first = check(root, "--no-cache")
    assert not (root / ".sosmed").exists()
    elsewhere = tmp_path / "elsewhere"
    assert check(root, "--cache-dir", str(elsewhere)) == first
    assert len(cache_files(elsewhere)) == 1 and not (root / ".sosmed").exists()
    by_env = tmp_path / "by-env"
    assert check(root, env={"SOSMED_CHECK_CACHE_DIR": str(by_env)}) == first
    assert len(cache_files(by_env)) == 1
    shutil.rmtree(by_env)  # safe to delete at any time
    assert check(root, env={"SOSMED_CHECK_CACHE_DIR": str(by_env)}) == first


def test_sensitive_findings_are_never_written_to_the_cache(root: Path) -> None:
    nik = "".join(["5371", "0155", "0890", "0003"])
    post = root / "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb/index.md"
    post.write_text(post.read_text(encoding="utf-8") + f"\nAtas nama warga dengan NIK {nik}.\n", encoding="utf-8")
    first = check(root)
    assert any(p["rule"] == "privacy-nik" for p in first[1])
    [stored] = cache_files(root / ".sosmed" / "cache" / "check")
    text = stored.read_text(encoding="utf-8")
    assert nik not in text and "5371********0003" not in text
    assert "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb/index.md" not in json.loads(text)["entries"]
    assert check(root) == first


def test_a_markdown_report_does_not_use_the_cache(root: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert not (root / ".sosmed").exists()


def test_nothing_is_cached_without_the_spelling_dictionary(root: Path, tmp_path: Path) -> None:
    config = root / "sosmed.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  extends: default\n", f"  extends: default\n  rules:\n    spelling: {{dictionary_dir: {tmp_path / 'none'}}}\n"),
        encoding="utf-8")
    found = check(root)[1]
    assert [p["rule"] for p in found].count("spelling") == 1  # the one warning that spelling is off
    assert not (root / ".sosmed").exists()
