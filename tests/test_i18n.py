"""The message catalogue: both languages complete, and no message built outside it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sosmed.i18n import CatalogueError, catalogue, count, has, placeholders, t

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "sosmed"
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
KEY_TAKERS = {"t", "SosmedError", "ConfigError", "UsageError", "problem", "Problem", "_problem", "bad", "has"}


def test_both_catalogues_have_the_same_keys() -> None:
    indonesian, english = catalogue("id"), catalogue("en")
    assert set(indonesian) == set(english), set(indonesian) ^ set(english)


def test_placeholders_match_between_languages() -> None:
    indonesian, english = catalogue("id"), catalogue("en")
    mismatched = {k for k in indonesian if placeholders(indonesian[k]) != placeholders(english[k])}
    assert not mismatched


def test_messages_differ_by_language() -> None:
    assert t("check.summary_clean", "id", files=count("check.count.file", 3, "id")) == \
        "Tidak ada masalah dalam 3 berkas."
    assert t("check.summary_clean", "en", files=count("check.count.file", 3, "en")) == "No problems in 3 files."
    assert count("check.count.error", 1, "en") == "1 error" and count("check.count.error", 2, "en") == "2 errors"
    assert count("check.count.file", 1, "id") == "1 berkas"


def test_unknown_key_is_a_bug_not_a_silent_fallback() -> None:
    with pytest.raises(CatalogueError):
        t("no.such.key")


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, node


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_every_literal_message_key_exists() -> None:
    missing = []
    for path, tree in _modules():
        for name, call in _calls(tree):
            if name not in KEY_TAKERS:
                continue
            for arg in call.args[:6]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and KEY_SHAPE.match(arg.value):
                    if not has(arg.value) and not arg.value.endswith("."):
                        missing.append(f"{path.name}:{call.lineno} {arg.value}")
    assert not missing


def test_no_prose_is_printed_outside_the_catalogue() -> None:
    offenders = []
    printers = {"echo", "secho", "print"}
    for path, tree in _modules():
        for name, call in _calls(tree):
            if name not in printers or not call.args:
                continue
            first = call.args[0]
            texts = []
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                texts = [first.value]
            elif isinstance(first, ast.JoinedStr):
                texts = [v.value for v in first.values if isinstance(v, ast.Constant)]
            if any(re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}", text) for text in texts):
                offenders.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert not offenders, offenders
