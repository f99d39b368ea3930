"""The reviewer checklist (pull-request template) and the check that its manual boxes are ticked.

Each manual item carries an HTML comment marker ``<!-- fbs-manual:N -->`` so the check
recognises it in any language and after any rewording around it.
"""

from __future__ import annotations

import re

from sosmed.check.fbs import MANUAL, POINTS, automated, rules_for
from sosmed.i18n import t

_MARKER = re.compile(r"^\s*[-*]\s*\[(?P<mark>[ xX])\]\s.*<!--\s*fbs-manual:(?P<point>\d)\s*-->", re.MULTILINE)


def render_checklist(lang: str | None = None) -> str:
    """The pull-request template: what the system will check (its result comes in the report, never ticked
    beforehand) and a box for every part only a person can judge."""
    lines = [t("checklist.marker", lang), "", t("checklist.heading", lang), "", t("checklist.intro", lang), ""]
    lines += [f"### {t('checklist.automated_heading', lang)}", ""]
    for point in POINTS:
        if automated(point):
            rules = ", ".join(f"`{rule.ID}`" for rule in rules_for(point))
            lines.append(f"- 🤖 **{point}. {t(f'fbs.point.{point}', lang)}** — "
                         f"{t('checklist.automated', lang, rules=rules)}")
    lines += ["", f"### {t('checklist.manual_heading', lang)}", "", t("checklist.manual_intro", lang), ""]
    for point in MANUAL:
        lines.append(f"- [ ] **{point}. {t(f'fbs.point.{point}', lang)}** — {t(f'fbs.manual.{point}', lang)} "
                     f"<!-- fbs-manual:{point} -->")
    lines += ["", t("checklist.footer", lang), ""]
    return "\n".join(lines)


def unticked(body: str) -> tuple[list[int], list[int]]:
    """(points whose box is not ticked, points whose item is missing) in a pull-request body."""
    seen: dict[int, bool] = {}
    for match in _MARKER.finditer(body):
        point = int(match.group("point"))
        seen[point] = seen.get(point, True) and match.group("mark") in "xX"
    open_points = [point for point in MANUAL if point in seen and not seen[point]]
    missing = [point for point in MANUAL if point not in seen]
    return open_points, missing
