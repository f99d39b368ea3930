"""Benchmark of the archive website at scale: the sosmed plugin against plain mkdocs-material.

    python benchmarks/bench_site.py                 # 10,000 posts, 1,000 forms, a photo on every 10th post
    python benchmarks/bench_site.py --posts 1000    # quicker

Builds a synthetic instance (``benchmarks/synth.py``) with the plugin (cold media cache,
then warm), then builds the very same pages written out as ordinary Markdown files
(with the same copies of the media and the same section-only navigation) with plain
mkdocs-material, default plugins (its own search) included. Prints both times and the
ratio (target ≤ 1.3×), peak memory, output size, what one search downloads (measured in
headless Chromium when Debian's ``chromium`` and Playwright are there) and the first
view of a post page, raw and gzip-compressed as web servers send it. If Hugo is
installed, its time over the same Markdown is printed as a speed anchor.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_instance  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def add_photos(root: Path, every: int) -> int:
    """Give every ``every``-th post a 1600×1067 JPEG, declared in its front matter."""
    photo = root / "_photo.jpg"
    Image.effect_noise((1600, 1067), 40).convert("RGB").save(photo, quality=88)
    count = 0
    for n, index in enumerate(sorted((root / "content").rglob("index.md"))):
        if n % every:
            continue
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace("credits:\n", "media:\n  - file: foto.jpg\n    alt: \"Foto kegiatan pegawai\"\n"
                                      "    credit: Yosef Kolo\ncredits:\n", 1), encoding="utf-8")
        shutil.copy(photo, index.parent / "foto.jpg")
        count += 1
    photo.unlink()
    return count


def run_build(cwd: Path, config: str, out: Path) -> tuple[float, int]:
    """``mkdocs build`` in a child process: (seconds, peak RSS in MB of it and its children)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)], cwd=cwd,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {cwd}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss // 1024


def folder_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under ``path``."""
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            files += 1
    return total, files


def plain_copy(root: Path, plugin_site: Path, dest: Path, plugins: list[str]) -> None:
    """The plugin's pages as ordinary Markdown files (title in front matter) plus the same media and assets."""
    from sosmed.config import load_config
    from sosmed.site.archive import gather
    from sosmed.site.generate import generate

    config = load_config(root / "sosmed.yml")
    content = generate(gather(config), "id", root / ".sosmed" / "cache" / "site", config.organisation.site_url)
    docs = dest / "docs"
    for page in content.pages:
        path = docs / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump({"title": page.title, **({"description": page.description} if page.description
                                                        else {})}, allow_unicode=True)
        path.write_text(f"---\n{head}---\n\n{page.html}", encoding="utf-8")
    for item in content.files:
        path = docs / item.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.path is not None:
            shutil.copy(item.path, path)
        else:
            path.write_text(item.content if isinstance(item.content, str) else "", encoding="utf-8")
    mk = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    mk["plugins"] = plugins
    mk["nav"] = [{title: uri} for title, uri in content.nav]
    mk["site_url"] = config.organisation.site_url
    mk["extra_css"] = ["assets/sosmed.css"]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(mk, allow_unicode=True), encoding="utf-8")


