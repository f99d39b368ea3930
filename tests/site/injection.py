"""A sample instance whose every public text field holds script-injection payloads, and the checks of
what a real build made of it (HTML parsed with the standard library's parser, feeds parsed as XML).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from sosmed.safeurl import scheme_of
from tests.site.helpers import copy_instance

MARK = "__pwned"
PAYLOADS = [
    f"<script>window.{MARK}=1</script>",
    f'<img src=x onerror="window.{MARK}=1">',
    f'"><script>window.{MARK}=1</script>',
    f"'><svg onload=window.{MARK}=1>",
    f"[x](javascript:window.{MARK}=1)",
    f"[x](JaVaScRiPt:window.{MARK}=1)",
    f"[x](java&#x09;script:window.{MARK}=1)",
    "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "[x](vbscript:msgbox(1))",
    f"<javascript:window.{MARK}=1>",
    f'<a href="javascript:window.{MARK}=1">a</a>',
    f'<iframe src="javascript:window.{MARK}=1"></iframe>',
    f'<a href="&#106;avascript:window.{MARK}=1">e</a>',
]
ALL = " ".join(PAYLOADS)
POST_FOLDER = "content/2020/05/2020-05-30-uji-injeksi"
POST_URL = "2020/05/2020-05-30-uji-injeksi/"
FORM_URL = "qna/QA-2020-05-0009/"
RECAP_URL = "rekap/2020-05/"
TAG_SLUG = "script-window-pwned-1-script"


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def write_payload_instance(root: Path) -> Path:
    """The sample instance plus one post, one public form and one recap full of payloads."""
    copy_instance(root, posts=())
    folder = root / POST_FOLDER
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), (30, 90, 160)).save(folder / "foto.jpg", quality=80)
    front = f"""---
title: {_q("Uji " + PAYLOADS[2])}
date: 2020-05-30T09:00:00+08:00
platforms: [facebook]
strategy: talking
bidang: mutasi
tags: [{_q(PAYLOADS[0])}, {_q(PAYLOADS[4])}]
summary: {_q(ALL)}
sources:
  - title: {_q(PAYLOADS[1])}
    url: {_q("javascript:window." + MARK + "=1")}
  - title: Data URL
    url: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
  - title: Laman resmi
    url: https://bkd.nttprov.go.id/
media:
  - file: foto.jpg
    alt: {_q("Foto " + PAYLOADS[2])}
    caption: {_q(PAYLOADS[3])}
    credit: {_q(PAYLOADS[1])}
credits:
  author: {_q(PAYLOADS[0])}
  contributor: {_q(PAYLOADS[2])}
corrections:
  - date: 2020-05-31T08:00:00+08:00
    text: {_q(PAYLOADS[1])}
---

Paragraf pembuka.

""" + "\n\n".join(PAYLOADS) + "\n\n[y][r]\n\n[r]: javascript:window.__pwned=1\n"
    (folder / "index.md").write_text(front, encoding="utf-8")
    form = root / "qna" / "mutasi" / "2020" / "QA-2020-05-0009.md"
    form.write_text(f"""---
id: QA-2020-05-0009
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-20 10:00
questions:
  - text: {_q(PAYLOADS[2] + " " + PAYLOADS[4] + " kapan mutasi?")}
    platform: facebook
    comment_id: "1_2"
    asker: warga_uji
    answer: {_q("Bulan depan. " + PAYLOADS[1] + " " + PAYLOADS[5])}
public: true
---
""", encoding="utf-8")
    (root / "recaps").mkdir(exist_ok=True)
    (root / "recaps" / "2020-05.md").write_text(
        f"---\ntitle: {_q('Rekap ' + PAYLOADS[2])}\n---\n\n# Rekap Mei\n\n" + "\n\n".join(PAYLOADS) + "\n",
        encoding="utf-8")
    return root


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Elements:
    """The elements of an HTML document."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href")


def unsafe_parts(html: str) -> list[str]:
    """What in ``html`` could run script: payload scripts, on* attributes, script-capable tags, bad URLs."""
    doc = parse(html)
    bad = [f"script: {s[:60]}" for s in doc.scripts if MARK in s]
    for tag, attrs in doc.tags:
        if tag in ("iframe", "object", "embed", "frame", "applet"):
            bad.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                bad.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and scheme_of(value) not in (None, "http", "https", "mailto"):
                bad.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script" and MARK in attrs.get("src", ""):
            bad.append("<script src>")
    return bad


def meta_description(html: str) -> str | None:
    """The content of ``<meta name="description">`` as a browser reads it."""
    for tag, attrs in parse(html).tags:
        if tag == "meta" and attrs.get("name") == "description":
            return attrs.get("content")
    return None


def title_text(html: str) -> str:
    """The text of ``<title>``."""
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no <title>"
    return match.group(1)
