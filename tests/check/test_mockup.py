"""The PR report's mock-ups (``sosmed check --format markdown``): rendered to HTML as a forge renders a
comment, and read back — the photos in order per platform, Instagram's fit as `sosmed media prepare`
really makes it, the video's still and length from ffprobe, the facts, the masking, Q&A replies."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from sosmed.check.markdown_report import render_markdown
from sosmed.check.mockup.html import WORD_JOINER
from sosmed.check.shown import Shown
from sosmed.cli import cli
from sosmed.compose import compose
from sosmed.config import load_config
from tests.check.helpers import image_bytes, make_instance, require_system_tool, run, write_form, write_post
from tests.review.forge_render import Block, Section, read, render

FOLDER = "content/2020/05/2020-05-12-pelantikan"
PHOTOS = {"lebar.jpg": (1600, 900), "tegak.jpg": (540, 960), "persegi.jpg": (1080, 1080),
          "ketiga.jpg": (1080, 1350), "kelima.jpg": (1200, 800)}
PHONE = "0812-3456-7890"
ANSWER = "Terima kasih. Jadwal mutasi diumumkan di laman resmi BKD Provinsi NTT."


def _token() -> str:
    return "EAAG" + "Zx7Qm2Lp9Wv4Rt6Yk8Bn3Hd5Jf1Cs0Ag"  # shaped like a Meta token, built at run time


def _photo_post(root: Path) -> Path:
    media = "\n".join(f"  - file: {name}\n    alt: Foto {name.split('.')[0]} pelantikan\n    credit: Yosef Kolo"
                      for name in PHOTOS)
    front = f"""title: "Pelantikan Pejabat Administrator"
date: 2020-05-12T01:00:00+00:00
platforms: [facebook, instagram, x]
strategy: transparency
bidang: mutasi
sources:
  - title: Keputusan Gubernur NTT tentang pengangkatan pejabat
    url: https://nttprov.go.id/sk-pelantikan
credits: {{author: Maria Goreti Nona, camera: Yosef Kolo}}
media:
{media.replace("alt: Foto persegi pelantikan", f"alt: Foto persegi, narahubung {PHONE}")}
instagram:
  caption: "Pelantikan pejabat administrator. token {_token()}"
