"""The plain text a social post carries, read by the parser the site renders with."""

from __future__ import annotations

from pathlib import Path

from sosmed.compose import compose, markdown_to_plain
from sosmed.config import load_config
from tests.check.helpers import make_instance, run, write_post

FRONT = """title: "Jadwal Seleksi"
date: 2020-05-12 09:00
platforms: [facebook]
strategy: talking
bidang: pengadaan
"""


def test_autolinks_and_addresses_are_kept() -> None:
    text = "Juknis: <https://bkd.nttprov.go.id/juknis>. Tanya: <humas.bkdntt@gmail.com>."
    assert markdown_to_plain(text) == "Juknis: https://bkd.nttprov.go.id/juknis. Tanya: humas.bkdntt@gmail.com."


def test_links_keep_their_address_once() -> None:
    text = ("Baca [juknis][1], [situs](https://bkd.nttprov.go.id/ \"Situs\"), "
            "[https://ntt.go.id](https://ntt.go.id) dan [surel](mailto:humas@bkd.nttprov.go.id).\n\n"
            "[1]: https://bkd.nttprov.go.id/juknis")
    assert markdown_to_plain(text) == (
        "Baca juknis (https://bkd.nttprov.go.id/juknis), situs (https://bkd.nttprov.go.id/), https://ntt.go.id "
        "dan surel (humas@bkd.nttprov.go.id).")


def test_a_table_is_one_line_per_row() -> None:
    text = "Jadwal:\n\n| Tahap | Tanggal |\n|---|---|\n| Seleksi | 1 Juni |\n| Pengumuman | 8 Juni |\n\nSelesai."
    assert markdown_to_plain(text) == "Jadwal:\n\nTahap | Tanggal\nSeleksi | 1 Juni\nPengumuman | 8 Juni\n\nSelesai."


def test_lists_quotes_code_breaks_and_escapes() -> None:
    text = ("1. satu\n2. dua\n    - a\n    - b\n\n> kutipan\n> sambungan\n\n```\nkode  tetap\n  menjorok\n```\n\n"
            "A &amp; B \\*bukan miring\\* baris  \nbaru <script>alert(1)</script>")
    assert markdown_to_plain(text) == (
        "1. satu\n2. dua\n  - a\n  - b\n\n> kutipan sambungan\n\nkode  tetap\n  menjorok\n\nA & B *bukan miring* baris\nbaru")


def test_facebook_receives_the_addresses_of_the_body(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, FRONT, "Formulir: <https://bkd.nttprov.go.id/formulir>, pertanyaan ke <humas.bkdntt@gmail.com>.\n",
               slug="uji-tautan")
    result = run(root)
    item = result.items[0]
    text = compose(item, "facebook", load_config(root / "sosmed.yml")).text
    assert "https://bkd.nttprov.go.id/formulir" in text and "humas.bkdntt@gmail.com" in text
