"""Request bodies streamed from disk, and the progress an upload reports.

requests sends any object with ``read`` and ``__len__`` as a streamed body with a
Content-Length header (never chunked transfer encoding, which several upload endpoints
refuse), so memory does not grow with the file. The position reached is reported to a
:class:`Progress` the caller chose; drawing it (a bar on a terminal, lines in CI) is the
CLI's business.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from sosmed.faults import crashpoint

READ_BLOCK = 256 * 1024


class Progress(Protocol):
    """Receives the position reached in an upload."""

    def update(self, position: int) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    """Shows nothing."""

    def update(self, position: int) -> None:
        """Ignore the position."""

    def close(self) -> None:
        """Nothing to close."""


# (platform, file name, total bytes) → the display of that upload's progress
ProgressFactory = Callable[[str, str, int], Progress]


class FileSlice:
    """A byte range of a file, read lazily in blocks so memory does not grow with the file.

    requests sends any object with ``read`` and ``__len__`` as a streamed body with a
    Content-Length header (never chunked transfer encoding, which several upload
    endpoints refuse).
    """

    def __init__(self, path: Path, offset: int = 0, length: int | None = None,
                 progress: Progress | None = None) -> None:
        self.path = Path(path)
        size = self.path.stat().st_size
        self.offset = offset
        self.length = size - offset if length is None else min(length, size - offset)
        self.progress = progress
        self._sent = 0
        self._fh: BinaryIO | None = None

    def __len__(self) -> int:
        return self.length

    def read(self, size: int = -1) -> bytes:
        remaining = self.length - self._sent
        if remaining <= 0:
            self.close()
            return b""
        if self._fh is None:
            crashpoint("upload_chunk")
            self._fh = open(self.path, "rb")  # noqa: SIM115 - closed when exhausted or by close()
            self._fh.seek(self.offset)
        want = remaining if size is None or size < 0 else min(size, remaining)
        want = min(want, READ_BLOCK)
        data = self._fh.read(want)
        self._sent += len(data)
        if self.progress is not None:
            self.progress.update(self.offset + self._sent)
        if not data:
            self.close()
        return data

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(READ_BLOCK):
            yield chunk

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class MultipartStream:
    """A ``multipart/form-data`` body with one file part streamed from disk.

    requests' ``files=`` builds the whole body in memory; this one holds only the
    small text parts.
    """

    def __init__(self, fields: Sequence[tuple[str, str]], file_field: str, filename: str,
                 content_type: str, body: FileSlice, boundary: str | None = None) -> None:
        self.boundary = boundary or new_boundary()
        head = bytearray()
        for name, value in fields:
            head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                     f"{value}\r\n").encode()
        head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
                 f"filename=\"{_quote_filename(filename)}\"\r\nContent-Type: {content_type}\r\n\r\n").encode()
        self._parts: list[Any] = [bytes(head), body, f"\r\n--{self.boundary}--\r\n".encode()]
        self._length = len(head) + len(body) + len(self._parts[2])
        self._index = 0
        self._offset = 0

    @property
    def content_type(self) -> str:
        """The Content-Type header value, boundary included."""
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        while self._index < len(self._parts):
            part = self._parts[self._index]
            if isinstance(part, bytes):
                if self._offset < len(part):
                    end = len(part) if size is None or size < 0 else self._offset + size
                    data = part[self._offset:end]
                    self._offset += len(data)
                    return data
            else:
                data = part.read(size)
                if data:
                    return bytes(data)
            self._index += 1
            self._offset = 0
        return b""

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(READ_BLOCK):
            yield chunk

    def close(self) -> None:
        self._parts[1].close()


def new_boundary() -> str:
    """A random multipart boundary."""
    return "sosmed-" + secrets.token_hex(16)


def multipart(fields: Sequence[tuple[str, str]], file_field: str, filename: str, content_type: str,
              make_slice: Callable[[], FileSlice]) -> tuple[str, Callable[[], MultipartStream]]:
    """The Content-Type header and a factory of identical streamed bodies (one per attempt)."""
    boundary = new_boundary()

    def build() -> MultipartStream:
        return MultipartStream(fields, file_field, filename, content_type, make_slice(), boundary)

    return f"multipart/form-data; boundary={boundary}", build


def _quote_filename(name: str) -> str:
    return name.replace("\\", "_").replace('"', "_").replace("\r", "_").replace("\n", "_")
