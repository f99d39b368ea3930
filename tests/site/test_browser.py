"""The sample site in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Opens home, a post and the FAQ; searches a word that is in one post only and finds
it; asserts no console errors and no request to any other server; saves screenshots
under ``test-artifacts/site/``. The browser is the worker's shared one (:mod:`tests.chromium`);
without it the test is skipped, unless ``SOSMED_REQUIRE_SYSTEM_TOOLS=1`` (CI), where that is a failure.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.site.helpers import REPO, serve

ARTIFACTS = REPO / "test-artifacts" / "site"
PANCASILA = "2020/06/2020-06-01-selamat-hari-lahir-pancasila/"


def test_home_post_faq_and_search_in_chromium(sample_site: Path, chromium) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    foreign: list[str] = []
    with serve(sample_site) as base:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            host = urlsplit(base).netloc

            def guard(route) -> None:  # the site must work offline: nothing leaves this machine
                if urlsplit(route.request.url).netloc != host:
                    foreign.append(route.request.url)
                    route.abort()
                else:
                    route.continue_()

            page.route("**/*", guard)
            page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location}") if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            page.goto(base, wait_until="load")
            assert page.locator("html").get_attribute("lang") == "id"
            assert page.locator("h1").first.inner_text() == "Arsip Media Sosial BKD Provinsi NTT"
            assert page.locator("ul.sosmed-cards > li").count() == 10
            page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

            page.goto(base + "2020/05/2020-05-12-alih-status-guru-sma-smk-slb/", wait_until="load")
            image = page.locator(".sosmed-gallery img").first
            assert image.evaluate("img => img.complete && img.naturalWidth") == 480
            assert image.get_attribute("alt")
            assert "Diterbitkan 12 Mei 2020, 09.00 WITA" in page.locator(".sosmed-meta").inner_text()
            page.screenshot(path=str(ARTIFACTS / "post.png"), full_page=True)

            page.goto(base + "tanya-jawab/", wait_until="load")
            # Two answered questions each in the two approved public forms; the draft form stays off.
            assert page.locator(".sosmed-qa").count() == 4
            assert "guru_fiktif_alor" not in page.content()
            page.screenshot(path=str(ARTIFACTS / "faq.png"), full_page=True)

            # From the home page's plain form to the search page, as a reader would.
            page.goto(base, wait_until="load")
            page.fill("#sosmed-q", "Pancasila")
            page.click(".sosmed-search-form button")
            page.wait_for_url("**/cari/?q=Pancasila")
            results = page.locator(".pagefind-ui__result-link")
            results.first.wait_for(timeout=15_000)
            hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
            assert any(href.rstrip("/").endswith(PANCASILA.rstrip("/")) for href in hrefs), hrefs
            assert "Selamat Hari Lahir Pancasila" in page.locator(".pagefind-ui__results").inner_text()
            page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
            results.first.click()
            page.wait_for_url("**/" + PANCASILA)
            assert "Pancasila" in page.locator("h1").first.inner_text()
        finally:
            page.close()
    assert not errors, errors
    assert not foreign, foreign


def test_payload_pages_run_no_script_in_chromium(tmp_path: Path, chromium) -> None:
    """A site built from injection payloads: opening its pages and searching a payload runs nothing."""
    from tests.site.helpers import build
    from tests.site.injection import FORM_URL, MARK, POST_URL, RECAP_URL, TAG_SLUG, write_payload_instance

    root = write_payload_instance(tmp_path / "instance")
    site = build(root, root / "site").out
    dialogs: list[str] = []
    with serve(site) as base:
        page = chromium.new_page()
        try:
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for url in (POST_URL, FORM_URL, RECAP_URL, "tanya-jawab/", f"tag/{TAG_SLUG}/", "2020/05/", ""):
                page.goto(base + url, wait_until="load")
                assert page.evaluate(f"typeof window.{MARK}") == "undefined", url
                for link in page.locator("a[href]").all():
                    href = (link.get_attribute("href") or "").strip().lower()
                    assert not href.startswith(("javascript:", "data:", "vbscript:")), (url, href)
            page.goto(base + "cari/?q=pwned", wait_until="load")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
            page.wait_for_timeout(500)  # the excerpts are written after the first result appears
            assert page.evaluate(f"typeof window.{MARK}") == "undefined"
            page.screenshot(path=str(ARTIFACTS / "payload-search.png"), full_page=True)
        finally:
            page.close()
    assert dialogs == []
