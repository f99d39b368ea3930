"""Share images for archive links: a card with the title when a page has no photo of its own.

A link to the archive shared on Facebook, X or WhatsApp shows the page's ``og:image``. A post
with photos shows its first photo; every other page (and a post without a photo) gets a
1200×630 card drawn here: the agency's colour, the page title and the organisation's name.
Cards are PNG (the platforms do not read SVG) and cached by their text.
"""

from __future__ import annotations

import hashlib
import os
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sosmed.printing.fonts import font_dir

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (21, 101, 192)  # the site's primary colour (#1565c0)
FOREGROUND = (255, 255, 255)
CARD_VERSION = "1"


def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _lines(title: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, most: int) -> list[str]:
    """The title wrapped to ``width`` pixels, at most ``most`` lines (the last one cut with an ellipsis)."""
    for chars in range(40, 10, -2):
        lines = textwrap.wrap(title, chars)
        if all(font.getlength(line) <= width for line in lines):
            break
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return lines


def draw_card(title: str, organisation: str, dest: Path) -> None:
    """Write the share card of ``title`` to ``dest`` (PNG)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    heading = _font(64, bold=True)
    y = 110
    for line in _lines(title, heading, WIDTH - 160, 5):
        draw.text((80, y), line, font=heading, fill=FOREGROUND)
        y += 80
    draw.rectangle((80, HEIGHT - 130, 200, HEIGHT - 124), fill=FOREGROUND)
    size = 34
    while size > 18 and _font(size, bold=False).getlength(organisation) > WIDTH - 160:
        size -= 2
    draw.text((80, HEIGHT - 105), organisation, font=_font(size, bold=False), fill=FOREGROUND)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    image.save(tmp, format="PNG", optimize=True)
    os.replace(tmp, dest)


def card(title: str, organisation: str, cache: Path) -> Path:
    """The cached card of ``title`` (drawn on first use)."""
    key = hashlib.sha1(f"{CARD_VERSION}|{title}|{organisation}".encode()).hexdigest()[:24]
    dest = cache / "cards" / f"{key}.png"
    if not dest.is_file():
        draw_card(title, organisation, dest)
    return dest
