"""Every file of the web editor, for ``sosmed cms --out DIR`` and for the site's ``/admin/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sosmed.cms.decap_config import decap_config, render_yaml
from sosmed.cms.page import index_html, missing_page, page_data
from sosmed.cms.vendor import find_modules, vendored_files, versions
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.i18n import t

SCRIPTS = ("sosmed-init.js", "sosmed-cms.js", "sosmed-format.js", "sosmed-paths.js", "sosmed-preview.js")


@dataclass(frozen=True)
class CmsFile:
    """One file of the editor: copied from ``path`` or written from ``content``."""

    uri: str
    path: Path | None = None
    content: str | None = None


@dataclass(frozen=True)
class CmsBuild:
    """The editor's files and what they amount to."""

    files: list[CmsFile]
    backend: str
    collections: int
    versions: dict[str, str] = field(default_factory=dict)


def preview_styles() -> list[CmsFile]:
    """The archive's stylesheets (Material's and sosmed's), for a preview that looks like the site."""
    styles: list[CmsFile] = []
    try:
        material = resources.files("material") / "templates" / "assets" / "stylesheets"
        for item in sorted(material.iterdir(), key=lambda entry: entry.name):
            if item.name.endswith(".min.css") and item.name.split(".")[0] in ("main", "palette"):
                styles.append(CmsFile(f"preview/{item.name.split('.')[0]}.css", path=Path(str(item))))
    except ModuleNotFoundError:
        pass
    site_css = resources.files("sosmed.site") / "assets" / "sosmed.css"
    styles.append(CmsFile("preview/sosmed.css", path=Path(str(site_css))))
    return styles


def cms_build(config: Config, lang: str, *, local_backend: str | None = None) -> CmsBuild:
    """All files of the editor; a :class:`SosmedError` when Decap is not installed or not configured."""
    modules = find_modules(config)
    decap = decap_config(config, lang, local_backend=local_backend)
    styles = preview_styles()
    data = page_data(config, lang, decap, [s.uri for s in styles])
    assets = resources.files("sosmed.cms") / "assets"
    files = [
        CmsFile("index.html", content=index_html(config, lang, data)),
        CmsFile("config.yml", content=render_yaml(decap, lang)),
        *(CmsFile(name, path=Path(str(assets / name))) for name in (*SCRIPTS, "favicon.svg")),
        *styles,
        *(CmsFile(uri, path=path) for uri, path in vendored_files(modules)),
    ]
    return CmsBuild(files, decap["backend"]["name"], len(decap["collections"]), versions(modules))


def write_cms(config: Config, out: Path, lang: str, *, local_backend: str | None = None) -> CmsBuild:
    """Write the editor into ``out`` (created when missing)."""
    build = cms_build(config, lang, local_backend=local_backend)
    for item in build.files:
        target = out / item.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.path is not None:
            target.write_bytes(item.path.read_bytes())
        else:
            target.write_text(item.content or "", encoding="utf-8")
    return build


def site_files(config: Config, lang: str) -> tuple[list[CmsFile], str | None]:
    """The editor's files for the archive site, or one page saying how to install or configure it."""
    try:
        return cms_build(config, lang).files, None
    except SosmedError as exc:
        message = t(exc.key, lang, **exc.args_)
        page = missing_page(lang, message, config.organisation.short_name)
        return [CmsFile("index.html", content=page)], message
