"""FBS 7 (kualitas video): each video must meet every target platform's duration, codec and size limits.

Read with ``ffprobe`` (Debian ``ffmpeg``). Limits from the platform reference, as options
because the platforms change them: Instagram Reels 3 s – 15 min, ≤ 300 MB, H.264/HEVC
video, AAC audio, width ≤ 1920, 23–60 fps; X 0.5 s – 20 min (older accounts: 140 s),
≤ 8 GB (512 MB), H.264 video, AAC audio, ≤ 60 fps, aspect 1:3 to 3:1; YouTube ≤ 256 GB;
Facebook: MP4/MOV. When ffprobe is missing the video check is off and one warning per run
says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.media.limits import MB, VideoFinding, video_findings, video_option_defaults, video_spec
from sosmed.media.probe import probe_video
from sosmed.media.tools import ffprobe_path
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import CODEC_NAMES, CONTAINER_NAMES, SPECS

ID = "video-quality"
FBS = 7
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"instagram_max_seconds": int, "instagram_max_mb": int, "x_max_seconds": int,
                            "x_max_mb": int, "youtube_max_gb": int}
DEFAULTS = video_option_defaults()
DOC = {
    "id": "FBS 7 (kualitas video): video diperiksa dengan ffprobe terhadap batas tiap platform tujuan — Instagram "
          "3 detik–15 menit, maks. 300 MB, H.264/HEVC + AAC, lebar maks. 1920, 23–60 fps; X 0,5 detik–20 menit, "
          "maks. 8 GB, H.264 + AAC, maks. 60 fps, rasio 1:3–3:1; YouTube maks. 256 GB. Tanpa ffprobe, satu "
          "peringatan menyatakan pemeriksaan video mati.",
    "en": "FBS 7 (video quality): videos are probed with ffprobe against each target platform's limits — Instagram "
          "3 s–15 min, max 300 MB, H.264/HEVC + AAC, width ≤ 1920, 23–60 fps; X 0.5 s–20 min, max 8 GB, H.264 + "
          "AAC, ≤ 60 fps, aspect 1:3–3:1; YouTube max 256 GB. Without ffprobe, one warning says the video check is off.",
}


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report videos that a target platform would refuse (or, once, that ffprobe is missing)."""
    if not item.post.media:
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    post = item.post
    videos = [(i, m) for i, m in enumerate(post.media) if m.kind == "video"]
    if not videos or post.status == "retracted":
        return
    if "ffprobe" not in ctx.cache:
        ctx.cache["ffprobe"] = ffprobe_path()
    ffprobe = ctx.cache["ffprobe"]
    if ffprobe is None:
        if not ctx.cache.get("warned"):
            ctx.cache["warned"] = True
            yield ctx.problem(item, "rules.video_quality.ffprobe_missing", loc=("media", videos[0][0], "file"),
                              level="warning")
        return
    for index, media in videos:
        path = item.folder / media.file
        if not path.is_file():
            continue
        info = probe_video(path, ffprobe)
        loc = ("media", index, "file")
        if info.error:
            yield ctx.problem(item, "rules.video_quality.unreadable", loc=loc, file=media.file, error=info.error)
            continue
        for platform in post.social_platforms:
            spec = video_spec(platform, ctx.options)
            for finding in video_findings(info, spec) if spec else ():
                key, args = _message(platform, finding)
                yield ctx.problem(item, f"rules.video_quality.{key}", loc=loc, file=media.file,
                                  platform=SPECS[platform].label, level="warning" if finding.advice else None,
                                  **args)


def _names(names: tuple[str, ...], table: dict[str, str]) -> str:
    return ", ".join(table.get(name, name) for name in names)


def _message(platform: str, f: VideoFinding) -> tuple[str, dict[str, Any]]:
    """The catalogue key and arguments of one finding (numbers written the Indonesian way)."""
    value = f.value if isinstance(f.value, int | float) else 0
    if f.what == "duration":
        return "duration", {"seconds": _num(round(value, 1)), "low": _num(f.low or 0), "high": _num(f.high or 0)}
    if f.what == "size":
        return "too_large", {"size": _num(round(value / MB, 1)), "limit": f.high}
    if f.what in ("video_codec", "audio_codec"):
        return f.what, {"codec": f.value or "?", "allowed": _names(f.allowed, CODEC_NAMES)}
    if f.what == "width":
        return "width", {"width": f.value, "limit": f.high}
    if f.what == "fps":
        return "fps", {"fps": _num(round(value, 2)), "low": _num(f.low or 0), "high": _num(f.high or 0)}
    if f.what == "ratio":
        return f"{platform}_ratio", {"ratio": _num(round(value, 2))}
    return "container", {"container": f.value, "allowed": _names(f.allowed, CONTAINER_NAMES)}
