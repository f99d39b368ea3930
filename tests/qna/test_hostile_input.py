"""Q&A input that must not break collection: forms in other encodings, comments with control characters."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosmed.config import load_config
from sosmed.model.document import parse_text
from sosmed.model.loader import load_items
from sosmed.model.qna import QnaForm
from sosmed.qna.formfile import DraftQuestion, form_text
from sosmed.visible import visible_text
from tests.instance import REPO
from tests.qna.conftest import Published

HOSTILE = "Kapan \x1b[2J\x1b[31mmutasi\x07 guru\x00 SMA? \u202eAMS\u202c \u2066isolasi\u2069 baris\u2028dua\u2029" \
          "\x7f\x85\ufeff akhir\r\nbaris baru\ttab"
HIDDEN = ("\x1b", "\x07", "\x00", "\u202e", "\u202c", "\u2066", "\u2069", "\u2028", "\u2029", "\x7f", "\x85", "\ufeff")


def _collect(pub: Published, *args: str, lang: str = "id") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(pub.root / "sosmed.yml"), "--lang", lang,
                           "qna", "collect", *args], cwd=pub.root, env=pub.env, capture_output=True, text=True,
                          timeout=120)


def test_latin1_form_is_reported_and_collection_goes_on(published: Published) -> None:
    pub = published
    broken = pub.root / "qna" / "mutasi" / "2020" / "QA-2020-05-0007.md"
    broken.parent.mkdir(parents=True)
    broken.write_bytes("---\nid: QA-2020-05-0007\nofficer: José Ximenes\nquestions:\n  - comment_id: \"lama_1\"\n"
                       "---\n".encode("latin-1"))
    pub.comment("facebook", "Kapan jadwal mutasi guru SMA tahun ini?", "Yohanes Bria")
    for lang, words in (("en", "not UTF-8"), ("id", "bukan teks UTF-8")):
        result = _collect(pub, "--dry-run", lang=lang)
        assert result.returncode == 1, result.stderr
        assert "qna/mutasi/2020/QA-2020-05-0007.md:3:1" in result.stdout and words in result.stdout
        assert "Traceback" not in result.stderr and "internal" not in result.stderr.lower()
    done = _collect(pub)
    assert done.returncode == 1, done.stderr
    assert "QA-2020-05-0007.md:3:1" in done.stdout
    written = sorted(p for p in (pub.root / "qna").rglob("QA-*.md") if p != broken)
    assert len(written) == 1
    config = load_config(pub.root / "sosmed.yml")
    loaded = load_items([written[0]], config)
    assert not loaded.errors and loaded.forms[0].form.questions[0].text.startswith("Kapan jadwal mutasi")


def test_comments_with_control_characters_give_forms_that_parse(published: Published) -> None:
    pub = published
    for platform in ("facebook", "instagram", "x", "youtube"):
        text = f"@Bkdprovinsintt {HOSTILE}" if platform == "x" else HOSTILE
        pub.comment(platform, text, "Warga\x1b[0m\u202eKupang")
    result = _collect(pub)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    config = load_config(pub.root / "sosmed.yml")
    loaded = load_items([pub.root / "qna"], config)
    assert not loaded.errors, [(p.location(), p.message("en")) for p in loaded.errors]
    questions = [q for item in loaded.forms for q in item.form.questions]
    assert len(questions) == 4
    for question in questions:
        assert not any(char in question.text for char in HIDDEN)
        for char in HIDDEN:
            assert f"[U+{ord(char):04X}]" in question.text
        assert "akhir\nbaris baru\ttab" in question.text and "mutasi[U+0007] guru" in question.text
    raw = "".join(p.read_text(encoding="utf-8") for p in (pub.root / "qna").rglob("QA-*.md"))
    assert not any(char in raw for char in HIDDEN)


def test_visible_text_keeps_emoji_joiners_and_marks_everything_hidden() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert visible_text(f"ok {family}\u200b!") == f"ok {family}[U+200B]!"
    assert visible_text("a\r\nb\rc") == "a\nb\nc"


CONFIG = load_config(REPO / "sosmed.yml")
AT = datetime(2020, 5, 14, 1, 12, tzinfo=UTC)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=80).filter(lambda s: s.strip()), asker=st.text(max_size=20))
def test_any_comment_text_gives_a_form_that_parses_back(text: str, asker: str) -> None:
    draft = DraftQuestion(text=text, platform="facebook", comment_id="1_2", link=None, asker=asker or None,
                          received_at=AT)
    written = form_text(CONFIG, "QA-2020-05-0001", "mutasi", AT, "Maria", [draft])
    doc, problems = parse_text(written, Path("QA-2020-05-0001.md"), "QA-2020-05-0001.md")
    assert doc is not None, [(p.line, p.message("en")) for p in problems]
    form = QnaForm.model_validate(doc.data, context={"zone": CONFIG.zone})
    question = form.questions[0]
    assert question.text == visible_text(text).strip()
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") or c in "\n\t\u200c\u200d"
               or 0xE0020 <= ord(c) < 0xE0080 for c in question.text)
    if asker and visible_text(asker):
        assert question.asker == visible_text(asker)
