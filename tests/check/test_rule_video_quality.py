"""video-quality: ffprobe-read duration, codecs and size against each target platform's limits."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.check.helpers import POST_HEAD, make_instance, of_rule, require_system_tool, run, write_post


def _video(tmp_path: Path, name: str, seconds: float, codec: str, size: str = "640x360") -> bytes:
    require_system_tool(shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None, "ffmpeg")
    out = tmp_path / name
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate=25",
                    "-f", "lavfi", "-i", f"sine=duration={seconds}", "-c:v", codec, "-c:a", "aac", "-shortest",
                    str(out)], check=True)
    data = out.read_bytes()
    out.unlink()
    return data


def _post(platforms: str, name: str = "v.mp4") -> str:
    return POST_HEAD + (f"platforms: [{platforms}]\nmedia:\n  - file: {name}\n    credit: Anastasia Leki\n"
                        "    source: Dokumentasi BKD\n")


def test_good_h264_video_passes(tmp_path: Path) -> None:
    (tmp_path / "i").mkdir()
    root = make_instance(tmp_path / "i")
    write_post(root, _post("facebook, instagram, x, youtube"), "Isi.", {"v.mp4": _video(tmp_path, "a.mp4", 4, "libx264")})
    assert of_rule(run(root), "video-quality") == []


def test_short_mpeg4_video_fails_instagram_and_x(tmp_path: Path) -> None:
    (tmp_path / "i").mkdir()
    root = make_instance(tmp_path / "i")
    write_post(root, _post("instagram, x"), "Isi.", {"v.mp4": _video(tmp_path, "b.mp4", 1, "mpeg4")})
    found = of_rule(run(root), "video-quality")
    assert [(p.line, p.args.get("platform"), p.key.rsplit(".", 1)[1]) for p in found] == [
        (10, "Instagram", "duration"), (10, "Instagram", "video_codec"), (10, "X", "video_codec")]
    assert found[0].message("id") == "Durasi video 'v.mp4' 1 detik di luar batas Instagram (3–900 detik)."
    assert found[0].message("en") == "Video 'v.mp4' lasts 1 seconds, outside the Instagram range (3–900 seconds)."
    assert found[1].message("id") == ("Instagram tidak menerima video 'v.mp4' dengan kodek mpeg4; gunakan "
                                      "H.264, HEVC.")
    assert found[2].message("en") == "X does not take video 'v.mp4' with codec mpeg4; use H.264."


def test_unreadable_video(tmp_path: Path) -> None:
    require_system_tool(shutil.which("ffprobe") is not None, "ffprobe")
    root = make_instance(tmp_path)
    write_post(root, _post("youtube"), "Isi.", {"v.mp4": b"bukan video" * 10})
    found = of_rule(run(root), "video-quality")
    assert [(p.line, p.level, p.key) for p in found] == [(10, "error", "rules.video_quality.unreadable")]
    assert found[0].message("en").startswith("ffprobe cannot read video 'v.mp4' (")


def test_one_warning_when_ffprobe_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_instance(tmp_path)
    write_post(root, _post("youtube"), "Isi.", {"v.mp4": b"\x00"})
    write_post(root, _post("x"), "Isi.", {"v.mp4": b"\x00"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    found = of_rule(run(root), "video-quality")
    assert [(p.line, p.level) for p in found] == [(10, "warning")]
    assert found[0].message("id") == ("Pemeriksaan video MATI: ffprobe tidak ditemukan. Pasang paket ffmpeg "
                                      "(apt-get install ffmpeg).")
    assert found[0].message("en") == "Video checking is OFF: ffprobe was not found. Install ffmpeg (apt-get install ffmpeg)."
