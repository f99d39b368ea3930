"""Hostile zip files, built byte by byte at run time: what a header declares is up to the test."""

from __future__ import annotations

import stat
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MIB = 1024 * 1024
CHAT = "12/05/20 09.15 - Yosef Kolo: IMG-20200512-WA0003.jpg (file terlampir)\nFoto kegiatan\n"


@dataclass
class Member:
    """One zip entry; ``size``/``packed``/``crc`` default to the truth about ``data``."""

    name: str
    data: bytes  # as stored in the archive (already deflated when ``method`` is 8)
    method: int = 0
    size: int | None = None
    packed: int | None = None
    crc: int | None = None
    flags: int = 0
    mode: int = stat.S_IFREG | 0o644


def stored(name: str, data: bytes, **declared: int) -> Member:
    """A member stored as is (headers may be told to declare other sizes)."""
    return Member(name, data, 0, crc=declared.pop("crc", zlib.crc32(data)), **declared)


def deflated(name: str, data: bytes, **declared: int) -> Member:
    """A member deflated (headers may be told to declare other sizes)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    return Member(name, packed, 8, size=declared.pop("size", len(data)), crc=declared.pop("crc", zlib.crc32(data)),
                  **declared)


def build_zip(path: Path, members: list[Member]) -> Path:
    """Write ``members`` as a zip file (Unix attributes, no zip64) and return its path."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        size = len(m.data) if m.size is None else m.size
        packed = len(m.data) if m.packed is None else m.packed
        crc = zlib.crc32(m.data) if m.crc is None else m.crc
        flags = m.flags | 0x800  # UTF-8 names
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, m.method, 0, 0x50AC, crc, packed, size,
                           len(name), 0) + name + m.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, m.method, 0, 0x50AC, crc,
                               packed, size, len(name), 0, 0, 0, 0, m.mode << 16, offset) + name
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


@cache
def _zeros_stream(mib: int) -> tuple[bytes, int]:
    """Raw deflate data of ``mib`` MiB of zeros, and its CRC-32, made without compressing all of it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MIB)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, no back-references
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    return block * mib + packer.flush(), crc


def zip_bomb(path: Path, gib: int = 3) -> Path:
    """A WhatsApp-looking export whose photo is ``gib`` GiB of zeros in about 1 MB per GiB (a real bomb)."""
    data, crc = _zeros_stream(gib * 1024)
    bomb = Member("IMG-20200512-WA0003.jpg", data, 8, size=gib * 1024 * MIB, crc=crc)
    return build_zip(path, [stored("WhatsApp Chat with Tim Media BKD.txt", CHAT.encode()), bomb])
