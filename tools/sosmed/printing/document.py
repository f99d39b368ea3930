"""An A4 portrait PDF with embedded fonts, page numbers and an optional watermark on every page."""

from __future__ import annotations

from fpdf import FPDF

from sosmed.i18n import t
from sosmed.printing.fonts import add_fonts


class SosmedPdf(FPDF):
    """FPDF with a footer "Halaman n dari m" and a diagonal watermark drawn under each page's content."""

    def __init__(self, *, watermark: str | None = None, lang: str | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.watermark = watermark
        self.text_lang = lang
        self.family = add_fonts(self)
        self.alias_nb_pages()
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=18)

    def header(self) -> None:
        # Drawn first on every page, so the content covers it and no page escapes it.
        if not self.watermark:
            return
        with self.local_context():
            self.set_font(self.family, "B", 54)
            self.set_text_color(222, 160, 160)
            width = self.get_string_width(self.watermark)
            cx, cy = self.w / 2, self.h / 2
            with self.rotation(angle=50, x=cx, y=cy):
                self.text(cx - width / 2, cy + 8, self.watermark)

    def footer(self) -> None:
        with self.local_context():
            self.set_y(-12)
            self.set_font(self.family, "", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, t("printing.page", self.text_lang, page=self.page_no(), pages="{nb}"), align="C")


def new_pdf(
    title: str,
    *,
    author: str | None = None,
    watermark: str | None = None,
    lang: str | None = None,
) -> SosmedPdf:
    """A new A4 document with DejaVu Sans embedded and metadata set; call ``add_page()`` next.

    ``watermark`` (e.g. ``t("printing.unsigned")``) is drawn diagonally across every page.
    The document's font family name is ``pdf.family``.
    """
    pdf = SosmedPdf(watermark=watermark, lang=lang)
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creator("sosmed")
    pdf.set_font(pdf.family, "", 10)
    return pdf
