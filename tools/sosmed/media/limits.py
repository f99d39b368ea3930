"""A probed video against one platform's specification (:data:`sosmed.specs.SPECS`).

The ``video-quality`` rule and ``sosmed media prepare`` ask the same question here, so what
the check refuses is what prepare reports (and, where a re-encode helps, fixes). The answer is
structured, not worded: each caller says it in its own messages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from sosmed.media.probe import VideoInfo
from sosmed.specs import SPECS, VideoSpec

MB = 1024 * 1024
_RATIO_SLACK = 1e-3  # a 1080×1920 phone video is 0.5625, exactly inside; rounding must not push it out


@dataclass(frozen=True)
class VideoFinding:
    """One way a video misses a platform's specification.

    ``what``: ``duration``, ``size``, ``video_codec``, ``audio_codec``, ``width``, ``fps``,
    ``ratio`` or ``container``; ``value`` is the video's own; ``low``/``high`` the accepted
    range (``high`` alone for a maximum); ``allowed`` the accepted names. ``advice``: the
    platform still takes it (it rescales); ``fixable``: a re-encode to H.264/AAC MP4 fixes it.
    """

    what: str
    value: float | str | None
    low: float | None = None
    high: float | None = None
    allowed: tuple[str, ...] = ()
    advice: bool = False
    fixable: bool = False


def video_spec(platform: str, options: Mapping[str, int] | None = None) -> VideoSpec | None:
    """The platform's video specification with configured overrides applied.

    ``options`` may hold ``<platform>_max_seconds``, ``<platform>_max_mb`` and
    ``<platform>_max_gb`` (the ``video-quality`` rule's options).
    """
    spec = SPECS[platform].video if platform in SPECS else None
    if spec is None:
        return None
    options = options or {}
    changes: dict[str, object] = {}
    if f"{platform}_max_seconds" in options and spec.seconds is not None:
        changes["seconds"] = (spec.seconds[0], options[f"{platform}_max_seconds"])
    if f"{platform}_max_mb" in options:
        changes["max_mb"] = options[f"{platform}_max_mb"]
    if f"{platform}_max_gb" in options:
        changes["max_mb"] = options[f"{platform}_max_gb"] * 1024
    return dataclasses.replace(spec, **changes) if changes else spec  # type: ignore[arg-type]


def video_option_defaults() -> dict[str, int]:
    """The ``video-quality`` rule's option defaults, read from the specification table."""
    defaults: dict[str, int] = {}
    for platform in ("instagram", "x"):
        spec = SPECS[platform].video
        if spec is not None and spec.seconds is not None and spec.max_mb is not None:
            defaults[f"{platform}_max_seconds"] = int(spec.seconds[1])
            defaults[f"{platform}_max_mb"] = spec.max_mb
    youtube = SPECS["youtube"].video
    if youtube is not None and youtube.max_mb is not None:
        defaults["youtube_max_gb"] = youtube.max_mb // 1024
    return defaults


def _outside(value: float, bounds: tuple[float, float], slack: float = 0.0) -> bool:
    return not bounds[0] - slack <= value <= bounds[1] + slack


def video_findings(info: VideoInfo, spec: VideoSpec, *, size_fixable: bool = True) -> list[VideoFinding]:
    """Every way ``info`` misses ``spec``, in a fixed order (duration, size, codecs, width, fps, ratio, container).

    ``size_fixable``: whether a re-encode can bring the file under the size limit (not for
    a platform whose limit is hundreds of gigabytes).
    """
    found: list[VideoFinding] = []
    if spec.seconds is not None and _outside(info.duration, spec.seconds):
        found.append(VideoFinding("duration", info.duration, *spec.seconds))
    if spec.max_mb is not None and info.bytes > spec.max_mb * MB:
        found.append(VideoFinding("size", info.bytes, high=spec.max_mb, fixable=size_fixable))
    if spec.video_codecs is not None and info.video_codec not in spec.video_codecs:
        found.append(VideoFinding("video_codec", info.video_codec, allowed=spec.video_codecs, fixable=True))
    if spec.audio_codecs is not None and info.audio_codec not in (None, *spec.audio_codecs):
        found.append(VideoFinding("audio_codec", info.audio_codec, allowed=spec.audio_codecs, fixable=True))
    if spec.max_width is not None and info.width > spec.max_width:
        found.append(VideoFinding("width", info.width, high=spec.max_width, advice=True, fixable=True))
    if spec.fps is not None and info.fps and _outside(info.fps, spec.fps):
        found.append(VideoFinding("fps", info.fps, *spec.fps, advice=True, fixable=True))
    if spec.ratio is not None and info.ratio and _outside(info.ratio, spec.ratio, _RATIO_SLACK):
        found.append(VideoFinding("ratio", info.ratio, *spec.ratio))
    if spec.containers is not None and not any(kind in info.format_name for kind in spec.containers):
        found.append(VideoFinding("container", info.format_name, allowed=spec.containers, fixable=True))
    return found
