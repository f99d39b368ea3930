"""The built sample site: post, index and FAQ pages against committed expected output, and their rules."""

from __future__ import annotations

import re
from pathlib import Path

from sosmed.config import load_config
from sosmed.model.loader import load_items
from sosmed.urls import item_path
from tests.site.helpers import REPO, between, expected, normalise, page

POST = "2020/05/2020-05-12-alih-status-guru-sma-smk-slb/"
RETRACTED = "2020/05/2020-05-20-layanan-kepegawaian-saat-libur-idul-fitri/"
CORRECTED = "2020/05/2020-05-27-usul-kenaikan-pangkat-periode-oktober-2020/"


def _post_part(html: str) -> str:
    start = between(html, '<article class="sosmed-post"', "</article>")
    rest = html[html.index(start) + len(start):]
    return start + between(rest, '<div class="sosmed-facts"', '<div class="sosmed-published"') + \
        between(rest, '<div class="sosmed-published"', "</div>")[len('<div class="sosmed-published"'):]


def test_post_page_matches_expected_output(sample_site: Path) -> None:
    actual = normalise(_post_part(page(sample_site, POST)))
    assert actual == expected("post-alih-status.html", actual)


def test_post_page_content(sample_site: Path) -> None:
    html = page(sample_site, POST)
    assert "<title>Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT" in html
    assert "Diterbitkan 12 Mei 2020, 09.00 WITA" in html
    assert '<a href="../../../bidang/mutasi/">Bidang Mutasi dan Promosi</a>' in html
    assert '<a href="../../../strategi/talking/">Berbicara (talking)</a>' in html
    assert 'src="sm/alih-status.jpg"' in html and 'href="alih-status.jpg"' in html
    assert re.search(r'<img src="sm/alih-status.jpg" alt="[^"]{20,}"', html)
    assert "Penulis: Maria Goreti Nona" in html
    assert "Undang-Undang Nomor 23 Tahun 2014" in html  # body, rendered from Markdown
    assert "<li>Urusan kepegawaian, seperti kenaikan pangkat" in html
    assert "Belum ada catatan penerbitan" in html  # signed, but not yet published anywhere
    assert "Disetujui oleh Henderina S. Laiskodat, SP, M.Si (Kepala Badan)" in html


def test_every_post_and_public_form_is_at_its_canonical_url(sample_site: Path) -> None:
    config = load_config(REPO / "sosmed.yml")
    items = load_items([REPO / "content", REPO / "qna"], config).items
    for item in items:
        target = sample_site / item_path(item) / "index.html"
        if item.kind == "post":
            assert target.is_file(), item.id
        else:
            shown = item.form.public and not item.form.draft and any(q.answered for q in item.form.questions)
            assert target.is_file() == shown, item.id


def test_month_index_matches_expected_output(sample_site: Path) -> None:
    html = page(sample_site, "2020/05/")
    actual = normalise(between(html, '<ul class="sosmed-list">', "</ul>"))
    assert actual == expected("index-2020-05.html", actual)
    assert actual.count("<li>") == 8
    assert "(ditarik)" in actual


def test_faq_matches_expected_output_and_hides_askers(sample_site: Path) -> None:
    html = page(sample_site, "tanya-jawab/")
    actual = normalise(between(html, "<h1", "</article>"))
    assert actual == expected("faq.html", actual)
    for heading in ("Bidang Mutasi dan Promosi", "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"):
        assert f">{heading}</h2>" in html
    assert "QA-2020-05-0003" not in html  # public: false
    for asker in ("guru_fiktif_alor", "contoh.pengguna.sumba", "pns_fiktif_rote", "staf_fiktif_kupang"):
        assert asker not in html


def test_no_asker_and_no_private_form_anywhere_in_the_site(sample_site: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sample_site.rglob("*") if p.suffix in (".html", ".xml", ".txt")]
    everything = "\n".join(texts)
    for asker in ("guru_fiktif_alor", "pegawai.contoh.ende", "warganet_contoh1", "ContohPenontonLembata",
                  "contoh_asn_belu", "Maria Goreti Nona\" officer"):
        assert asker not in everything
    assert not (sample_site / "qna" / "QA-2020-05-0003").exists()
    assert not (sample_site / "qna" / "QA-2020-06-0005").exists()


