"""Turn the SOURCE arguments of ``sosmed intake`` into candidate media files.

A SOURCE is a media file, a folder (taken recursively; hidden files are left out), a WhatsApp
export zip, or an export folder / its chat text file. From an export, the chat's attachments
come first, in the order sent and with sender, time and caption; media of the export the chat
does not mention follow without a sender. Zip members are read by their base name only (a
member's path can never point outside the temporary folder) and members larger than
``MAX_MEMBER_BYTES`` are skipped.

Everything is checked against :class:`~sosmed.intake.limits.IntakeLimits` before a byte is
written: member count, total unpacked size and compression ratio as the archive declares them;
names with ``..``, absolute names, symbolic links and names given twice. A member whose data
does not have the size its header declares is caught while it streams. Any of these refuses
the whole intake (:class:`IntakeRefused`), naming the archive and the member.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any

from sosmed.errors import SosmedError, UsageError
from sosmed.intake.limits import IntakeLimits
from sosmed.intake.whatsapp import ChatMedia, chat_name, looks_like_chat, parse_chat
from sosmed.visible import visible_text

MAX_MEMBER_BYTES = 8 * 1024**3
MAX_CHAT_BYTES = 64 * 1024**2
CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
# What reading a damaged, encrypted or size-lying member raises inside zipfile and zlib.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError)


class IntakeRefused(SosmedError):
    """An archive or folder the intake will not take: one message naming it and the member (exit 1)."""

    def __init__(self, reason: str, source: Path | str, member: str = "", **args: Any) -> None:
        super().__init__("intake.refused", source=str(source), member=visible_text(member) or "-",
                         reason_key=f"intake.refusal.{reason}", **args)
        self.reason = reason

    def format_message(self) -> str:
        from sosmed.i18n import t

        args = {k: v for k, v in self.args_.items() if k != "reason_key"}
        return t(self.key, **args, reason=t(self.args_["reason_key"], **args))


@dataclass
class Candidate:
    """A file offered for intake, with what the chat says about it."""

    name: str  # the original file name
    origin: str  # where it came from, as shown to people
    path: Path | None  # a readable file (None: missing from the export)
    sender: str | None = None
    sent_at: datetime | None = None
    caption: str | None = None
    chat: str | None = None
    omitted: bool = False
    too_large: bool = False

    def __post_init__(self) -> None:
        # Names, senders and captions come from outside: shown on a terminal and written to index.md.
        self.origin = visible_text(self.origin)
        self.sender = visible_text(self.sender) if self.sender else self.sender
        self.caption = visible_text(self.caption) if self.caption else self.caption


def _read_text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _from_chat(media: list[ChatMedia], files: dict[str, Path], chat: str, origin: str) -> Iterator[Candidate]:
    used: set[str] = set()
    for entry in media:
        path = files.get(entry.file.lower()) if entry.file else None
        if path is not None:
            used.add(entry.file.lower())
        yield Candidate(
            name=entry.file or "",
            origin=f"{origin}: {entry.file}" if entry.file else origin,
            path=path,
            sender=entry.sender,
            sent_at=entry.sent_at,
            caption=entry.caption,
            chat=chat,
            omitted=entry.omitted,
        )
    for key in sorted(set(files) - used):
        yield Candidate(name=files[key].name, origin=f"{origin}: {files[key].name}", path=files[key], chat=chat)


def _folder_files(folder: Path, limits: IntakeLimits, *, recursive: bool) -> list[Path]:
    """Visible files of ``folder`` within the limits; a symbolic link refuses the folder."""
    found: list[Path] = []
    total = 0
    for path in sorted(folder.rglob("*") if recursive else folder.iterdir()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_symlink():
            raise IntakeRefused("symlink", folder, relative.as_posix())
        if not path.is_file():
            continue
        found.append(path)
        total += path.stat().st_size
        if len(found) > limits.max_files:
            raise IntakeRefused("too_many", folder, relative.as_posix(), limit=limits.max_files)
        if total > limits.max_total_bytes:
            raise IntakeRefused("too_large", folder, relative.as_posix(), limit=limits.max_total_mb)
    return found


def _export_folder(folder: Path, chat_file: Path, zone: tzinfo, limits: IntakeLimits) -> Iterator[Candidate]:
    files = {p.name.lower(): p for p in _folder_files(folder, limits, recursive=False)
             if p != chat_file and p.suffix.lower() != ".txt"}
    chat = parse_chat(_read_text(chat_file.read_bytes()), zone)
    name = chat_name(chat_file.name) or chat_name(folder.name) or folder.name
    yield from _from_chat(chat.media, files, name, str(folder))


def _chat_file_in(folder: Path) -> Path | None:
    for path in sorted(folder.glob("*.txt")):
        if path.is_symlink():
            continue
        if path.stat().st_size <= MAX_CHAT_BYTES and looks_like_chat(_read_text(path.read_bytes()[:4096])):
            return path
    return None


def _base(member: zipfile.ZipInfo) -> str:
    return PurePosixPath(member.filename.replace("\\", "/")).name


def check_members(archive: Path, members: list[zipfile.ZipInfo], limits: IntakeLimits) -> None:
    """Refuse an archive on what its directory declares, before anything is unpacked."""
    if len(members) > limits.max_files:
        raise IntakeRefused("too_many", archive, members[limits.max_files].filename, limit=limits.max_files)
    seen: dict[str, str] = {}
    total = 0
    for member in members:
        name = member.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or _DRIVE.match(name):
            raise IntakeRefused("absolute", archive, name)
        if ".." in pure.parts:
            raise IntakeRefused("parent", archive, name)
        if stat.S_ISLNK(member.external_attr >> 16):
            raise IntakeRefused("symlink", archive, name)
        if member.is_dir() or not pure.name or pure.name.startswith("."):
            continue
        if pure.name.lower() in seen:
            raise IntakeRefused("duplicate", archive, name, other=visible_text(seen[pure.name.lower()]))
        seen[pure.name.lower()] = name
        if member.flag_bits & 0x1:
            raise IntakeRefused("encrypted", archive, name)
        total += member.file_size
        if total > limits.max_total_bytes:
            raise IntakeRefused("too_large", archive, name, limit=limits.max_total_mb)
        packed = max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor_bytes and member.file_size > limits.max_ratio * packed:
            raise IntakeRefused("ratio", archive, name, ratio=member.file_size // packed, limit=limits.max_ratio)


def _stream(handle: zipfile.ZipFile, member: zipfile.ZipInfo, archive: Path, out: Any, limit: int | None = None
            ) -> int:
    """Copy one member to ``out`` (or only its first ``limit`` bytes), checking its size as it streams."""
    written = 0
    try:
        with handle.open(member) as stream:
            while chunk := stream.read(CHUNK if limit is None else min(CHUNK, limit - written)):
                written += len(chunk)
                if written > member.file_size:
                    raise IntakeRefused("size_lie", archive, member.filename, declared=member.file_size)
                out.write(chunk)
                if limit is not None and written >= limit:
                    return written
    except _ZIP_ERRORS as exc:
        # zipfile stops at the declared size and then finds the checksum wrong: more data than declared.
        reason = "size_lie" if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc) else "damaged"
        raise IntakeRefused(reason, archive, member.filename, declared=member.file_size,
                            error=visible_text(str(exc))[:120]) from None
    if written != member.file_size:
        raise IntakeRefused("size_lie", archive, member.filename, declared=member.file_size)
    return written


def _read_member(handle: zipfile.ZipFile, member: zipfile.ZipInfo, archive: Path, limit: int | None = None) -> bytes:
    buffer = io.BytesIO()
    _stream(handle, member, archive, buffer, limit)
    return buffer.getvalue()


def _open_zip(archive: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except _ZIP_ERRORS:
        raise UsageError("intake.zip_unreadable", path=str(archive)) from None


def _export_zip(archive: Path, scratch: Path, zone: tzinfo, limits: IntakeLimits) -> Iterator[Candidate]:
    with _open_zip(archive) as handle:
        check_members(archive, handle.infolist(), limits)
        members = [m for m in handle.infolist() if not m.is_dir()]
        chat_member = next((m for m in members if m.filename.lower().endswith(".txt")
                            and m.file_size <= MAX_CHAT_BYTES
                            and looks_like_chat(_read_text(_read_member(handle, m, archive, 4096)))), None)
        if chat_member is None:
            raise UsageError("intake.zip_not_export", path=str(archive))
        folder = scratch / f"zip-{len(list(scratch.iterdir()))}"
        folder.mkdir()
        files: dict[str, Path] = {}
        large: list[str] = []
        for member in members:
            base = _base(member)
            if member is chat_member or not base or base.startswith(".") or base.lower().endswith(".txt"):
                continue
            if member.file_size > MAX_MEMBER_BYTES:
                large.append(base)
                continue
            target = folder / base
            with target.open("xb") as out:
                _stream(handle, member, archive, out)
            files[base.lower()] = target
        chat = parse_chat(_read_text(_read_member(handle, chat_member, archive)), zone)
    name = chat_name(_base(chat_member)) or chat_name(archive.name) or archive.stem
    yield from _from_chat(chat.media, files, name, archive.name)
    for base in large:
        yield Candidate(name=base, origin=f"{archive.name}: {base}", path=None, chat=name, too_large=True)


def expand(sources: list[Path], scratch: Path, zone: tzinfo, limits: IntakeLimits | None = None) -> list[Candidate]:
    """Every candidate of every SOURCE, in order; ``scratch`` receives unpacked zip members.

    Raises :class:`IntakeRefused` for an archive or folder outside ``limits`` or with unsafe members.
    """
    limits = limits or IntakeLimits()
    found: list[Candidate] = []
    for source in sources:
        if not source.exists():
            raise UsageError("intake.source_missing", path=str(source))
        if source.is_dir():
            chat_file = _chat_file_in(source)
            if chat_file is not None:
                found.extend(_export_folder(source, chat_file, zone, limits))
                continue
            found.extend(Candidate(name=path.name, origin=str(path), path=path)
                         for path in _folder_files(source, limits, recursive=True))
        elif source.suffix.lower() == ".zip":
            found.extend(_export_zip(source, scratch, zone, limits))
        elif source.suffix.lower() == ".txt" and looks_like_chat(_read_text(source.read_bytes()[:4096])):
            found.extend(_export_folder(source.parent, source, zone, limits))
        else:
            found.append(Candidate(name=source.name, origin=str(source), path=source))
    return found
