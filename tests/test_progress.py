"""Upload progress: plain lines where there is no terminal (CI), nothing when switched off."""

from __future__ import annotations

from sosmed.cli.progress import make_progress
from sosmed.i18n import set_language


def test_plain_progress_prints_one_line_per_ten_percent(capsys):
    set_language("en")
    try:
        progress = make_progress("plain", "video.mp4", 10 * 1048576)
        for step in range(0, 10 * 1048576 + 1, 262144):
            progress.update(step)
        progress.close()
    finally:
        set_language("id")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "video.mp4: 0% (0.0 of 10.0 MiB)"
    assert lines[-1] == "video.mp4: 100% (10.0 of 10.0 MiB)"
    assert len(lines) == 11


def test_auto_mode_prints_plain_lines_in_ci(capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    progress = make_progress("auto", "foto.jpg", 100)
    progress.update(100)
    assert "foto.jpg: 100%" in capsys.readouterr().err


def test_off_prints_nothing(capsys):
    progress = make_progress("off", "x", 100)
    progress.update(50)
    assert capsys.readouterr() == ("", "")
