"""One probe per video file version: everything check, intake and prepare ask of a video.

A plain MP4/MOV file (one video track, at most one audio track, constant frame rate) is read
in this process by :mod:`.mp4info`, which answers as ffprobe does: ``sosmed check`` of a few
hundred videos no longer starts a few hundred processes. Anything else goes to ffprobe.

The probe reads the container (format name, duration, tags such as ``creation_time`` or a
location) and every stream (codec, tag, frame size and rate, disposition, tags) in one run
of ``ffprobe``; the result is kept for the rest of the process, keyed by path, modification
time and size, so the video rule, the location rule and intake never probe a file twice.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosmed.media import mp4info

# Everything any caller reads, in one run: the rules' limits, the location tags, intake's tracks.
_ENTRIES = ("format=duration,format_name:format_tags"
            ":stream=codec_name,codec_type,codec_tag_string,width,height,r_frame_rate,disposition:stream_tags")


@dataclass(frozen=True)
class Stream:
    """One stream of a video file as ffprobe names it."""

    codec_type: str
    codec_name: str | None = None
    codec_tag: str = ""
    width: int = 0
    height: int = 0
    rate: str | None = None
    cover: bool = False  # an attached picture (cover art), not a moving picture
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VideoInfo:
    """What ffprobe reports: container, duration, codecs, frame size and rate, file size, tags, streams.

    ``error`` is set when the file could not be read as a video; ``format_tags`` and
    ``streams`` hold whatever ffprobe still reported, so a location is found even then.
    """

    format_name: str
    duration: float
    video_codec: str | None
    audio_codec: str | None
    width: int
    height: int
    fps: float
    bytes: int
    error: str | None = None
    format_tags: dict[str, str] = field(default_factory=dict)
    streams: tuple[Stream, ...] = ()

    @property
    def ratio(self) -> float:
        """Width divided by height (0 when unknown)."""
        return self.width / self.height if self.height else 0.0

    @property
    def creation_time(self) -> datetime | None:
        """The container's ``creation_time`` (UTC when it names no zone); None when absent or the epoch."""
        raw = self.format_tags.get("creation_time")
        if not raw:
            return None
        try:
            created = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return None if created.year < 1971 else created  # cameras without a clock write the epoch

    @property
    def extra_streams(self) -> tuple[str, ...]:
        """Streams other than moving video and audio (``subtitle:tx3g``, ``data:gpmd``, ``cover:…``)."""
        return tuple(f"{'cover' if s.cover else s.codec_type}:{s.codec_tag}" for s in self.streams
                     if s.codec_type not in ("video", "audio") or s.cover)


_probed: dict[tuple[str, int, int], VideoInfo] = {}


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def _rate(text: str | None) -> float:
    if not text or "/" not in text:
        return float(text or 0)
    num, den = text.split("/", 1)
    return float(num) / float(den) if float(den) else 0.0


def _stream(raw: dict[str, Any]) -> Stream:
    return Stream(codec_type=str(raw.get("codec_type") or ""), codec_name=raw.get("codec_name"),
                  codec_tag=str(raw.get("codec_tag_string") or ""), width=int(raw.get("width") or 0),
                  height=int(raw.get("height") or 0), rate=raw.get("r_frame_rate"),
                  cover=(raw.get("disposition") or {}).get("attached_pic") == 1,
                  tags={str(k): str(v) for k, v in (raw.get("tags") or {}).items()})


def _info(data: dict[str, Any], returncode: int, stderr: str, size: int) -> VideoInfo:
    fmt = data.get("format") or {}
    streams = tuple(_stream(s) for s in data.get("streams") or [])
    tags = {str(k): str(v) for k, v in (fmt.get("tags") or {}).items()}
    video = next((s for s in streams if s.codec_type == "video" and not s.cover), None)
    audio = next((s for s in streams if s.codec_type == "audio"), None)
    name = str(fmt.get("format_name") or "")
    if returncode != 0 or video is None:
        error = (stderr.strip().splitlines() or ["no video stream"])[-1][:200]
        return VideoInfo(name, 0.0, None, None, 0, 0, 0.0, size, error=error, format_tags=tags, streams=streams)
    return VideoInfo(format_name=name, duration=float(fmt.get("duration") or 0.0), video_codec=video.codec_name,
                     audio_codec=audio.codec_name if audio else None, width=video.width, height=video.height,
                     fps=_rate(video.rate), bytes=size, format_tags=tags, streams=streams)


def _from_mp4(quick: mp4info.Mp4Info, size: int) -> VideoInfo:
    """The probe of a plain MP4/MOV as ffprobe reports it: the tags and tracks callers read."""
    tags = {name: "" for name in (quick.location,) if name}  # callers read where a location is, not its value
    if quick.creation_time:
        tags["creation_time"] = quick.creation_time
    streams = [Stream("video", quick.video_codec, quick.video_tag, quick.width, quick.height, quick.rate)]
    if quick.audio_codec:
        streams.append(Stream("audio", quick.audio_codec, quick.audio_tag))
    return VideoInfo(quick.format_name, quick.duration, quick.video_codec, quick.audio_codec, quick.width,
                     quick.height, quick.fps, size, format_tags=tags, streams=tuple(streams))


def probe_video(path: Path, ffprobe: str) -> VideoInfo:
    """Probe a video once per file version (path, modification time, size): in process or with ffprobe."""
    key = _key(path)
    found = _probed.get(key)
    if found is not None:
        return found
    quick = mp4info.read(path)
    if quick is not None:
        found = _probed[key] = _from_mp4(quick, key[2])
        return found
    command = [ffprobe, "-v", "error", "-show_entries", _ENTRIES, "-of", "json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        data = json.loads(done.stdout or "{}")
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        found = VideoInfo("", 0.0, None, None, 0, 0, 0.0, key[2], error=type(exc).__name__)
    else:
        found = _info(data if isinstance(data, dict) else {}, done.returncode, done.stderr, key[2])
    _probed[key] = found
    return found
