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


def test_url_spans_match_the_plain_pattern() -> None:
    from sosmed.check.textfields import _SKIP, url_spans

    texts = [
        "", "a@b.c+d@e.f", "kirim ke maria.bete@gmail.com atau www.contoh.org/a.", "x" * 300 + "@b.id",
        "`kode` dan [tautan](https://a.id) lalu a.b-c+d@x.y.z+e@f.g", "AAAA-BBB@CCC.DD.EE http://x ](y)",
        "user@host", "a@b.c.d@e.f", "..@@..", "a+@b.c", "https://a.b/c@d.e f@g.h",
    ]
    for text in texts:
        assert url_spans(text) == [m.span() for m in _SKIP.finditer(text)], text


def test_scan_and_joined_hold_the_same_strings_as_the_fields(tmp_path: Path) -> None:
    from sosmed.check.textfields import joined
    from sosmed.check.textscan import scan

    root = make_instance(tmp_path)
    front = POST_HEAD + """platforms: [facebook, x, youtube]
summary: Ringkasan
link: https://bkd.nttprov.go.id/
tags: [cpns, juknis]
facebook: {message: Pesan FB, link: https://bkd.nttprov.go.id/a}
x: {text: Teks X, thread: [Lanjutan satu]}
youtube: {title: Judul YT, description: Deskripsi YT, tags: [asn, ntt]}
"""
    write_post(root, front, "Isi tulisan.\n")
    write_form(root, "pengadaan", "QA-2020-05-0001", """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
place: Kupang
questions:
  - {text: Tanya satu?, platform: whatsapp, answer: Jawab satu.}
""", "Catatan petugas.\n")
    for item in load_items([root / "content", root / "qna"], load_config(root / "sosmed.yml")).items:
        texts = joined(item)
        gathered = [p for p in texts.parts if p] + texts.extra.split("\n")
        assert sorted(gathered) == sorted(f.text for f in item_fields(item))
        assert sorted(scan(item).joined.split("\n")) == sorted(item_text(item).split("\n") + [""] * len(texts.parts[1:]))
        assert texts.words == set(texts.text.split())
