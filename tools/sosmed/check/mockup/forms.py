"""A Q&A form's mock-up: the form's facts, then per platform the citizens' questions as asked
(masked, handles too) and the reply each will receive under its comment
(:func:`sosmed.compose.compose_reply`, the publisher's own text). A question that came by
WhatsApp, telephone, e-mail or in person is answered outside the platforms: its block says so."""

from __future__ import annotations

from sosmed.check.mockup.facts import field, link
from sosmed.check.mockup.html import code, inline, summary
from sosmed.check.mockup.posts import shown_text
from sosmed.check.mockup.view import View
from sosmed.compose import compose_reply
from sosmed.i18n import count, t
from sosmed.model.item import Item
from sosmed.model.qna import Question
from sosmed.printing.dates import long_datetime
from sosmed.privacy import ALL_KINDS
from sosmed.specs import SOCIAL, label


def _facts(item: Item, view: View) -> list[str]:
    form, lang, config = item.form, view.lang, view.config
    division = config.division(form.bidang)
    received = long_datetime(form.received, config.zone, lang)
    if form.place:
        received += f", {inline(view.shown(form.place))}"
    head = division.head.name if division else "?"
    out = [field(t("mockup.form.officer", lang), inline(view.shown(form.officer))),
           field(t("mockup.field.bidang", lang), inline(division.name if division else form.bidang)),
           field(t("mockup.form.received", lang), received),
           field(t("mockup.form.approvers", lang),
                 t("mockup.form.approvers_text", lang, head=inline(head), kepala=inline(config.kepala.name))),
           field(t("mockup.form.faq", lang), t("mockup.form.faq_yes" if form.public else "mockup.form.faq_no", lang))]
    if form.draft:
        out.append(field(t("mockup.form.status", lang), t("mockup.form.draft", lang)))
    return out


def _question(item: Item, index: int, question: Question, view: View) -> list[str]:
    lang = view.lang
    head = [f"**{t('mockup.form.question', lang, n=index + 1)}**"]
    if question.asker:
        head.append(inline(view.shown("@" + question.asker.lstrip("@"), ALL_KINDS)))
    if question.received_at is not None:
        head.append(long_datetime(question.received_at, view.config.zone, lang))
    if question.link:
        head.append(link(t("mockup.form.original", lang), question.link, view))
    out = [" · ".join(head), "", *shown_question(question.text, view), ""]
    if not (question.answer or "").strip():
        return out + [f"**{t('mockup.form.answer', lang)}** · {t('mockup.form.unanswered', lang)}", ""]
    if question.platform in SOCIAL:
        reply = compose_reply(item, index, view.config)
        mark = "❌" if reply.over_limit else "✅"
        out += [f"**{t('mockup.form.reply', lang)}** · {reply.measure_in(lang)} {mark}", ""]
    else:
        out += [f"**{t('mockup.form.answer', lang)}** · {t('mockup.form.offline', lang)}", ""]
    return out + shown_text(question.answer or "", view) + [""]


def shown_question(text: str, view: View) -> list[str]:
    """A citizen's question: masked with handles (a private person's @name), shown as asked."""
    masked = view.shown(text, ALL_KINDS)
    return shown_text(masked, view)


def _source(platform: str, lang: str | None) -> str:
    return label(platform) if platform in SOCIAL else t(f"mockup.source.{platform}", lang)


def form_mockup(item: Item, view: View) -> list[str]:
    """The facts of a Q&A form and one collapsed block per platform its questions came from."""
    form, lang = item.form, view.lang
    division = view.config.division(form.bidang)
    out = [f"#### 💬 {form.id} — {inline(division.name if division else form.bidang)}", "", code(item.display), ""]
    out += _facts(item, view) + [""]
    groups: dict[str, list[int]] = {}
    for index, question in enumerate(form.questions):
        groups.setdefault(question.platform, []).append(index)
    for platform, indexes in groups.items():
        answered = sum(1 for i in indexes if (form.questions[i].answer or "").strip())
        out += [summary(_source(platform, lang), count("mockup.count.question", len(indexes), lang),
                        t("mockup.count.answered", lang, n=answered)), ""]
        for index in indexes:
            out += _question(item, index, form.questions[index], view)
        out += ["</details>", ""]
    return out
