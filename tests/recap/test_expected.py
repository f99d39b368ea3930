"""The recap's Markdown and SVG charts, byte for byte, against committed expected files.

To accept a deliberate change, regenerate them and review the diff:
``SOSMED_REGENERATE_EXPECTED=1 python -m pytest tests/recap/test_expected.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sosmed.config.schema import Config
from sosmed.i18n import set_language
from sosmed.recap.service import make_recap
from tests.recap.ledger_fixture import build_instance

EXPECTED = Path(__file__).resolve().parent / "expected"
REGENERATE = os.environ.get("SOSMED_REGENERATE_EXPECTED") == "1"
# May: the full month; June: an item counted by WITA, a May failure retried; March: nothing at all.
MONTHS = ("2020-05", "2020-06", "2020-03")


# Months with post statistics collected before their end also have the two engagement charts.
ENGAGEMENT = ("2020-05", "2020-06")


def _files(month: str) -> list[str]:
    charts = ("weekly", "strategy") + (("engagement", "engagement_strategy") if month in ENGAGEMENT else ())
    return [f"{month}.md", *(f"{month}/{name}.svg" for name in charts)]


def _compare(out: Path, expected: Path, names: list[str]) -> None:
    for name in names:
        produced = (out / name).read_bytes()
        if REGENERATE:
            (expected / name).parent.mkdir(parents=True, exist_ok=True)
            (expected / name).write_bytes(produced)
        assert produced == (expected / name).read_bytes(), f"{name} differs from {expected / name}"


@pytest.mark.parametrize("month", MONTHS)
def test_markdown_and_charts_match_expected(instance: Config, tmp_path: Path, month: str) -> None:
    result = make_recap(instance, month, out=tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in result.written) == sorted(_files(month))
    _compare(tmp_path / "out", EXPECTED, _files(month))


def test_english_markdown_matches_expected(instance: Config, tmp_path: Path) -> None:
    set_language("en")
    make_recap(instance, "2020-05", out=tmp_path / "out")
    _compare(tmp_path / "out", EXPECTED / "en", ["2020-05.md"])


def test_same_ledger_in_another_repository_gives_identical_bytes(tmp_path: Path) -> None:
    # Two repositories, two ledgers with different commit ids and times, the same records.
    first = build_instance(tmp_path / "a")
    second = build_instance(tmp_path / "b")
    make_recap(first, "2020-05", out=tmp_path / "out-a")
    make_recap(second, "2020-05", out=tmp_path / "out-b")
    for name in _files("2020-05"):
        assert (tmp_path / "out-a" / name).read_bytes() == (tmp_path / "out-b" / name).read_bytes()


def test_svg_carries_no_date_and_no_version(instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-05", out=tmp_path)
    for name in ("weekly", "strategy", "engagement", "engagement_strategy"):
        svg = (tmp_path / "2020-05" / f"{name}.svg").read_text(encoding="utf-8")
        assert "<dc:date>" not in svg
        assert "Matplotlib v" not in svg
        assert "<title>" in svg or "<title id=" in svg
