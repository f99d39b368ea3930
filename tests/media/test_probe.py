"""One ffprobe per video file version: every rule and intake read the same probe."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.media.location import video_location
from sosmed.media.probe import probe_video
from tests.check.helpers import POST_HEAD, make_instance, write_post
from tests.intake.fixtures import need_ffmpeg, video


def _counting_ffprobe(folder: Path, log: Path) -> None:
    """An ``ffprobe`` first on PATH that writes one line per run, then runs the real one."""
    real = shutil.which("ffprobe")
    assert real is not None
    script = folder / "ffprobe"
    script.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_check_probes_each_video_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_ffmpeg()
    work = tmp_path / "work"
    work.mkdir()
    # A subtitle track: a file sosmed does not read itself (plain MP4s need no ffprobe at all).
    clip = video(work / "klip.mp4", seconds=1, tracks=True, location=True)
    (tmp_path / "i").mkdir()
    root = make_instance(tmp_path / "i")
    front = POST_HEAD + ("platforms: [instagram, x, youtube]\nmedia:\n  - file: klip.mp4\n"
                         "    credit: Anastasia Leki\n    source: Dokumentasi BKD\n")
    write_post(root, front, "Isi.", {"klip.mp4": clip.read_bytes()})
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "probes.log"
    _counting_ffprobe(bin_dir, log)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["--lang", "en", "check", "--format", "json"])
    # video-quality (duration on Instagram) and privacy-location (the location tag) both answered …
    assert '"rule": "video-quality"' in result.output and '"rule": "privacy-location"' in result.output
    # … from one run of ffprobe.
    assert log.read_text(encoding="utf-8").splitlines() == ["run"]


def test_probe_reads_streams_tags_and_capture_time(tmp_path: Path) -> None:
    need_ffmpeg()
    clip = video(tmp_path / "telepon.mp4", created="2020-05-12T01:10:00.000000Z")
    info = probe_video(clip, "ffprobe")
    assert info.error is None and info.video_codec == "h264" and info.audio_codec == "aac"
    assert (info.width, info.height) == (64, 48) and info.fps == 25.0
    assert info.creation_time == datetime(2020, 5, 12, 1, 10, tzinfo=UTC)
    assert info.extra_streams == ("subtitle:tx3g",)
    assert video_location(info) in ("location", "location-eng")  # the muxer may add the language
    assert probe_video(clip, "ffprobe") is info  # the same file version is not probed again
    drone = probe_video(video(tmp_path / "drone.mov", location=False), "ffprobe")
    assert "data:gpmd" in drone.extra_streams and video_location(drone) is not None


def test_a_file_that_is_no_video_is_an_error_not_a_crash(tmp_path: Path) -> None:
    need_ffmpeg()
    path = tmp_path / "bukan.mp4"
    path.write_bytes(b"bukan video" * 10)
    info = probe_video(path, "ffprobe")
    assert info.error and info.duration == 0.0 and video_location(info) is None
