"""youtube-limits: a video is required; title, description (bytes) and tags within YouTube's limits."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [youtube]\ntags: [bkd, guru sekolah]\n"
VIDEO = """media:
  - file: video.mp4
    credit: Anastasia Leki
    source: Dokumentasi BKD Provinsi NTT
"""


def test_video_and_fields_within_limits_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + VIDEO + 'youtube:\n  title: "Sosialisasi Juknis"\n  description: "Rekaman acara."\n',
               "Isi.", {"video.mp4": b"\x00" * 64})
    assert of_rule(run(root), "youtube-limits") == []


def test_video_missing(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Isi.")
    found = of_rule(run(root), "youtube-limits")
    assert [(p.line, p.key) for p in found] == [(8, "rules.youtube_limits.video_missing")]
    assert found[0].message("id") == ("YouTube hanya menerima video: tambahkan video di media, atau hapus youtube "
                                      "dari platforms.")
    assert found[0].message("en") == "YouTube only takes videos: add a video to media, or remove youtube from platforms."


def test_every_field_over_its_limit(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    tags = ", ".join(f"tag nomor {i}" for i in range(40))
    front = HEAD + VIDEO + f"""youtube:
  title: "<b>{'J' * 100}</b>"
  description: "{'é' * 2600} <script>"
  tags: [{tags}]
"""
    write_post(root, front, "Isi.", {"video.mp4": b"\x00" * 64}, slug="uji-yt")
    found = of_rule(run(root), "youtube-limits")
    keys = [(p.line, p.key.rsplit(".", 1)[1]) for p in found]
    assert keys == [(15, "title"), (15, "title_chars"), (16, "description_chars"), (16, "length"), (17, "tags")]
    by = {k: p for (_, k), p in zip(keys, found, strict=True)}
    assert by["title"].message("id") == ("Judul video YouTube sepanjang 107 karakter, melebihi batas 100: isi "
                                         "youtube.title yang lebih singkat.")
    assert by["title_chars"].message("en") == "The YouTube video title must not contain < or >."
    description_bytes = 2600 * 2 + len(" <script>\n\nhttps://bkd-ntt.example.org/arsip/2020/05/2020-05-12-uji-yt/")
    assert by["length"].message("en") == (f"The YouTube description has {description_bytes} bytes, over the limit "
                                          "of 5000 bytes: shorten youtube.description.")
    assert by["tags"].message("id").startswith("Tag YouTube sepanjang ")


def test_default_title_points_at_post_title(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD.replace("Sosialisasi Juknis Media Sosial", "Judul " + "panjang " * 14) + VIDEO, "Isi.",
               {"video.mp4": b"\x00" * 64})
    found = of_rule(run(root), "youtube-limits")
    assert [(p.line, p.key) for p in found] == [(2, "rules.youtube_limits.title")]
