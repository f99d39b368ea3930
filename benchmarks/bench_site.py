"""Benchmark of the archive website at scale: the sosmed plugin against plain mkdocs-material.

    python benchmarks/bench_site.py                 # 10,000 posts, 1,000 forms
    python benchmarks/bench_site.py --posts 2000    # quicker
    python benchmarks/bench_site.py --keep          # keep the folders to time builds again by hand

With ``--keep``, export ``SOSMED_LEDGER_KEY`` first (any 64 hex digits made for the occasion):
the ledger is signed with it, and a later ``mkdocs build`` in the kept instance needs the same
key to verify it (otherwise the run makes a key of its own and forgets it).

The corpus is the sample instance copied (``benchmarks/corpus.py``): real posts with their
photos and video, real forms, in a git repository whose ledger signs every item (the public
archive shows signed content only). Builds it with the plugin (cold media cache, then warm,
``--runs`` times), then builds the very same pages written out as ordinary Markdown files
(with the same copies of the media and the same section-only navigation) with plain
mkdocs-material, default plugins (its own search) included, as many times. Prints every
time (best and median), the ratio (target ≤ 1.3×), peak memory, output size, how many
photos were encoded and how many distinct ones there are, what one search downloads
(measured in headless Chromium when Debian's ``chromium`` and Playwright are there) and the
first view of a post page, raw and gzip-compressed as web servers send it. If Hugo is
installed, its time over the same Markdown is printed as a speed anchor (and that it is
not installed, when it is not).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_instance, describe, sign_instance  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


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
    from sosmed.site.archive import gather, read_ledger
    from sosmed.site.generate import generate

    config = load_config(root / "sosmed.yml")
    archive = gather(config, ledger=read_ledger(config), cache=root / ".sosmed" / "cache" / "snapshot")
    content = generate(archive, "id", root / ".sosmed" / "cache" / "site", config.organisation.site_url)
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


def _times(label: str, times: list[float], mem: int, note: str = "") -> str:
    return (f"{label:32s} best {min(times):7.1f} s  median {statistics.median(times):7.1f} s   peak {mem} MB"
            f"{'   ' + note if note else ''}")


def report(work: Path, figures: dict[str, Any]) -> None:
    """Print every figure of the run and its ratios."""
    warm, plain, bare, cold = figures["warm"], figures["plain"], figures["bare"], figures["cold"]
    size, files = folder_size(work / "site")
    plain_size, plain_files = folder_size(work / "plain-site")
    pages = sum(1 for _ in (work / "site").rglob("index.html"))
    material_index = work / "plain-site" / "search" / "search_index.json"
    print(f"pages: {pages}; photos encoded into the media cache: {figures['encoded']} files for "
          f"{figures['distinct']} distinct photos (a full copy and a thumbnail each)")
    print(_times("plugin build, cold media cache:", [cold], figures["cold_mem"]))
    print(_times("plugin build, warm media cache:", warm, figures["warm_mem"],
                 f"(Pagefind alone: {figures['pagefind']:.1f} s)"))
    print(_times("plain mkdocs-material:", plain, figures["plain_mem"], "(its default search plugin on)"))
    print(_times("plain, no plugins at all:", [bare], figures["bare_mem"], "(no search of any kind)"))
    ratios = sorted(w / p for w, p in zip(warm, plain, strict=True))
    median = statistics.median(warm) / statistics.median(plain)
    each = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"ratio plugin/plain, warm: best {min(warm) / min(plain):.2f}x, median {median:.2f}x, "
          f"run by run {each}   (target <= 1.3x)")
    print(f"ratio plugin/plain, cold: {cold / statistics.median(plain):.2f}x")
    print(f"ratio plugin/plain without any search: warm {statistics.median(warm) / bare:.2f}x "
          "(the plugin still runs Pagefind)")
    print(f"output: plugin {size / 1e6:.1f} MB in {files} files; plain {plain_size / 1e6:.1f} MB in {plain_files} files")
    if material_index.is_file():
        print(f"material's search index (downloaded whole on first search): {material_index.stat().st_size / 1e6:.1f} MB")
    anchor = hugo_time(work / "plain", work)
    if anchor is not None:
        print(f"hugo over the same Markdown: {anchor:.1f} s; ratio plugin/hugo {statistics.median(warm) / anchor:.1f}x")
    else:
        print("hugo: not installed (no ratio to Hugo)")
    first = sorted((work / "site").glob("20*/*/20*/index.html"))[-1].parent.relative_to(work / "site")
    weights = browser_weights(work / "site", f"{first.as_posix()}/", "pegawai")
    if weights is None:
        print("browser weights: skipped (needs Debian chromium and playwright)")
    else:
        for label, key in (("post page first view", "post"), ("one search (query 'pegawai')", "search"),
                           ("search page load + search", "search_page")):
            raw, packed = weights[key]
            print(f"{label}: {raw / 1024:.0f} KB raw, {packed / 1024:.0f} KB gzip-transferred")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--forms", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3, help="warm and plain builds, each")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    os.environ.setdefault("SOSMED_LEDGER_KEY", secrets.token_hex(32))  # the ledger is signed

    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    root = work / "instance"
    started = time.perf_counter()
    build_instance(root, args.posts, args.forms, site=True)
    signed = sign_instance(root)
    print(f"{describe(args.posts, args.forms)}; {signed} items signed; built in "
          f"{time.perf_counter() - started:.1f} s; cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")

    cold, cold_mem = run_build(root, "mkdocs.yml", work / "site-cold")
    encoded = sum(1 for p in (root / ".sosmed" / "cache" / "site").rglob("*") if p.suffix in (".jpg", ".jpeg"))
    distinct = len({hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "content").rglob("*.jpg")})
    warm_runs = [run_build(root, "mkdocs.yml", work / "site") for _ in range(args.runs)]
    warm, warm_mem = [t for t, _ in warm_runs], max(m for _, m in warm_runs)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(work / "site"), "--output-subdir", "pf-again",
                    "--force-language", "id", "--silent"], check=True)
    pagefind = time.perf_counter() - start
    shutil.rmtree(work / "site" / "pf-again")

    plain_copy(root, work / "site", work / "plain", ["search"])  # plain mkdocs-material: its default plugins
    plain_runs = [run_build(work / "plain", "mkdocs.yml", work / "plain-site") for _ in range(args.runs)]
    plain, plain_mem = [t for t, _ in plain_runs], max(m for _, m in plain_runs)
    mk = yaml.safe_load((work / "plain" / "mkdocs.yml").read_text(encoding="utf-8"))
    mk["plugins"] = []
    (work / "plain" / "bare.yml").write_text(yaml.safe_dump(mk, allow_unicode=True), encoding="utf-8")
    bare, bare_mem = run_build(work / "plain", "bare.yml", work / "bare-site")

    report(work, {"warm": warm, "plain": plain, "bare": bare, "cold": cold, "cold_mem": cold_mem,
                  "warm_mem": warm_mem, "plain_mem": plain_mem, "bare_mem": bare_mem, "pagefind": pagefind,
                  "encoded": encoded, "distinct": distinct})
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