def test_retracted_post_shows_the_takedown_notice_instead_of_its_content(sample_site: Path) -> None:
    html = page(sample_site, RETRACTED)
    notice = between(html, '<div class="admonition danger sosmed-retracted">', "</div>")
    assert "Tulisan ini telah ditarik" in notice
    assert "Ditarik pada 20 Mei 2020, 20.00 WITA. Alasan: Pemerintah menghapus cuti bersama" in notice
    assert "sosmed-gallery" not in html and "kalender-libur.jpg" not in html
    assert not (sample_site / RETRACTED / "kalender-libur.jpg").exists()
    assert not (sample_site / RETRACTED / "sm").exists()


def test_correction_is_in_a_visible_box(sample_site: Path) -> None:
    html = page(sample_site, CORRECTED)
    box = between(html, '<div class="admonition warning sosmed-correction">', "</div>")
    assert '<p class="admonition-title">Ralat</p>' in box
    assert "28 Mei 2020, 10.00 WITA: Batas akhir penyampaian usul semula tertulis Jumat, 12 Juni 2020." in box


def test_navigation_holds_sections_only(sample_site: Path) -> None:
    html = page(sample_site, POST)
    nav = between(html, '<nav class="md-nav md-nav--primary"', "</nav>")
    links = re.findall(r'class="md-nav__link[^"]*"', nav)
    assert 8 <= len(links) <= 14
    assert "2020-05-12-alih-status" not in nav
    for title in ("Beranda", "Arsip", "Platform", "Strategi", "Bidang", "Tag", "Tanya Jawab", "Rekap Bulanan",
                  "Tentang", "Cari"):
        assert title in nav


def test_home_page_has_latest_posts_accounts_and_purpose(sample_site: Path) -> None:
    html = page(sample_site, "")
    assert "Situs ini menyimpan setiap tulisan" in html
    assert 'lang="id"' in html[:200]
    latest = between(html, '<ul class="sosmed-cards">', "</ul>")
    assert latest.count("<li>") == 10
    assert latest.index("Usul Satyalancana Karya Satya") < latest.index("Selamat Hari Lahir Pancasila")
    for account in ("https://facebook.com/BkdProvNtt", "http://www.instagram.com/bkdprovinsintt/",
                    "http://twitter.com/Bkdprovinsintt", "https://www.youtube.com/c/BadanKepegawaianDaerahProvinsiNTT"):
        assert f'href="{account}"' in html
    assert 'action="cari/"' in html


def test_about_page_has_the_guideline_in_short(sample_site: Path) -> None:
    html = page(sample_site, "tentang/")
    assert html.count("<li>", html.index("Prinsip FBS")) >= 9 + 6 + 4
    for word in ("Kredibel", "Merangkul (embracing)", "Menyimak (listening)", "SARA", "@bkdprovinsintt"):
        assert word in html


def test_indexes_by_platform_strategy_division_and_tag(sample_site: Path) -> None:
    youtube = page(sample_site, "platform/youtube/")
    assert "Video: Mengenal Layanan Kepegawaian BKD Provinsi NTT" in youtube
    assert "Mengenal Alih Status" not in youtube
    assert "Mengenal Alih Status" in page(sample_site, "strategi/talking/")
    assert "Mengenal Alih Status" in page(sample_site, "bidang/mutasi/")
    assert "Mengenal Alih Status" in page(sample_site, "tag/alih-status/")
    tags = page(sample_site, "tag/")
    assert '<a href="../tag/covid-19/">COVID-19</a>' in tags


def test_video_post_links_its_small_file(sample_site: Path) -> None:
    url = "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian/"
    html = page(sample_site, url)
    video = re.search(r"<video [^>]*>", html)
    assert video and 'preload="none"' in video.group(0) and 'src="mengenal-layanan-kepegawaian.mp4"' in video.group(0)
    assert (sample_site / url / "mengenal-layanan-kepegawaian.mp4").is_file()


def test_english_build_translates_the_site_text_not_the_content(english_site: Path) -> None:
    html = page(english_site, POST)
    assert '<html lang="en"' in html
    assert "Published 12 May 2020, 09:00 WITA" in html
    assert re.search(r'<article class="sosmed-post"[^>]* lang="id"[ >]', html)
    assert "Undang-Undang Nomor 23 Tahun 2014" in html
    nav = between(html, '<nav class="md-nav md-nav--primary"', "</nav>")
    assert re.search(r">\s*Home\s*<", nav) and "Beranda" not in nav
    assert "Questions &amp; answers" in page(english_site, "tanya-jawab/")