"""
    return write_post(root, front, "Gubernur melantik pejabat administrator di Kupang.\n",
                      {name: image_bytes(w, h) for name, (w, h) in PHOTOS.items()}, slug="pelantikan")


def _sections(root: Path, lang: str = "id") -> tuple[str, list[Section]]:
    config = load_config(root / "sosmed.yml")
    markdown = render_markdown(run(root), config, lang=lang)
    return markdown, read(render(markdown))


def _block(section: Section, platform: str) -> Block:
    return next(b for b in section.blocks if b.summary.split(" · ")[0] == platform)


def _srcs(block: Block) -> list[str]:
    return [image["src"] for image in block.images]


def test_photos_in_order_per_platform_with_what_each_platform_leaves_out(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    _photo_post(root)
    _, sections = _sections(root)
    [post] = [s for s in sections if s.heading.endswith("Pelantikan Pejabat Administrator")]
    files = [f"{FOLDER}/{name}" for name in PHOTOS]
    assert _srcs(_block(post, "Facebook")) == files
    assert _srcs(_block(post, "Instagram")) == files
    x = _block(post, "X")
    assert _srcs(x) == files[:4] and "· 4 foto" in x.summary and x.summary.startswith("X · ")
    assert " · X " not in x.summary  # the platform is named once
    assert "Tidak dikirim ke X: kelima.jpg (X menerima paling banyak 4 foto" in x.text
    assert all(image["width"] == "280" for b in post.blocks for image in b.images)
    assert _block(post, "Facebook").images[0]["alt"] == "Foto lebar pelantikan"


def test_instagram_states_the_fit_media_prepare_really_makes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    _photo_post(root)
    _, sections = _sections(root)
    instagram = _block(sections[1], "Instagram")
    first, second = instagram.text.split("Foto tegak")[0], instagram.text.split("Foto tegak")[1]
    assert "✅ Instagram: rasio 1,78, di dalam 0,80–1,91: berkas ini yang dikirim." in first
    assert ("⚠️ Instagram: rasio 0,56 di luar 0,80–1,91; sosmed media prepare menambah bidang polos menjadi "
            "768×960 (rasio 0,80)") in second
    assert "Dalam carousel, Instagram memotong foto ini ke rasio foto pertama (1,78)." in second
    # The stated result is what prepare writes: run it, and the file is that size and now shown as it is.
    done = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "media", "prepare", str(root / FOLDER)])
    assert done.exit_code == 0, done.output
    with Image.open(root / FOLDER / "tegak.jpg") as prepared:
        assert prepared.size == (768, 960)
    after = _block(_sections(root)[1][1], "Instagram").text.split("Foto tegak")[1]
    assert "✅ Instagram: rasio 0,80, di dalam 0,80–1,91: berkas ini yang dikirim." in after


def test_instagram_crop_when_the_instance_crops(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    with (root / "sosmed.yml").open("a", encoding="utf-8") as config:
        config.write("\nmedia:\n  instagram_fit: crop\n")
    _photo_post(root)
    text = _block(_sections(root)[1][1], "Instagram").text
    assert "sosmed media prepare memotong bagian tengahnya menjadi 540×675 (rasio 0,80)" in text
    done = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "media", "prepare", str(root / FOLDER)])
    assert done.exit_code == 0, done.output
    with Image.open(root / FOLDER / "tegak.jpg") as prepared:
        assert prepared.size == (540, 675)


def test_the_text_is_the_composers_exactly_and_the_facts_are_there(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_instance(tmp_path)
    _photo_post(root)
    config = load_config(root / "sosmed.yml")
    result = run(root)
    [item] = result.items
    _, sections = _sections(root)
    post = sections[1]
    facebook = _block(post, "Facebook").quotes[0].replace(WORD_JOINER, "")
    assert facebook == compose(item, "facebook", config).text
    instagram = _block(post, "Instagram").quotes[0].replace(WORD_JOINER, "")
    assert instagram == Shown.of(result, config)(compose(item, "instagram", config).text)
    assert "Waktu terbit: 12 Mei 2020 pukul 09.00 WITA (waktunya sudah lewat" in post.facts
    assert "Strategi: Transparansi (transparency)" in post.facts
    assert "Bidang: Bidang Mutasi dan Promosi" in post.facts
    assert "Sumber informasi:" in post.facts and "Keputusan Gubernur NTT tentang pengangkatan pejabat" in post.facts
    assert '<a href="https://nttprov.go.id/sk-pelantikan">' in render(render_markdown(result, config, lang="id"))
    assert "Kredit: Penulis: Maria Goreti Nona · Kamera: Yosef Kolo" in post.facts
    monkeypatch.setenv("SOSMED_NOW", "2020-05-01T08:00:00+08:00")
    assert "12 Mei 2020 pukul 09.00 WITA (terjadwal)" in _sections(root)[1][1].facts


def test_everything_found_is_masked_in_every_part(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    _photo_post(root)
    markdown, sections = _sections(root)
    html = render(markdown)
    for whole in (PHONE, _token(), "081234567890"):
        assert whole not in markdown and whole not in html
    instagram = _block(sections[1], "Instagram")
    assert "token EAAG…" in instagram.quotes[0]
    persegi = next(i for i in instagram.images if "persegi" in i["src"])
    assert persegi["alt"] == "Foto persegi, narahubung 0812******90"


def test_a_file_whose_name_holds_personal_data_is_named_masked_and_not_loaded(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    name = "ktp-5371015508900003.jpg"
    front = f"""title: "Contoh"
date: 2020-05-12 09:00
platforms: [facebook]
strategy: talking
bidang: mutasi
sources: [Dokumentasi BKD]
media:
  - file: {name}
    alt: Contoh foto
    credit: Yosef Kolo
"""
    write_post(root, front, "Isi.\n", {name: image_bytes(800, 800)}, slug="contoh")
    markdown, sections = _sections(root)
    facebook = _block(sections[1], "Facebook")
    assert facebook.images == [] and "ktp-5371********0003.jpg" in facebook.text
    assert "5371015508900003" not in markdown


def test_video_still_duration_privacy_and_title(tmp_path: Path) -> None:
    require_system_tool(bool(shutil.which("ffmpeg") and shutil.which("ffprobe")), "ffmpeg")
    root = make_instance(tmp_path)
    folder = write_post(root, """title: "Video Profil"
date: 2020-06-12 15:00
platforms: [youtube, facebook]
strategy: transparency
bidang: sekretariat
sources: [Dokumentasi BKD]
media:
  - file: profil.mp4
    alt: Animasi profil kantor
    credit: Anastasia Leki
youtube: {title: "Profil BKD Provinsi NTT", privacy: unlisted, thumbnail: sampul.jpg, tags: [profil, BKD]}
""", "Video profil kantor.\n", {"sampul.jpg": image_bytes(1280, 720)}, slug="video").parent
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=640x360:rate=25",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", str(folder / "profil.mp4")], check=True)
    relative = "content/2020/05/2020-05-12-video"
    post = _sections(root)[1][1]
    youtube = _block(post, "YouTube")
    assert "Judul: Profil BKD Provinsi NTT" in youtube.text
    assert "Privasi: Tidak publik, hanya lewat tautan (unlisted)" in youtube.text
    assert "durasi 0:03 · 640×360" in youtube.text
    assert _srcs(youtube) == [f"{relative}/sampul.jpg"]
    facebook = _block(post, "Facebook")
    assert facebook.summary.endswith("· video") and "Tanpa gambar cuplikan" in facebook.text
    done = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "media", "prepare", str(folder)])
    assert done.exit_code in (0, 1), done.output  # 1: a note on the video, not a failure to make the still
    facebook = _block(_sections(root)[1][1], "Facebook")
    assert _srcs(facebook) == [f"{relative}/thumbs/profil.jpg"] and "durasi 0:03" in facebook.text


def test_a_form_shows_each_question_masked_and_the_reply_it_will_receive(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0009", f"""id: QA-2020-05-0009
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-13T02:15:00+00:00
place: Kupang
public: true
questions:
  - text: "Saya guru di Alor, HP {PHONE}. Kapan mutasi dibuka? Seperti kata @tetangga.saya"
    platform: facebook
    link: https://facebook.com/BkdProvNtt/posts/1?comment_id=2
    comment_id: "1_2"
    asker: guru.alor.fiktif
    answer: "{ANSWER}"
  - text: "Apakah berkas bisa dikirim lewat pos?"
    platform: whatsapp
    answer: "Bisa, ke alamat kantor BKD Provinsi NTT."
  - text: "Bagaimana dengan kenaikan pangkat?"
    platform: instagram
    comment_id: "17900000000000001"
