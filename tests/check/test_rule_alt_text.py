"""alt-text: every image needs a meaningful alt text; videos do not."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, image_bytes, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def _media(*entries: str) -> str:
    return "media:\n" + "".join(f"  - file: {e}\n    credit: Yosef Kolo\n    source: Dokumentasi BKD\n"
                                for e in entries)


def test_described_images_and_videos_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + _media('a.jpg\n    alt: "Kepala BKD membuka sosialisasi"', "v.mp4")
    write_post(root, front, "Isi.", {"a.jpg": image_bytes(), "v.mp4": b"\x00"})
    assert of_rule(run(root), "alt-text") == []


def test_missing_and_poor_alt(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + _media("a.jpg", 'b.jpg\n    alt: "b.jpg"', 'c.jpg\n    alt: "foto"')
    write_post(root, front, "Isi.", {n: image_bytes() for n in ("a.jpg", "b.jpg", "c.jpg")})
    found = of_rule(run(root), "alt-text")
    assert [(p.line, p.key.rsplit(".", 1)[1]) for p in found] == [(10, "missing"), (14, "poor"), (18, "poor")]
    assert found[0].message("id") == ("Foto 'a.jpg' belum punya teks alternatif (alt): jelaskan isi foto untuk "
                                      "pembaca layar.")
    assert found[0].message("en") == "Image 'a.jpg' has no alt text: describe what it shows for screen readers."
    assert found[1].message("id") == ("Teks alternatif foto 'b.jpg' terlalu singkat atau hanya nama berkas (minimal 5 "
                                      "karakter): jelaskan isi fotonya.")
    assert found[2].message("en") == ("The alt text of image 'c.jpg' is too short or just the file name (at least 5 "
                                      "characters): describe what it shows.")
