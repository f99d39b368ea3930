"""The printable Formulir Q&A as one self-contained HTML page (the same fields as the PDF)."""

from __future__ import annotations

from html import escape

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.item import Item
from sosmed.printing.signature import SignatureBlock, electronic_lines
from sosmed.publish.records import Index
from sosmed.qna.view import FormView, form_view

_STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;max-width:46rem;margin:2rem auto;position:relative}
h1{text-align:center;font-size:16pt;margin-bottom:.2rem}.meta{text-align:center;font-size:8.5pt;color:#555}
table.fields td{padding:.15rem .4rem;vertical-align:top}ol{padding-left:1.6rem}li{margin:.3rem 0}
.source{font-size:8pt;color:#555}.empty{color:#777;font-style:italic}.place{text-align:right;margin-top:2rem}
.signatures{display:flex;gap:1.5rem;break-inside:avoid;page-break-inside:avoid}
.sig{flex:1;text-align:center}.space{height:4.5rem}.name{font-weight:bold;text-decoration:underline}
.esign{font-size:7.5pt;color:#444;overflow-wrap:anywhere}.hash{font-size:7pt;color:#666;margin-top:1rem;
overflow-wrap:anywhere}
.watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:54pt;font-weight:bold;
color:rgba(200,60,60,.22);transform:rotate(-40deg);pointer-events:none}
""".strip()


def _block(block: SignatureBlock, lang: str | None) -> str:
    heading = "<br>".join(escape(line) for line in block.heading)
    name = escape(block.name) if block.name else "(.....)"
    nip = escape(t("printing.nip", lang, nip=block.nip) if block.nip else t("printing.nip_blank", lang))
    esign = ""
    if block.electronic is not None:
        esign = '<div class="esign">' + "<br>".join(escape(x) for x in electronic_lines(block.electronic, lang)) \
            + "</div>"
    return (f'<div class="sig"><div>{heading}</div><div class="space"></div>'
            f'<div class="name">{name}</div><div>{nip}</div>{esign}</div>')


def render_html(view: FormView, lang: str | None = None) -> str:
    """The HTML page of a form view."""
    questions = "".join(
        f'<li>{escape(q.text)}<div class="source">{escape(q.source)}</div></li>' for q in view.questions)
    answers = "".join(
        f"<li>{escape(q.answer)}</li>" if q.answer else
        f'<li class="empty">{escape(t("qna.print.no_answer", lang))}</li>' for q in view.questions)
    watermark = f'<div class="watermark">{escape(view.watermark)}</div>' if view.watermark else ""
    lang_attr = lang or "id"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_attr}"><head><meta charset="utf-8">'
        f"<title>{escape(view.title)} {escape(view.form_id)}</title><style>{_STYLE}</style></head><body>"
        f"{watermark}<h1>{escape(view.title)}</h1>"
        f'<div class="meta">{escape(t("qna.print.number", lang, id=view.form_id, received=view.received))}</div>'
        f'<table class="fields"><tr><td>{escape(t("qna.print.officer", lang))}</td><td>:</td>'
        f"<td>{escape(view.officer)}</td></tr><tr><td>{escape(t('qna.print.division', lang))}</td><td>:</td>"
        f"<td>{escape(view.division)}</td></tr></table>"
        f"<h2>{escape(t('qna.print.questions', lang))}</h2><ol>{questions}</ol>"
        f"<h2>{escape(t('qna.print.answers', lang))}</h2><ol>{answers}</ol>"
        f'<div class="place">{escape(view.place_date)}</div>'
        f'<div class="signatures">{_block(view.kepala, lang)}{_block(view.bidang, lang)}</div>'
        f'<div class="hash">{escape(t("qna.print.hash_note", lang, hash=view.content_hash))}</div>'
        "</body></html>\n"
    )


def form_html(item: Item, config: Config, index: Index | None = None, lang: str | None = None) -> str:
    """The printable HTML of a Q&A form, with the ledger's electronic sign-off when there is one."""
    return render_html(form_view(item, config, index, lang), lang)
