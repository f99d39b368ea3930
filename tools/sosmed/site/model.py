"""What the page modules produce: pages (Markdown text) and the files beside them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SitePage:
    """One generated page: served at ``url`` (a directory URL), Markdown ``markdown``."""

    url: str
    title: str
    markdown: str
    description: str | None = None

    @property
    def uri(self) -> str:
        return self.url + "index.md"


@dataclass(frozen=True)
class SiteFile:
    """A non-page file of the site: bytes/text in memory or a file on disk."""

    uri: str
    content: str | bytes | None = None
    path: Path | None = None
