"""Turn the SOURCE arguments of ``sosmed intake`` into candidate media files.

A SOURCE is a media file, a folder (taken recursively; hidden files are left out), a WhatsApp
export zip, or an export folder / its chat text file. From an export, the chat's attachments
come first, in the order sent and with sender, time and caption; media of the export the chat
does not mention follow without a sender. Zip members are read by their base name only (a
member's path can never point outside the temporary folder) and members larger than
``MAX_MEMBER_BYTES`` are refused.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path, PurePosixPath

from sosmed.errors import UsageError
from sosmed.intake.whatsapp import ChatMedia, chat_name, looks_like_chat, parse_chat

MAX_MEMBER_BYTES = 8 * 1024**3
MAX_CHAT_BYTES = 64 * 1024**2


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


def _export_folder(folder: Path, chat_file: Path, zone: tzinfo) -> Iterator[Candidate]:
    files = {p.name.lower(): p for p in sorted(folder.iterdir())
             if p.is_file() and p != chat_file and not p.name.startswith(".") and p.suffix.lower() != ".txt"}
    chat = parse_chat(_read_text(chat_file.read_bytes()), zone)
    name = chat_name(chat_file.name) or chat_name(folder.name) or folder.name
    yield from _from_chat(chat.media, files, name, str(folder))


def _chat_file_in(folder: Path) -> Path | None:
    for path in sorted(folder.glob("*.txt")):
        if path.stat().st_size <= MAX_CHAT_BYTES and looks_like_chat(_read_text(path.read_bytes()[:4096])):
            return path
    return None


def _export_zip(archive: Path, scratch: Path, zone: tzinfo) -> Iterator[Candidate]:
    try:
        handle = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile):
        raise UsageError("intake.zip_unreadable", path=str(archive)) from None
    with handle:
        members = [m for m in handle.infolist() if not m.is_dir()]
        chat_member = None
        for member in members:
            if member.filename.lower().endswith(".txt") and member.file_size <= MAX_CHAT_BYTES:
                with handle.open(member) as stream:
                    if looks_like_chat(_read_text(stream.read(4096))):
                        chat_member = member
                        break
        if chat_member is None:
            raise UsageError("intake.zip_not_export", path=str(archive))
        folder = scratch / f"zip-{len(list(scratch.iterdir()))}"
        folder.mkdir()
        files: dict[str, Path] = {}
        large: list[str] = []
        for member in members:
            base = PurePosixPath(member.filename.replace("\\", "/")).name
            if member is chat_member or not base or base.startswith(".") or base.lower().endswith(".txt"):
                continue
            if member.file_size > MAX_MEMBER_BYTES:
                large.append(base)
                continue
            target = folder / base
            if target.exists():
                continue  # two members with one base name: the first wins
            with handle.open(member) as stream, target.open("wb") as out:
                shutil.copyfileobj(stream, out, 1 << 20)
            files[base.lower()] = target
        chat = parse_chat(_read_text(handle.read(chat_member)), zone)
    name = chat_name(PurePosixPath(chat_member.filename).name) or chat_name(archive.name) or archive.stem
    yield from _from_chat(chat.media, files, name, archive.name)
    for base in large:
        yield Candidate(name=base, origin=f"{archive.name}: {base}", path=None, chat=name, too_large=True)


def expand(sources: list[Path], scratch: Path, zone: tzinfo) -> list[Candidate]:
    """Every candidate of every SOURCE, in order; ``scratch`` receives unpacked zip members."""
    found: list[Candidate] = []
    for source in sources:
        if not source.exists():
            raise UsageError("intake.source_missing", path=str(source))
        if source.is_dir():
            chat_file = _chat_file_in(source)
            if chat_file is not None:
                found.extend(_export_folder(source, chat_file, zone))
                continue
            for path in sorted(source.rglob("*")):
                relative = path.relative_to(source)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    found.append(Candidate(name=path.name, origin=str(path), path=path))
        elif source.suffix.lower() == ".zip":
            found.extend(_export_zip(source, scratch, zone))
        elif source.suffix.lower() == ".txt" and looks_like_chat(_read_text(source.read_bytes()[:4096])):
            found.extend(_export_folder(source.parent, source, zone))
        else:
            found.append(Candidate(name=source.name, origin=str(source), path=source))
    return found
