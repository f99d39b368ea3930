"""compose(): the exact text each platform would receive, and its measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.compose import (
    compose,
    compose_all,
    compose_reply,
    markdown_to_plain,
    x_length,
    youtube_tags_length,
)
from sosmed.config import load_config
from sosmed.textlimits import weighted_length
from tests.check.helpers import make_instance, run, write_form, write_post

URL = "https://bkd-ntt.example.org/arsip/2020/05/2020-05-12-uji-compose/"


def _item(tmp_path: Path, front: str, body: str = "Isi tulisan."):
    root = make_instance(tmp_path)
    write_post(root, front, body, slug="uji-compose")
    result = run(root)
    assert result.items, [p.message() for p in result.problems]
    return result.items[0], load_config(root / "sosmed.yml")


BASE = """title: "Jadwal Seleksi PPPK Guru"
date: 2020-05-12 09:00
platforms: [facebook, instagram, x, youtube]
strategy: talking
bidang: pengadaan
tags: [pppk, guru sekolah]
"""


def test_defaults_carry_title_body_and_archive_url(tmp_path: Path) -> None:
    item, config = _item(tmp_path, BASE + 'summary: "Seleksi dimulai 1 Juni."\n',
                         "# Jadwal\n\nSeleksi **PPPK** dimulai. Lihat [juknis](https://bkd.nttprov.go.id/j).\n")
    fb, ig, x, yt = compose_all(item, config)
    assert fb.text == ("Jadwal Seleksi PPPK Guru\n\nJadwal\n\nSeleksi PPPK dimulai. Lihat juknis "
                       "(https://bkd.nttprov.go.id/j).\n\n" + URL)
    assert ig.text == "Jadwal Seleksi PPPK Guru\n\nSeleksi dimulai 1 Juni.\n\n#pppk #gurusekolah\n\n" + URL
    assert x.text == "Jadwal Seleksi PPPK Guru\n\nSeleksi dimulai 1 Juni. " + URL
    assert (yt.title, yt.description, yt.tags) == ("Jadwal Seleksi PPPK Guru", "Seleksi dimulai 1 Juni.\n\n" + URL,
                                                   ("pppk", "guru sekolah"))
    assert yt.text == yt.description
    assert all(c.link == URL for c in (fb, ig, x, yt))
    assert not any(c.over_limit for c in (fb, ig, x, yt))


def test_overrides_win_and_url_is_not_repeated(tmp_path: Path) -> None:
    front = BASE + f"""facebook:
  message: "Pesan khusus Facebook."
instagram:
  caption: "Keterangan #pppk"
x:
  text: "Baca {URL}"
  thread: ["Bagian dua."]
youtube:
  title: "Video Jadwal"
  description: "Deskripsi video."
  tags: [bkd]
