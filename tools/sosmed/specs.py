"""What each platform takes: its name, and the limits of its text, photos and videos. One table.

Compose measures text against ``TEXT_LIMITS``; the platform-limit rules, the media rules and
``sosmed media prepare`` compare photos and videos with ``SPECS[platform].image`` and
``.video``; every place that shows a platform's name to a person takes ``label`` (or
``long_label``, which reminds readers of X's old name). The numbers come from the platform
reference (``platform-apis.md``); where a platform changes them, the check rules expose the
number as an option whose default is read from here.

A test holds ``check/default.yml`` and the rules' defaults to this table.
"""

from __future__ import annotations

from dataclasses import dataclass

SOCIAL = ("facebook", "instagram", "x", "youtube")

# Facebook's post limit (63,206 characters) is long-standing practice, not in the reference;
# comment limits other than X's are likewise unconfirmed and only used for Q&A replies.
TEXT_LIMITS: dict[str, int] = {
    "facebook_chars": 63_206,
    "instagram_chars": 2_200,
    "instagram_hashtags": 30,
    "instagram_mentions": 20,
    "x_weighted": 280,
    "youtube_title_chars": 100,
    "youtube_description_bytes": 5_000,
    "youtube_tags_chars": 500,
    "facebook_comment_chars": 8_000,
    "instagram_comment_chars": 2_200,
    "youtube_comment_chars": 10_000,
}
X_URL_LENGTH = 23  # every URL weighs this much on X (t.co)


@dataclass(frozen=True)
class ImageSpec:
    """What a platform takes as a photo; ``*_mb`` limits are refusals, ``recommended_*`` are advice."""

    formats: frozenset[str]  # Pillow's format names
    max_mb: int | None = None
    animated_gif_max_mb: int | None = None
    recommended_mb: int | None = None
    png_recommended_mb: int | None = None
    ratio: tuple[float, float] | None = None  # width / height, inclusive
    width: tuple[int, int] | None = None  # outside it the platform rescales (advice)


@dataclass(frozen=True)
class VideoSpec:
    """What a platform takes as a video; ``width`` and ``fps`` outside their range are advice."""

    seconds: tuple[float, float] | None = None
    max_mb: int | None = None
    video_codecs: tuple[str, ...] | None = None  # ffprobe codec names
    audio_codecs: tuple[str, ...] | None = None  # a video without sound is always fine
    max_width: int | None = None
    fps: tuple[float, float] | None = None
    ratio: tuple[float, float] | None = None  # width / height, inclusive
    containers: tuple[str, ...] | None = None  # parts of ffprobe's format name


@dataclass(frozen=True)
class PlatformSpec:
    """One platform: how people call it, and what it takes."""

    name: str
    label: str
    long_label: str
    image: ImageSpec | None = None
    video: VideoSpec | None = None


CODEC_NAMES = {"h264": "H.264", "hevc": "HEVC", "aac": "AAC"}
CONTAINER_NAMES = {"mp4": "MP4", "mov": "MOV"}

SPECS: dict[str, PlatformSpec] = {
    "facebook": PlatformSpec(
        "facebook", "Facebook", "Facebook",
        image=ImageSpec(frozenset({"JPEG", "PNG", "GIF", "BMP", "TIFF"}), recommended_mb=4, png_recommended_mb=1),
        video=VideoSpec(containers=("mp4", "mov"))),
    "instagram": PlatformSpec(
        "instagram", "Instagram", "Instagram",
        image=ImageSpec(frozenset({"JPEG"}), max_mb=8, ratio=(0.8, 1.91), width=(320, 1440)),
        video=VideoSpec(seconds=(3, 900), max_mb=300, video_codecs=("h264", "hevc"), audio_codecs=("aac",),
                        max_width=1920, fps=(23, 60))),
    "x": PlatformSpec(
        "x", "X", "X (Twitter)",
        image=ImageSpec(frozenset({"JPEG", "PNG", "GIF", "WEBP"}), max_mb=5, animated_gif_max_mb=15),
        video=VideoSpec(seconds=(0.5, 1200), max_mb=8192, video_codecs=("h264",), audio_codecs=("aac",),
                        fps=(1, 60), ratio=(1 / 3, 3.0))),
    "youtube": PlatformSpec("youtube", "YouTube", "YouTube", video=VideoSpec(max_mb=256 * 1024)),
}


def label(platform: str) -> str:
    """How a platform's name is written for people (``X``); anything else is returned as it is."""
    spec = SPECS.get(platform)
    return spec.label if spec else platform


def long_label(platform: str) -> str:
    """The name with what readers may still know it by (``X (Twitter)``)."""
    spec = SPECS.get(platform)
    return spec.long_label if spec else platform
