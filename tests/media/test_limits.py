"""A probed video against one platform's specification: the rule and prepare ask the same question."""

from __future__ import annotations

from sosmed.media.limits import MB, video_findings, video_option_defaults, video_spec
from sosmed.media.probe import VideoInfo


def _info(width: int = 1080, height: int = 1920, *, seconds: float = 10.0, codec: str = "h264",
          audio: str | None = "aac", fps: float = 30.0, size: int = 10 * MB, fmt: str = "mov,mp4,m4a") -> VideoInfo:
    return VideoInfo(fmt, seconds, codec, audio, width, height, fps, size)


def _whats(platform: str, info: VideoInfo, **options: int) -> list[str]:
    spec = video_spec(platform, options)
    assert spec is not None
    return [f.what for f in video_findings(info, spec)]


def test_a_phone_video_fits_every_platform() -> None:
    for platform in ("facebook", "instagram", "x", "youtube"):
        assert _whats(platform, _info()) == [], platform


def test_x_refuses_a_ratio_beyond_3_to_1_and_instagram_does_not_ask() -> None:
    banner = _info(1920, 400)
    assert _whats("x", banner) == ["ratio"]
    assert _whats("instagram", banner) == []


def test_findings_come_in_one_order_with_advice_and_fixes() -> None:
    info = _info(2560, 1440, seconds=1.0, codec="mpeg4", audio="mp3", fps=120.0, size=400 * MB, fmt="avi")
    spec = video_spec("instagram")
    assert spec is not None
    found = video_findings(info, spec)
    assert [f.what for f in found] == ["duration", "size", "video_codec", "audio_codec", "width", "fps"]
    assert [f.what for f in found if f.advice] == ["width", "fps"]
    assert [f.what for f in found if not f.fixable] == ["duration"]
    assert _whats("facebook", info) == ["container"]


def test_options_override_the_table() -> None:
    long_clip = _info(seconds=1000.0)
    assert _whats("instagram", long_clip) == ["duration"]
    assert _whats("instagram", long_clip, instagram_max_seconds=1200) == []
    assert _whats("youtube", _info(size=3 * 1024 * MB), youtube_max_gb=2) == ["size"]
    assert video_option_defaults() == {"instagram_max_seconds": 900, "instagram_max_mb": 300,
                                       "x_max_seconds": 1200, "x_max_mb": 8192, "youtube_max_gb": 256}
