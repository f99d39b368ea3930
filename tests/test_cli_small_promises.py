"""Small promises of the CLI a new user meets in the first hour, through the real commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.cli.qna_cmd import render_collect
from sosmed.qna.collect import CollectReport
from tests.instance import instance_with_sample_forms
from tests.site.helpers import commit_all

REPO = Path(__file__).resolve().parents[1]


def _run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), *args], prog_name="sosmed")


def test_the_guideline_strategy_names_are_accepted_everywhere(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    made = _run(root, "new", "post", "Jadwal Layanan", "--date", "2020-05-12T09:00", "--platform", "facebook",
                "--strategy", "Berbicara", "--bidang", "sekretariat")
    assert made.exit_code == 0, made.output
    [index] = (root / "content").rglob("index.md")
    front = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
    assert front["strategy"] == "berbicara"
    checked = _run(root, "check", str(index.parent), "--format", "json")
    assert not [p for p in json.loads(checked.output) if p["level"] == "error" and p["rule"] == "schema"]
    schema = json.loads(_run(root, "schema", "post").output)
    enum = schema["properties"]["strategy"]["enum"]
    assert {"talking", "berbicara", "menyimak", "merangkul"} <= set(enum)
    refused = _run(root, "new", "post", "Lain", "--platform", "x", "--strategy", "berdansa", "--bidang", "mutasi")
    assert refused.exit_code == 2 and "berdansa" in refused.output


def test_a_new_qna_form_is_a_draft_until_the_division_answers(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    made = _run(root, "new", "qna", "--bidang", "mutasi", "--date", "2020-05-20T10:00")
    assert made.exit_code == 0, made.output
    path = root / re.search(r"qna/\S+?\.md", made.output).group(0)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["draft"] is True


def test_receipt_of_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    commit_all(root)
    unknown = _run(root, "receipt", "2020-05-99-tidak-ada")
    assert unknown.exit_code == 1 and "Tidak ada tulisan, formulir atau rekap '2020-05-99-tidak-ada'" in unknown.output
    known = _run(root, "receipt", "QA-2020-05-0001")
    assert known.exit_code == 0 and "Belum ada catatan di ledger." in known.output
    english = _run(root, "--lang", "en", "receipt", "nope")
    assert english.exit_code == 1 and "There is no post, form or recap 'nope'" in english.output


def test_a_dry_run_of_collect_does_not_claim_to_save_the_cursor(tmp_path: Path) -> None:
    report = CollectReport()
    report.cursors = {"facebook": "2020-05-20T10:00:00+0000"}
    assert "tidak disimpan pada --dry-run" in render_collect(report, tmp_path, dry_run=True)
    assert "Kursor disimpan di ledger untuk: Facebook." in render_collect(report, tmp_path, dry_run=False)
