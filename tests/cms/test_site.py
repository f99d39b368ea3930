"""The archive site serves the editor at /admin/ (a real MkDocs build of the sample instance)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sosmed.cms.decap_config import decap_config
from sosmed.config import load_config
from tests.cms.helpers import modules, page_data
from tests.site.helpers import build, copy_instance

POSTS = ("2020/05/2020-05-12-alih-status-guru-sma-smk-slb",)


def test_the_site_serves_the_editor_at_admin(tmp_path: Path) -> None:
    modules()
    root = copy_instance(tmp_path / "instance", posts=POSTS)
    site = build(root, root / "site").out
    admin = site / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert (admin / "vendor" / "decap-cms" / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "sosmed-format.js").is_file() and (admin / "preview" / "sosmed.css").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config == decap_config(load_config(root / "sosmed.yml"), "id")
    assert page_data(admin)["preview"]["divisions"]["mutasi"] == "Bidang Mutasi dan Promosi"
    assert "admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "words"), [("id", "Decap CMS belum terpasang"), ("en", "Decap CMS is not installed")])
def test_without_the_npm_packages_admin_says_how_to_install_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 lang: str, words: str) -> None:
    empty = tmp_path / "node_modules"
    empty.mkdir()
    monkeypatch.setenv("SOSMED_CMS_MODULES", str(empty))
    root = copy_instance(tmp_path / "instance", posts=POSTS)
    site = build(root, root / "site", lang=lang).out  # strict: still no warning, the archive is unaffected
    html = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert words in html and "npm ci --prefix cms" in html
    assert "<script" not in html
    assert sorted(p.name for p in (site / "admin").iterdir()) == ["index.html"]
    assert (site / "2020" / "05" / "2020-05-12-alih-status-guru-sma-smk-slb" / "index.html").is_file()


def test_the_editor_can_be_left_out_of_the_site(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=POSTS)
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("  - sosmed ", "  - sosmed:\n      cms: false "),
                      encoding="utf-8")
    site = build(root, root / "site").out
    assert not (site / "admin").exists()
