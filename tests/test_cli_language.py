"""Click's own words (usage, errors, defaults, version) follow --lang like every other message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sosmed.cli import cli

ENGLISH = ("Usage:", "Error:", "Try '", "Invalid value", "Aborted!", "[default:", "Show the version",
           "Show this message", "Options:", "Commands:", "No such command", "is not one of", "[OPTIONS]",
           "Missing argument", " TEXT ", " TITLE", "PATHS...")


def _run(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=input, prog_name="sosmed")
    return result.output


@pytest.mark.parametrize("args", [
    ("publish", "--target", "bogus"),
    ("tidak-ada",),
    ("receipt",),
    ("new", "post"),
    ("new", "post", "--help"),
    ("check", "--help"),
    ("--help",),
    ("publish", "--help"),
    ("site", "build", "--help"),
    ("qna", "--help"),
])
def test_no_english_from_click_in_indonesian(args: tuple[str, ...]) -> None:
    output = _run("--lang", "id", *args)
    assert output.strip()
    for word in ENGLISH:
        assert word not in output, (args, word, output)


def test_click_errors_and_usage_in_indonesian_and_english() -> None:
    indonesian = _run("--lang", "id", "publish", "--target", "bogus")
    assert "Penggunaan: sosmed publish [OPSI]" in indonesian
    assert "Kesalahan: Nilai tidak sah untuk '--target': 'bogus' bukan salah satu dari 'sandbox', 'live'." \
        in indonesian
    assert "Coba 'sosmed publish --help' untuk bantuan." in indonesian
    english = _run("--lang", "en", "publish", "--target", "bogus")
    assert "Usage: sosmed publish [OPTIONS]" in english
    assert "Error: Invalid value for '--target': 'bogus' is not one of 'sandbox', 'live'." in english
    assert "Tidak ada perintah 'tidak-ada'." in _run("--lang", "id", "tidak-ada")
    help_text = _run("--lang", "id", "--help")
    assert "[bawaan: id]" in help_text and "Tampilkan versi lalu keluar." in help_text
    assert "Show the version and exit." in _run("--lang", "en", "--help")
    assert _run("--lang", "id", "--version").strip() == "sosmed, versi 0.1.0"
    assert "Kesalahan: Argumen belum diberikan 'JUDUL'." in _run("--lang", "id", "new", "post")
    assert "Error: Missing argument 'TITLE'." in _run("--lang", "en", "new", "post")
    assert "--date TEKS" in _run("--lang", "id", "new", "post", "--help")
