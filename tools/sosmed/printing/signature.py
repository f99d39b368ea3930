"""Signature blocks ("Menyetujui, Kepala …", "Bidang Terkait") for printed forms and reports.

Stable API (the recap PDF uses it too)::

    from sosmed.printing.signature import ElectronicSignoff, SignatureBlock, draw_signature_row

    blocks = [
        SignatureBlock(heading=("Menyetujui,", "Kepala Badan …"), name="…", nip="1971… 2 008",
                       electronic=ElectronicSignoff(approver="…", approved_at=aware_dt,
                                                    pr_url="https://…/pull/7", content_hash="sha256:…")),
        SignatureBlock(heading=("Kupang, 13 Mei 2020", "Bidang Terkait"), name=None, nip=None),
    ]
    draw_signature_row(pdf, blocks)   # side by side, never split across pages

A block is: heading lines, a blank space for a wet signature, the name (bold, underlined;
``(.....)`` when unknown), ``NIP. …`` and, when the content was approved electronically,
small lines with the approver, the approval time (WITA by default), the pull request link
and the content hash. Blocks in one row share the same heading height so names line up.
Drawing uses the PDF's current font family (register one with
:func:`sosmed.printing.fonts.add_fonts` first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sosmed.i18n import t
from sosmed.printing.dates import WITA, long_datetime

FONT_SIZE = 10.0
SMALL_SIZE = 7.0
LINE = 5.0
SMALL_LINE = 3.4
SIGN_SPACE = 20.0
GAP = 6.0


@dataclass(frozen=True)
class ElectronicSignoff:
    """An approval given on the forge (the pull-request review) instead of ink."""

    approver: str
    approved_at: datetime
    content_hash: str
    pr_url: str | None = None
    zone: ZoneInfo = WITA


@dataclass(frozen=True)
class SignatureBlock:
    """One signatory: heading lines, then name and NIP (``None`` prints the blank ``(.....)``/``NIP.``)."""

    heading: tuple[str, ...]
    name: str | None = None
    nip: str | None = None
    electronic: ElectronicSignoff | None = None


def electronic_lines(signoff: ElectronicSignoff, lang: str | None = None) -> list[str]:
    """The printed lines of an electronic sign-off (approver, time, PR link, content hash)."""
    lines = [
        t("printing.signed_by", lang, approver=signoff.approver),
        t("printing.signed_at", lang, time=long_datetime(signoff.approved_at, signoff.zone, lang)),
    ]
    if signoff.pr_url:
        lines.append(t("printing.signed_pr", lang, url=signoff.pr_url))
    lines.append(t("printing.signed_hash", lang, hash=signoff.content_hash))
    return lines


def _text_height(pdf: FPDF, width: float, line: float, text: str) -> float:
    lines = pdf.multi_cell(width, line, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)  # output="LINES" answers the lines
    return line * max(1, len(lines))


def _heading_height(pdf: FPDF, block: SignatureBlock, width: float) -> float:
    pdf.set_font(size=FONT_SIZE, style="")
    return sum(_text_height(pdf, width, LINE, line) for line in block.heading)


def _tail_height(pdf: FPDF, block: SignatureBlock, width: float, lang: str | None) -> float:
    pdf.set_font(size=FONT_SIZE, style="B")
    height = SIGN_SPACE + _text_height(pdf, width, LINE, block.name or "(.....)")
    pdf.set_font(size=FONT_SIZE, style="")
    height += _text_height(pdf, width, LINE, _nip_line(block, lang))
    if block.electronic is not None:
        pdf.set_font(size=SMALL_SIZE, style="")
        height += 1.5 + sum(_text_height(pdf, width, SMALL_LINE, line)
                            for line in electronic_lines(block.electronic, lang))
    return height


def _nip_line(block: SignatureBlock, lang: str | None) -> str:
    return t("printing.nip", lang, nip=block.nip) if block.nip else t("printing.nip_blank", lang)


def _column_width(pdf: FPDF, count: int, width: float | None) -> float:
    total = width if width is not None else pdf.epw
    return (total - GAP * (count - 1)) / count


def row_height(pdf: FPDF, blocks: Sequence[SignatureBlock], *, width: float | None = None,
               lang: str | None = None) -> float:
    """Height (mm) the row of ``blocks`` needs at the PDF's current font family."""
    if not blocks:
        return 0.0
    column = _column_width(pdf, len(blocks), width)
    with pdf.local_context():
        heading = max(_heading_height(pdf, b, column) for b in blocks)
        tail = max(_tail_height(pdf, b, column, lang) for b in blocks)
    return heading + tail


def draw_signature_row(
    pdf: FPDF,
    blocks: Sequence[SignatureBlock],
    *,
    width: float | None = None,
    keep_together: bool = True,
    lang: str | None = None,
) -> float:
    """Draw ``blocks`` side by side from the current position; return the height used.

    With ``keep_together`` (the default) a new page is started first when the whole row
    does not fit on the current one, so a signature block is never split from its name.
    ``width`` defaults to the page's printable width.
    """
    if not blocks:
        return 0.0
    height = row_height(pdf, blocks, width=width, lang=lang)
    if keep_together and pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    column = _column_width(pdf, len(blocks), width)
    top, left = pdf.get_y(), pdf.l_margin
    auto, margin = pdf.auto_page_break, pdf.b_margin
    pdf.set_auto_page_break(False)
    try:
        with pdf.local_context():
            heading = max(_heading_height(pdf, b, column) for b in blocks)
            for number, block in enumerate(blocks):
                x = left + number * (column + GAP)
                _draw_block(pdf, block, x, top, column, heading, lang)
    finally:
        pdf.set_auto_page_break(auto, margin)
    pdf.set_xy(left, top + height)
    return height


def _line(pdf: FPDF, x: float, width: float, height: float, text: str) -> None:
    pdf.set_x(x)
    pdf.multi_cell(width, height, text, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)


def _draw_block(pdf: FPDF, block: SignatureBlock, x: float, top: float, width: float, heading: float,
                lang: str | None) -> None:
    pdf.set_xy(x, top)
    pdf.set_font(size=FONT_SIZE, style="")
    for text in block.heading:
        _line(pdf, x, width, LINE, text)
    pdf.set_y(top + heading + SIGN_SPACE)
    pdf.set_font(size=FONT_SIZE, style="BU" if block.name else "B")
    _line(pdf, x, width, LINE, block.name or "(.....)")
    pdf.set_font(size=FONT_SIZE, style="")
    _line(pdf, x, width, LINE, _nip_line(block, lang))
    if block.electronic is not None:
        pdf.set_y(pdf.get_y() + 1.5)
        pdf.set_font(size=SMALL_SIZE, style="")
        with pdf.local_context(text_color=(60, 60, 60)):
            for text in electronic_lines(block.electronic, lang):
                _line(pdf, x, width, SMALL_LINE, text)
