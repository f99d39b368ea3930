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


def test_indonesian_progress_writes_a_decimal_comma(capsys):
    plain = make_progress("plain", "video.mp4", 10 * 1048576)
    plain.update(5 * 1048576)
    bar = make_progress("rich", "video.mp4", 10 * 1048576)
    bar.update(5 * 1048576)
    bar.close()
    captured = capsys.readouterr()
    assert "video.mp4: 50% (5,0 dari 10,0 MiB)" in captured.err
    assert "5,0 dari 10,0 MiB" in captured.out  # the terminal bar too, not rich's own "5.2/10.5 MB"
    assert "5.0" not in captured.out + captured.err


def test_a_small_file_is_counted_in_kib_not_as_zero_mib(capsys):
    progress = make_progress("plain", "video.mp4", 150 * 1024)
    progress.update(75 * 1024)
    err = capsys.readouterr().err
    assert "video.mp4: 50% (75,0 dari 150,0 KiB)" in err
    assert "MiB" not in err