def hugo_time(plain: Path, work: Path) -> float | None:
    """Hugo over the same Markdown files (speed anchor only), when installed."""
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    site = work / "hugo"
    (site / "content").parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(plain / "docs", site / "content", ignore=shutil.ignore_patterns("*.jpg", "*.png", "*.mp4"))
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term"]\n'
                                    '[markup.goldmark.renderer]\nunsafe = true\n', encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text("<html><body>{{ .Content }}</body></html>", encoding="utf-8")
    (layouts / "list.html").write_text("<html><body>{{ .Content }}</body></html>", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-out")], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def browser_weights(site: Path, post_url: str, word: str) -> dict[str, tuple[int, int]] | None:
    """(raw, gzip) bytes of a post page's first view and of one search, measured in Chromium."""
    if not Path(CHROMIUM).is_file():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    sys.path.insert(0, str(REPO))
    from tests.site.helpers import serve

    def measure(page, url: str, action=None) -> tuple[int, int]:
        got: list[tuple[str, bytes]] = []

        def keep(response) -> None:
            try:
                got.append((response.headers.get("content-type", ""), response.body()))
            except Exception:  # noqa: BLE001 - a body the browser dropped (redirect) weighs nothing
                pass

        page.on("response", keep)
        if action is None:
            page.goto(url, wait_until="networkidle")
        else:
            action()
        page.remove_listener("response", keep)
        raw = sum(len(b) for _, b in got)
        # Text is sent compressed by any web server; Pagefind's index files and images already are.
        packed = sum(len(gzip.compress(b, 6)) if any(k in ct for k in ("text", "javascript", "json", "xml", "css"))
                     else len(b) for ct, b in got)
        return raw, packed

    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 412, "height": 915})  # a phone
        post = measure(page, base + post_url)
        page.goto(base + "cari/", wait_until="networkidle")

        def search() -> None:
            page.fill(".pagefind-ui__search-input", word)
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=30_000)
            page.wait_for_load_state("networkidle")

        one_search = measure(page, "", search)
        page_and_search = measure(page, base + f"cari/?q={word}x")  # search page itself, cold cache not cleared
        browser.close()
    return {"post": post, "search": one_search, "search_page": page_and_search}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--forms", type=int, default=1_000)
    parser.add_argument("--photo-every", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    root = work / "instance"
    root.mkdir()
    make_instance(root, args.posts, args.forms)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    photos = add_photos(root, args.photo_every)
    print(f"synthetic instance: {args.posts} posts ({photos} with a photo), {args.forms} Q&A forms; cpus={os.cpu_count()}")

    cold, cold_mem = run_build(root, "mkdocs.yml", work / "site-cold")
    warm, warm_mem = run_build(root, "mkdocs.yml", work / "site")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(work / "site"), "--output-subdir", "pf-again",
                    "--force-language", "id", "--silent"], check=True)
    pagefind = time.perf_counter() - start
    shutil.rmtree(work / "site" / "pf-again")

    plain_copy(root, work / "site", work / "plain", ["search"])  # plain mkdocs-material: its default plugins
    plain, plain_mem = run_build(work / "plain", "mkdocs.yml", work / "plain-site")
    shutil.copy(work / "plain" / "mkdocs.yml", work / "plain" / "with-search.yml")
    mk = yaml.safe_load((work / "plain" / "mkdocs.yml").read_text(encoding="utf-8"))
    mk["plugins"] = []
    (work / "plain" / "bare.yml").write_text(yaml.safe_dump(mk, allow_unicode=True), encoding="utf-8")
    bare, bare_mem = run_build(work / "plain", "bare.yml", work / "bare-site")

    size, files = folder_size(work / "site")
    plain_size, plain_files = folder_size(work / "plain-site")
    pages = sum(1 for _ in (work / "site").rglob("index.html"))
    material_index = work / "plain-site" / "search" / "search_index.json"
    print(f"pages: {pages}")
    print(f"plugin build, cold media cache: {cold:7.1f} s   peak {cold_mem} MB")
    print(f"plugin build, warm media cache: {warm:7.1f} s   peak {warm_mem} MB   (Pagefind alone: {pagefind:.1f} s)")
    print(f"plain mkdocs-material:          {plain:7.1f} s   peak {plain_mem} MB   (its default search plugin on)")
    print(f"plain, no plugins at all:       {bare:7.1f} s   peak {bare_mem} MB   (no search of any kind)")
    print(f"ratio plugin/plain: warm {warm / plain:.2f}x, cold {cold / plain:.2f}x   (target <= 1.3x)")
    print(f"ratio plugin/plain without any search: warm {warm / bare:.2f}x (the plugin still runs Pagefind)")
    print(f"output: plugin {size / 1e6:.1f} MB in {files} files; plain {plain_size / 1e6:.1f} MB in {plain_files} files")
    if material_index.is_file():
        print(f"material's search index (downloaded whole on first search): {material_index.stat().st_size / 1e6:.1f} MB")
    anchor = hugo_time(work / "plain", work)
    print(f"hugo over the same Markdown: {anchor:.1f} s" if anchor is not None else "hugo: not installed")

    first = sorted((work / "site").glob("20*/*/20*/index.html"))[-1].parent.relative_to(work / "site")
    weights = browser_weights(work / "site", f"{first.as_posix()}/", "pegawai")
    if weights is None:
        print("browser weights: skipped (needs Debian chromium and playwright)")
    else:
        for label, key in (("post page first view", "post"), ("one search (query 'pegawai')", "search"),
                           ("search page load + search", "search_page")):
            raw, packed = weights[key]
            print(f"{label}: {raw / 1024:.0f} KB raw, {packed / 1024:.0f} KB gzip-transferred")
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
