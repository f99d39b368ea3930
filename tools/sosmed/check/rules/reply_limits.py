"""Q&A: an answer is posted as a reply on the platform the question came from, so it must fit there.

X replies follow the weighted length (280); the comment limits of the other platforms
(Facebook 8,000, Instagram 2,200, YouTube 10,000 characters) are long-standing practice.
"""

from __future__ import annotations

from collections.abc import Iterator

from sosmed.check.rule import RuleContext
from sosmed.compose import compose_reply
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import SOCIAL, TEXT_LIMITS, label

ID = "reply-limits"
FBS = None
LEVEL = "error"
APPLIES_TO = ("qna",)
OPTIONS: dict[str, type] = {"x_weighted": int, "facebook_chars": int, "instagram_chars": int, "youtube_chars": int}
DEFAULTS = {"x_weighted": TEXT_LIMITS["x_weighted"], "facebook_chars": TEXT_LIMITS["facebook_comment_chars"],
            "instagram_chars": TEXT_LIMITS["instagram_comment_chars"],
            "youtube_chars": TEXT_LIMITS["youtube_comment_chars"]}
DOC = {
    "id": "Formulir Q&A: jawaban diunggah sebagai balasan di platform asal pertanyaan, jadi harus muat di sana "
          "(X 280 berbobot; Facebook 8.000, Instagram 2.200, YouTube 10.000 karakter).",
    "en": "Q&A forms: an answer is posted as a reply on the question's platform, so it must fit there "
          "(X 280 weighted; Facebook 8,000, Instagram 2,200, YouTube 10,000 characters).",
}


def check(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    """Report answers longer than their platform's reply limit."""
    options = ctx.options
    limits = {
        "x_weighted": options["x_weighted"],
        "facebook_comment_chars": options["facebook_chars"],
        "instagram_comment_chars": options["instagram_chars"],
        "youtube_comment_chars": options["youtube_chars"],
    }
    for index, question in enumerate(item.form.questions):
        if question.platform not in SOCIAL or not question.answered:
            continue
        composed = compose_reply(item, index, ctx.config, limits)
        for _kind, numbers in composed.problems():
            yield ctx.problem(item, "rules.reply_limits.length", loc=("questions", index, "answer"),
                              number=index + 1, platform=label(question.platform), **numbers)
