"""The printable Formulir Q&A as PDF (Gambar 5 of the guideline), built with fpdf2.

Layout: the heading "Formulir Q & A"; officer and division; the numbered questions,
each with a small source line (platform, time received, asker, link); the numbered
answers; "Kupang, <date>" and the two signature blocks side by side, kept together on
one page. An unsigned form carries "BELUM DISETUJUI" across every page.
"""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.item import Item
from sosmed.printing.document import SosmedPdf, new_pdf
from sosmed.printing.signature import LINE, draw_signature_row, row_height
from sosmed.publish.records import Index
from sosmed.qna.view import FormView, form_view

LABEL_WIDTH = 58.0
NUMBER_WIDTH = 8.0


def _field(pdf: SosmedPdf, label: str, value: str) -> None:
    pdf.set_font(size=10, style="")
    pdf.cell(LABEL_WIDTH, 6, label)
    pdf.cell(4, 6, ":")
    pdf.multi_cell(0, 6, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _numbered(pdf: SosmedPdf, label: str, entries: list[tuple[int, str, str | None]], empty: str) -> None:
    """A label ("Pertanyaan") then ``1. text`` entries, each with an optional small note line."""
    pdf.ln(2)
    pdf.set_font(size=10, style="B")
    pdf.cell(0, 6, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    indent = pdf.l_margin + NUMBER_WIDTH
    width = pdf.epw - NUMBER_WIDTH
    for number, text, note in entries:
        if pdf.get_y() + 2 * LINE > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font(size=10, style="")
        pdf.set_x(pdf.l_margin)
        pdf.cell(NUMBER_WIDTH, LINE, f"{number}.")
        pdf.set_x(indent)
        if text:
            pdf.multi_cell(width, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            with pdf.local_context(text_color=(120, 120, 120)):
                pdf.set_font(style="I")
                pdf.multi_cell(width, LINE, empty, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if note:
            pdf.set_x(indent)
            with pdf.local_context(text_color=(90, 90, 90)):
                pdf.set_font(size=7.5, style="")
                pdf.multi_cell(width, 3.6, note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)


def render_pdf(view: FormView, lang: str | None = None) -> bytes:
    """The PDF bytes of a form view."""
    pdf = new_pdf(f"{view.title} {view.form_id}", author=view.officer, watermark=view.watermark, lang=lang)
    pdf.add_page()
    pdf.set_font(size=15, style="B")
    pdf.cell(0, 9, view.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=8.5, style="")
    pdf.cell(0, 5, t("qna.print.number", lang, id=view.form_id, received=view.received), align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    _field(pdf, t("qna.print.officer", lang), view.officer)
    _field(pdf, t("qna.print.division", lang), view.division)
    _numbered(pdf, t("qna.print.questions", lang),
              [(q.number, q.text, q.source) for q in view.questions], "")
    _numbered(pdf, t("qna.print.answers", lang),
              [(q.number, q.answer, None) for q in view.questions], t("qna.print.no_answer", lang))
    pdf.ln(6)
    blocks = [view.kepala, view.bidang]
    # The place/date line belongs to the signatures: it moves to the next page with them.
    if pdf.get_y() + LINE + 2 + row_height(pdf, blocks, lang=lang) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(size=10, style="")
    pdf.cell(0, LINE, view.place_date, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    draw_signature_row(pdf, blocks, lang=lang)
    pdf.ln(4)
    pdf.set_font(size=7, style="")
    with pdf.local_context(text_color=(110, 110, 110)):
        pdf.multi_cell(0, 3.4, t("qna.print.hash_note", lang, hash=view.content_hash),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def form_pdf(item: Item, config: Config, index: Index | None = None, lang: str | None = None) -> bytes:
    """The printable PDF of a Q&A form, with the ledger's electronic sign-off when there is one."""
    return render_pdf(form_view(item, config, index, lang), lang)
