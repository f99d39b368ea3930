"""sosmed.check.textscan: the shared view of an item's readable texts."""

from __future__ import annotations

from pathlib import Path

from sosmed.check.textscan import digit_count, item_fields, item_text, longest_digit_run, lower_same_length
from sosmed.config import load_config
from sosmed.model.loader import load_items
from tests.check.helpers import POST_HEAD, image_bytes, make_instance, write_form, write_post


def test_joined_text_lists_the_same_strings_as_the_fields(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = POST_HEAD + """platforms: [facebook, instagram, x, youtube]
summary: Ringkasan
link: https://bkd.nttprov.go.id/
tags: [cpns, juknis]
media:
  - file: a.jpg
    alt: Foto kegiatan
    caption: Keterangan foto
    credit: Yosef Kolo
    source: Dokumentasi BKD
facebook: {message: Pesan FB, link: https://bkd.nttprov.go.id/a}
instagram: {caption: Keterangan IG}
x: {text: Teks X, thread: [Lanjutan satu, Lanjutan dua]}
youtube: {title: Judul YT, description: Deskripsi YT, tags: [asn, ntt]}
corrections:
  - {date: 2020-05-13 10:00, text: Ralat jam}
"""
    write_post(root, front, "Isi tulisan.\n", {"a.jpg": image_bytes(64, 64)})
    write_form(root, "pengadaan", "QA-2020-05-0001", """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
place: Kupang
questions:
  - {text: Tanya satu?, platform: whatsapp, answer: Jawab satu.}
  - {text: Tanya dua?, platform: whatsapp}
""", "Catatan petugas.\n")
    items = load_items([root / "content", root / "qna"], load_config(root / "sosmed.yml")).items
    assert len(items) == 2
    for item in items:
        fields = item_fields(item)
        assert item_text(item) == "\n".join(f.text for f in fields)
    post = next(i for i in items if i.kind == "post")
    assert [f.loc for f in item_fields(post)][:4] == [("title",), ("summary",), ("link",), ("tags", 0)]
    assert item_fields(post)[-1].loc is None


def test_cheap_measures() -> None:
    assert digit_count("NIK 5371 0155, 12 Mei") == 10
    assert longest_digit_run("hp (0380) 821-234, tahun 2019") == 10
    assert longest_digit_run("tanpa angka") == 0
    assert lower_same_length("İstanbul BKD") == "İstanbul bkd"  # 'İ'.lower() is two characters: kept
