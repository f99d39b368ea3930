"""``sosmed recap`` through the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config.schema import Config


def _run(config: Config, *args: str):
    return CliRunner().invoke(cli, ["--config", str(config.root / "sosmed.yml"), *args], catch_exceptions=False)


def test_default_writes_markdown_and_charts_into_recaps(instance: Config) -> None:
    result = _run(instance, "recap", "2020-05")
    assert result.exit_code == 0, result.output
    recaps = instance.root / "recaps"
    assert (recaps / "2020-05.md").is_file()
    assert (recaps / "2020-05" / "weekly.svg").is_file() and (recaps / "2020-05" / "strategy.svg").is_file()
    assert not (recaps / "2020-05.xlsx").exists() and not (recaps / "2020-05.pdf").exists()
    assert "Ditulis:" in result.output
    assert "2020-05: 7 tulisan, 4 balasan Q&A, 1 pertanyaan terlambat." in result.output


def test_all_formats_into_another_folder(instance: Config, tmp_path: Path) -> None:
    result = _run(instance, "recap", "2020-06", "--format", "all", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert names == ["2020-06.md", "2020-06.pdf", "2020-06.xlsx", "2020-06/engagement.svg",
                     "2020-06/engagement_strategy.svg", "2020-06/strategy.svg", "2020-06/weekly.svg"]


def test_only_xlsx(instance: Config, tmp_path: Path) -> None:
    result = _run(instance, "recap", "2020-05", "--format", "xlsx", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2020-05.xlsx"]


def test_bad_month_is_one_line_without_traceback(instance: Config) -> None:
    result = CliRunner().invoke(cli, ["--config", str(instance.root / "sosmed.yml"), "recap", "Mei-2020"])
    assert result.exit_code == 2
    assert "Bulan 'Mei-2020' tidak dikenal" in result.output and "Traceback" not in result.output


def test_english(instance: Config, tmp_path: Path) -> None:
    result = _run(instance, "--lang", "en", "recap", "2020-05", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Written:" in result.output
    assert (tmp_path / "2020-05.md").read_text(encoding="utf-8").startswith("---\ntitle: Monthly Social Media Recap")


def test_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["recap", "--help"])
    assert result.exit_code == 0
    assert "Contoh:" in result.output and "sosmed recap 2020-05 --format all" in result.output