"""
    item, config = _item(tmp_path, front)
    assert compose(item, "facebook", config).text == "Pesan khusus Facebook.\n\n" + URL
    assert compose(item, "instagram", config).text == "Keterangan #pppk\n\n" + URL
    x = compose(item, "x", config)
    assert x.text == f"Baca {URL}" and x.thread == ("Bagian dua.",)
    yt = compose(item, "youtube", config)
    assert (yt.title, yt.description, yt.tags) == ("Video Jadwal", "Deskripsi video.\n\n" + URL, ("bkd",))


def test_measures_in_both_languages(tmp_path: Path) -> None:
    item, config = _item(tmp_path, BASE, "kata " * 300)
    fb, ig, x, yt = compose_all(item, config)
    assert x.measure_in("id") == f"X {weighted_length(x.text)}/280"
    assert x.length == 24 + 1 + 23  # title, a space, the URL counted as 23
    assert ig.measure_in("id") == f"Instagram {len(ig.text):,}/2.200 · 2/30 tagar".replace(",", ".")
    assert ig.measure_in("en") == f"Instagram {len(ig.text):,}/2,200 · 2/30 hashtags"
    assert fb.measure_in("id") == f"Facebook {len(fb.text):,}/63.206".replace(",", ".")
    assert yt.measure_in("en") == (
        f"YouTube title 24/100 · description {len(yt.description.encode()):,}/5,000 bytes · tags 19/500")
    assert yt.measure_in("id").startswith("YouTube judul 24/100 · deskripsi ")


def test_x_default_is_shortened_but_own_text_is_not(tmp_path: Path) -> None:
    long_title = "Pengumuman " + "🎉" * 130  # emoji weigh 2: 11 + 260 > 280 - 24
    item, config = _item(tmp_path, BASE.replace('"Jadwal Seleksi PPPK Guru"', f'"{long_title.strip()}"')
                         + 'summary: "' + "ringkasan " * 30 + '"\n')
    x = compose(item, "x", config)
    assert x.text.endswith("… " + URL) and x.length <= 280 and not x.over_limit
    item2, config2 = _item(tmp_path,
                           BASE + 'x:\n  text: "' + "kata " * 60 + '"\n')
    x2 = compose(item2, "x", config2)
    assert x2.over_limit and x2.problems()[0] == ("length", {"length": x2.length, "limit": 280})
    assert x2.length == 299 + 1 + 23


def test_limits_can_be_overridden(tmp_path: Path) -> None:
    item, config = _item(tmp_path, BASE)
    assert not compose(item, "x", config).over_limit
    tight = compose(item, "x", config, {"x_weighted": 40})
    assert tight.text == "Jadwal Seleksi… " + URL and tight.length == 40 and not tight.over_limit
    item2, config2 = _item(tmp_path,
                           BASE + 'x:\n  text: "Jadwal seleksi PPPK guru"\n')
    own = compose(item2, "x", config2, {"x_weighted": 40})
    assert own.over_limit and own.measure_in("en") == "X 48/40"


def test_fast_x_bound_agrees_with_the_full_count() -> None:
    for text in ["a" * 279, "a" * 257 + " x.co", "lihat bkd.go.id dan ntt.go.id " * 5, "." * 300]:
        assert x_length(text) == weighted_length(text)


def test_markdown_to_plain() -> None:
    assert markdown_to_plain("## Judul\n\n*miring* dan __tebal__ `kode` ![foto](a.jpg)<br>\n\n\n\n* butir") == (
        "Judul\n\nmiring dan tebal kode\n\n- butir")


def test_youtube_tags_length_counts_commas_and_quotes() -> None:
    assert youtube_tags_length(("bkd", "guru sekolah")) == 3 + 12 + 2 + 1
    assert youtube_tags_length(()) == 0


def test_reply_and_unknown_platform(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001", """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
questions:
  - text: "Kapan seleksi?"
    platform: x
    comment_id: "123"
    answer: "Seleksi dimulai 1 Juni."
  - text: "Syaratnya?"
    platform: whatsapp
    answer: "Lihat juknis."
""")
    result = run(root)
    config = load_config(root / "sosmed.yml")
    form = result.items[0]
    reply = compose_reply(form, 0, config)
    assert (reply.platform, reply.text, reply.measure_in("id")) == ("x", "Seleksi dimulai 1 Juni.", "X 23/280")
    with pytest.raises(ValueError):
        compose_reply(form, 1, config)
    item, _ = _item(tmp_path, BASE)
    with pytest.raises(ValueError):
        compose(item, "website", config)


def test_markdown_soft_line_breaks_become_spaces() -> None:
    # Source lines wrapped at 100 characters must not arrive on Facebook as broken lines.
    text = "Satu kalimat yang\ndibungkus di sumbernya.\n\nSyarat:\n\n- butir satu;\n- butir dua\n\nAkhir\nparagraf."
    assert markdown_to_plain(text) == (
        "Satu kalimat yang dibungkus di sumbernya.\n\nSyarat:\n\n- butir satu;\n- butir dua\n\nAkhir paragraf.")


def test_archive_link_can_be_left_out_per_platform(tmp_path: Path) -> None:
    item, config = _item(tmp_path, BASE + 'summary: "Seleksi dimulai 1 Juni."\n')
    config_path = tmp_path / "sosmed.yml"
    text = config_path.read_text(encoding="utf-8").replace(
        "  ledger_branch: sosmed-ledger\n", "  ledger_branch: sosmed-ledger\n  archive_link: {instagram: false}\n")
    config_path.write_text(text, encoding="utf-8")
    config = load_config(config_path)
    fb, ig, x, yt = compose_all(item, config)
    assert URL in fb.text and URL in x.text and URL in yt.description
    assert URL not in ig.text and "arsip" not in ig.text
