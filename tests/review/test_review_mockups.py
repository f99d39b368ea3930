"""`sosmed review` through the CLI against the sandbox forge, for a photo post, a video post and a Q&A
form in one pull request: the comment the forge stores, rendered and sanitised as the forge renders it,
shows each platform's mock-up with its images from the PR's head commit (the right files, in order),
the facts, the masking — and fits a 360 px phone in Chromium with GitHub's Markdown style."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import requests
import yaml

from sosmed.sandbox.forge_state import seed_forge
from tests.review.forge_render import Block, Section, read, render
from tests.review.helpers import FULL_NAME, Forgery, _apply, make_forgery
from tests.review.test_review_scenarios import _checklist, _event, _review

PHOTO = "content/2020/05/2020-05-19-pelatihan-daring-pengelola-kepegawaian-sekolah"
VIDEO = "content/2020/06/2020-06-12-video-mengenal-layanan-kepegawaian"
FORM = "qna/mutasi/2020/QA-2020-05-0001.md"
PHONE = "0812-3456-7890"
GITHUB_WEB = f"https://github.com/{FULL_NAME}"
FORGEJO_WEB = f"https://git.bkd-ntt.example.org/{FULL_NAME}"
CSS = Path(__file__).resolve().parents[1] / "browser" / "node_modules" / "github-markdown-css" / "github-markdown.css"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"


def _open_pull(tmp_path: Path, sandbox, forge: str) -> tuple[Forgery, str]:
    """A PR adding the photo post, the video post (with prepare's still) and the form, seeded in the forge."""
    forgery = make_forgery(tmp_path)
    if forge != "github":
        config = forgery.root / "sosmed.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("forge: github", f"forge: {forge}"),
                          encoding="utf-8")
        forgery.commit("Forgejo")
    base = forgery.repo.head.commit.hexsha
    forgery.repo.git.checkout("-b", "tulisan")
    for target in (PHOTO, VIDEO, FORM):
        _apply(forgery.root, target, target, 0)
    form = forgery.root / FORM
    form.write_text(form.read_text(encoding="utf-8").replace("harus melapor?", f"harus melapor? HP saya {PHONE}."),
                    encoding="utf-8")
    if shutil.which("ffmpeg"):  # the still a reviewer sees, made as the README tells editors to
        subprocess.run([sys.executable, "-m", "sosmed", "media", "prepare", VIDEO], cwd=forgery.root,
                       capture_output=True, timeout=300, check=False)
    head = forgery.commit("Tulisan dan formulir baru")
    files = forgery.repo.git.diff("--name-only", base, head).split()
    forgery.pulls.append({"number": 1, "user": "editor-satu", "title": "tulisan", "base": "main", "head": "tulisan",
                          "head_sha": head, "base_sha": base, "reviews": [],
                          "files": [{"filename": f, "status": "added"} for f in files],
                          "commits": [{"sha": head, "author": "editor-satu", "committer": "editor-satu",
                                       "message": "x", "pushed_by": "editor-satu", "parents": [base]}]})
    seed_forge(sandbox, forgery.seed())
    return forgery, head


def _review_comment(tmp_path: Path, sandbox, forge: str, web: str) -> tuple[Forgery, str, str]:
    forgery, head = _open_pull(tmp_path, sandbox, forge)
    event = _event("pull_request.opened.json", 1, head, FULL_NAME, _checklist(True))
    for repository in (event["repository"], event["pull_request"]["head"]["repo"],
                       event["pull_request"]["base"]["repo"]):
        repository["html_url"] = web
    proc, summary = _review(forgery.root, sandbox.env, event, tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    api = f"{sandbox.base_url}/{forge}" + ("/api/v1" if forge == "forgejo" else "")
    scheme = "token" if forge == "forgejo" else "Bearer"
    [comment] = requests.get(f"{api}/repos/{FULL_NAME}/issues/1/comments", timeout=10,
                             headers={"Authorization": f"{scheme} {sandbox.env['SOSMED_FORGE_TOKEN']}"}).json()
    assert comment["body"].strip() in summary  # the job summary carries the same report
    return forgery, head, comment["body"]


def _item(sections: list[Section], path: str) -> Section:
    return next(s for s in sections[1:] if path in s.facts)


def _block(section: Section, platform: str) -> Block:
    return next(b for b in section.blocks if b.summary.split(" · ")[0] == platform)


def _front(forgery: Forgery, path: str) -> dict:
    return yaml.safe_load(forgery.repo.git.show(f"HEAD:{path}").split("---")[1])


def _blob(forgery: Forgery, url: str, web: str, route: str) -> tuple[str, bytes]:
    """The commit an image URL names and the bytes git holds there (the URL must be the forge's file route)."""
    prefix = f"{web}/{route}/"
    assert url.startswith(prefix), url
    rest = url[len(prefix):].removesuffix("?raw=true")
    sha, path = rest.split("/", 1)
    data = subprocess.run(["git", "cat-file", "blob", f"{sha}:{unquote(path)}"], cwd=forgery.root,
                          capture_output=True, check=True).stdout
    return sha, data


def test_review_comment_shows_each_platform_with_head_commit_images(tmp_path: Path, sandbox,
                                                                      request: pytest.FixtureRequest) -> None:
    forgery, head, body = _review_comment(tmp_path, sandbox, "github", GITHUB_WEB)
    assert PHONE not in body
    sections = read(render(body))
    photo = _item(sections, PHOTO)
    media = [m["file"] for m in _front(forgery, f"{PHOTO}/index.md")["media"]]
    for platform in ("Facebook", "Instagram"):
        srcs = [image["src"] for image in _block(photo, platform).images]
        assert srcs == [f"{GITHUB_WEB}/blob/{head}/{PHOTO}/{name}?raw=true" for name in media]
        for src, name in zip(srcs, media, strict=True):
            sha, data = _blob(forgery, src, GITHUB_WEB, "blob")
            assert sha == head and data == (forgery.root / PHOTO / name).read_bytes()
    instagram = _block(photo, "Instagram")
    assert "✅ Instagram: rasio 0,80, di dalam 0,80–1,91: berkas ini yang dikirim." in instagram.text
    assert "Dalam carousel, Instagram memotong foto ini ke rasio foto pertama (0,80)." in instagram.text
    assert "Waktu terbit: 19 Mei 2020 pukul 14.00 WITA" in photo.facts
    assert "Strategi: Transparansi (transparency)" in photo.facts
    assert "Bidang: Bidang Pengembangan Aparatur" in photo.facts
    assert "Laporan kegiatan Bidang Pengembangan Aparatur BKD Provinsi NTT, 19 Mei 2020" in photo.facts
    assert "Kredit: Penulis: Maria Goreti Nona · Kamera: Yosef Kolo" in photo.facts

    video = _item(sections, VIDEO)
    youtube = _block(video, "YouTube")
    assert "Judul: Mengenal Layanan Kepegawaian BKD Provinsi NTT" in youtube.text
    assert "Privasi: Publik (public)" in youtube.text
    assert "Waktu terbit: 12 Juni 2020 pukul 15.00 WITA" in video.facts
    if shutil.which("ffprobe"):
        seconds = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                                        "csv=p=0", str(forgery.root / VIDEO / "mengenal-layanan-kepegawaian.mp4")],
                                       capture_output=True, text=True, check=True).stdout)
        assert f"durasi {int(round(seconds)) // 60}:{int(round(seconds)) % 60:02d} · 1280×720" in youtube.text
        [still] = _block(video, "Facebook").images
        sha, data = _blob(forgery, still["src"], GITHUB_WEB, "blob")
        assert sha == head and still["src"].endswith(f"{VIDEO}/thumbs/mengenal-layanan-kepegawaian.jpg?raw=true")
        assert data[:3] == b"\xff\xd8\xff"  # a JPEG: the frame prepare made, committed in the PR

    form = _item(sections, FORM)
    facebook = _block(form, "Facebook")
    assert "HP saya 0812******90." in facebook.quotes[0]
    assert "Balasan di bawah komentar · Facebook (balasan)" in facebook.text
    assert "guru_fiktif_alor" not in body and "Kepala Bidang (Dra. Magdalena Ndun)" in form.facts
    _fits_a_phone(forgery, body, request)


