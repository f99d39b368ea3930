"""An item is a validated post or Q&A form together with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sosmed.model.document import Document
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm

Kind = Literal["post", "qna"]


@dataclass(slots=True)
class Item:
    """A post or a Q&A form: stable id, kind, file, validated front matter and body."""

    id: str
    kind: Kind
    path: Path
    display: str
    doc: Document
    meta: Post | QnaForm
    _hash: str | None = field(default=None, repr=False)

    @property
    def body(self) -> str:
        return self.doc.body

    @property
    def folder(self) -> Path:
        """The bundle folder of a post (the form's folder for Q&A)."""
        return self.path.parent

    # Rules read these hundreds of thousands of times per check: plain attribute access,
    # the kind was fixed when the item was made.
    @property
    def post(self) -> Post:
        """The post's front matter (only for ``kind == "post"``)."""
        return self.meta  # type: ignore[return-value]

    @property
    def form(self) -> QnaForm:
        """The form's front matter (only for ``kind == "qna"``)."""
        return self.meta  # type: ignore[return-value]

    def media_paths(self) -> list[Path]:
        """Files of this item's media in front-matter order, then a YouTube thumbnail or video
        named apart from them (everything that can be uploaded is covered by the content hash)."""
        if not isinstance(self.meta, Post):
            return []
        names = [m.file for m in self.meta.media]
        youtube = self.meta.youtube
        if youtube is not None:
            names += [n for n in (youtube.thumbnail, youtube.video) if n is not None and n not in names]
        return [self.folder / name for name in names]

    def line(self, *loc: str | int) -> int:
        """File line of a front-matter key path, e.g. ``item.line("media", 0, "alt")``."""
        from sosmed.yamlsafe import position

        return self.doc.line_of(position(self.doc.root, loc)[0])

    def position(self, *loc: str | int) -> tuple[int, int]:
        """File (line, column) of a front-matter key path."""
        from sosmed.yamlsafe import position

        line, column = position(self.doc.root, loc)
        return self.doc.line_of(line), column
