"""``sosmed media prepare``: make a post's photos fit every platform it targets, probe its
videos against each platform's limits, and make the archive's thumbnails.

Why before the pull request and not at publish time: the Kepala signs off the bytes that
will be published (the content hash covers every media file), so the files in the bundle
must already be the ones each platform receives. One file serves every platform, so it is
made to fit them all at once:

- format: converted to JPEG when a target does not take it (Instagram takes only JPEG);
- Instagram aspect 4:5 to 1.91:1: padded (bars in ``pad_colour``) or cropped around the
  centre, per ``instagram_fit``; the picture is never stretched;
- width: scaled down (same factor both ways) to the smallest ``max_width`` of the targets;
- size: JPEG quality lowered step by step, then the picture scaled down, until the file is
  under the smallest limit of the targets (X 5 MB, Instagram 8 MB, Facebook's 4 MB
  recommendation; the numbers are the ``image-quality`` rule's options);
- a photo that already fits is left byte for byte as it is, so running prepare again changes
  nothing.

Videos are probed with ffprobe and compared with the ``video-quality`` rule's limits; when a
re-encode would fix them, the ffmpeg command is shown, and run with ``--transcode``.
Thumbnails for the archive go to ``thumbs/<name>.jpg`` inside the bundle (not listed as
media, so they do not change the content hash). A renamed file (PNG → JPEG, a transcoded
video) replaces the old one in ``index.md`` and the old file is removed from the bundle; the
sources the crew delivered are never touched.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageColor, ImageOps, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sosmed.check.settings import resolve
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.i18n import Number
from sosmed.intake.bundle import edit_front_matter, read_manifest, rename_media, write_atomic, write_manifest
from sosmed.intake.limits import IntakeLimits
from sosmed.intake.shaping import IG_MAX, IG_MIN, encode, encode_within, fit_ratio, flatten, scale_to_width
from sosmed.media.fit import DEFAULT_MODE
from sosmed.media.limits import VideoFinding, video_findings, video_spec
from sosmed.media.probe import VideoInfo, probe_video
from sosmed.media.tools import ffmpeg_path, ffprobe_path
from sosmed.model.item import Item
from sosmed.specs import CODEC_NAMES, SPECS

MB = 1024 * 1024
ACCEPTS = {platform: spec.image.formats for platform, spec in SPECS.items() if spec.image is not None}
THUMBS = "thumbs"


class MediaSettings(BaseModel):
    """How prepare shapes media; from ``media:`` in sosmed.yml when present, else these defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instagram_fit: Literal["pad", "crop"] = DEFAULT_MODE
    pad_colour: str = "#ffffff"
    max_width: dict[str, int] = Field(default_factory=lambda: {
        "website": 2048, "facebook": 2048, "instagram": 1440, "x": 4096, "youtube": 2048})
    jpeg_quality: int = Field(default=90, ge=40, le=100)
    thumbnail_width: int = Field(default=480, gt=0)
    intake: IntakeLimits = Field(default_factory=IntakeLimits)  # what one sosmed intake may unpack

    @field_validator("pad_colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        ImageColor.getrgb(value)  # ValueError → a validation error naming the field
        return value


def media_settings(config: Config, **overrides: object) -> MediaSettings:
    """Settings from the configuration's ``media`` section (if the schema has one) and overrides."""
    raw = dict(getattr(config, "media", None) or {})
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return MediaSettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise SosmedError("intake.media.settings_invalid", field=".".join(map(str, first["loc"])),
                          value=str(first.get("input"))) from None


@dataclass
class Prepared:
    """What prepare did (or would do) to one media file."""

    file: str
    kind: Literal["image", "video"]
    status: Literal["ok", "changed", "pending", "failed"]
    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (key under intake.media.change, args)
    new_file: str | None = None
    command: list[str] | None = None
    findings: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (platform, key, args)
    thumbnail: str | None = None

    @property
    def command_text(self) -> str | None:
        return shlex.join(self.command) if self.command else None


@dataclass
class PrepareReport:
    """Prepare's results per post."""

    posts: list[tuple[Item, list[Prepared]]] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return any(p.status in ("pending", "failed") for _, items in self.posts for p in items)


def _targets(item: Item) -> list[str]:
    return list(item.post.platforms)


def _limit_bytes(targets: list[str], image_options: dict[str, Any]) -> int | None:
    limits = []
    if "x" in targets:
        limits.append(image_options["x_max_mb"] * MB)
    if "instagram" in targets:
        limits.append(image_options["instagram_max_mb"] * MB)
    if "facebook" in targets:
        limits.append(image_options["facebook_recommended_mb"] * MB)
    return min(limits) if limits else None


def _mb(size: int) -> Number:
    return Number(size / MB)


def _renamed(folder: Path, file: str) -> str:
    """A free ``.jpg`` name for ``file`` (a path inside the bundle) in its folder."""
    jpeg = Path(file).with_suffix(".jpg")
    if Path(file).parent != Path("."):
        return str(Path(file).parent / _unique(folder, jpeg.name, Path(file).name))
    return _unique(folder, str(jpeg), file)


def _unique(folder: Path, name: str, old: str) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    counter, candidate = 1, name
    while (folder / candidate).exists() and candidate != old:
        counter += 1
        candidate = f"{stem}-{counter}{suffix}"
    return candidate


class _Preparer:
    def __init__(self, config: Config, settings: MediaSettings, *, dry_run: bool, transcode: bool) -> None:
        self.config = config
        self.settings = settings
        self.dry_run = dry_run
        self.transcode = transcode
        rules = resolve(config).rules
        self.image_options = rules["image-quality"].options
        self.video_options = rules["video-quality"].options
        self.ffmpeg, self.ffprobe = ffmpeg_path(), ffprobe_path()
        self.colour = ImageColor.getrgb(settings.pad_colour)

    def image(self, item: Item, file: str) -> Prepared:
        path = item.folder / file
        try:
            with Image.open(path) as opened:
                fmt = opened.format or "JPEG"
                animated = getattr(opened, "n_frames", 1) > 1
                original = ImageOps.exif_transpose(opened) if not animated else None
                if original is not None:
                    original.load()
        except (OSError, UnidentifiedImageError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            return Prepared(file, "image", "failed", [("unreadable", {"error": type(exc).__name__})])
        result = Prepared(file, "image", "ok")
        if original is None:
            result.changes.append(("animated", {}))
            return result
        targets = _targets(item)
        image, out_fmt = self._shape(original, fmt, targets, result)
        limit = _limit_bytes(targets, self.image_options)
        size = path.stat().st_size
        if not result.changes and (limit is None or size <= limit):
            return result  # already fits: the bytes stay exactly as they are
        if out_fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = flatten(image, self.colour)
        data, encoded = encode_within(image, out_fmt, self.settings.jpeg_quality, limit, self.colour)
        if encoded != out_fmt:
            result.changes.append(("format", {"old": fmt, "new": encoded}))
        if limit is not None and size > limit:
            result.changes.append(("size", {"old": _mb(size), "new": _mb(len(data)), "limit": _mb(limit)}))
        new_name = file if encoded == fmt else _renamed(path.parent, file)
        result.status = "pending" if self.dry_run else "changed"
        result.new_file = new_name if new_name != file else None
        if self.dry_run:
            return result
        write_atomic(item.folder / new_name, data)
        if new_name != file:
            self._replace(item, file, new_name)
        return result

    def _shape(self, image: Image.Image, fmt: str, targets: list[str],
               result: Prepared) -> tuple[Image.Image, str]:
        """Format every target takes, Instagram's aspect, the smallest width: the picture and its format."""
        social = [p for p in targets if p in ACCEPTS]
        out_fmt = fmt if all(fmt in ACCEPTS[p] for p in social) else "JPEG"
        if out_fmt != fmt:
            result.changes.append(("format", {"old": fmt, "new": out_fmt}))
            image = flatten(image, self.colour)
        if "instagram" in targets and not IG_MIN - 1e-3 <= image.width / image.height <= IG_MAX + 1e-3:
            before = f"{image.width}x{image.height}"
            image = fit_ratio(image.convert("RGB") if out_fmt == "JPEG" else image,
                              self.settings.instagram_fit, self.colour)
            result.changes.append((self.settings.instagram_fit, {"old": before, "new": f"{image.width}x{image.height}"}))
        widths = [self.settings.max_width[p] for p in targets if p in self.settings.max_width]
        max_width = min(widths) if widths else None
        if max_width and image.width > max_width:
            result.changes.append(("width", {"old": image.width, "new": max_width}))
            image = scale_to_width(image, max_width)
        return image, out_fmt

    def _replace(self, item: Item, old: str, new: str) -> None:
        edit_front_matter(item.path, lambda fm: rename_media(fm, old, new))
        manifest = read_manifest(item.folder)
        if old in manifest.values():
            write_manifest(item.folder, {k: (new if v == old else v) for k, v in manifest.items()})
        (item.folder / old).unlink(missing_ok=True)

    def video(self, item: Item, file: str) -> Prepared:
        path = item.folder / file
        if not self.ffprobe:
            return Prepared(file, "video", "failed", [("ffprobe_missing", {})])
        info = probe_video(path, self.ffprobe)
        if info.error:
            return Prepared(file, "video", "failed", [("unreadable", {"error": info.error})])
        result = Prepared(file, "video", "ok")
        fixable = False
        for platform in item.post.social_platforms:
            for key, args, can_fix in self._video_findings(platform, info):
                result.findings.append((platform, key, args))
                fixable = fixable or can_fix
        if not fixable:
            result.status = "pending" if result.findings else "ok"
            return result
        new_name = _unique(path.parent, f"{Path(file).stem}-web.mp4" if path.suffix.lower() == ".mp4"
                           else f"{Path(file).stem}.mp4", file)
        result.command = transcode_command(path, path.parent / new_name, info, self.ffmpeg or "ffmpeg")
        result.new_file = new_name
        if not self.transcode or self.dry_run:
            result.status = "pending"
            return result
        if not self.ffmpeg:
            result.status = "failed"
            result.changes.append(("ffmpeg_missing", {}))
            return result
        done = subprocess.run(result.command, capture_output=True, text=True, timeout=6 * 3600, check=False)
        if done.returncode != 0:
            result.status = "failed"
            lines = done.stderr.strip().splitlines()
            result.changes.append(("transcode_failed", {"error": lines[-1][:200] if lines else done.returncode}))
            (path.parent / new_name).unlink(missing_ok=True)
            return result
        self._replace(item, file, new_name)
        after = probe_video(path.parent / new_name, self.ffprobe)
        result.findings = [(p, k, a) for p in item.post.social_platforms for k, a, _ in self._video_findings(p, after)]
        result.status = "pending" if result.findings else "changed"
        return result

    def _video_findings(self, platform: str, info: VideoInfo) -> list[tuple[str, dict[str, Any], bool]]:
        spec = video_spec(platform, self.video_options)
        if spec is None:
            return []
        found = video_findings(info, spec, size_fixable=platform != "youtube")
        name = SPECS[platform].label
        out: list[tuple[str, dict[str, Any], bool]] = []
        for finding in found:
            if finding.what not in ("video_codec", "audio_codec"):
                out.append(_finding(name, finding))
            elif not any(key == "codec" for key, _, _ in out):  # one line for both: one re-encode fixes them
                allowed = " + ".join("/".join(CODEC_NAMES.get(c, c) for c in names)
                                     for names in (spec.video_codecs, spec.audio_codecs) if names)
                out.append(("codec", {"platform": name, "video": info.video_codec or "?",
                                      "audio": info.audio_codec or "-", "allowed": allowed}, True))
        return out

    def thumbnail(self, item: Item, file: str, kind: str) -> str | None:
        source = item.folder / file
        target = item.folder / THUMBS / f"{Path(file).stem}.jpg"
        relative = f"{THUMBS}/{target.name}"
        if target.is_file() and target.stat().st_mtime_ns >= source.stat().st_mtime_ns:
            return relative
        if self.dry_run:
            return None
        target.parent.mkdir(exist_ok=True)
        width = self.settings.thumbnail_width
        if kind == "video":
            if not self.ffmpeg:
                return None
            command = [self.ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source), "-map", "0:V:0",
                       "-frames:v", "1", "-vf", f"thumbnail,scale='min({width},iw)':-2", "-map_metadata", "-1",
                       str(target)]
            done = subprocess.run(command, capture_output=True, timeout=600, check=False)
            return relative if done.returncode == 0 and target.is_file() else None
        try:
            with Image.open(source) as opened:
                image = ImageOps.exif_transpose(opened)
                image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
                write_atomic(target, encode(flatten(image, self.colour), "JPEG", 80))
        except (OSError, UnidentifiedImageError, ValueError):
            return None
        return relative


def _bound(value: float | None) -> Number | str:
    """A limit as short as it is written in the specs (``60``, ``0,5``), in the language's decimals."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return str(int(value))
    return Number(value, min(len(f"{value:g}".partition(".")[2]), 3))


def _finding(name: str, f: VideoFinding) -> tuple[str, dict[str, Any], bool]:
    """A finding as prepare reports it: catalogue key under ``intake.media.finding``, arguments, fixable."""
    value = f.value if isinstance(f.value, int | float) else 0
    args: dict[str, object] = {"platform": name}
    if f.what == "duration":
        args.update(seconds=Number(value), low=_bound(f.low), high=_bound(f.high))
    elif f.what == "size":
        args.update(size=int(value) // MB, limit=f.high)
    elif f.what == "width":
        args.update(width=f.value, limit=f.high)
    elif f.what == "fps":
        args.update(fps=Number(value, 2), low=_bound(f.low), high=_bound(f.high))
    elif f.what == "ratio":
        args.update(ratio=Number(value, 2), low=Number(f.low or 0.0, 2), high=Number(f.high or 0.0, 2))
    else:
        args.update(container=f.value)
    return f.what, args, f.fixable


def transcode_command(source: Path, target: Path, info: VideoInfo, ffmpeg: str = "ffmpeg") -> list[str]:
    """An ffmpeg command making a video every platform takes: H.264 + AAC in MP4, ≤ 1920 wide,
    23–60 fps, no metadata (and no location), streaming-friendly."""
    filters = ["scale='min(1920,iw)':-2"]
    command = [ffmpeg, "-nostdin", "-v", "error", "-n", "-i", str(source), "-map", "0:V:0", "-map", "0:a:0?",
               "-c:v", "libx264", "-preset", "medium", "-crf", "23", "-pix_fmt", "yuv420p",
               "-vf", ",".join(filters)]
    if info.fps and not 23 <= info.fps <= 60:
        command += ["-r", "30"]
    command += ["-c:a", "aac", "-b:a", "128k", "-ac", "2", "-map_metadata", "-1", "-map_chapters", "-1",
                "-movflags", "+faststart", str(target)]
    return command


def prepare(items: list[Item], config: Config, settings: MediaSettings, *, dry_run: bool = False,
            transcode: bool = False) -> PrepareReport:
    """Prepare every media file of ``items`` (posts) for their platforms; see the module docstring."""
    worker = _Preparer(config, settings, dry_run=dry_run, transcode=transcode)
    report = PrepareReport()
    for item in items:
        if item.kind != "post" or item.post.status == "retracted":
            continue
        results: list[Prepared] = []
        for media in item.post.media:
            if not (item.folder / media.file).is_file():
                continue
            done = worker.image(item, media.file) if media.kind == "image" else worker.video(item, media.file)
            current = done.new_file if done.new_file and done.status == "changed" else media.file
            done.thumbnail = worker.thumbnail(item, current, media.kind)
            results.append(done)
        report.posts.append((item, results))
    return report
