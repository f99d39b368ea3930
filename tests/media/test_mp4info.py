"""mp4info answers as ffprobe does for plain MP4/MOV files, and hands everything else to ffprobe."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sosmed.media import mp4info, probe
from sosmed.media.location import video_location
from tests.check.helpers import require_system_tool


def _make(path: Path, *args: str, seconds: str = "1.2", rate: str = "25", audio: bool = True) -> Path:
    require_system_tool(bool(shutil.which("ffmpeg") and shutil.which("ffprobe")), "ffmpeg/ffprobe")
    inputs = ["-f", "lavfi", "-i", f"testsrc=duration={seconds}:size=320x180:rate={rate}"]
    if audio:
        inputs += ["-f", "lavfi", "-i", f"sine=duration={seconds}"]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, "-pix_fmt", "yuv420p", *args, "-shortest", str(path)],
                   check=True, timeout=120)
    return path


def _by_ffprobe(path: Path, monkeypatch: pytest.MonkeyPatch) -> probe.VideoInfo:
    """What check and intake saw before this reader existed: ffprobe's own answers."""
    ffprobe = shutil.which("ffprobe")
    assert ffprobe is not None
    with monkeypatch.context() as patch:
        patch.setattr(mp4info, "read", lambda _path: None)
        probe._probed.clear()
        return probe.probe_video(path, ffprobe)


PLAIN = {
    "h264-aac.mp4": ("-c:v", "libx264", "-c:a", "aac"),
    "h264-ntsc-silent.mp4": ("-c:v", "libx264", "-r", "30000/1001"),
    "hevc-mp3.mp4": ("-c:v", "libx265", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-c:a", "libmp3lame"),
    "faststart.mp4": ("-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart"),
    "quicktime.mov": ("-c:v", "libx264", "-c:a", "aac"),
    "location.mp4": ("-c:v", "libx264", "-c:a", "aac", "-metadata", "location=-10.1772+123.6070/"),
    "iphone.mov": ("-c:v", "libx264", "-c:a", "aac", "-movflags", "use_metadata_tags",
                   "-metadata", "com.apple.quicktime.location.ISO6709=-10.1772+123.6070/"),
    "camera-clock.mp4": ("-c:v", "libx264", "-c:a", "aac", "-metadata", "creation_time=2020-05-12T01:10:00Z"),
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_videos_are_read_here_as_ffprobe_reads_them(name: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _make(tmp_path / name, *PLAIN[name], audio="silent" not in name)
    quick = mp4info.read(path)
    assert quick is not None, "a plain file must not need ffprobe"
    info = _by_ffprobe(path, monkeypatch)
    assert info.error is None
    assert (quick.format_name, quick.video_codec, quick.audio_codec, quick.width, quick.height) == (
        info.format_name, info.video_codec, info.audio_codec, info.width, info.height)
    assert quick.fps == pytest.approx(info.fps, rel=1e-6)
    assert quick.duration == pytest.approx(info.duration, abs=0.05)
    probe._probed.clear()
    mine = probe.probe_video(path, "/nonexistent/ffprobe")  # answered without starting ffprobe
    assert mine.error is None
    assert (mine.format_name, mine.video_codec, mine.audio_codec, mine.width, mine.height, mine.fps, mine.bytes) == (
        info.format_name, info.video_codec, info.audio_codec, info.width, info.height, info.fps, info.bytes)
    assert mine.duration == pytest.approx(info.duration, abs=0.05)
    # What intake and the location rule read: the location tag's name, the capture time, extra tracks.
    assert video_location(mine) == video_location(info)
    assert mine.creation_time == info.creation_time
    assert (video_location(mine) is not None) == (name in ("location.mp4", "iphone.mov"))
    assert (mine.creation_time is not None) == (name == "camera-clock.mp4")
    assert mine.extra_streams == info.extra_streams
    assert [(s.codec_type, s.codec_name, s.codec_tag) for s in mine.streams] == [
        (s.codec_type, s.codec_name, s.codec_tag) for s in info.streams]


UNUSUAL = {
    "subtitles.mp4": ("-map", "0:v", "-map", "1:s", "-c:v", "libx264", "-c:s", "mov_text"),
    "timecode.mov": ("-c:v", "libx264", "-timecode", "01:00:00:00"),
    "fragmented.mp4": ("-c:v", "libx264", "-movflags", "frag_keyframe+empty_moov"),
    "mpeg4.mp4": ("-c:v", "mpeg4",),
    "vp9.webm": ("-c:v", "libvpx-vp9", "-deadline", "realtime"),
}


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_anything_unusual_is_left_to_ffprobe(name: str, tmp_path: Path) -> None:
    args = UNUSUAL[name]
    if name == "subtitles.mp4":
        srt = tmp_path / "gps.srt"
        srt.write_text("1\n00:00:00,000 --> 00:00:00,400\nlatitude: -10.1772\n", encoding="utf-8")
        require_system_tool(bool(shutil.which("ffmpeg")), "ffmpeg")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=0.4:size=64x48:rate=5",
                        "-i", str(srt), "-pix_fmt", "yuv420p", *args, str(tmp_path / name)], check=True, timeout=120)
        path = tmp_path / name
    else:
        path = _make(tmp_path / name, *args, audio=False)
    assert mp4info.read(path) is None


def test_variable_frame_rate_is_left_to_ffprobe(tmp_path: Path) -> None:
    path = _make(tmp_path / "vfr.mp4", "-c:v", "libx264", "-vf", "setpts='if(lt(N,5),N,N*2)/25/TB'",
                 "-fps_mode", "passthrough", audio=False)
    assert mp4info.read(path) is None


@pytest.mark.parametrize("data", [b"", b"\x00\x00\x00\x18ftypmp42", b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 64,
                                  b"RIFF\x00\x00\x00\x00AVI LIST", b"\x00\x00\x00\x10moov\x00\x00\x00\x00"])
def test_broken_files_are_left_to_ffprobe(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "x.mp4"
    path.write_bytes(data)
    assert mp4info.read(path) is None


def test_a_truncated_video_is_left_to_ffprobe(tmp_path: Path) -> None:
    whole = _make(tmp_path / "whole.mp4", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart").read_bytes()
    for cut in (40, len(whole) // 3):
        path = tmp_path / f"cut{cut}.mp4"
        path.write_bytes(whole[:cut])
        assert mp4info.read(path) is None
