"""The 404 page speaks the site's language (Material's own says "404 - Not found" in English)."""

from __future__ import annotations

from pathlib import Path

from sosmed.i18n import t


def test_the_404_page_is_in_indonesian(sample_site: Path) -> None:
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in html
    assert f"<h1>{t('site.not_found.title', 'id')}</h1>" in html
    assert t("site.not_found.home", "id") in html
    assert '<html lang="id"' in html


def test_the_english_site_has_an_english_404_page(english_site: Path) -> None:
    html = (english_site / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{t('site.not_found.title', 'en')}</h1>" in html
    assert t("site.not_found.title", "id") not in html
