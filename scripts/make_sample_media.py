#!/usr/bin/env python3
"""Generate the sample instance's media (illustrated photo cards and one short video).

The sample posts of BKD Provinsi NTT under ``content/`` carry no real photographs: every
image is a drawn card with Indonesian text, and the one video is rendered from generated
frames plus a sine tone. The output is deterministic (fixed seeds, no timestamps, no
EXIF/XMP, bit-exact ffmpeg flags), so re-running the script reproduces the same files with
the same Pillow, libjpeg, FreeType and ffmpeg versions.

Usage (from anywhere)::

    python scripts/make_sample_media.py            # write the files
    python scripts/make_sample_media.py --check    # regenerate in a temp folder and compare

Needs Pillow (with FreeType; the bundled default font is used, so no system font is needed)
and ``ffmpeg`` with libx264 on the PATH.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
MAX_IMAGE_BYTES = 150 * 1024
MAX_VIDEO_BYTES = 1024 * 1024

ORG = "BKD Provinsi NTT"
ORG_LONG = "Badan Kepegawaian Daerah Provinsi Nusa Tenggara Timur"

Color = tuple[int, int, int]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours of one card: background gradient, accent, text and the scene's ink."""

    top: Color
    bottom: Color
    accent: Color
    text: Color
    ink: Color


NAVY = Palette((18, 52, 86), (33, 97, 140), (242, 169, 0), (255, 255, 255), (230, 240, 250))
TEAL = Palette((0, 95, 105), (0, 140, 140), (255, 209, 102), (255, 255, 255), (225, 245, 240))
MAROON = Palette((110, 28, 44), (170, 50, 60), (255, 214, 120), (255, 255, 255), (250, 230, 225))
GREEN = Palette((20, 90, 50), (40, 140, 80), (255, 230, 120), (255, 255, 255), (230, 245, 225))
SUNSET = Palette((120, 50, 20), (220, 120, 40), (255, 240, 200), (255, 255, 255), (255, 240, 225))
SLATE = Palette((45, 55, 72), (74, 85, 104), (129, 230, 217), (255, 255, 255), (230, 236, 240))


@dataclass(frozen=True)
class Card:
    """One generated photo card: where it goes, its size, texts and the scene drawn on it."""

    bundle: str
    file: str
    size: tuple[int, int]
    title: str
    subtitle: str
    scene: str
    palette: Palette
    seed: int


