"""Embedded TrueType fonts for PDFs.

DejaVu Sans (Debian/Ubuntu package ``fonts-dejavu-core``) covers Indonesian and the
typographic characters people paste from phones; fpdf2 embeds a subset of it in each PDF,
so the printout looks the same everywhere. ``SOSMED_FONT_DIR`` points elsewhere when the
fonts live in another folder (e.g. macOS, Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

from fpdf import FPDF

from sosmed.errors import SosmedError

FAMILY = "DejaVu"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_PACKAGE = "fonts-dejavu-core"

# fpdf2 style → file name inside the font folder.
_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}


def font_dir() -> Path:
    """The folder holding the DejaVu TTF files (``SOSMED_FONT_DIR`` or the Debian location)."""
    configured = os.environ.get("SOSMED_FONT_DIR")
    return Path(configured) if configured else DEFAULT_FONT_DIR


def add_fonts(pdf: FPDF) -> str:
    """Register regular, bold, italic and bold-italic DejaVu Sans on ``pdf``; return the family name.

    Raises :class:`~sosmed.errors.SosmedError` (``printing.font_missing``) naming the file
    and the package to install when a font file is absent.
    """
    folder = font_dir()
    for style, name in _FILES.items():
        path = folder / name
        if not path.is_file():
            raise SosmedError("printing.font_missing", path=str(path), package=FONT_PACKAGE)
        pdf.add_font(FAMILY, style=style, fname=str(path))
    return FAMILY
