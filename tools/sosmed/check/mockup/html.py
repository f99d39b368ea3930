"""Writing within what GitHub and Forgejo render in a comment: Markdown, ``<details>``, ``<img width>``.

Text a platform receives is shown as one HTML block (``<blockquote>``): escaped, so nothing
in it is read as Markdown or markup, with its line breaks kept and its long lines wrapping on a
phone (a fenced block would not wrap). Forges turn ``@name`` into a notification of their user
of that name and ``#12`` into a link to issue 12 wherever they occur in a rendered comment,
so a word joiner (U+2060, invisible) is put after ``@`` and ``#``: the text reads exactly as
it will be posted, and nobody on the forge is pinged by a caption.
"""

from __future__ import annotations

import html
import re

WORD_JOINER = "\u2060"
IMAGE_WIDTH = 280  # fits a 360 px phone inside a list in a collapsed block
_REFERENCE = re.compile(r"(?<!\w)([@#])(?=\w)")
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#!])")
_SPACES = re.compile(r"(?<= ) |^ ")


def unlinked(text: str) -> str:
    """``text`` with forge auto-references (``@user``, ``#12``) broken by an invisible word joiner."""
    return _REFERENCE.sub(lambda m: m.group(1) + WORD_JOINER, text)


def inline(text: str) -> str:
    """``text`` safe inside a Markdown paragraph, heading or list item: read literally, one line."""
    flat = " ".join(text.split())
    return unlinked(_INLINE.sub(r"\\\1", flat))


def code(text: str) -> str:
    """``text`` as inline code (a file name, a path)."""
    flat = " ".join(text.split())
    fence = "``" if "`" in flat else "`"
    return f"{fence}{flat}{fence}" if fence == "`" else f"{fence} {flat} {fence}"


def _html_line(line: str) -> str:
    escaped = unlinked(html.escape(line, quote=False))
    return _SPACES.sub("&nbsp;", escaped)


def text_block(text: str) -> list[str]:
    """The exact ``text`` as one HTML block: escaped, line breaks kept, no blank line inside."""
    lines = [_html_line(line.rstrip()) for line in text.strip("\n").split("\n")]
    body = [f"{line}<br>" for line in lines[:-1]] + [lines[-1]]
    return ["<blockquote>", *body, "</blockquote>"]


def image(url: str, alt: str, width: int = IMAGE_WIDTH) -> str:
    """An ``<img>`` tag the forges keep (``src``, ``width``, ``alt``)."""
    return f'<img src="{html.escape(url)}" width="{width}" alt="{html.escape(" ".join(alt.split()))}">'


def summary(*parts: str) -> str:
    """The opening of a collapsed block; its first part (a platform's name) in bold."""
    head, *rest = parts
    text = " · ".join([f"<b>{html.escape(head)}</b>", *(html.escape(p, quote=False) for p in rest if p)])
    return f"<details><summary>{text}</summary>"


def number(value: float, lang: str | None, digits: int = 2) -> str:
    """``1,33`` (Indonesian) or ``1.33`` (English)."""
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def duration(seconds: float) -> str:
    """``1:05`` or ``1:02:03``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