CARDS: tuple[Card, ...] = (
    Card("2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian", "jam-layanan.jpg", (1080, 1350),
         "Jam Layanan Kepegawaian", "Senin-Jumat, 08.00 sampai 14.00 WITA", "jam", NAVY, 501),
    Card("2020/05/2020-05-08-peluncuran-juknis-media-sosial", "juknis-media-sosial.jpg", (1080, 1080),
         "Petunjuk Teknis Pemanfaatan Media Sosial", "Diluncurkan Mei 2020", "buku", TEAL, 508),
    Card("2020/05/2020-05-12-alih-status-guru-sma-smk-slb", "alih-status.jpg", (1200, 675),
         "Alih Status Guru SMA, SMK dan SLB", "PNS Provinsi NTT di 535 sekolah negeri", "pulau", NAVY, 512),
    Card("2020/05/2020-05-15-ajakan-bertanya-seputar-kepegawaian", "ajakan-bertanya.jpg", (1080, 1080),
         "Ada Pertanyaan tentang Kepegawaian?", "Tulis di kolom komentar", "tanya", SUNSET, 515),
    Card("2020/05/2020-05-19-pelatihan-daring-pengelola-kepegawaian-sekolah", "pelatihan-daring-1.jpg",
         (1080, 1350), "Pelatihan Daring Pengelola Kepegawaian", "SMA, SMK dan SLB negeri di NTT",
         "laptop", SLATE, 519),
    Card("2020/05/2020-05-19-pelatihan-daring-pengelola-kepegawaian-sekolah", "pelatihan-daring-2.jpg",
         (1080, 1080), "Materi: Tata Naskah Usul Kepegawaian", "Sesi tanya jawab bersama narasumber",
         "materi", SLATE, 520),
    Card("2020/05/2020-05-20-layanan-kepegawaian-saat-libur-idul-fitri", "kalender-libur.jpg", (1200, 675),
         "Layanan Kepegawaian Saat Libur Idulfitri", "Mei 2020", "kalender", MAROON, 5205),
    Card("2020/05/2020-05-24-selamat-idul-fitri-1441-h", "idul-fitri.jpg", (1080, 1080),
         "Selamat Hari Raya Idulfitri 1441 H", "Mohon maaf lahir dan batin", "bulan", GREEN, 524),
    Card("2020/05/2020-05-27-usul-kenaikan-pangkat-periode-oktober-2020", "kenaikan-pangkat.jpg", (1080, 1350),
         "Usul Kenaikan Pangkat Periode 1 Oktober 2020", "Disampaikan melalui pengelola kepegawaian",
         "tangga", NAVY, 527),
    Card("2020/06/2020-06-01-selamat-hari-lahir-pancasila", "hari-lahir-pancasila.jpg", (1080, 1080),
         "Selamat Hari Lahir Pancasila", "1 Juni 2020", "bintang", MAROON, 601),
    Card("2020/06/2020-06-04-evaluasi-capaian-skp-semester-i-2020", "capaian-skp.jpg", (1080, 1080),
         "Evaluasi Capaian SKP Semester I 2020", "Catat hasil kerja secara berkala", "grafik", TEAL, 604),
    Card("2020/06/2020-06-16-ajakan-saran-perbaikan-layanan", "ajakan-saran.jpg", (1080, 1080),
         "Sampaikan Saran untuk Layanan Kami", "Komentar atau pesan langsung", "amplop", SUNSET, 616),
    Card("2020/06/2020-06-19-tugas-belajar-dan-izin-belajar", "tugas-belajar.jpg", (1080, 1350),
         "Tugas Belajar dan Izin Belajar", "Apa bedanya?", "toga", GREEN, 619),
    Card("2020/06/2020-06-23-usul-satyalancana-karya-satya-2020", "satyalancana.jpg", (1200, 675),
         "Usul Satyalancana Karya Satya 2020", "Masa kerja 10, 20 dan 30 tahun", "medali", NAVY, 623),
)

VIDEO_BUNDLE = "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian"
VIDEO_FILE = "mengenal-layanan-kepegawaian.mp4"
VIDEO_SIZE = (1280, 720)
VIDEO_FPS = 25
VIDEO_SECONDS = 4


# --- drawing helpers -------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled scalable font: the same glyphs on every machine with this Pillow."""
    loaded = ImageFont.load_default(size=size)
    assert isinstance(loaded, ImageFont.FreeTypeFont), "Pillow needs FreeType support"
    return loaded


def gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """A vertical gradient, built from one column so it is quick."""
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        f = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * f) for a, b in zip(top, bottom, strict=True)))
    return column.resize((width, height))


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=face) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def text_block(draw: ImageDraw.ImageDraw, xy: tuple[int, int], lines: list[str], face: ImageFont.FreeTypeFont,
               fill: Color, spacing: float = 1.2, stroke: int = 0, center_width: int | None = None) -> int:
    """Draw lines from ``xy``; centred in ``center_width`` when given. Returns the y below the block."""
    x, y = xy
    step = round(face.size * spacing)
    for line in lines:
        lx = x
        if center_width is not None:
            lx = x + round((center_width - draw.textlength(line, font=face)) / 2)
        draw.text((lx, y), line, font=face, fill=fill, stroke_width=stroke, stroke_fill=fill)
        y += step
    return y


def lighten(color: Color, amount: float) -> Color:
    """Mix ``color`` with white."""
    return tuple(round(c + (255 - c) * amount) for c in color)  # type: ignore[return-value]


# --- scenes: simple illustrations inside a box -----------------------------------------------


