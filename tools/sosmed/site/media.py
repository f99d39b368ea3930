"""Published copies of post images: a width-limited copy and a thumbnail, without metadata.

The width-limited copy is served at the original file's name beside the post page
(``YYYY/MM/<folder>/<file>``, the URL :func:`sosmed.urls.media_url` gives to Instagram);
the thumbnail at ``YYYY/MM/<folder>/sm/<file>``. Originals never reach the site. Copies
are re-encoded without EXIF/XMP (:func:`sosmed.media.strip.save_clean`, as intake's copies), so
GPS location and camera data are gone.

Encoding is the slow part, so results are kept in a cache folder keyed by the source's
*content* (SHA-256 of its bytes), the copy's width and quality: the same photo in two posts,
a post moved to another folder, or a file touched without being changed is encoded once.
The manifest remembers each source's hash by its path, size and modification time, so a
rebuild hashes only files that changed, and encodes only content it has not seen.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from sosmed.media.strip import save_clean

FULL_WIDTH = 1080  # Instagram's display width; larger copies only cost readers' data
THUMB_WIDTH = 480
FULL_QUALITY = 82
THUMB_QUALITY = 70
VIDEO_MAX_BYTES = 25 * 1024 * 1024
CACHE_VERSION = "2"
THUMB_DIR = "sm"
POSTER_WIDTH = FULL_WIDTH


@dataclass(frozen=True)
class Copy:
    """One file for the site: its site path, where its bytes are, and its pixel size (images)."""

    uri: str
    path: Path
    width: int = 0
    height: int = 0


@dataclass
class ImageJob:
    """An image of a post to publish: source file, page URL and the name inside the bundle."""

    source: Path
    page_url: str
    file: str


@dataclass
class MediaSet:
    """The outcome: per (page URL, file) the full copy and thumbnail; videos; what failed."""

    images: dict[tuple[str, str], tuple[Copy, Copy]] = field(default_factory=dict)
    videos: dict[tuple[str, str], Copy] = field(default_factory=dict)
    posters: dict[tuple[str, str], Copy] = field(default_factory=dict)  # a still frame of each served video
    failed: list[tuple[Path, str]] = field(default_factory=list)
    too_large: list[tuple[Path, int]] = field(default_factory=list)

    def files(self) -> list[Copy]:
        """Every file the site must contain."""
        out = [c for pair in self.images.values() for c in pair]
        out.extend(self.videos.values())
        out.extend(self.posters.values())
        return out


def poster_uri(page_url: str, file: str) -> str:
    """Site path of the still frame shown before ``file`` (a video of the page at ``page_url``) plays."""
    return f"{page_url}{THUMB_DIR}/{PurePosixPath(file).stem}.poster.jpg"


def thumb_uri(page_url: str, file: str) -> str:
    """Site path of the thumbnail of ``file`` of the page at ``page_url``."""
    return f"{page_url}{THUMB_DIR}/{file}"


def _save(image: Image.Image, dest: Path, quality: int, icc: bytes | None) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + f".{os.getpid()}.{threading.get_ident()}.tmp")
    fmt = Image.registered_extensions().get(dest.suffix.lower(), "JPEG")
    save_clean(image, tmp, fmt, quality=quality, icc=icc, web=True)
    os.replace(tmp, dest)


def _limit(image: Image.Image, max_width: int) -> Image.Image:
    if image.width <= max_width:
        return image
    height = max(1, round(image.height * max_width / image.width))
    return image.resize((max_width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode_copies(source: Path, targets: list[tuple[Path, int, int]]) -> list[tuple[int, int]]:
    """Decode ``source`` once and write each (dest, max width, quality) copy without metadata; return sizes."""
    with Image.open(source) as opened:
        icc = opened.info.get("icc_profile")
        widest = max(width for _, width, _ in targets)
        if opened.format == "JPEG":
            # Let the JPEG decoder scale down by 1/2, 1/4… when the copy is that much smaller: far less work.
            opened.draft("RGB", (widest, max(1, round(opened.height * widest / max(opened.width, 1)))))
        image = ImageOps.exif_transpose(opened)
        sizes = []
        for dest, max_width, quality in sorted(targets, key=lambda t: -t[1]):
            image = _limit(image, max_width)
            _save(image, dest, quality, icc)
            sizes.append((dest, image.width, image.height))
    order = {dest: (w, h) for dest, w, h in sizes}
    return [order[dest] for dest, _, _ in targets]


class MediaCache:
    """Encoded copies on disk, keyed by the source's content, reused across builds and posts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._manifest_path = folder / "manifest.json"
        self._sizes: dict[str, list[int]] = {}
        self._hashes: dict[str, str] = {}  # "path|size|mtime_ns" → SHA-256 of the file's bytes
        try:
            manifest = json.loads(self._manifest_path.read_text(encoding="utf-8"))
            if isinstance(manifest, dict) and manifest.get("version") == CACHE_VERSION:
                self._sizes, self._hashes = dict(manifest["sizes"]), dict(manifest["hashes"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no manifest, an older one, or a damaged one: copies are found again by content
        self._seen_hashes: dict[str, str] = {}
        self._dirty = False

    def content_hash(self, source: Path) -> str:
        """SHA-256 of ``source``'s bytes, remembered by path, size and modification time."""
        stat = source.stat()
        memo = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        digest = self._hashes.get(memo)
        if digest is None:
            with open(source, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
            self._hashes[memo] = digest
            self._dirty = True
        self._seen_hashes[memo] = digest
        return digest

    def _key(self, source: Path, max_width: int, quality: int) -> str:
        raw = f"{CACHE_VERSION}|{self.content_hash(source)}|{max_width}|{quality}"
        return hashlib.sha1(raw.encode()).hexdigest()[:24] + PurePosixPath(source.name).suffix.lower()

    def _targets(self, source: Path) -> list[tuple[Path, int, int]]:
        """Where the full-width copy and the thumbnail of ``source`` are (or go), and their width and quality."""
        wanted = [(FULL_WIDTH, FULL_QUALITY), (THUMB_WIDTH, THUMB_QUALITY)]
        paths = []
        for width, quality in wanted:
            key = self._key(source, width, quality)
            paths.append((self.folder / key[:2] / key, width, quality))
        return paths

    def _copies(self, source: Path, paths: list[tuple[Path, int, int]]) -> list[tuple[Path, int, int]]:
        """The full-width copy and the thumbnail of ``source`` (encoded now only if not cached)."""
        cached = [self._sizes.get(path.name) for path, _, _ in paths]
        if all(size is not None and path.is_file() for size, (path, _, _) in zip(cached, paths, strict=True)):
            return [(path, size[0], size[1]) for size, (path, _, _) in zip(cached, paths, strict=True)]  # type: ignore[index]
        sizes = encode_copies(source, paths)
        return [(path, w, h) for (path, _, _), (w, h) in zip(paths, sizes, strict=True)]

    def prepare(self, jobs: list[ImageJob], videos: list[tuple[Path, str, str]], *,
                video_max_bytes: int = VIDEO_MAX_BYTES, workers: int | None = None) -> MediaSet:
        """Encode (or reuse) every distinct image once; pick videos small enough to serve from the site."""
        result = MediaSet()
        # One encoding per distinct content: posts sharing a photo share its copies.
        distinct: dict[tuple[Path, ...], tuple[Path, list[tuple[Path, int, int]]]] = {}
        targets: list[tuple[ImageJob, tuple[Path, ...] | None, str]] = []
        for job in jobs:
            try:
                paths = self._targets(job.source)
            except OSError as exc:
                targets.append((job, None, str(exc) or type(exc).__name__))
                continue
            key = tuple(path for path, _, _ in paths)
            distinct.setdefault(key, (job.source, paths))
            targets.append((job, key, ""))

        def work(item: tuple[tuple[Path, ...], tuple[Path, list[tuple[Path, int, int]]]]) -> tuple[
                tuple[Path, ...], list[tuple[Path, int, int]] | None, str]:
            key, (source, paths) = item
            try:
                return key, self._copies(source, paths), ""
            except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
                return key, None, str(exc) or type(exc).__name__

        # Pillow releases the GIL while decoding and encoding, so threads use every core.
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            done = {key: (copies, error) for key, copies, error in pool.map(work, distinct.items())}
        for job, target, error in targets:
            copies, error = done[target] if target is not None else (None, error)
            if copies is None:
                result.failed.append((job.source, error))
                continue
            full, thumb = copies
            for path, width, height in (full, thumb):
                if self._sizes.get(path.name) != [width, height]:
                    self._sizes[path.name] = [width, height]
                    self._dirty = True
            result.images[(job.page_url, job.file)] = (
                Copy(job.page_url + job.file, full[0], full[1], full[2]),
                Copy(thumb_uri(job.page_url, job.file), thumb[0], thumb[1], thumb[2]),
            )
        self._videos(videos, video_max_bytes, result)
        self.save()
        return result

    def _videos(self, videos: list[tuple[Path, str, str]], video_max_bytes: int, result: MediaSet) -> None:
        for source, page_url, file in videos:
            size = source.stat().st_size
            if size > video_max_bytes:
                result.too_large.append((source, size))
                continue
            result.videos[(page_url, file)] = Copy(page_url + file, source)
            poster = self._poster(source)
            if poster is not None:
                result.posters[(page_url, file)] = Copy(poster_uri(page_url, file), poster, POSTER_WIDTH, 0)

    def _poster(self, source: Path) -> Path | None:
        """A still frame of a video as a JPEG (cached); None when ffmpeg cannot read it."""
        key = self._key(source, POSTER_WIDTH, FULL_QUALITY)
        dest = self.folder / key[:2] / (key.rsplit(".", 1)[0] + ".poster.jpg")
        if dest.is_file():
            return dest
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            return None
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + f".{os.getpid()}.tmp.jpg")
        # One second in (past a fade from black); a shorter clip gives its first frame.
        for offset in ("1", "0"):
            proc = subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", "-ss", offset, "-i", str(source),
                                   "-frames:v", "1", "-vf", f"scale='min({POSTER_WIDTH},iw)':-2",
                                   "-map_metadata", "-1", str(tmp)], capture_output=True)
            if proc.returncode == 0 and tmp.is_file() and tmp.stat().st_size:
                os.replace(tmp, dest)
                return dest
        tmp.unlink(missing_ok=True)
        return None

    def save(self) -> None:
        """Write the manifest (copy sizes; the hashes of the sources seen in this build) if it changed."""
        if self._dirty or len(self._seen_hashes) != len(self._hashes):
            tmp = self._manifest_path.with_suffix(".tmp")
            manifest = {"version": CACHE_VERSION, "sizes": self._sizes, "hashes": self._seen_hashes}
            tmp.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self._manifest_path)
            self._hashes = dict(self._seen_hashes)
            self._dirty = False
