"""sosmed media prepare: Instagram aspect by pad or crop (never stretched), width and size limits, thumbnails,
video probe against the platforms' limits and --transcode."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.errors import SosmedError
from sosmed.intake.bundle import write_manifest
from sosmed.intake.prepare import media_settings
from tests.intake.fixtures import make_instance, need_ffmpeg, video

HEAD = """---
title: "Sosialisasi Juknis"
date: 2020-05-12 09:00
platforms: [{platforms}]
strategy: talking
bidang: sekretariat
sources:
  - title: Petunjuk Teknis Pemanfaatan Media Sosial BKD Provinsi NTT
media:
{media}---

Isi tulisan.
"""


def _image(size: tuple[int, int], fmt: str = "JPEG", *, noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (20, 120, 200))
        image.paste((250, 200, 0), (0, 0, size[0], 10))  # a yellow band along the top edge
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 100} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def _bundle(root: Path, platforms: str, files: dict[str, bytes]) -> Path:
    folder = root / "content" / "2020" / "05" / "2020-05-12-sosialisasi-juknis"
    folder.mkdir(parents=True)
    entries = ""
    for name, data in files.items():
        (folder / name).write_bytes(data)
        entries += f"  - file: {name}\n    alt: Foto kegiatan sosialisasi\n    credit: Yosef Kolo\n" \
                   f"    source: Dokumentasi BKD Provinsi NTT\n"
    (folder / "index.md").write_text(HEAD.format(platforms=platforms, media=entries), encoding="utf-8")
    return folder


def _prepare(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "media", "prepare", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _files(folder: Path) -> list[str]:
    text = (folder / "index.md").read_text(encoding="utf-8")
    return [m["file"] for m in yaml.safe_load(text.split("---")[1])["media"]]


def test_instagram_pad_keeps_the_picture_unstretched(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    folder = _bundle(root, "instagram", {"tegak.jpg": _image((1080, 1920)), "lebar.jpg": _image((1200, 400))})
    code, output = _prepare(root, str(folder))
    assert code == 0, output
    with Image.open(folder / "tegak.jpg") as tall:
        # 9:16 → 4:5 by bars left and right: height kept, width = 1920 × 0.8 = 1536, picture in the middle,
        # then scaled to Instagram's 1440 width (same factor both ways).
        assert tall.size == (1440, 1800)
        assert 0.8 <= tall.width / tall.height <= 1.91
        assert tall.getpixel((20, 900))[:3] == pytest.approx((255, 255, 255), abs=6)  # pad colour
        content_left = round((1536 - 1080) / 2 * 1440 / 1536)
        assert tall.getpixel((content_left + 20, 900))[:3] == pytest.approx((20, 120, 200), abs=8)
        assert tall.getpixel((720, 3))[:3] == pytest.approx((250, 200, 0), abs=12)  # top band still at the top
    with Image.open(folder / "lebar.jpg") as wide:
        assert wide.size == (1200, 629)  # 3:1 → 1.91:1 with bars top and bottom; the width is unchanged
        assert wide.getpixel((600, 5))[:3] == pytest.approx((255, 255, 255), abs=6)
    assert "tegak.jpg: diubah (diberi bingkai 1080x1920 → 1536x1920; lebar 1536 → 1440 piksel)" in output


def test_instagram_crop_by_option_and_prepare_twice_changes_nothing(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    folder = _bundle(root, "instagram", {"tegak.jpg": _image((1080, 1920))})
    code, output = _prepare(root, str(folder), "--fit", "crop")
    assert code == 0, output
    with Image.open(folder / "tegak.jpg") as cropped:
        assert cropped.size == (1080, 1350)  # the centre 4:5 of the picture, nothing added
        assert cropped.getpixel((540, 5))[:3] == pytest.approx((20, 120, 200), abs=8)  # the top band was cut away
    data = (folder / "tegak.jpg").read_bytes()
    code, output = _prepare(root, str(folder), "--fit", "crop")
    assert code == 0 and (folder / "tegak.jpg").read_bytes() == data
    assert "0 media diubah, 0 media masih perlu tindakan" in output


def test_png_becomes_jpeg_for_instagram_and_the_entry_follows(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    folder = _bundle(root, "instagram, x", {"poster.png": _image((1080, 1080), "PNG")})
    write_manifest(folder, {"abc": "poster.png"})
    code, output = _prepare(root, str(folder), "--dry-run")
    assert code == 1 and "poster.png → poster.jpg: perlu diubah (format PNG → JPEG)" in output
    assert (folder / "poster.png").is_file() and not (folder / "poster.jpg").exists()
    code, output = _prepare(root, str(folder))
    assert code == 0, output
    assert _files(folder) == ["poster.jpg"]
    assert not (folder / "poster.png").exists()
    with Image.open(folder / "poster.jpg") as converted:
        assert converted.format == "JPEG" and converted.size == (1080, 1080)
    assert json.loads((folder / ".sosmed-intake.json").read_text())["sources"] == {"abc": "poster.jpg"}
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--format", "json"])
    assert [p for p in json.loads(result.output) if p["rule"] in ("image-quality", "model")] == []


def test_x_size_limit_and_thumbnails(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    big = _image((2400, 1800), noise=True)
    assert len(big) > 5 * 1024 * 1024
    folder = _bundle(root, "x", {"ramai.jpg": big})
    code, output = _prepare(root, str(folder))
    assert code == 0, output
    assert (folder / "ramai.jpg").stat().st_size <= 5 * 1024 * 1024
    with Image.open(folder / "ramai.jpg") as smaller:
        assert smaller.width / smaller.height == pytest.approx(2400 / 1800, abs=0.01)
    with Image.open(folder / "thumbs" / "ramai.jpg") as thumb:
        assert thumb.width == 480
    assert "ukuran" in output and "(batas 5,0 MB)" in output


def test_video_report_command_and_transcode(tmp_path: Path) -> None:
    need_ffmpeg()
    root = make_instance(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    clip = video(work / "klip.mp4", seconds=4, size="320x240", codec="mpeg4", tracks=False, location=False)
    folder = _bundle(root, "facebook, instagram, x", {"klip.mp4": clip.read_bytes()})
    code, output = _prepare(root, str(folder))
    assert code == 1
    assert "Instagram: kodek mpeg4/aac, yang diterima H.264/HEVC + AAC" in output
    assert "X: kodek mpeg4/aac, yang diterima H.264 + AAC" in output
    assert "perintah: " in output and "-c:v libx264" in output and "klip-web.mp4" in output
    assert _files(folder) == ["klip.mp4"]
    code, output = _prepare(root, str(folder), "--transcode")
    assert code == 0, output
    assert _files(folder) == ["klip-web.mp4"]
    assert not (folder / "klip.mp4").exists()
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "json",
                                       str(folder / "klip-web.mp4")], capture_output=True, text=True).stdout)
    assert [s["codec_name"] for s in probe["streams"]] == ["h264", "aac"]
    assert (folder / "thumbs" / "klip-web.jpg").is_file()


def test_duration_is_reported_not_transcoded(tmp_path: Path) -> None:
    need_ffmpeg()
    root = make_instance(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    clip = video(work / "pendek.mp4", seconds=1, tracks=False, location=False)
    folder = _bundle(root, "instagram", {"pendek.mp4": clip.read_bytes()})
    code, output = _prepare(root, str(folder))
    assert code == 1
    assert "pendek.mp4: belum sesuai dengan batas platform berikut" in output
    assert "Instagram: durasi 1,0 detik di luar 3–900 detik" in output
    assert "perintah" not in output


def test_settings_are_validated(tmp_path: Path) -> None:
    config = load_config(make_instance(tmp_path) / "sosmed.yml")
    assert media_settings(config).instagram_fit == "pad"
    assert media_settings(config, instagram_fit="crop").instagram_fit == "crop"
    with pytest.raises(SosmedError) as raised:
        media_settings(config, pad_colour="hijau-toska")
    assert raised.value.format_message() == "Pengaturan media 'pad_colour' tidak valid: 'hijau-toska'."


def test_x_aspect_ratio_is_reported_as_the_check_does(tmp_path: Path) -> None:
    need_ffmpeg()
    root = make_instance(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    clip = video(work / "spanduk.mp4", seconds=2, size="640x120", tracks=False, location=False)
    folder = _bundle(root, "x", {"spanduk.mp4": clip.read_bytes()})
    code, output = _prepare(root, str(folder))
    assert code == 1
    assert "X: rasio 5,33:1 di luar 0,33–3,00" in output
    assert "perintah" not in output  # a re-encode does not change the aspect
