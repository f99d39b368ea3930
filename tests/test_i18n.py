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


def _yaml_catalogue(lang: str) -> dict[str, str]:
    """The catalogue read straight from the YAML sources, as the compiled copy must hold it."""
    import yaml

    from sosmed.i18n import _flatten

    merged: dict[str, str] = {}
    for path in sorted((PACKAGE / "locale" / lang).glob("*.yml")):
        merged.update(_flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {}))
    return merged


def test_the_compiled_catalogue_equals_the_yaml_and_a_broken_copy_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = _yaml_catalogue("en")
    assert catalogue.__wrapped__("en") == expected  # first read: from the YAML, copy written
    copies = list((tmp_path / "sosmed" / "catalogue").glob("en-*.json"))
    assert len(copies) == 1
    assert catalogue.__wrapped__("en") == expected  # second read: from the copy
    copies[0].write_text('{"truncated": ', encoding="utf-8")
    assert catalogue.__wrapped__("en") == expected
    copies[0].write_text("[1, 2]", encoding="utf-8")  # valid JSON, not a catalogue
    assert catalogue.__wrapped__("en") == expected


def test_a_changed_source_file_names_a_new_compiled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sosmed.i18n import _compiled_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "a.yml"
    source.write_text("a:\n  b: satu\n", encoding="utf-8")
    first = _compiled_path("id", [source])
    assert first is not None and first.parent == tmp_path / "cache" / "sosmed" / "catalogue"
    assert _compiled_path("id", [source]) == first
    source.write_text("a:\n  b: satu dua\n", encoding="utf-8")
    assert _compiled_path("id", [source]) != first
    assert _compiled_path("en", [source]) != _compiled_path("id", [source])


def test_an_unwritable_cache_folder_still_gives_the_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert catalogue.__wrapped__("id") == _yaml_catalogue("id")


def test_old_compiled_copies_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from sosmed.i18n import COPIES_KEPT

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "sosmed" / "catalogue"
    folder.mkdir(parents=True)
    stale = []
    for n in range(COPIES_KEPT + 3):  # copies left by other checkouts or older catalogues
        old = folder / f"en-{n:032x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, ns=(10**18 + n, 10**18 + n))
        stale.append(old)
    other_language = folder / "id-0.json"
    other_language.write_text("{}", encoding="utf-8")
    os.utime(other_language, ns=(10**18, 10**18))
    assert catalogue.__wrapped__("en") == _yaml_catalogue("en")
    kept = sorted(folder.glob("en-*.json"))
    assert len(kept) == COPIES_KEPT
    assert not stale[0].exists() and stale[-1].exists()  # the oldest go first
    assert other_language.exists()
    assert catalogue.__wrapped__("en") == _yaml_catalogue("en")  # the new copy was kept and is read
