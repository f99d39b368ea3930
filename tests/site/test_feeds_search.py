"""Feeds, sitemap, robots.txt and the Pagefind search index of the sample site."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

SITE = "https://bkd-ntt.example.org/arsip/"


def test_posts_feed_parses_and_lists_the_active_posts(sample_site: Path) -> None:
    feed = feedparser.parse((sample_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "BKD Provinsi NTT: tulisan terbaru"
    assert feed.feed.language == "id"
    assert len(feed.entries) == 13  # 14 sample posts, one withdrawn
    first = feed.entries[0]
    assert first.title == "Usul Satyalancana Karya Satya Tahun 2020"
    assert first.link == SITE + "2020/06/2020-06-23-usul-satyalancana-karya-satya-2020/"
    assert first.published_parsed[:3] == (2020, 6, 23)
    titles = [e.title for e in feed.entries]
    assert "Layanan Kepegawaian pada Libur dan Cuti Bersama Idulfitri 1441 H" not in titles
    assert "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT" in titles


def test_faq_feed_lists_public_answers_without_askers(sample_site: Path) -> None:
    raw = (sample_site / "tanya-jawab" / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert sorted(e.link.rsplit("/", 2)[-2] for e in feed.entries) == \
        ["QA-2020-05-0001", "QA-2020-05-0002"]  # QA-2020-06-0004 is still a draft: never public
    assert b"guru_fiktif_alor" not in raw and b"pns_fiktif_rote" not in raw
    assert all("Jawaban:" in e.summary for e in feed.entries)


def test_sitemap_and_robots(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}2020/05/2020-05-12-alih-status-guru-sma-smk-slb/</loc>" in sitemap
    assert f"<loc>{SITE}qna/QA-2020-05-0001/</loc>" in sitemap
    assert f"<loc>{SITE}tanya-jawab/</loc>" in sitemap
    assert (sample_site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE}sitemap.xml\n")


def test_search_index_holds_posts_and_answers_in_indonesian(sample_site: Path) -> None:
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == 13 + 2  # active posts and public, non-draft forms only
    assert (sample_site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (sample_site / "search" / "search_index.json").exists()  # material's whole-site index is off
    html = (sample_site / "cari" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../pagefind/pagefind-ui.js"></script>' in html