def scene_jam(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    r = min(x1 - x0, y1 - y0) // 2 - 10
    # office building behind the clock
    d.rectangle((cx - r - 60, cy - r // 3, cx + r + 60, y1), fill=lighten(p.top, 0.25))
    for i in range(6):
        for j in range(3):
            wx = cx - r - 40 + i * (2 * r + 80) // 6
            wy = cy + j * 70
            d.rectangle((wx, wy, wx + 40, wy + 45), fill=p.ink if (i + j) % 3 else p.accent)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.ink, outline=p.accent, width=14)
    for h in range(12):
        a = math.radians(h * 30)
        d.line((cx + (r - 40) * math.sin(a), cy - (r - 40) * math.cos(a),
                cx + (r - 18) * math.sin(a), cy - (r - 18) * math.cos(a)), fill=p.top, width=8)
    # hands at eight o'clock: the service opens at 08.00
    d.line((cx, cy, cx + (r * 0.5) * math.sin(math.radians(240)), cy - (r * 0.5) * math.cos(math.radians(240))),
           fill=p.top, width=16)
    d.line((cx, cy, cx, cy - r * 0.75), fill=p.top, width=10)
    d.ellipse((cx - 16, cy - 16, cx + 16, cy + 16), fill=p.accent)


def scene_buku(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    w, h = (x1 - x0) * 0.8, (y1 - y0) * 0.85
    top = y0 + (y1 - y0 - h) / 2
    d.polygon([(cx, top + 20), (cx - w / 2, top), (cx - w / 2, top + h), (cx, top + h + 20)], fill=p.ink)
    d.polygon([(cx, top + 20), (cx + w / 2, top), (cx + w / 2, top + h), (cx, top + h + 20)], fill=lighten(p.ink, 0.5))
    d.line((cx, top + 20, cx, top + h + 20), fill=p.top, width=6)
    for side in (-1, 1):
        for i in range(7):
            y = top + 50 + i * (h - 80) / 7
            length = w / 2 - 70 - rng.randint(0, 60)
            xa = cx + side * 30
            d.line((xa, y, xa + side * length, y), fill=p.bottom, width=8)
    # four small platform tiles on the right page
    for i, c in enumerate(((59, 89, 152), (193, 53, 132), (29, 161, 242), (230, 33, 23))):
        tx = cx + 40 + i * 70
        d.rounded_rectangle((tx, top + h - 90, tx + 54, top + h - 36), radius=12, fill=c)


def scene_pulau(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    d.rectangle((x0, (y0 + y1) // 2, x1, y1), fill=lighten(p.bottom, 0.2))
    for _ in range(18):
        wx = rng.randint(x0, x1 - 60)
        wy = rng.randint((y0 + y1) // 2 + 10, y1 - 10)
        d.arc((wx, wy, wx + 60, wy + 20), 200, 340, fill=p.ink, width=3)
    mid = (y0 + y1) // 2
    for k in range(5):
        ix = x0 + 40 + k * (x1 - x0 - 80) // 5 + rng.randint(-20, 20)
        iw = rng.randint(90, 160)
        d.ellipse((ix, mid - 30, ix + iw, mid + 30), fill=(214, 190, 130))
        d.ellipse((ix + 15, mid - 55, ix + iw - 15, mid + 10), fill=(60, 140, 70))
        # a small school on each island
        sx = ix + iw // 2 - 22
        d.rectangle((sx, mid - 75, sx + 44, mid - 40), fill=p.ink)
        d.polygon([(sx - 6, mid - 75), (sx + 22, mid - 98), (sx + 50, mid - 75)], fill=p.accent)
    d.ellipse((x1 - 120, y0 + 10, x1 - 40, y0 + 90), fill=p.accent)


def scene_tanya(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    big = font(150)
    bubbles = [(x0 + 40, y0 + 20, x0 + 420, y0 + 250, "?"), (x1 - 440, y0 + 120, x1 - 40, y0 + 360, "!"),
               (x0 + 160, y0 + 300, x0 + 520, y1 - 10, "?")]
    for bx0, by0, bx1, by1, mark in bubbles:
        if by1 > y1:
            by1 = y1
        d.rounded_rectangle((bx0, by0, bx1, by1), radius=50, fill=p.ink)
        d.polygon([(bx0 + 60, by1 - 5), (bx0 + 40, by1 + 45), (bx0 + 120, by1 - 5)], fill=p.ink)
        w = d.textlength(mark, font=big)
        d.text(((bx0 + bx1 - w) / 2, (by0 + by1) / 2 - 95), mark, font=big, fill=p.top)


def scene_laptop(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    w = (x1 - x0) * 0.85
    h = (y1 - y0) * 0.72
    sx0, sy0 = cx - w / 2, y0 + 10
    d.rounded_rectangle((sx0, sy0, sx0 + w, sy0 + h), radius=18, fill=(30, 30, 36))
    d.polygon([(sx0 - 40, sy0 + h + 10), (sx0 + w + 40, sy0 + h + 10), (sx0 + w + 90, sy0 + h + 60),
               (sx0 - 90, sy0 + h + 60)], fill=(190, 195, 205))
    # a video-call grid of participants (faceless silhouettes)
    cols, rows = 3, 2
    gw, gh = (w - 60) / cols, (h - 50) / rows
    for r in range(rows):
        for c in range(cols):
            gx, gy = sx0 + 20 + c * (gw + 10), sy0 + 20 + r * (gh + 5)
            tile = lighten(p.bottom, 0.15 + 0.1 * ((r + c) % 3))
            d.rectangle((gx, gy, gx + gw - 10, gy + gh - 10), fill=tile)
            hx, hy = gx + gw / 2 - 5, gy + gh * 0.4
            d.ellipse((hx - 28, hy - 28, hx + 28, hy + 28), fill=p.ink)
            d.pieslice((hx - 60, hy + 25, hx + 60, hy + 145), 180, 360, fill=p.ink)


def scene_materi(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    d.rounded_rectangle((x0 + 40, y0 + 10, x1 - 40, y1 - 20), radius=20, fill=p.ink)
    small = font(34)
    items = ["Kelengkapan berkas usul", "Penomoran dan tanggal surat", "Pengiriman berkas secara kolektif"]
    y = y0 + 60
    for item in items:
        d.ellipse((x0 + 90, y + 6, x0 + 120, y + 36), fill=p.accent)
        d.text((x0 + 145, y), item, font=small, fill=p.top)
        y += 80
    for i in range(4):
        bw = rng.randint(120, 260)
        d.rectangle((x0 + 90 + i * 200, y1 - 90 - bw // 3, x0 + 90 + i * 200 + 120, y1 - 60), fill=lighten(p.bottom, 0.4))


def scene_kalender(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    w, h = 520, (y1 - y0) - 10
    left = cx - w // 2
    d.rounded_rectangle((left, y0, left + w, y0 + h), radius=16, fill=p.ink)
    d.rectangle((left, y0, left + w, y0 + 50), fill=p.accent)
    small = font(20)
    marked = {22, 24, 25}
    cell = w // 7
    # May 2020 began on a Friday
    day, col, row = 1, 5, 0
    while day <= 31:
        tx, ty = left + col * cell + 10, y0 + 60 + row * ((h - 70) // 6)
        if day in marked:
            d.ellipse((tx - 4, ty - 4, tx + 34, ty + 30), outline=p.top, width=3)
        d.text((tx, ty), str(day), font=small, fill=p.top)
        day += 1
        col += 1
        if col == 7:
            col, row = 0, row + 1


def scene_bulan(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    r = min(x1 - x0, y1 - y0) // 2 - 20
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent)
    d.ellipse((cx - r + 70, cy - r - 20, cx + r + 60, cy + r - 40), fill=p.top)
    for _ in range(14):
        sx, sy = rng.randint(x0, x1), rng.randint(y0, y1)
        s = rng.randint(4, 10)
        d.polygon([(sx, sy - s * 2), (sx + s, sy), (sx, sy + s * 2), (sx - s, sy)], fill=p.ink)
    # woven diamond shapes hanging on strings
    for k, hx in enumerate((x0 + 80, x1 - 110)):
        length = 90 + 50 * k
        d.line((hx, y0, hx, y0 + length), fill=p.ink, width=3)
        top = y0 + length
        d.polygon([(hx, top), (hx + 45, top + 55), (hx, top + 110), (hx - 45, top + 55)], fill=(120, 170, 70))
        d.line((hx - 22, top + 28, hx + 22, top + 82), fill=(200, 220, 150), width=4)
        d.line((hx + 22, top + 28, hx - 22, top + 82), fill=(200, 220, 150), width=4)


def scene_tangga(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    steps = 5
    sw = (x1 - x0 - 120) // steps
    sh = (y1 - y0 - 60) // steps
    for i in range(steps):
        d.rectangle((x0 + 60 + i * sw, y1 - (i + 1) * sh, x0 + 60 + (i + 1) * sw, y1),
                    fill=lighten(p.bottom, 0.15 * i))
    d.line((x0 + 80, y1 - 40, x1 - 120, y0 + 60), fill=p.accent, width=18)
    d.polygon([(x1 - 60, y0 + 20), (x1 - 170, y0 + 40), (x1 - 110, y0 + 120)], fill=p.accent)


def _star(cx: float, cy: float, r: float, inner: float) -> list[tuple[float, float]]:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else inner
        a = math.radians(-90 + k * 36)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


def scene_bintang(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    r = min(x1 - x0, y1 - y0) // 2 - 50
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.ink)
    d.polygon(_star(cx, cy, r * 0.8, r * 0.33), fill=p.accent)
    for k in range(5):
        a = math.radians(-90 + 36 + k * 72)
        px, py = cx + (r + 32) * math.cos(a), cy + (r + 32) * math.sin(a)
        d.ellipse((px - 14, py - 14, px + 14, py + 14), fill=p.accent)


def scene_grafik(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    d.line((x0 + 80, y0 + 10, x0 + 80, y1 - 30), fill=p.ink, width=6)
    d.line((x0 + 80, y1 - 30, x1 - 60, y1 - 30), fill=p.ink, width=6)
    heights = [0.35, 0.5, 0.62, 0.7, 0.82, 0.9]
    bw = (x1 - x0 - 200) // len(heights)
    for i, hf in enumerate(heights):
        bx = x0 + 110 + i * bw
        top = y1 - 30 - hf * (y1 - y0 - 60)
        d.rectangle((bx, top, bx + bw - 30, y1 - 34), fill=p.accent if i == len(heights) - 1 else lighten(p.bottom, 0.35))
    d.line((x1 - 230, y0 + 70, x1 - 190, y0 + 110, x1 - 110, y0 + 20), fill=p.ink, width=14, joint="curve")


def scene_amplop(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    ex0, ey0, ex1, ey1 = x0 + 80, y0 + 90, x0 + 560, y1 - 20
    d.rectangle((ex0, ey0, ex1, ey1), fill=p.ink)
    d.line((ex0, ey0, (ex0 + ex1) // 2, (ey0 + ey1) // 2, ex1, ey0), fill=p.bottom, width=8)
    # a light bulb: an idea
    bx, by = x1 - 230, y0 + 130
    d.ellipse((bx - 110, by - 110, bx + 110, by + 110), fill=p.accent)
    d.rectangle((bx - 50, by + 100, bx + 50, by + 170), fill=lighten(p.top, 0.6))
    for k in range(8):
        a = math.radians(k * 45)
        d.line((bx + 140 * math.cos(a), by + 140 * math.sin(a), bx + 175 * math.cos(a), by + 175 * math.sin(a)),
               fill=p.ink, width=8)


def scene_toga(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    colors = [(200, 80, 70), (70, 120, 200), (240, 190, 60), (90, 170, 110)]
    y = y1
    for i, c in enumerate(colors):
        w = 520 - i * 40 + rng.randint(-20, 20)
        d.rectangle((cx - w // 2, y - 70, cx + w // 2, y), fill=c)
        d.rectangle((cx - w // 2 + 20, y - 55, cx + w // 2 - 20, y - 45), fill=lighten(c, 0.5))
        y -= 74
    top = y - 40
    d.polygon([(cx, top - 90), (cx + 260, top - 20), (cx, top + 50), (cx - 260, top - 20)], fill=(30, 30, 36))
    d.rectangle((cx - 120, top + 10, cx + 120, top + 70), fill=(30, 30, 36))
    d.line((cx + 200, top - 35, cx + 200, top + 90), fill=p.accent, width=8)
    d.ellipse((cx + 185, top + 85, cx + 215, top + 115), fill=p.accent)


def scene_medali(d: ImageDraw.ImageDraw, box: Box, p: Palette, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    d.polygon([(cx - 90, y0), (cx - 10, y0), (cx + 40, y0 + 150), (cx - 40, y0 + 150)], fill=(200, 40, 50))
    d.polygon([(cx + 10, y0), (cx + 90, y0), (cx + 40, y0 + 150), (cx - 40, y0 + 150)], fill=(240, 240, 240))
    r = min(110, (y1 - y0 - 150) // 2 + 20)
    cy = y0 + 150 + r - 10
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent, outline=p.ink, width=6)
    d.polygon(_star(cx, cy, r * 0.7, r * 0.3), fill=lighten(p.accent, 0.5))


SCENES: dict[str, Callable[[ImageDraw.ImageDraw, Box, Palette, random.Random], None]] = {
    "jam": scene_jam, "buku": scene_buku, "pulau": scene_pulau, "tanya": scene_tanya, "laptop": scene_laptop,
    "materi": scene_materi, "kalender": scene_kalender, "bulan": scene_bulan, "tangga": scene_tangga,
    "bintang": scene_bintang, "grafik": scene_grafik, "amplop": scene_amplop, "toga": scene_toga,
    "medali": scene_medali,
}


# --- cards ---------------------------------------------------------------------------------


def render_card(card: Card) -> Image.Image:
    """Draw one card: header band, title, subtitle, scene, footer."""
    width, height = card.size
    p = card.palette
    rng = random.Random(card.seed)
    img = gradient(card.size, p.top, p.bottom)
    d = ImageDraw.Draw(img)
    landscape = width > height
    margin = round(width * 0.06)
    # header band with the agency's short name
    band = round(height * (0.09 if landscape else 0.075))
    d.rectangle((0, 0, width, band), fill=lighten(p.top, 0.08))
    d.rectangle((0, band - 6, width, band), fill=p.accent)
    head = font(round(band * 0.42))
    d.ellipse((margin, band * 0.22, margin + band * 0.56, band * 0.78), fill=p.accent)
    d.text((margin + band * 0.75, band * 0.27), ORG, font=head, fill=p.text, stroke_width=1, stroke_fill=p.text)
    if landscape:
        text_w = round(width * 0.48)
        title_face = font(round(height * 0.075))
        y = text_block(d, (margin, band + round(height * 0.08)), wrap(d, card.title, title_face, text_w),
                       title_face, p.text, stroke=2)
        sub_face = font(round(height * 0.042))
        y = text_block(d, (margin, y + 20), wrap(d, card.subtitle, sub_face, text_w), sub_face, p.accent)
        scene_box = (width // 2 + 10, band + 30, width - margin // 2, height - round(height * 0.14))
    else:
        text_w = width - 2 * margin
        title_face = font(round(width * 0.07))
        y = text_block(d, (margin, band + round(height * 0.05)), wrap(d, card.title, title_face, text_w),
                       title_face, p.text, stroke=2, center_width=text_w)
        sub_face = font(round(width * 0.04))
        y = text_block(d, (margin, y + 10), wrap(d, card.subtitle, sub_face, text_w), sub_face, p.accent,
                       center_width=text_w)
        scene_box = (margin, y + 40, width - margin, height - round(height * 0.1))
    SCENES[card.scene](d, scene_box, p, rng)
    # footer with the agency's full name
    foot = round(height * (0.1 if landscape else 0.07))
    d.rectangle((0, height - foot, width, height), fill=lighten(p.top, 0.05))
    foot_face = font(round(foot * 0.34))
    fw = d.textlength(ORG_LONG, font=foot_face)
    d.text(((width - fw) / 2, height - foot + foot * 0.3), ORG_LONG, font=foot_face, fill=p.ink)
    return img


def save_jpeg(img: Image.Image, path: Path) -> None:
    """Save without any metadata (no EXIF, no XMP, no GPS), shrinking quality to stay small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for quality in (85, 80, 75, 70, 65, 60):
        img.save(path, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
        if path.stat().st_size <= MAX_IMAGE_BYTES:
            return
    raise SystemExit(f"{path}: still over {MAX_IMAGE_BYTES} bytes at quality 60")


# --- video ---------------------------------------------------------------------------------


def video_frame(index: int, total: int) -> Image.Image:
    """One frame of the short video: islands, a boat crossing, titles sliding in."""
    width, height = VIDEO_SIZE
    p = NAVY
    t = index / max(total - 1, 1)
    img = gradient(VIDEO_SIZE, (16, 60, 110), (90, 160, 200))
    d = ImageDraw.Draw(img)
    horizon = round(height * 0.62)
    d.rectangle((0, horizon, width, height), fill=(20, 90, 140))
    d.ellipse((width - 230, 60, width - 110, 180), fill=(255, 214, 120))
    rng = random.Random(20200612)
    for k in range(6):
        ix = 40 + k * 210 + rng.randint(-30, 30)
        iw = rng.randint(120, 190)
        d.ellipse((ix, horizon - 25, ix + iw, horizon + 25), fill=(214, 190, 130))
        d.ellipse((ix + 15, horizon - 50, ix + iw - 15, horizon + 5), fill=(50, 130, 70))
    # a boat carrying "information" from island to island
    bx = -120 + t * (width + 240)
    by = horizon + 70 + 6 * math.sin(t * 12)
    d.polygon([(bx - 70, by), (bx + 70, by), (bx + 45, by + 30), (bx - 45, by + 30)], fill=(240, 240, 240))
    d.line((bx, by, bx, by - 90), fill=(240, 240, 240), width=5)
    d.polygon([(bx + 3, by - 88), (bx + 60, by - 20), (bx + 3, by - 20)], fill=p.accent)
    for w in range(12):
        wx = (w * 130 + index * 4) % (width + 100) - 50
        d.arc((wx, horizon + 140 + (w % 3) * 40, wx + 70, horizon + 165 + (w % 3) * 40), 200, 340,
              fill=(200, 225, 240), width=3)
    d.rectangle((0, 0, width, 70), fill=(12, 40, 70))
    d.text((40, 18), ORG, font=font(34), fill=(255, 255, 255), stroke_width=1, stroke_fill=(255, 255, 255))
    slide = min(1.0, t * 3)
    title = font(58)
    lines = ["Mengenal Layanan", "Kepegawaian"]
    for n, line in enumerate(lines):
        x = -700 + slide * 760
        d.text((x, 120 + n * 70), line, font=title, fill=(255, 255, 255), stroke_width=2, stroke_fill=(12, 40, 70))
    if t > 0.45:
        sub = font(32)
        d.text((60, 290), "Melayani 14.668 PNS Provinsi NTT", font=sub, fill=p.accent)
    # progress bar
    d.rectangle((0, height - 12, round(width * t), height), fill=p.accent)
    return img


def make_video(path: Path) -> None:
    """Pipe generated frames into ffmpeg with a soft sine tone: H.264 High + AAC in MP4, no metadata."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise SystemExit("ffmpeg is not on the PATH")
    path.parent.mkdir(parents=True, exist_ok=True)
    total = VIDEO_FPS * VIDEO_SECONDS
    width, height = VIDEO_SIZE
    tone = (f"sine=frequency=440:sample_rate=44100:duration={VIDEO_SECONDS},volume=0.25,"
            f"afade=t=in:d=0.3,afade=t=out:st={VIDEO_SECONDS - 0.5}:d=0.5")
    command = [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(VIDEO_FPS), "-i", "-",
        "-f", "lavfi", "-i", tone,
        "-map", "0:v", "-map", "1:a",
        "-c:v", "libx264", "-preset", "medium", "-crf", "30", "-profile:v", "high", "-pix_fmt", "yuv420p",
        "-g", str(VIDEO_FPS * 2), "-threads", "1",
        "-c:a", "aac", "-b:a", "64k", "-ac", "1",
        "-shortest",
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-movflags", "+faststart",
        str(path),
    ]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for i in range(total):
        proc.stdin.write(video_frame(i, total).tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit(f"ffmpeg failed with exit code {proc.returncode}")
    if path.stat().st_size > MAX_VIDEO_BYTES:
        raise SystemExit(f"{path}: {path.stat().st_size} bytes, over {MAX_VIDEO_BYTES}")


# --- main ----------------------------------------------------------------------------------


def generate(content: Path) -> list[Path]:
    """Write every card and the video under ``content``; return the paths written."""
    written = []
    for card in CARDS:
        target = content / card.bundle / card.file
        save_jpeg(render_card(card), target)
        written.append(target)
    video = content / VIDEO_BUNDLE / VIDEO_FILE
    make_video(video)
    written.append(video)
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Generate the sample media, or with ``--check`` verify the committed files are reproduced."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with the files in content/")
    args = parser.parse_args(argv)
    content = ROOT / "content"
    if not args.check:
        written = generate(content)
        total = sum(p.stat().st_size for p in written)
        for path in written:
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size:>7} B")
        print(f"{len(written)} files, {total} bytes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
        differ = []
        for path in fresh:
            committed = content / path.relative_to(tmp)
            if not committed.exists() or _digest(committed) != _digest(path):
                differ.append(committed.relative_to(ROOT))
    for rel in differ:
        print(f"differs: {rel}")
    print("reproducible" if not differ else f"{len(differ)} file(s) differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
