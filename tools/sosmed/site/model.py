"""What the page modules produce: pages (Markdown text) and the files beside them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SitePage:
    """One generated page: served at ``url`` (a directory URL), its content as finished ``html``.

    ``title`` and ``description`` are plain text (escaped where MkDocs' theme shows them);
    ``trusted``: fixed markup with no one's data in it (the search page's scripts), which is not
    passed through the page sanitiser.
    """

    url: str
    title: str
    html: str
    description: str | None = None
    trusted: bool = False
    image: str | None = None  # site path of the picture a shared link shows (og:image)
    image_alt: str | None = None
    article: bool = False  # a post (og:type article) rather than a list or an information page

    @property
    def uri(self) -> str:
        return self.url + "index.md"


@dataclass(frozen=True)
class SiteFile:
    """A non-page file of the site: bytes/text in memory or a file on disk."""

    uri: str
    content: str | bytes | None = None
    path: Path | None = None
