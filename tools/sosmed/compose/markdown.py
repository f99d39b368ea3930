"""Markdown as the platforms show it: plain text, from the same parser the archive site renders with.

One parser (Python-Markdown, configured once in :func:`markdown_parser`) reads every body:
the site turns its HTML into pages, and :func:`markdown_to_plain` turns the same HTML into
the text a social post carries. What the parser understands (autolinks ``<https://…>``,
addresses ``<name@host>``, reference links, tables, escapes, entities) therefore reaches
Facebook, Instagram, X and YouTube as it reaches the site:

- paragraphs and headings are blocks separated by a blank line; a line wrapped in the
  source is one line (Markdown's soft break is a space); a hard break is a line break;
- a link is ``text (address)``, or the address alone when that is its text; ``mailto:``
  is left out of an address;
- images are left out (the platform gets the photos themselves); emphasis and code marks
  are dropped, their text kept;
- lists are ``- item`` or ``1. item``, nested items indented by two spaces;
- a table is one line per row, cells separated by `` | ``;
- a quote keeps ``> `` before each line; code blocks keep their lines;
- raw HTML contributes its text only (never a script's or a style's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

# Extensions given as classes: given by name ("tables"), Python-Markdown looks each one up among
# every installed package's entry points, which costs more than the rest of building the parser.
_EXTENSION_CLASSES: tuple[type[Extension], ...] = (
    TableExtension, FencedCodeExtension, AdmonitionExtension, SaneListExtension, TocExtension)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAK = "\x00"  # a hard line break inside a block (control characters are removed from the input)
_SKIP = frozenset({"script", "style", "template", "head", "title"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "details", "summary", "figcaption",
                     "table", "thead", "tbody", "tfoot", "hr", "section", "article", "aside", "header", "footer",
                     "figure", "dl", "caption"})


def markdown_parser() -> markdown.Markdown:
    """A Python-Markdown parser with the extensions every body is read with."""
    return markdown.Markdown(extensions=[make() for make in _EXTENSION_CLASSES], output_format="html")


_parser = markdown_parser()


def markdown_html(text: str) -> str:
    """The HTML of a Markdown text, not sanitised (the site sanitises; plain text keeps no markup)."""
    _parser.reset()
    return _parser.convert(_CONTROL.sub("", text))


@lru_cache(maxsize=1024)
def markdown_to_plain(text: str) -> str:
    """The plain text of a Markdown body, as a social post carries it (see the module docstring)."""
    reader = _PlainText()
    reader.feed(markdown_html(text))
    reader.close()
    return reader.text()


@dataclass
class _List:
    """An open list: ``ul`` or ``ol``, and the number of its next item."""

    tag: str
    number: int = 1


class _PlainText(HTMLParser):
    """Reads the parser's HTML back into blocks of plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (text, kind): kind "item"/"row" join with one newline
        self.parts: list[str] = []
        self.lists: list[_List] = []
        self.prefix = ""
        self.links: list[tuple[str, int]] = []  # (address, where its text starts in parts)
        self.cells: list[str] = []
        self.cell_start: int | None = None
        self.skip = self.pre = self.quote = 0

    def text(self) -> str:
        """Every block read, joined: list items and table rows by a newline, other blocks by a blank line."""
        self.flush()
        out: list[str] = []
        previous = ""
        for text, kind in self.blocks:
            if out:
                out.append("\n" if kind != "block" and kind == previous else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out).strip()

    def flush(self, kind: str = "block") -> None:
        raw = "".join(self.parts)
        self.parts = []
        if self.pre:
            lines = raw.strip("\n").split("\n")
        else:
            lines = [" ".join(segment.split()) for segment in raw.split(_BREAK)]
        while lines and not lines[-1]:
            lines.pop()
        prefix, self.prefix = self.prefix, ""
        if not lines or not "".join(lines).strip():
            return
        if self.quote:
            lines = ["> " * self.quote + line for line in lines]
        if self.lists:
            kind = "item"
            indent = "  " * len(self.lists)
            lines = [prefix + lines[0]] + [indent + line for line in lines[1:]]
        self.blocks.append(("\n".join(lines), kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append(_BREAK)
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag in ("ul", "ol"):
            self.flush()
            start = dict(attrs).get("start")
            self.lists.append(_List(tag, int(start) if start and start.isdigit() else 1))
        elif tag == "li":
            self.flush()
            self.prefix = self._bullet()
        elif tag in ("td", "th"):
            self.cell_start = len(self.parts)
        elif tag == "tr":
            self.cells = []
        elif tag == "pre":
            self.flush()
            self.pre += 1
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag in _BLOCKS and not (tag == "p" and self.lists):
            self.flush()

    def _bullet(self) -> str:
        current = self.lists[-1] if self.lists else _List("ul")
        indent = "  " * (len(self.lists) - 1)
        if current.tag == "ol":
            current.number += 1
            return f"{indent}{current.number - 1}. "
        return f"{indent}- "

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.links:
            self._end_link(*self.links.pop())
        elif tag in ("td", "th") and self.cell_start is not None:
            cell = " ".join("".join(self.parts[self.cell_start:]).replace(_BREAK, " ").split())
            del self.parts[self.cell_start:]
            self.cells.append(cell)
            self.cell_start = None
        elif tag == "tr":
            if any(self.cells):
                self.parts = [" | ".join(self.cells)]
                self.flush("row")
            self.cells = []
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self.flush()
        elif tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
        elif tag == "blockquote":
            self.flush()
            self.quote = max(0, self.quote - 1)
        elif tag == "p" and self.lists:
            self.parts.append(_BREAK)  # a loose item's paragraphs: one line each
        elif tag in _BLOCKS:
            self.flush()

    def _end_link(self, address: str, start: int) -> None:
        shown = address.removeprefix("mailto:")
        text = " ".join("".join(self.parts[start:]).split())
        if not shown or text in (address, shown):
            return
        self.parts.append(f" ({shown})" if text else shown)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)
