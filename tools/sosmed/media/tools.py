"""Where the video tools are: ``ffprobe`` and ``ffmpeg`` (Debian package ``ffmpeg``), None when missing."""

from __future__ import annotations

import shutil


def ffprobe_path() -> str | None:
    """The ffprobe executable, or None when it is not installed."""
    return shutil.which("ffprobe")


def ffmpeg_path() -> str | None:
    """The ffmpeg executable, or None when it is not installed."""
    return shutil.which("ffmpeg")
