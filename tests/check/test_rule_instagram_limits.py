"""instagram-limits: media required; caption ≤ 2,200 characters, ≤ 30 hashtags, ≤ 20 mentions."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, image_bytes, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [instagram]\n"
MEDIA = """media:
  - file: foto.jpg
    alt: "Peserta sosialisasi di aula BKD"
    credit: Yosef Kolo
    source: Dokumentasi BKD Provinsi NTT
"""


def test_photo_and_short_caption_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + MEDIA + 'instagram:\n  caption: "Sosialisasi hari ini #bkdntt @bkdprovinsintt"\n',
               "Isi.", {"foto.jpg": image_bytes()})
    assert of_rule(run(root), "instagram-limits") == []


def test_media_missing(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Isi.")
    found = of_rule(run(root), "instagram-limits")
    assert [(p.line, p.key) for p in found] == [(8, "rules.instagram_limits.media_missing")]
    assert found[0].message("id") == ("Instagram tidak menerima tulisan tanpa foto atau video: tambahkan media, atau "
                                      "hapus instagram dari platforms.")
    assert found[0].message("en") == ("Instagram does not take a post without a photo or video: add media, or "
                                      "remove instagram from platforms.")


def test_caption_limits(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    tags = " ".join(f"#t{i}" for i in range(31))
    mentions = " ".join(f"@akun{i}" for i in range(21))
    caption = "x" * 2100 + " " + tags + " " + mentions
    write_post(root, HEAD + MEDIA + f'instagram:\n  caption: "{caption}"\n', "Isi.", {"foto.jpg": image_bytes()})
    found = of_rule(run(root), "instagram-limits")
    assert [(p.line, p.key) for p in found] == [
        (15, "rules.instagram_limits.hashtags"), (15, "rules.instagram_limits.length"),
        (15, "rules.instagram_limits.mentions")]
    by_key = {p.key.rsplit(".", 1)[1]: p for p in found}
    assert by_key["hashtags"].message("id") == "Keterangan Instagram memuat 31 tagar, melebihi batas 30."
    assert by_key["hashtags"].message("en") == "The Instagram caption has 31 hashtags, over the limit of 30."
    assert by_key["mentions"].message("id") == "Keterangan Instagram memuat 21 sebutan @, melebihi batas 20."
    length = by_key["length"].args["length"]
    assert length > 2200
    assert by_key["length"].message("en") == (f"The Instagram caption (instagram.caption) has {length} characters, "
                                              "over the limit of 2200: shorten it.")


def test_default_caption_too_long(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + MEDIA, "kata " * 500, {"foto.jpg": image_bytes()})
    found = of_rule(run(root), "instagram-limits")
    assert [(p.line, p.key) for p in found] == [(8, "rules.instagram_limits.length_default")]
    assert "instagram.caption" in found[0].message("id")
