"""Fuzzing the loader: hostile YAML scalars and structures in front matter.

Whatever the front matter holds, loading gives problems (each at a line ≥ 1, with a message
in both languages) or a valid item that the rest of the tool can use (UTC and zone conversion,
content hash) — never an exception, never the loader's "unexpected error" safety net.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosmed.config import load_config
from sosmed.i18n import catalogue, placeholders
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from tests.instance import make_instance

HOSTILE = [
    "2020-13-45T99:00", "2020-13-45", "0000-01-01", "2020-02-30 10:00:00", "0001-01-01T00:00+08:00",
    "0001-01-01 00:00:00 +08:00", "9999-12-31T23:59-12:00", "9999-12-31 23:59:59 -12:00",
    "2020-05-12 09:00:00 +25:00", "2020-05-12T09:00[Mars/Olympus]", "2020-05-12T09:00 WITA", "'12/05/2020'",
    "Selasa 12 Mei 2020", "1589245200", "'1589245200'", "-1", "0", "1" * 5000, "9" * 100_000,
    "0x" + "f" * 3000, "0b" + "1" * 3000, "1:" * 2000 + "1", "1e400", "-1e400", ".nan", ".inf", "-.inf",
    "1" * 400 + ".5", "~", "null", "yes", "no", "on", "true", "''", '""', "!!binary aGVsbG8=", "!!binary ###",
    "!!timestamp 2020-99-99", "!!int abc", "!!float xyz", "!!str 12", "!!python/object/apply:os.system [id]",
    "*nothing", "&anchor 1", "!!set {a, b}", "!!omap [a: 1]", '"\\ud800"', '"\\x00\\x1b\\u202e\\u2028"',
    '"\\U0010FFFF"', "[" * 80 + "]" * 80, "{a: " * 70 + "1" + "}" * 70, "[[[[]]]]", "{}", "[]",
    "!!map {? [a]: b}", "? x", "- - - -", "|", ">-", "%YAML 1.1", "---", "...", "@x", "`x`",
]
FIELDS = ["title", "date", "platforms", "strategy", "bidang", "tags", "summary", "media", "sources", "credits",
          "not_after", "corrections", "retraction", "status", "facebook", "x", "youtube", "republish",
          "fbs_ignore", "1", "~", "? [k]"]
FORM_FIELDS = ["id", "officer", "bidang", "received", "questions", "public", "draft", "place"]
QUESTION_FIELDS = ["text", "platform", "comment_id", "link", "asker", "received_at", "answer"]

BASE_POST = {
    "title": '"Uji coba"', "date": "2020-05-12 09:00", "platforms": "[facebook]", "strategy": "talking",
    "bidang": "mutasi", "sources": "[Pergub NTT 28/2019]",
}
BASE_QUESTION = {"text": '"Kapan mutasi?"', "platform": "facebook", "comment_id": '"1_2"',
                 "received_at": "2020-05-14 09:12", "answer": '"Juni."'}
BASE_FORM = {"id": "QA-2020-05-0001", "officer": "Maria", "bidang": "mutasi", "received": "2020-05-14 10:00",
             "public": "true"}

SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
SCALAR = st.one_of(st.sampled_from(HOSTILE), SAFE_TEXT.map(lambda s: json.dumps(s, ensure_ascii=False)))


def _flow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    listed = st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
    mapped = st.dictionaries(st.sampled_from(FIELDS + QUESTION_FIELDS), children, max_size=4).map(
        lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}")
    return listed | mapped


VALUE = st.recursive(SCALAR, _flow, max_leaves=12)


def _front_matter(fields: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = make_instance(tmp_path_factory.mktemp("fuzz"))
    return root, load_config(root / "sosmed.yml")


def _assert_contained(root: Path, config: object, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        result = load_items([path], config)  # type: ignore[arg-type]
    finally:
        path.unlink()
    for problem in result.problems:
        assert problem.key != "file.unexpected", problem.args
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.path == relative
        for lang in ("id", "en"):
            assert placeholders(catalogue(lang)[problem.key]) <= set(problem.args), problem
            assert problem.message(lang)
    for item in result.items:
        zone = config.zone  # type: ignore[attr-defined]
        when = item.post.date if item.kind == "post" else item.form.received
        assert when.astimezone(UTC).year >= 1900 and when.astimezone(zone).year <= 2999
        assert content_hash(item).startswith("sha256:")


FUZZ = settings(max_examples=250, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(overrides=st.dictionaries(st.sampled_from(FIELDS), VALUE, min_size=1, max_size=3))
def test_post_front_matter_never_escapes(instance: tuple[Path, object], overrides: dict[str, str]) -> None:
    root, config = instance
    text = "---\n" + _front_matter({**BASE_POST, **overrides}) + "---\n\nIsi.\n"
    _assert_contained(root, config, "content/2020/05/2020-05-12-uji/index.md", text)


@FUZZ
@given(form=st.dictionaries(st.sampled_from(FORM_FIELDS), VALUE, max_size=2),
       question=st.dictionaries(st.sampled_from(QUESTION_FIELDS), VALUE, max_size=3))
def test_form_front_matter_never_escapes(instance: tuple[Path, object], form: dict[str, str],
                                         question: dict[str, str]) -> None:
    root, config = instance
    fields = {**BASE_FORM, **form}
    entry = "".join(f"{'  - ' if i == 0 else '    '}{k}: {v}\n"
                    for i, (k, v) in enumerate({**BASE_QUESTION, **question}.items()))
    text = "---\n" + _front_matter(fields) + "questions:\n" + entry + "---\n"
    _assert_contained(root, config, "qna/mutasi/2020/QA-2020-05-0001.md", text)


@FUZZ
@given(body=st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_any_text_as_front_matter_never_escapes(instance: tuple[Path, object], body: str) -> None:
    root, config = instance
    _assert_contained(root, config, "content/2020/05/2020-05-12-uji/index.md", "---\n" + body + "\n---\nIsi.\n")


@FUZZ
@given(depth=st.integers(1, 200_000), style=st.sampled_from(["[", "{a: ", "- ", "-\n"]))
def test_any_nesting_depth_is_one_problem(instance: tuple[Path, object], depth: int, style: str) -> None:
    root, config = instance
    if style == "-\n":
        nested = "\n" + "".join(" " * min(i, 900) + "-\n" for i in range(min(depth, 2000)))
    elif style == "- ":
        nested = "\n" + "- " * depth + "x"
    else:
        nested = style * depth + "1" + ("]" if style == "[" else "}") * depth
    text = "---\n" + _front_matter({**BASE_POST, "summary": nested}) + "---\nIsi.\n"
    _assert_contained(root, config, "content/2020/05/2020-05-12-uji/index.md", text)