""")
    markdown, sections = _sections(root)
    [form] = [s for s in sections if s.heading.startswith("💬 QA-2020-05-0009")]
    assert "Diterima: 13 Mei 2020 pukul 10.15 WITA, Kupang" in form.facts
    assert "Kepala Bidang (Dra. Magdalena Ndun) dan Kepala Badan (Henderina S. Laiskodat, SP, M.Si)" in form.facts
    facebook = _block(form, "Facebook")
    assert facebook.summary == "Facebook · 1 pertanyaan · 1 dijawab"
    assert facebook.quotes[0] == "Saya guru di Alor, HP 0812******90. Kapan mutasi dibuka? Seperti kata @…"
    assert facebook.quotes[1] == ANSWER
    assert f"Balasan di bawah komentar · Facebook (balasan) {len(ANSWER)}/8.000 ✅" in facebook.text
    for private in ("guru.alor.fiktif", "tetangga.saya", PHONE):
        assert private not in markdown
    assert "disampaikan di luar media sosial" in _block(form, "WhatsApp").text
    assert "Jawaban · belum dijawab" in _block(form, "Instagram").text


def test_english(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    _photo_post(root)
    _, sections = _sections(root, "en")
    assert "Publish time: 12 May 2020 at 09:00 WITA (already past" in sections[1].facts
    assert "✅ Instagram: ratio 1.78, within 0.80–1.91: this file is what is sent." in _block(
        sections[1], "Instagram").text


def test_cli_check_markdown_shows_the_mockups_with_local_paths(tmp_path: Path) -> None:
    """`sosmed check --format markdown` through the CLI: the same mock-ups, images by their path from
    the repository root (no forge, no commit), facts in WITA, everything found masked; English too."""
    root = make_instance(tmp_path)
    _photo_post(root)
    for lang, publish in (("id", "Waktu terbit: 12 Mei 2020 pukul 09.00 WITA"),
                          ("en", "Publish time: 12 May 2020 at 09:00 WITA")):
        done = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "--lang", lang, "check",
                                        "--format", "markdown", str(root / "content")])
        assert done.exit_code == 1, done.output  # the token in the caption is an error
        assert "Traceback" not in done.output
        for whole in (PHONE, _token()):
            assert whole not in done.output
        [post] = [s for s in read(render(done.output)) if s.heading.endswith("Pelantikan Pejabat Administrator")]
        assert publish in post.facts
        assert _srcs(_block(post, "Instagram")) == [f"{FOLDER}/{name}" for name in PHOTOS]
        assert not any("://" in src for b in post.blocks for src in _srcs(b))
        assert [b.summary.split(" · ")[0] for b in post.blocks] == ["Facebook", "Instagram", "X"]


def test_a_report_over_the_comment_budget_names_the_items_it_leaves_out(tmp_path: Path) -> None:
    """A forge caps a comment's size: mock-ups that no longer fit are left out and named, the rest kept."""
    root = make_instance(tmp_path)
    _photo_post(root)
    write_post(root, """title: "Pengumuman Seleksi"
date: 2020-05-12 10:00
platforms: [facebook]
strategy: talking
bidang: mutasi
sources: [Dokumentasi BKD]
""", "Seleksi dibuka untuk PNS.\n", slug="pengumuman")
    config, result = load_config(root / "sosmed.yml"), run(root)
    whole = render_markdown(result, config, lang="id")
    assert "Pengumuman Seleksi" in whole and "Pelantikan Pejabat Administrator" in whole
    budget = len(whole) - 10
    cut = render_markdown(result, config, lang="id", budget=budget)
    sections = read(render(cut))
    assert [s.heading for s in sections[1:]] == ["📝 Pelantikan Pejabat Administrator"]
    [closing] = [line for line in cut.splitlines() if "batas ukuran komentar" in line]
    assert closing.startswith("1 butir tidak dipratinjau") and "content/2020/05/2020-05-12-pengumuman/index.md" in closing
    assert len(cut) - len(closing) <= budget
