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

from sosmed.check.media_info import ffprobe_path, probe_video
from sosmed.check.rule import RuleContext
from sosmed.compose import PLATFORM_NAMES
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "video-quality"
FBS = 7
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"instagram_max_seconds": int, "instagram_max_mb": int, "x_max_seconds": int,
                            "x_max_mb": int, "youtube_max_gb": int}
DEFAULTS = {"instagram_max_seconds": 900, "instagram_max_mb": 300, "x_max_seconds": 1200, "x_max_mb": 8192,
            "youtube_max_gb": 256}
DOC = {
    "id": "FBS 7 (kualitas video): video diperiksa dengan ffprobe terhadap batas tiap platform tujuan — Instagram "
          "3 detik–15 menit, maks. 300 MB, H.264/HEVC + AAC, lebar maks. 1920, 23–60 fps; X 0,5 detik–20 menit, "
          "maks. 8 GB, H.264 + AAC, maks. 60 fps, rasio 1:3–3:1; YouTube maks. 256 GB. Tanpa ffprobe, satu "
          "peringatan menyatakan pemeriksaan video mati.",
    "en": "FBS 7 (video quality): videos are probed with ffprobe against each target platform's limits — Instagram "
          "3 s–15 min, max 300 MB, H.264/HEVC + AAC, width ≤ 1920, 23–60 fps; X 0.5 s–20 min, max 8 GB, H.264 + "
          "AAC, ≤ 60 fps, aspect 1:3–3:1; YouTube max 256 GB. Without ffprobe, one warning says the video check is off.",
}

MB = 1024 * 1024


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
    options = ctx.options
    for index, media in videos:
        path = item.folder / media.file
        if not path.is_file():
            continue
        info = probe_video(path, ffprobe)
        loc = ("media", index, "file")
        if info.error:
            yield ctx.problem(item, "rules.video_quality.unreadable", loc=loc, file=media.file, error=info.error)
            continue
        base = {"file": media.file}
        for platform in post.social_platforms:
            name = PLATFORM_NAMES[platform]

            def bad(key: str, level: str | None = None, _name: str = name, _loc: tuple = loc,
                    _base: dict = base, **args: object) -> Problem:
                return ctx.problem(item, f"rules.video_quality.{key}", loc=_loc, platform=_name,
                                   level=level, **_base, **args)  # type: ignore[arg-type]

            if platform == "instagram":
                if not 3 <= info.duration <= options["instagram_max_seconds"]:
                    yield bad("duration", seconds=_num(round(info.duration, 1)), low="3",
                              high=_num(options["instagram_max_seconds"]))
                if info.bytes > options["instagram_max_mb"] * MB:
                    yield bad("too_large", size=_num(round(info.bytes / MB, 1)), limit=options["instagram_max_mb"])
                if info.video_codec not in ("h264", "hevc"):
                    yield bad("video_codec", codec=info.video_codec or "?", allowed="H.264, HEVC")
                if info.audio_codec not in (None, "aac"):
                    yield bad("audio_codec", codec=info.audio_codec, allowed="AAC")
                if info.width > 1920:
                    yield bad("width", "warning", width=info.width, limit=1920)
                if info.fps and not 23 <= info.fps <= 60:
                    yield bad("fps", "warning", fps=_num(round(info.fps, 2)), low=23, high=60)
            elif platform == "x":
                if not 0.5 <= info.duration <= options["x_max_seconds"]:
                    yield bad("duration", seconds=_num(round(info.duration, 1)), low="0,5",
                              high=_num(options["x_max_seconds"]))
                if info.bytes > options["x_max_mb"] * MB:
                    yield bad("too_large", size=_num(round(info.bytes / MB, 1)), limit=options["x_max_mb"])
                if info.video_codec != "h264":
                    yield bad("video_codec", codec=info.video_codec or "?", allowed="H.264")
                if info.audio_codec not in (None, "aac"):
                    yield bad("audio_codec", codec=info.audio_codec, allowed="AAC")
                if info.fps > 60:
                    yield bad("fps", "warning", fps=_num(round(info.fps, 2)), low=1, high=60)
                if info.ratio and not 1 / 3 - 1e-3 <= info.ratio <= 3 + 1e-3:
                    yield bad("x_ratio", ratio=_num(round(info.ratio, 2)))
            elif platform == "youtube":
                if info.bytes > options["youtube_max_gb"] * 1024 * MB:
                    yield bad("too_large", size=_num(round(info.bytes / MB, 1)),
                              limit=options["youtube_max_gb"] * 1024)
            elif platform == "facebook":
                if not any(kind in info.format_name for kind in ("mp4", "mov")):
                    yield bad("container", container=info.format_name, allowed="MP4, MOV")
