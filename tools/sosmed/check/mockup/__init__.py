"""The PR report's mock-ups: per item, one collapsed block per platform, as it will appear.

For a post: when it goes out (the instance's zone, WITA), its strategy, bidang, sources,
credits and archive page; per platform the exact text (the publisher's composer), the photos
in order (Instagram: as fitted to its ratio, or the pad/crop prepare will apply) or the video
with its still and duration, and YouTube's title, privacy and tags. For a Q&A form: its facts
and per platform the questions with the replies they will receive. Everything a finding found
and any personal data is masked (:class:`sosmed.check.shown.Shown`).

Images are ``<img>`` tags whose address comes from ``links`` (a file's repository path → URL):
the PR review passes the forge's address of the file at the pull request's head commit,
``sosmed check --format markdown`` the path relative to the repository root. Markup stays
within what GitHub and Forgejo keep in a comment (``<details>``, ``<summary>``, ``<img width>``,
``<blockquote>``, ``<br>``, Markdown lists) and reads on a 360 px phone.
"""

from __future__ import annotations

from sosmed.check.engine import CheckResult
from sosmed.check.mockup.forms import form_mockup
from sosmed.check.mockup.posts import post_mockup
from sosmed.check.mockup.view import MediaLinks, View, local_links
from sosmed.check.shown import Shown
from sosmed.config.schema import Config
from sosmed.i18n import count, t
from sosmed.model.item import Item

__all__ = ["MediaLinks", "local_links", "render_mockups"]


def _shown_items(result: CheckResult) -> list[Item]:
    items = [i for i in result.items if i.kind == "qna" or i.post.status == "active"]
    return sorted(items, key=lambda i: (i.kind != "post", i.display))


def render_mockups(result: CheckResult, config: Config, shown: Shown, *, links: MediaLinks | None = local_links,
                   lang: str | None = None, budget: int | None = None) -> list[str]:
    """The mock-ups of every active post and every form checked, as Markdown lines.

    ``budget`` caps the characters (a forge comment has a size limit): items that no longer
    fit are named in a closing line instead of shown.
    """
    items = _shown_items(result)
    if not items:
        return []
    view = View(config, shown, links, lang)
    out = [f"### {t('report.previews', lang)}", ""]
    used, left = sum(len(line) + 1 for line in out), []
    for item in items:
        lines = post_mockup(item, view) if item.kind == "post" else form_mockup(item, view)
        size = sum(len(line) + 1 for line in lines)
        if budget is not None and used + size > budget:
            left.append(item)
            continue
        out += lines
        used += size
    if left:
        out += [t("mockup.over_budget", lang, items=count("mockup.count.item", len(left), lang),
                  files=", ".join(f"`{i.display}`" for i in left)), ""]
    return out
