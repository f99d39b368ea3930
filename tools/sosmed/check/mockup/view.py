"""What every mock-up is drawn with: the configuration, the masker, where images come from, the language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from sosmed.check.shown import Shown
from sosmed.config.schema import Config
from sosmed.model.item import Item

# A file's path in the repository (``content/…/foto.jpg``) → an address an <img> can load, or None.
MediaLinks = Callable[[str], str | None]


def local_links(path: str) -> str:
    """The file where it lies, relative to the repository root (``sosmed check --format markdown``)."""
    return path


@dataclass(frozen=True)
class View:
    """The settings of one report's mock-ups."""

    config: Config
    shown: Shown
    links: MediaLinks | None
    lang: str | None

    def repo_path(self, item: Item, file: str) -> str:
        """The repository path of ``file`` of ``item``'s bundle."""
        return str(PurePosixPath(item.display).parent / file)

    def image_url(self, item: Item, file: str) -> str | None:
        """Where the image of ``file`` is loaded from; None when there is no source of images, or when
        the file's own name holds something the report masks (its address would repeat it whole)."""
        path = self.repo_path(item, file)
        if self.links is None or self.shown(path) != path:
            return None
        return self.links(path)
