"""The CLI: shared options, both languages, help with examples, new/schema commands, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from tests.instance import GOOD_POST, make_instance, write


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), *args], env=env)


def _commands():
    names = []
    for name, command in sorted(cli.commands.items()):
        names.append([name])
        for sub in sorted(getattr(command, "commands", {}) or {}):
            names.append([name, sub])
    return names


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c))
@pytest.mark.parametrize(("lang", "heading"), [("id", "Contoh:"), ("en", "Examples:")])
def test_every_command_has_examples_in_both_languages(command: list[str], lang: str, heading: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", lang, *command, "--help"])
    assert result.exit_code == 0, result.output
    assert heading in result.output
    assert "sosmed " in result.output.split(heading, 1)[1]


def test_help_is_translated() -> None:
    indonesian = CliRunner().invoke(cli, ["--lang", "id", "check", "--help"]).output
    english = CliRunner().invoke(cli, ["--lang", "en", "check", "--help"]).output
    assert "Periksa tulisan" in indonesian and "Check posts" in english


def test_lang_from_environment(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    result = run(root, "check", env={"SOSMED_LANG": "en"})
    assert result.exit_code == 0 and "No problems in 0 files." in result.output


def test_check_clean_and_formats(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, "content/2020/05/2020-05-12-uji/index.md", GOOD_POST)
    text = run(root, "check")
    assert text.exit_code == 0 and "Tidak ada masalah dalam 1 berkas." in text.output
    assert json.loads(run(root, "check", "--format", "json").output) == []


def test_check_github_annotations_chosen_under_actions(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, "content/2020/05/2020-05-12-uji/index.md", GOOD_POST.replace("strategy: talking", "strategy: x"))
    result = run(root, "--lang", "en", "check", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.startswith(
        "::error file=content/2020/05/2020-05-12-uji/index.md,line=5,col=1,title=schema::Value 'x' is not allowed"
    )


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, "content/2020/05/2020-05-12-uji/index.md", GOOD_POST.replace("05-12 09:00", "05-13 09:00"))
    assert run(root, "check").exit_code == 0
    assert run(root, "check", "--strict").exit_code == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    assert run(root, "check", "--format", "yaml").exit_code == 2
    missing = run(root, "check", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "tidak ada" in missing.output


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "-q", "check"])
    assert result.exit_code == 0 and result.output == ""


def test_invalid_config_is_one_clear_error(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    (root / "sosmed.yml").write_text("organisation: [\n", encoding="utf-8")
    result = run(root, "check")
    assert result.exit_code == 1
    assert "sosmed.yml" in result.output and "YAML tidak valid" in result.output
    assert "Traceback" not in result.output


def test_new_post_then_check(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    result = run(root, "new", "post", "Sosialisasi Juknis Media Sosial!", "--date", "2020-05-12T09:00",
                 "--platform", "facebook", "--platform", "x", "--strategy", "talking", "--bidang", "mutasi")
    assert result.exit_code == 0, result.output
    path = root / "content/2020/05/2020-05-12-sosialisasi-juknis-media-sosial/index.md"
    assert path.is_file() and "Dibuat: content/2020/05/" in result.output
    text = path.read_text(encoding="utf-8")
    assert "# Waktu terbit" in text  # a commented template
    again = run(root, "new", "post", "Sosialisasi Juknis Media Sosial!", "--date", "2020-05-12T09:00",
                "--platform", "facebook", "--strategy", "talking", "--bidang", "mutasi")
    assert again.exit_code == 0
    assert (path.parent.parent / "2020-05-12-sosialisasi-juknis-media-sosial-2" / "index.md").is_file()
    checked = run(root, "--lang", "en", "check", "--format", "json")
    # The template is valid for the model; what is left are the editor's tasks (FBS rules).
    assert {p["rule"] for p in json.loads(checked.output)} & {"schema", "file", "layout"} == set()


def test_new_post_without_terminal_needs_flags(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    result = run(root, "new", "post", "Judul")
    assert result.exit_code == 2
    assert "--platform, --strategy, --bidang" in result.output


def test_new_qna_numbers_through_the_year(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    first = run(root, "new", "qna", "--bidang", "mutasi", "--date", "2020-05-14T10:00")
    second = run(root, "new", "qna", "--bidang", "kinerja", "--date", "2020-06-02T10:00",
                 "--from", "https://facebook.com/BkdProvNtt/posts/1")
    assert first.exit_code == 0 and second.exit_code == 0
    assert (root / "qna/mutasi/2020/QA-2020-05-0001.md").is_file()
    form = root / "qna/kinerja/2020/QA-2020-06-0002.md"
    assert "platform: facebook" in form.read_text(encoding="utf-8")
    assert run(root, "new", "qna", "--bidang", "keuangan").exit_code == 2


@pytest.mark.parametrize("kind", ["post", "qna", "config"])
def test_schema_is_json_schema(kind: str) -> None:
    result = CliRunner().invoke(cli, ["schema", kind])
    schema = json.loads(result.output)
    assert schema["type"] == "object" and "properties" in schema
    if kind == "post":
        assert {"title", "date", "platforms", "strategy", "bidang", "media"} <= set(schema["properties"])


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, "content/2020/05/2020-05-12-uji/index.md", GOOD_POST)
    proc = subprocess.run([sys.executable, "-m", "sosmed", "--lang", "en", "check"], cwd=root / "content",
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "No problems in 1 file." in proc.stdout
