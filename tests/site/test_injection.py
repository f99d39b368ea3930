"""Injection payloads in every public text field are inert on every page, in the feeds and the search index.

One real MkDocs build of the sample instance plus a post (title, summary, tags, body, sources,
credits, alt text, caption, correction), a public Q&A form (question, answer) and a recap, all
full of payloads (``tests/site/injection.py``). The built HTML is parsed with the standard
library's HTML parser: no script we did not emit, no ``on*`` attribute, no ``javascript:``/
``data:``/``vbscript:`` URL anywhere, ``<title>`` and the meta description are escaped text.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sosmed.site.html import external
from tests.site.helpers import build, page
from tests.site.injection import (
    ALL,
    FORM_URL,
    MARK,
    PAYLOADS,
    POST_URL,
    RECAP_URL,
    TAG_SLUG,
    meta_description,
    parse,
    title_text,
    unsafe_parts,
    write_payload_instance,
)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_payload_instance(tmp_path_factory.mktemp("payloads") / "instance")
    return build(root, root / "site").out


def test_no_page_of_the_site_can_run_a_payload(payload_site: Path) -> None:
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 20
    problems = {str(p.relative_to(payload_site)): bad for p in pages if (bad := unsafe_parts(p.read_text("utf-8")))}
    assert problems == {}
    for url in (POST_URL, FORM_URL, RECAP_URL, "", "tanya-jawab/", "tanya-jawab/mutasi/", f"tag/{TAG_SLUG}/",
                "2020/05/", "bidang/mutasi/", "rekap/", "tag/"):
        assert unsafe_parts(page(payload_site, url)) == [], url


def test_payloads_are_shown_as_text(payload_site: Path) -> None:
    post = page(payload_site, POST_URL)
    assert '<h1>Uji "&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</h1>' in post
    # The body's raw HTML is removed, Markdown links to script schemes lose their target.
    assert "<p>[x](javascript:" not in post and "href=\"javascript" not in post.lower()
    form = page(payload_site, FORM_URL)
    assert '"&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; [x](javascript:window.__pwned=1) kapan' in form
    assert "warga_uji" not in form


def test_title_and_meta_description_are_escaped_text(payload_site: Path) -> None:
    post = page(payload_site, POST_URL)
    assert title_text(post).startswith("Uji &#34;&gt;&lt;script&gt;")
    assert meta_description(post) == " ".join(ALL.split())  # the browser reads the text back, nothing more
    form = page(payload_site, FORM_URL)
    assert meta_description(form) == f'"><script>window.{MARK}=1</script> [x](javascript:window.{MARK}=1) kapan mutasi?'
    assert title_text(page(payload_site, RECAP_URL)).startswith("Rekap &#34;&gt;&lt;script&gt;")


def test_feeds_hold_only_text(payload_site: Path) -> None:
    for feed in ("feed.xml", "tanya-jawab/feed.xml"):
        tree = ET.parse(payload_site / feed)
        texts = [el.text or "" for el in tree.iter() if el.tag in ("title", "description", "category")]
        joined = "\n".join(texts)
        assert MARK in joined, feed  # the payload items are in the feed …
        for text in texts:
            assert parse(text).tags == [], (feed, text[:80])  # … and a reader rendering HTML sees text only
        for link in tree.iter("link"):
            assert (link.text or "").startswith("https://bkd-ntt.example.org/arsip/")


def test_search_index_holds_payloads_as_text_only(payload_site: Path) -> None:
    fragments = []
    for path in (payload_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{"):]))
    post = next(f for f in fragments if f["url"].endswith(POST_URL))
    assert post["meta"]["title"] == "Uji " + PAYLOADS[2]
    for fragment in fragments:
        for value in fragment.get("meta", {}).values():
            assert not str(value).lower().startswith(("javascript:", "data:")), fragment["url"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "java\tscript:alert(1)", "&#106;avascript:alert(1)", "data:text/html,x",
                                 "vbscript:msgbox(1)", "//evil.example/", "relative/path"])
def test_external_links_accept_only_web_and_mail_addresses(url: str) -> None:
    assert external(url, "Lihat <b>") == "Lihat &lt;b&gt;"
    assert external("https://bkd.nttprov.go.id/?a=1&b=\"2\"", "x") == (
        '<a href="https://bkd.nttprov.go.id/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">x</a>')
    assert external("mailto:humas@bkd.nttprov.go.id", "surel").startswith('<a href="mailto:')
