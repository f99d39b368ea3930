"""``--help`` of the collectors says that ``--target`` chooses the ledger they also write to."""

from __future__ import annotations

import re

from click.testing import CliRunner

from sosmed.cli import cli


def _target_help(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "--target" in line and "[live|sandbox]" in line]
    return re.sub(r"\s+", " ", line)


def test_collect_help_says_it_writes_the_ledger_in_both_languages() -> None:
    for command in (("insights", "collect"), ("qna", "collect")):
        english = _target_help("--lang", "en", *command)
        assert "what is found is also written to that ledger" in english and "Which ledger to read" not in english
        indonesian = _target_help("--lang", "id", *command)
        assert "hasilnya juga dicatat ke ledger itu" in indonesian and "Ledger yang dibaca" not in indonesian


def test_commands_that_only_read_keep_saying_read() -> None:
    assert "Which ledger to read" in _target_help("--lang", "en", "recap")
