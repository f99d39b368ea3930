"""Build the archive website into a folder from Python (the demo and ``sosmed site build`` use this)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sosmed.errors import SosmedError


@dataclass(frozen=True)
class SiteBuild:
    """Where the site went and what it holds."""

    out: Path
    posts: int
    forms: int
    recaps: int


def build_site(root: Path, out: Path, *, lang: str | None = None, strict: bool = False, preview: bool = False,
               ledger_target: str = "live") -> SiteBuild:
    """Run MkDocs with the instance's ``mkdocs.yml`` (and so the sosmed plugin) into ``out``.

    ``root`` is the instance folder (``sosmed.yml``, ``mkdocs.yml``, ``content/`` …); ``lang``
    chooses the language of the site's own text (``id`` default, ``en``); ``strict`` makes
    every warning (a file left out, a broken image) fail the build. The public archive shows
    only signed content; ``preview`` shows the working tree to editors, unsigned items marked
    and every page ``noindex``; ``ledger_target`` ``sandbox`` reads the rehearsal's receipts (the
    demo, a preview); the public site reads ``live``.
    """
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise SosmedError("site.error.no_mkdocs_yml", path=str(root))
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException
    except ImportError:
        raise SosmedError("site.error.mkdocs_missing") from None
    # Material's end-of-life banner is addressed to developers, not to the agency's staff.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    out = out.resolve()
    try:
        config = load_config(config_file=str(config_file), site_dir=str(out), strict=strict)
        plugin = config.plugins.get("sosmed")
        if plugin is not None and lang:
            plugin.config.lang = lang
        if plugin is not None:
            plugin.config.preview = preview or plugin.config.preview
            plugin.config.ledger_target = ledger_target
        build(config)
    except MkDocsException as exc:
        raise SosmedError("site.error.mkdocs_failed", error=str(exc).strip() or type(exc).__name__) from None
    archive = getattr(plugin, "archive", None)
    if archive is None:
        return SiteBuild(out, 0, 0, 0)
    return SiteBuild(out, len(archive.posts), len(archive.forms), len(archive.recaps))
