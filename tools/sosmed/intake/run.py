"""Copy candidate media into a post bundle: deduplicated, stripped of location, credited.

For each candidate, in order: only photos and videos the model accepts are taken; the
``--since`` limit applies to the chat's send time, else the capture time, else the file's
modification time; a source whose sha256 the bundle already recorded (``.sosmed-intake.json``)
or that came earlier in this run is a duplicate; the stripped copy is made in the bundle under
a temporary name, read back to prove no location is left, compared with the bundle's files
(same bytes = duplicate) and given a free name — an existing file is never overwritten. Each
copy is listed in ``index.md`` and recorded in the intake record at once, so an interrupted
intake resumes where it stopped. Sources are only read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import yaml

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.intake.bundle import add_media, edit_front_matter, read_manifest, split_file, write_manifest
from sosmed.intake.prepare import media_settings
from sosmed.intake.sources import Candidate, expand
from sosmed.intake.whatsapp import is_phone_number
from sosmed.media.images import image_capture_time
from sosmed.media.location import image_location, video_location
from sosmed.media.probe import probe_video
from sosmed.media.strip import StripError, strip_image, strip_video
from sosmed.media.tools import ffmpeg_path, ffprobe_path
from sosmed.model.fields import IMAGE_SUFFIXES, VIDEO_SUFFIXES
from sosmed.model.identity import file_digest
from sosmed.scaffold import slugify

Status = Literal["added", "duplicate", "skipped", "failed"]


@dataclass
class Outcome:
    """What happened to one candidate."""

    origin: str
    status: Status
    reason: str | None = None  # catalogue key under intake.reason
    file: str | None = None
    credit: str | None = None
    captured_at: datetime | None = None
    removed: list[str] = field(default_factory=list)  # location/track findings left behind
    detail: str | None = None


@dataclass
class IntakeReport:
    """Everything one intake did."""

    index: Path
    outcomes: list[Outcome] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def located(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "added" and o.removed)


@dataclass
class IntakeOptions:
    """The choices of ``sosmed intake`` besides the sources."""

    by: str | None = None
    since: datetime | None = None
    source: str | None = None
    dry_run: bool = False


def target_name(original: str) -> str:
    """A URL-safe bundle file name: ``IMG-20200512-WA0003.JPG`` → ``img-20200512-wa0003.jpg``."""
    pure = Path(original)
    return f"{slugify(pure.stem, max_length=80)}{pure.suffix.lower()}"


def _listed(index: Path) -> set[str]:
    _, fm, _ = split_file(index.read_text(encoding="utf-8"))
    try:
        data = yaml.load(fm, Loader=yaml.CSafeLoader) or {}
    except yaml.YAMLError:
        return set()
    media = data.get("media") if isinstance(data, dict) else None
    return {str(m.get("file")) for m in media or [] if isinstance(m, dict) and m.get("file")}


def _link_free(temp: Path, folder: Path, name: str) -> str:
    """Give ``temp`` the first free name like ``name`` (``foto.jpg``, ``foto-2.jpg``…); never overwrite."""
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 1
    while True:
        candidate = name if counter == 1 else f"{stem}-{counter}{suffix}"
        target = folder / candidate
        try:
            os.link(temp, target)
        except FileExistsError:
            counter += 1
            continue
        except OSError:  # a file system without hard links
            try:
                with temp.open("rb") as src, target.open("xb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            except FileExistsError:
                counter += 1
                continue
        temp.unlink()
        return candidate


class _Run:
    def __init__(self, config: Config, index: Path, options: IntakeOptions) -> None:
        self.config = config
        self.index = index
        self.folder = index.parent
        self.options = options
        self.zone = config.zone
        self.manifest = read_manifest(self.folder)
        self.seen: set[str] = set()
        self.listed = _listed(index) if index.is_file() else set()
        self.copies: dict[str, str] | None = None  # sha256 → name of the bundle's media files
        self.ffmpeg, self.ffprobe = ffmpeg_path(), ffprobe_path()
        self.org = config.organisation.short_name
        self.lang = config.organisation.locale  # written into the post: the content's language

    def bundle_hashes(self) -> dict[str, str]:
        if self.copies is None:
            self.copies = {}
            for path in sorted(self.folder.iterdir()):
                if path.is_file() and not path.name.startswith(".") \
                        and path.suffix.lower() in IMAGE_SUFFIXES + VIDEO_SUFFIXES:
                    self.copies.setdefault(file_digest(path), path.name)
        return self.copies

    def credit(self, candidate: Candidate) -> str | None:
        sender = candidate.sender
        if sender and not is_phone_number(sender):
            return sender
        return self.options.by

    def source_text(self, candidate: Candidate) -> str:
        if self.options.source:
            return self.options.source
        if candidate.chat:
            return t("intake.source_whatsapp", self.lang, org=self.org, chat=candidate.chat)
        return t("intake.source_own", self.lang, org=self.org)

    def skipped(self, candidate: Candidate) -> Outcome | None:
        """The outcome of a candidate that is not taken at all, or None to go on."""
        origin = candidate.origin
        suffix = Path(candidate.name).suffix.lower()
        since = self.options.since
        if since is not None and candidate.sent_at is not None and candidate.sent_at < since:
            return Outcome(origin, "skipped", "before_since")
        if candidate.too_large:
            return Outcome(origin, "skipped", "too_large")
        if candidate.omitted:
            return Outcome(origin, "skipped", "omitted")
        if suffix not in IMAGE_SUFFIXES + VIDEO_SUFFIXES:
            return Outcome(origin, "skipped", "not_media")
        if candidate.path is None:
            return Outcome(origin, "skipped", "missing")
        if suffix in VIDEO_SUFFIXES and not (self.ffmpeg and self.ffprobe):
            return Outcome(origin, "failed", "ffmpeg_missing")
        return None

    def examine(self, source: Path, video: bool) -> tuple[datetime | None, list[str]]:
        """When the file was taken, and the location and extra tracks the copy will leave behind."""
        if video and self.ffprobe:
            info = probe_video(source, self.ffprobe)
            location = video_location(info)
            removed = ([location] if location else []) + [t("intake.track", track=track)
                                                          for track in info.extra_streams]
            return info.creation_time, removed
        where = image_location(source)
        return image_capture_time(source, self.zone), [where] if where else []

    def location_left(self, copy: Path, video: bool) -> str | None:
        """What location the stripped copy still carries (it must carry none)."""
        if video and self.ffprobe:
            return video_location(probe_video(copy, self.ffprobe))
        return image_location(copy)

    def take(self, candidate: Candidate) -> Outcome:
        """Take one candidate into the bundle (or say why not)."""
        early = self.skipped(candidate)
        if early is not None or candidate.path is None:
            return early or Outcome(candidate.origin, "skipped", "missing")
        origin, source = candidate.origin, candidate.path
        video = Path(candidate.name).suffix.lower() in VIDEO_SUFFIXES
        captured, removed = self.examine(source, video)
        captured = captured or candidate.sent_at
        when = candidate.sent_at or captured or datetime.fromtimestamp(source.stat().st_mtime, self.zone)
        if self.options.since is not None and when < self.options.since:
            return Outcome(origin, "skipped", "before_since")
        digest = file_digest(source)
        if digest in self.manifest or digest in self.seen:
            return Outcome(origin, "duplicate", "same_source", file=self.manifest.get(digest))
        self.seen.add(digest)
        credit = self.credit(candidate)
        captured_local = captured.astimezone(self.zone) if captured else None
        outcome = Outcome(origin, "added", file=target_name(candidate.name), credit=credit,
                          captured_at=captured_local, removed=removed)
        if self.options.dry_run:
            return outcome
        final = self.copy(source, Path(candidate.name).suffix.lower(), video, outcome, digest)
        if isinstance(final, Outcome):
            return final
        entry: dict[str, object] = {"file": final, "alt": "", "credit": credit or "",
                                    "source": self.source_text(candidate)}
        if captured_local is not None:
            entry["captured_at"] = captured_local
        if candidate.caption:
            entry["caption"] = candidate.caption
        edit_front_matter(self.index, lambda fm: add_media(fm, [entry]))
        self.listed.add(final)
        self.manifest[digest] = final
        write_manifest(self.folder, self.manifest)
        outcome.file = final
        return outcome

    def copy(self, source: Path, suffix: str, video: bool, outcome: Outcome, digest: str) -> str | Outcome:
        """Make the stripped copy and give it a free name (returned), or the outcome that says why not."""
        origin = outcome.origin
        self.bundle_hashes()  # before the temporary copy exists in the folder
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-intake-", suffix=suffix, dir=self.folder)
        os.close(handle)
        temp = Path(temp_name)
        try:
            temp.unlink()  # ffmpeg and Pillow create the file themselves
            try:
                if video and self.ffmpeg:
                    strip_video(source, temp, self.ffmpeg)
                else:
                    strip_image(source, temp)
            except StripError as exc:
                return Outcome(origin, "failed", "strip_failed", detail=exc.reason)
            left = self.location_left(temp, video)
            if left:
                return Outcome(origin, "failed", "location_left", detail=left)
            copy_digest = file_digest(temp)
            existing = self.bundle_hashes().get(copy_digest)
            if existing is not None and existing in self.listed:
                self.manifest[digest] = existing
                write_manifest(self.folder, self.manifest)
                return Outcome(origin, "duplicate", "same_copy", file=existing)
            if existing is not None:
                return existing  # an earlier, interrupted intake copied it but did not list it
            final = _link_free(temp, self.folder, outcome.file or source.name)
            self.bundle_hashes()[copy_digest] = final
            return final
        finally:
            temp.unlink(missing_ok=True)


@contextmanager
def gathered(config: Config, sources: list[Path]) -> Iterator[list[Candidate]]:
    """The candidates of ``sources``, zip members unpacked into a scratch folder removed afterwards.

    Every limit and safety check (``media: intake:`` in sosmed.yml) runs here, before the post
    is touched: a refused source (:class:`~sosmed.intake.sources.IntakeRefused`) leaves nothing.
    """
    limits = media_settings(config).intake
    with tempfile.TemporaryDirectory(prefix="sosmed-intake-") as scratch:
        yield expand(sources, Path(scratch), config.zone, limits)


def take_all(
    config: Config,
    candidates: list[Candidate],
    index: Path,
    options: IntakeOptions,
    progress: Callable[[int, str], None] | None = None,
) -> IntakeReport:
    """Take gathered ``candidates`` into the post whose ``index.md`` is ``index``; ``progress(total,
    origin)`` is called with the number of candidates first (origin ``""``) and then once per candidate."""
    report = IntakeReport(index=index, dry_run=options.dry_run)
    if progress:
        progress(len(candidates), "")
    run = _Run(config, index, options)
    for candidate in candidates:
        report.outcomes.append(run.take(candidate))
        if progress:
            progress(len(candidates), candidate.origin)
    return report


def run_intake(
    config: Config,
    sources: list[Path],
    index: Path,
    options: IntakeOptions,
    progress: Callable[[int, str], None] | None = None,
) -> IntakeReport:
    """Gather ``sources`` and take them into the post whose ``index.md`` is ``index``."""
    with gathered(config, sources) as candidates:
        return take_all(config, candidates, index, options, progress)
