"""template-text: an untouched template never passes, in either language, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post


def _cli(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), *args], prog_name="sosmed")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_untouched_new_post_fails_check_strict_at_each_line(tmp_path: Path, lang: str) -> None:
    root = make_instance(tmp_path)
    made = _cli(root, "--lang", lang, "new", "post", "Jadwal Layanan", "--date", "2020-05-12T09:00",
                "--platform", "facebook", "--strategy", "talking", "--bidang", "sekretariat")
    assert made.exit_code == 0, made.output
    [index] = (root / "content").rglob("index.md")
    lines = index.read_text(encoding="utf-8").splitlines()
    result = _cli(root, "check", "--strict", "--format", "json")
    assert result.exit_code == 1
    found = {(p["line"], p["level"]) for p in json.loads(result.output) if p["rule"] == "template-text"}
    summary_line = next(i for i, line in enumerate(lines, 1) if line.startswith("summary:"))
    body_line = next(i for i, line in enumerate(lines, 1) if line.startswith(("Tulis isi", "Write the full")))
    assert found == {(summary_line, "error"), (body_line, "error")}


def test_a_filled_in_post_and_an_absent_summary_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, POST_HEAD + "platforms: [facebook]\n", "Pendaftaran dibuka sampai 30 Mei 2020.\n")
    assert of_rule(run(root), "template-text") == []


def test_placeholders_in_overrides_alt_text_and_forms(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, POST_HEAD + 'platforms: [facebook]\nsummary: ""\nfacebook: {message: "Write the full text '
                                 'here."}\n', "Isi sebenarnya.\n")
    made = _cli(root, "new", "qna", "--bidang", "mutasi", "--date", "2020-05-14T10:00")
    assert made.exit_code == 0, made.output
    problems = of_rule(run(root), "template-text")
    assert {p.message() for p in problems} == {
        "Kolom summary kosong (sisa templat): isi atau hapus barisnya.",
        "Kolom facebook.message masih berisi kalimat isian templat «Write the full text here.»: tulis isinya "
        "yang sebenarnya.",
        "Kolom questions.1.text masih berisi kalimat isian templat «Tulis pertanyaan warganet di sini.»: tulis "
        "isinya yang sebenarnya.",
    }
