"""Media copies: width-limited, thumbnails, no location metadata, originals never copied, stable URLs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from sosmed.config import load_config
from sosmed.errors import SosmedError
from sosmed.model.loader import load_items
from sosmed.urls import media_url, site_base
from tests.site.helpers import build, copy_instance, page

FOLDER = "content/2020/05/2020-05-12-uji-foto"
POST = """---
title: "Uji foto dengan lokasi"
date: 2020-05-12 09:00
platforms: [facebook, instagram]
strategy: talking
bidang: mutasi
sources: [Dokumentasi BKD Provinsi NTT]
media:
  - file: foto.jpg
    alt: "Peserta rapat di aula kantor"
    credit: Yosef Kolo
  - file: foto/kedua.png
    alt: "Grafik jumlah pegawai"
    credit: Yosef Kolo
---

Isi tulisan uji coba foto.
"""
GPS_IFD = 0x8825


def _photo_with_location(path: Path) -> None:
    image = Image.new("RGB", (2400, 1600), (40, 110, 190))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    exif[GPS_IFD] = {1: "S", 2: (10.0, 9.0, 30.0), 3: "E", 4: (123.0, 36.0, 0.0)}
    image.save(path, quality=95, exif=exif)
    assert Image.open(path).getexif().get_ifd(GPS_IFD)  # the fixture really carries a location


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = copy_instance(tmp_path_factory.mktemp("media") / "instance", posts=())
    folder = root / FOLDER
    (folder / "foto").mkdir(parents=True)
    (folder / "index.md").write_text(POST, encoding="utf-8")
    _photo_with_location(folder / "foto.jpg")
    Image.new("RGBA", (300, 200), (200, 30, 30, 128)).save(folder / "foto" / "kedua.png")
    return root, build(root).out


def test_width_limited_copy_and_thumbnail_without_location(photo_site: tuple[Path, Path]) -> None:
    _, site = photo_site
    url = site / "2020/05/2020-05-12-uji-foto"
    with Image.open(url / "foto.jpg") as full, Image.open(url / "sm" / "foto.jpg") as thumb:
        assert full.format == "JPEG" and full.size == (1080, 720)
        assert thumb.size == (480, 320)
        for copy in (full, thumb):
            exif = copy.getexif()
            assert not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif
            assert 0x010F not in exif and "exif" not in copy.info
    with Image.open(url / "foto" / "kedua.png") as small:
        assert small.size == (300, 200) and small.mode == "RGBA"  # never enlarged, transparency kept


def test_originals_are_not_copied(photo_site: tuple[Path, Path]) -> None:
    root, site = photo_site
    original = hashlib.sha256((root / FOLDER / "foto.jpg").read_bytes()).hexdigest()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix == ".jpg":
            assert hashlib.sha256(path.read_bytes()).hexdigest() != original, path


def test_media_are_served_at_the_urls_the_publisher_gives_out(photo_site: tuple[Path, Path]) -> None:
    root, site = photo_site
    config = load_config(root / "sosmed.yml")
    item = load_items([root / "content"], config).items[0]
    for media in item.post.media:
        path = media_url(config, item, media.file)[len(site_base(config)):]
        assert (site / path).is_file(), path
    html = page(site, "2020/05/2020-05-12-uji-foto/")
    assert 'src="sm/foto.jpg" alt="Peserta rapat di aula kantor" width="480" height="320"' in html
    assert 'src="sm/foto/kedua.png" alt="Grafik jumlah pegawai"' in html


def test_cache_is_reused_and_follows_changes(photo_site: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = photo_site
    cache = root / ".sosmed" / "cache" / "site"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.jpg")}
    assert before
    site = build(root, tmp_path / "again").out
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.jpg")} == before
    Image.new("RGB", (900, 900), (0, 0, 0)).save(root / FOLDER / "foto.jpg")
    site = build(root, tmp_path / "changed").out
    with Image.open(site / "2020/05/2020-05-12-uji-foto/foto.jpg") as full:
        assert full.size == (900, 900)


def test_an_unreadable_image_is_a_warning_and_fails_strict(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=())
    folder = root / FOLDER
    (folder / "foto").mkdir(parents=True)
    (folder / "index.md").write_text(POST, encoding="utf-8")
    (folder / "foto.jpg").write_text("bukan gambar", encoding="utf-8")
    Image.new("RGB", (30, 20)).save(folder / "foto" / "kedua.png")
    with pytest.raises(SosmedError) as failure:
        build(root, tmp_path / "strict")
    assert "Pembangunan situs gagal" in str(failure.value)
    site = build(root, tmp_path / "lenient", strict=False).out
    html = page(site, "2020/05/2020-05-12-uji-foto/")
    assert "sm/foto/kedua.png" in html and "sm/foto.jpg" not in html