def test_forgejo_comment_loads_images_from_the_head_commit(tmp_path: Path, sandbox) -> None:
    forgery, head, body = _review_comment(tmp_path, sandbox, "forgejo", FORGEJO_WEB)
    photo = _item(read(render(body)), PHOTO)
    srcs = [image["src"] for image in _block(photo, "Facebook").images]
    assert srcs and all(src.startswith(f"{FORGEJO_WEB}/media/commit/{head}/{PHOTO}/") for src in srcs)
    for src in srcs:
        sha, data = _blob(forgery, src, FORGEJO_WEB, "media/commit")
        assert sha == head and data == (forgery.root / urlsplit(src).path.split(f"{head}/", 1)[1]).read_bytes()


def _fits_a_phone(forgery: Forgery, body: str, request: pytest.FixtureRequest) -> None:
    """Every block opened, the comment in GitHub's Markdown style at 360 px: nothing wider than the
    screen, every image loaded (served from the git objects its URL names). The worker's Chromium is asked
    for only here: without one, everything before this still runs."""
    browser = request.getfixturevalue("chromium")
    if not CSS.is_file():
        message = "github-markdown-css is not installed (npm ci --prefix tests/browser)"
        if __import__("os").environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import Route

    page_html = ("<!doctype html><html lang='id'><head><meta charset='utf-8'><meta name='viewport' "
                 "content='width=device-width, initial-scale=1'><style>" + CSS.read_text(encoding="utf-8") +
                 "</style><style>.markdown-body{box-sizing:border-box;padding:15px}</style></head><body>"
                 "<article class='markdown-body'>" + render(body) + "</article></body></html>")
    foreign: list[str] = []

    def serve(route: Route) -> None:
        url = route.request.url
        if not url.startswith(GITHUB_WEB + "/blob/"):
            foreign.append(url)
            route.abort()
            return
        _, data = _blob(forgery, url, GITHUB_WEB, "blob")
        route.fulfill(status=200, body=data, content_type="image/jpeg")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        tab.route(re.compile(r"^https?://.*"), serve)
        tab.set_content(page_html, wait_until="load")
        assert tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        tab.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        images = tab.evaluate("() => Array.from(document.images).map(i => "
                              "({src: i.src, loaded: i.naturalWidth, right: i.getBoundingClientRect().right}))")
        # Readable means wrapped: no block of the mock-ups scrolls sideways inside itself (the FBS
        # table before them may: GitHub scrolls wide tables).
        scrolled = tab.evaluate("() => Array.from(document.querySelectorAll('article *')).filter(e => "
                                "!e.closest('table') && getComputedStyle(e).display !== 'inline' && "
                                "e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ': ' + "
                                "e.textContent.slice(0, 60))")
        tab.screenshot(path=str(ARTIFACTS / "comment-360.png"), full_page=True)
    finally:
        tab.close()
    assert overflow <= 0, f"{overflow}px wider than a 360 px screen"
    assert images and all(i["loaded"] > 0 and i["right"] <= 360 for i in images), json.dumps(images)
    assert not scrolled, scrolled
    assert not foreign, foreign
