"""The markdown FBS report, the text renderer's grouping, and `sosmed check --format markdown`."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sosmed.check.markdown_report import render_markdown
from sosmed.check.render import RENDERERS
from sosmed.check.shown import Shown
from sosmed.cli import cli
from sosmed.config import load_config
from tests.check.helpers import POST_HEAD, make_instance, run, write_post

URL = "https://bkd-ntt.example.org/arsip/2020/05/2020-05-12-laporan/"


def _instance(tmp_path: Path) -> Path:
    root = make_instance(tmp_path)
    front = POST_HEAD + """platforms: [facebook, x]
summary: "Seleksi dibuka,tanpa biaya."
x:
  text: "Seleksi PPPK guru dibuka."
fbs_ignore:
  - rule: capitals
    reason: "Nama program resmi ditulis kapital."
"""
    write_post(root, front, "Pengumuan seleksi PPPK GURU SEKOLAH NEGERI bagi PNS.\n", slug="laporan")
    return root


def test_report_table_problems_suppressions_and_previews(tmp_path: Path) -> None:
    root = _instance(tmp_path)
    result = run(root)
    text = render_markdown(result, load_config(root / "sosmed.yml"), lang="id")
    assert text.startswith("## Laporan FBS (Filter Before Sharing)\n\n0 kesalahan, 2 peringatan dalam 1 berkas.")
    assert "| 3 | Informasi berguna bagi khalayak | 👤 | dipastikan peninjau (daftar periksa) |" in text
    assert ("| 7 | Ejaan, tanda baca, serta kualitas foto dan video | ⚠️ 👤 | 0 kesalahan, 2 peringatan; "
            "dipastikan peninjau (daftar periksa) |") in text
    assert ("| 8 | Tidak melanggar privasi pihak lain (UU 27/2022) | ✅ 👤 | diperiksa sistem, bersih; "
            "dipastikan peninjau (daftar periksa) |") in text
    assert "| 9 | Tidak menyalahgunakan perangkat dan akun media sosial | ✅ | diperiksa sistem, bersih |" in text
    assert "| – | Batas platform dan aksesibilitas | ✅ | diperiksa sistem, bersih |" in text
    path = "content/2020/05/2020-05-12-laporan/index.md"
    assert f"- ⚠️ `{path}:9` — Sesudah koma perlu spasi: «Seleksi dibuka,tanpa biaya.». (`punctuation`, FBS 7)" in text
    assert f"- `{path}:13` — aturan `capitals` dikecualikan (1 temuan disembunyikan). Alasan: Nama program" in text
    assert "<summary><b>X</b> · 49/280 ✅</summary>" in text
    assert f"<blockquote>\nSeleksi PPPK guru dibuka. {URL}\n</blockquote>" in text
    assert re.search(r"<summary><b>Facebook</b> · [0-9.]+/63.206 ✅</summary>", text)
    english = render_markdown(result, load_config(root / "sosmed.yml"), lang="en")
    assert "| 3 | Useful to the audience | 👤 | confirmed by the reviewer (checklist) |" in english
    assert "### Preview per platform" in english


def test_previews_mask_personal_data_and_found_texts_but_not_money() -> None:
    shown = Shown(["Rahasia-Kantor-2020", "EAAGabcdefghijklmnop"])
    assert shown("NIK 5371015508900003, HP +62 812-3456-7890, Rp 1.500.000.000") == (
        "NIK 5371********0003, HP 0812******90, Rp 1.500.000.000")
    assert shown("tanggal 12/05/2020 pukul 09.00") == "tanggal 12/05/2020 pukul 09.00"
    assert shown("sandi Rahasia-Kantor-2020 token EAAGabcdefghijklmnop.") == "sandi Raha… token EAAG…."


def test_cli_markdown_format_and_text_grouping(tmp_path: Path) -> None:
    root = _instance(tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--format", "markdown",
                                      str(root / "content")])
    assert result.exit_code == 0
    assert "## Laporan FBS" in result.output and "Seleksi PPPK guru dibuka." in result.output
    text = RENDERERS["text"](run(root))
    lines = text.splitlines()
    assert lines[0] == "content/2020/05/2020-05-12-laporan/index.md"
    assert lines[1] == "  FBS 7: Ejaan, tanda baca, serta kualitas foto dan video"
    assert lines[2].startswith("    9:") and "(punctuation)" in lines[2]


def test_nothing_checked_claims_no_clean_result(tmp_path: Path) -> None:
    from sosmed.check.engine import CheckResult

    text = render_markdown(CheckResult(), None, lang="id")
    table = text.split("\n\n")[2]
    assert "✅" not in table and "| 9 | Tidak menyalahgunakan perangkat dan akun media sosial | – | tidak ada berkas" in table
