"""The MkDocs plugin ``sosmed``: orchestration only.

It loads ``sosmed.yml``, gathers the archive (model + ledger), hands every generated
page and file to MkDocs as virtual files (``File.generated``), sets the section-only
navigation, and runs the search indexer after the build. A public build shows only
signed content; a preview (``preview: true``, and always under ``mkdocs serve``) shows
the working tree with every unsigned page marked and every page ``noindex``. Everything the pages say is
built by the plain modules of :mod:`sosmed.site`; this file is the only part to
rewrite for another generator.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from sosmed.config import load_config
from sosmed.errors import SosmedError
from sosmed.i18n import LANGUAGES, count, t
from sosmed.site.archive import Archive, gather, read_ledger
from sosmed.site.generate import CSS_URI, SiteContent, generate
from sosmed.site.model import SitePage
from sosmed.site.search import build_index
from sosmed.site.share import share_tags
from sosmed.site.templatecache import share_compiled
from sosmed.urls import site_base

log = get_plugin_logger(__name__)
# Material's own 404 page says "404 - Not found" in English whatever the site's language.
NOT_FOUND = ('{% extends "main.html" %}{% block content %}<h1>{{ sosmed_not_found.title|e }}</h1>'
             '<p>{{ sosmed_not_found.text|e }} <a href="{{ config.site_url|e }}">{{ sosmed_not_found.home|e }}</a></p>'
             '{% endblock %}')


def meta_text(text: str) -> Markup:
    """Plain text for ``page.meta``: one line, HTML-escaped, marked safe so filters do not escape it again."""
    return escape(" ".join(text.split()))


class GeneratedPage(Page):
    """A page the plugin wrote as final HTML: rendering takes that HTML as it is.

    MkDocs builds a Python-Markdown converter with every configured extension for each page;
    for ten thousand generated pages that is most of the build, for an empty source.
    """

    _sosmed_html: str

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._sosmed_html
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class SosmedPluginConfig(base.Config):
    """Options under ``plugins: - sosmed:`` in ``mkdocs.yml``; every one has a sensible default."""

    config = c.Type(str, default="sosmed.yml")
    lang = c.Optional(c.Choice(LANGUAGES))
    search = c.Type(bool, default=True)
    ledger = c.Type(bool, default=True)
    ledger_target = c.Choice(("live", "sandbox"), default="live")
    cache_dir = c.Type(str, default=".sosmed/cache/site")
    preview = c.Type(bool, default=False)
    cms = c.Type(bool, default=True)


class SosmedPlugin(BasePlugin[SosmedPluginConfig]):
    """Builds the public archive from ``content/``, ``qna/``, ``recaps/`` and the ledger."""

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.content: SiteContent | None = None
        self._pages: dict[str, SitePage] = {}
        self._lang = "id"
        self._root = Path.cwd()
        self._serving = False
        self._base_url = ""
        self._unsigned: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # An editor's live preview shows drafts and unsigned items (marked): never the public view.
        self._serving = command == "serve"

    @property
    def preview(self) -> bool:
        """Whether this build is an editors' preview rather than the public archive."""
        return self.config.preview or self._serving

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            self.sosmed = load_config(self._root / self.config.config)
        except SosmedError as exc:
            raise PluginError(exc.format_message()) from None
        self._lang = self.config.lang or os.environ.get("SOSMED_SITE_LANG") or self.sosmed.organisation.locale
        if self._lang not in LANGUAGES:
            self._lang = "id"
        config.theme["language"] = self._lang
        if not config.site_url:
            config.site_url = site_base(self.sosmed)
        from sosmed.site.generate import nav

        config.nav = [{title: uri} for title, uri in nav(self._lang)]
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        ledger = read_ledger(self.sosmed, self.config.ledger_target) if self.config.ledger else None
        cache = Path(self.config.cache_dir)
        cache = cache if cache.is_absolute() else self._root / cache
        try:
            self.archive = archive = gather(self.sosmed, ledger=ledger, preview=self.preview,
                                            cache=cache.parent / "snapshot")
        except SosmedError as exc:
            raise PluginError(exc.format_message()) from None
        self._unsigned = {uri + "index.md" if uri.endswith("/") else uri for uri in archive.unsigned_urls()}
        if not archive.preview and archive.hidden:
            log.info(count("site.info.hidden_unsigned", archive.hidden, self._lang))
        for problem in archive.problems:
            log.warning(t("site.warn.skipped_file", self._lang, path=problem.path, line=problem.line,
                          message=problem.message()))
        base_url = config.site_url or site_base(self.sosmed)
        if not base_url.endswith("/"):
            base_url += "/"
        self._base_url = base_url
        self.content = content = generate(archive, self._lang, cache, base_url)
        for path, error in content.media.failed:
            log.warning(t("site.warn.media_failed", self._lang, path=path, error=error))
        for chart in content.refused_charts:
            log.warning(t("site.warn.chart_refused", self._lang, path=chart))
        for path, size in content.media.too_large:
            log.info(t("site.warn.video_large", self._lang, path=path, size=size // 1_048_576, limit=25))
        self._pages = {}
        in_nav = {uri for _, uri in content.nav}
        for page in content.pages:
            self._pages[page.uri] = page
            # Pages reached through the index pages: saying so keeps MkDocs from listing thousands of them.
            level = InclusionLevel.UNDEFINED if page.uri in in_nav else InclusionLevel.NOT_IN_NAV
            # The page's HTML is final: Markdown gets an empty source, on_page_content puts the HTML in.
            files.append(File.generated(config, page.uri, content="", inclusion=level))
        for item in content.files:
            if item.path is not None:
                files.append(File.generated(config, item.uri, abs_src_path=str(item.path)))
            else:
                files.append(File.generated(config, item.uri, content=item.content or ""))
        if self.config.cms:
            self._add_editor(files, config)
        return files

    def _add_editor(self, files: Files, config: MkDocsConfig) -> None:
        # The web editor (Decap CMS) at admin/; without its npm packages, a page saying how to install them.
        from sosmed.cms.build import site_files

        editor, problem = site_files(self.sosmed, self._lang)
        if problem:
            log.info(problem)
        for item in editor:
            uri = f"admin/{item.uri}"
            if item.path is not None:
                files.append(File.generated(config, uri, abs_src_path=str(item.path)))
            else:
                files.append(File.generated(config, uri, content=item.content or ""))

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            # Its HTML is final: no Markdown converter is built for it, nothing is parsed again.
            page.__class__ = GeneratedPage
            page._sosmed_html = generated.html  # type: ignore[attr-defined]
        return page

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        loaders: list[BaseLoader] = [DictLoader({"404.html": NOT_FOUND})]
        env.loader = ChoiceLoader(loaders + ([env.loader] if env.loader is not None else []))
        share_compiled(env)
        env.globals["sosmed_not_found"] = {key: t(f"site.not_found.{key}", self._lang) for key in ("title", "text", "home")}
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, **kwargs: Any) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            # The theme prints page.meta unescaped: plain text goes in escaped (Markup is not escaped twice).
            page.meta["title"] = meta_text(generated.title)
            if generated.description:
                page.meta["description"] = meta_text(generated.description)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> str:
        generated = self._pages.get(page.file.src_uri)
        return generated.html if generated is not None else html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            output = output.replace("</head>", share_tags(generated, self._base_url, self.sosmed, self._lang)
                                    + "</head>", 1)
        if not self.preview:
            return output
        marks = '<meta name="robots" content="noindex, nofollow">'
        output = output.replace("<head>", "<head>" + marks, 1)
        if page.file.src_uri in self._unsigned:
            banner = (f'<div class="sosmed-unsigned" role="note">{escape(t("site.preview.unsigned", self._lang))}'
                      "</div>")
            output = output.replace('<article class="md-content__inner md-typeset">',
                                    '<article class="md-content__inner md-typeset">' + banner, 1)
        return output

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # ``mkdocs serve`` watches docs/ only; the archive's sources live beside it.
        for name in ("content", "qna", "recaps", self.config.config):
            path = self._root / name
            if path.exists():
                server.watch(str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.search:
            return
        try:
            build_index(Path(config.site_dir), self.sosmed.organisation.locale)
        except SosmedError as exc:
            raise PluginError(exc.format_message()) from None
