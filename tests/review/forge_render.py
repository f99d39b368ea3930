"""A pull-request comment as a forge shows it: Markdown rendered (CommonMark with GFM tables and
strikethrough, raw HTML allowed, by markdown-it-py), then sanitised to the HTML GitHub keeps in
user content (its allowlist of tags and attributes: no ``style``, no ``class``, no scripts, only
http(s)/mailto links), then read back as the mock-up's parts: headings, collapsed blocks with
their summary, images and quoted texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

# GitHub's sanitisation allowlist for comments (the tags and attributes a comment may keep).
TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "br", "b", "i", "strong", "em", "a", "pre", "code", "img", "tt", "div",
        "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead", "tbody", "tfoot", "blockquote", "dl", "dt",
        "dd", "kbd", "q", "samp", "var", "hr", "li", "tr", "td", "th", "s", "strike", "summary", "details",
        "caption", "figure", "figcaption", "abbr", "cite", "mark", "small", "span", "time", "wbr"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "longdesc"}, "blockquote": {"cite"},
              "*": {"align", "alt", "aria-label", "colspan", "rowspan", "height", "width", "title", "open", "lang",
                    "dir", "start", "valign"}}


def render(markdown: str) -> str:
    """The comment's HTML as the reader's browser receives it."""
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None, strip_comments=True)


@dataclass
class Block:
    """One collapsed ``<details>`` block: its summary, images (attributes) and quoted texts in order."""

    summary: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Section:
    """One item's mock-up: its heading, the text before its blocks (the facts), its blocks."""

    heading: str = ""
    facts: str = ""
    blocks: list[Block] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[Section] = [Section()]
        self.block: Block | None = None
        self.capture: list[str] | None = None
        self.where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "h4":
            self.sections.append(Section())
            self._start("heading")
        elif tag == "details":
            self.block = Block()
            self.sections[-1].blocks.append(self.block)
        elif tag == "summary":
            self._start("summary")
        elif tag == "blockquote":
            self._start("quote")
        elif tag == "br" and self.capture is not None:
            self.capture.append("\n")
        elif tag == "img" and self.block is not None:
            self.block.images.append(values)

    def _start(self, where: str) -> None:
        self.capture, self.where = [], where

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h4", "summary", "blockquote") and self.capture is not None:
            text = "".join(self.capture)
            if self.where == "heading":
                self.sections[-1].heading = text.strip()
            elif self.where == "summary" and self.block is not None:
                self.block.summary = text.strip()
            elif self.block is not None:
                self.block.quotes.append(text.strip("\n").replace("\xa0", " "))
            self.capture = None
        elif tag == "details":
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            # Source line breaks inside a block are whitespace; the text's own breaks are <br>.
            self.capture.append(data.replace("\n", "") if self.where == "quote" else data)
        if self.block is not None:
            self.block.text += data
        else:
            self.sections[-1].facts += data


def read(html: str) -> list[Section]:
    """The item sections of a rendered comment (the first holds what precedes the first item)."""
    reader = _Reader()
    reader.feed(html)
    return reader.sections
