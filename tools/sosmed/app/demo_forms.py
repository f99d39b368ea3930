"""The Q&A side of the demo: the sample's questions as citizens' comments, and the division's answers.

A sample form names comments on the real platforms (``comment_id``, ``link``); in the demo each
question is asked again on the sandbox, under the agency's latest post on that platform, so the
form the office finally merges is the sample's own text with the sandbox's comment ids and links
(what ``sosmed qna collect`` read there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from sosmed.model.item import Item
from sosmed.qna.formfile import scalar


@dataclass(frozen=True)
class Asked:
    """A sample question as it was asked on the sandbox: the comment's id there, and its link."""

    form: str
    number: int
    platform: str
    comment_id: str
    link: str | None = None


def latest_post(live: dict[tuple[str, str], dict[str, Any]], platform: str, before: datetime) -> str | None:
    """The platform id of the agency's latest post on ``platform`` published before ``before``.

    ``live`` is the ledger index's live map ((item, platform) → success record); replies and the
    website do not count.
    """
    best: tuple[str, str] | None = None
    for (item, where), record in live.items():
        receipt = record.get("receipt") or {}
        moment = str(receipt.get("time") or record.get("time") or "")
        if where != platform or "#" in item or not moment:
            continue
        if datetime.fromisoformat(moment) <= before and (best is None or moment > best[0]):
            best = (moment, str(receipt["id"]))
    return best[1] if best else None


def collected_links(paths: list[Path]) -> dict[str, str | None]:
    """comment id → link, as ``sosmed qna collect`` wrote them into its draft forms."""
    found: dict[str, str | None] = {}
    for path in paths:
        front = path.read_text(encoding="utf-8").split("---", 2)[1]
        for question in (yaml.safe_load(front) or {}).get("questions") or []:
            if question.get("comment_id"):
                found[str(question["comment_id"])] = question.get("link")
    return found


def answered_text(form: Item, asked: dict[int, Asked]) -> str:
    """The sample form's text with each question's comment id and link on the sandbox.

    Only those two values change: the answers, ``draft`` and ``public`` are the division's, as the
    sample has them.
    """
    text = form.path.read_text(encoding="utf-8")
    for number, question in enumerate(form.form.questions, 1):
        made = asked.get(number)
        if made is None or not question.comment_id:
            continue
        pattern = re.compile(rf'comment_id: "?{re.escape(question.comment_id)}"?')
        found = pattern.search(text)
        if found:
            text = text[:found.start()] + f"comment_id: {scalar(made.comment_id)}" + text[found.end():]
        if question.link:
            link = made.link or question.link
            text = text.replace(f"link: {question.link}", f"link: {scalar(link)}", 1)
    return text
