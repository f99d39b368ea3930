"""unsafe-markup: script-capable HTML and non-web links are errors with file:line; raw HTML a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # the body starts at file line 11


@pytest.mark.parametrize(("body", "key"), [
    ("<script>alert(1)</script>", "tag"),
    ("<SCRIPT src=//evil.example/x.js></SCRIPT>", "tag"),
    ("<img src=x onerror=alert(1)>", "event"),
    ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "url"),
    ("<a href=\"java&#x09;script:alert(1)\">x</a>", "url"),
    ("[klik](javascript:alert(1))", "url"),
    ("[klik](JAVASCRIPT:alert(1))", "url"),
    ("[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "url"),
    ("[klik](vbscript:msgbox(1))", "url"),
    ("[r]: javascript:alert(1)\n\n[klik][r]", "url"),
    ("<javascript:alert(1)>", "url"),
    ("\"><svg onload=alert(1)>", "tag"),
    ("<iframe src=https://example.org></iframe>", "tag"),
])
def test_unsafe_markup_in_the_body_is_an_error_at_its_line(tmp_path: Path, body: str, key: str) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Paragraf pertama.\n" + body + "\n")
    found = of_rule(run(root), "unsafe-markup")
    assert found, body
    assert (found[0].line, found[0].level, found[0].key) == (12, "error", f"rules.unsafe_markup.{key}")


def test_front_matter_fields_and_url_fields(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = POST_HEAD.replace("sources:\n", "sources:\n  - title: Tautan\n    url: \"javascript:alert(1)\"\n")
    front += 'platforms: [facebook]\ntags: ["<b>tebal</b>"]\nsummary: "Ringkas <img src=x onerror=alert(1)>"\n'
    write_post(root, front, "Isi biasa dengan [tautan resmi](https://bkd.nttprov.go.id/) dan <https://x.com/a>.\n")
    found = sorted((p.line, p.level, p.key.rsplit(".", 1)[1]) for p in of_rule(run(root), "unsafe-markup"))
    text = (root / "content").rglob("index.md").__next__().read_text().splitlines()
    lines = {name: n for n, row in enumerate(text, 1) for name in ("javascript", "<b>", "onerror") if name in row}
    assert found == sorted([(lines["javascript"], "error", "url_field"), (lines["<b>"], "warning", "raw"),
                            (lines["onerror"], "error", "event")])


def test_clean_markdown_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Nilai < 5 dan > 3 tidak diubah; surel <humas@bkd.nttprov.go.id> dan <https://bkd.nttprov.go.id/>.\n"
            "[Unduh](https://bkd.nttprov.go.id/a.pdf) atau [tulis](mailto:humas@bkd.nttprov.go.id), lihat "
            "[bagian bawah](#bawah) dan [arsip](../2020/).\n")
    write_post(root, HEAD, body)
    assert of_rule(run(root), "unsafe-markup") == []


def test_question_text_of_a_form(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0004", """id: QA-2020-05-0004
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-12 10:00
questions:
  - text: "\\"><script>alert(1)</script> kapan mutasi?"
    platform: whatsapp
    answer: "Bulan depan."
""")
    found = of_rule(run(root), "unsafe-markup")
    assert [(p.line, p.key) for p in found] == [(7, "rules.unsafe_markup.tag")]
