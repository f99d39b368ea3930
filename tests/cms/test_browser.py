"""The web editor in a real headless Chromium, against Decap's local backend on a temporary git repository.

``decap-server`` (pinned in cms/package.json) runs in git mode on a copy of the sample
instance, so every save becomes a branch ``cms/posts/…`` exactly as the editorial workflow
makes a pull request on the forge. An editor creates a post with a photo and alt text: the
bundle is at the right path with the photo beside it and ``sosmed check`` passes on it. An
editor changes the title of a sample post: ``git diff`` shows that line and nothing else.
Without Chromium, Node.js or the npm packages the tests are skipped, unless
``SOSMED_REQUIRE_SYSTEM_TOOLS=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from sosmed.cli import cli
from tests.cms.helpers import CHROMIUM, REPO, modules, node, require
from tests.site.helpers import copy_instance, serve

ARTIFACTS = REPO / "test-artifacts" / "cms"
ALIH = "2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
NEW_FOLDER = "content/2020/06/2020-06-25-uji-editor-web-layanan-pagi"


def _browser() -> str:
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    require(path is not None, "Debian chromium is not installed (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, "the playwright Python package is not installed (pip install playwright)")
    return path or CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@dataclass
class Session:
    """The repository, the editor's address and what the browser saw."""

    repo: Path
    url: str
    chromium: str
    tmp: Path
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    chromium = _browser()
    node_path = node()
    server = modules() / "decap-server" / "dist" / "index.js"
    tmp = tmp_path_factory.mktemp("cms-browser")
    repo = copy_instance(tmp / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Uji", "-c", "user.email=uji@sosmed.invalid", "commit", "-qm", "Contoh instans")
    git(repo, "config", "user.name", "Editor Web")
    git(repo, "config", "user.email", "editor@sosmed.invalid")
    port = _free_port()
    web = tmp / "web"
    result = CliRunner().invoke(cli, ["--config", str(repo / "sosmed.yml"), "cms", "--out", str(web / "admin"),
                                      "--local-backend", f"http://127.0.0.1:{port}/api/v1"])
    assert result.exit_code == 0, result.output
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    log = (tmp / "decap-server.log").open("w")
    proc = subprocess.Popen([node_path, str(server)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("decap-server did not start: " + (tmp / "decap-server.log").read_text())
                time.sleep(0.2)
        with serve(web) as base:
            yield Session(repo, base + "admin/", chromium, tmp)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture
def page(session: Session, chromium) -> Iterator:
    """The editor, logged in, in a context of its own of the worker's Chromium (no cookies or storage shared)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    session.errors.clear()
    session.foreign.clear()
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, timezone_id="Asia/Makassar",
                                  locale="id-ID")
    try:
        tab = context.new_page()

        def guard(route) -> None:  # nothing but this machine: no CDN, no font, no status page
            if urlsplit(route.request.url).hostname not in ("127.0.0.1", None):
                session.foreign.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        def console(message) -> None:
            # The backend answers 404 when an entry has no open draft yet: that is how Decap asks.
            # A failed request's console line names no URL; the response handler below judges
            # every status with its URL (and leaves out only the draft lookups).
            if message.type == "error" and "404" not in message.text \
                    and not message.text.startswith("Failed to load resource"):
                session.errors.append(message.text)
            if "Missing translation" in message.text:
                session.errors.append(message.text)

        tab.route("**/*", guard)
        tab.on("console", console)
        tab.on("pageerror", lambda exc: session.errors.append(str(exc)))
        tab.on("response", lambda r: session.errors.append(f"{r.status} {r.url}")
               if r.status >= 400 and "unpublishedEntry" not in (r.request.post_data or "") else None)
        tab.goto(session.url, wait_until="load")
        tab.get_by_role("button", name="Masuk").click()
        tab.get_by_text("Tanya Jawab: Sekretariat").wait_for()
        yield tab
    finally:
        context.close()
    assert not session.errors, session.errors
    assert not session.foreign, session.foreign


def photo(path: Path) -> Path:
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    ImageDraw.Draw(image).rectangle((100, 100, 700, 500), fill=(240, 200, 40))
    image.save(path, quality=90)
    return path


def test_a_new_post_with_a_photo_becomes_a_bundle_that_passes_the_check(session: Session, page) -> None:
    upload = photo(session.tmp / "loket-pagi.jpg")
    page.goto(session.url + "#/collections/posts/new", wait_until="load")
    page.get_by_label("Judul", exact=True).fill("Uji Editor Web: Layanan Pagi")
    # 07.30 WITA is still the 24th in UTC: the folder must follow the instance's day.
    page.get_by_label("Waktu terbit").fill("2020-06-25T07:30")
    for label, option in (("Platform", "Facebook"), ("Strategi", "Berbicara (talking)"),
                          ("Bidang", "Bidang Mutasi dan Promosi")):
        page.get_by_label(label, exact=True).click()
        page.get_by_text(option, exact=True).click()
    page.get_by_role("button", name="Tambah sumber").click()
    page.get_by_label("Judul sumber").fill("Peraturan Gubernur NTT Nomor 28 Tahun 2019")
    page.get_by_role("button", name="Tambah foto atau video").click()
    page.get_by_role("button", name="Pilih berkas").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("loket-pagi.jpg").first.wait_for()
    page.get_by_role("button", name="Pakai yang dipilih").click()
    page.get_by_label("Teks alternatif").fill("Petugas melayani PNS di loket layanan kepegawaian pada pagi hari")
    page.get_by_label("Kredit foto/video").fill("Yosef Kolo")
    page.get_by_label("Sumber berkas").fill("Dokumentasi BKD Provinsi NTT")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type("Mulai pekan depan, loket layanan kepegawaian dibuka pukul 07.30 WITA.")
    # The preview is the archive's post page: its classes, the site's words, the photo.
    preview = page.frame_locator("iframe").first
    assert "Diterbitkan 25 Juni 2020, 07.30 WITA" in preview.locator(".sosmed-meta").inner_text()
    assert preview.locator(".sosmed-gallery img").get_attribute("alt").startswith("Petugas melayani")
    page.screenshot(path=str(ARTIFACTS / "new-post.png"), full_page=True)
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Entri tersimpan").wait_for(timeout=30_000)

    branch = f"cms/posts/{NEW_FOLDER.removeprefix('content/')}/index"
    assert branch in git(session.repo, "branch", "--list", "cms/*")
    files = git(session.repo, "ls-tree", "-r", "--name-only", branch, NEW_FOLDER).split()
    assert files == [f"{NEW_FOLDER}/index.md", f"{NEW_FOLDER}/loket-pagi.jpg"]
    saved = subprocess.run(["git", "show", f"{branch}:{NEW_FOLDER}/loket-pagi.jpg"], cwd=session.repo,
                           check=True, capture_output=True).stdout
    assert saved == upload.read_bytes()
    worktree = session.tmp / "review"
    git(session.repo, "worktree", "add", "-q", str(worktree), branch)
    try:
        check = subprocess.run([sys.executable, "-m", "sosmed", "check", NEW_FOLDER], cwd=worktree,
                               capture_output=True, text=True, env={**os.environ, "SOSMED_LANG": "id"})
        assert check.returncode == 0, check.stdout + check.stderr
        text = (worktree / NEW_FOLDER / "index.md").read_text(encoding="utf-8")
        assert text.startswith('---\ntitle: "Uji Editor Web: Layanan Pagi"\ndate: 2020-06-25 07:30\n')
    finally:
        git(session.repo, "worktree", "remove", "--force", str(worktree))


def test_editing_a_sample_post_changes_only_the_edited_line(session: Session, page) -> None:
    page.goto(session.url + f"#/collections/posts/entries/{ALIH}/index", wait_until="load")
    title = page.get_by_label("Judul", exact=True)
    title.wait_for()
    assert title.input_value() == "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT"
    title.fill("Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi Nusa Tenggara Timur")
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Entri tersimpan").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "edit-post.png"), full_page=True)

    diff = git(session.repo, "diff", "--unified=0", "main", f"cms/posts/{ALIH}/index")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        '-title: "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT"',
        '+title: "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi Nusa Tenggara Timur"',
    ]


def test_a_post_without_its_required_fields_is_not_saved(session: Session, page) -> None:
    before = git(session.repo, "branch", "--list", "cms/*")
    page.goto(session.url + "#/collections/posts/new", wait_until="load")
    page.get_by_label("Judul", exact=True).wait_for()
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Masih ada kolom wajib yang kosong. Lengkapi dulu sebelum menyimpan.").wait_for()
    for message in ("Judul wajib diisi.", "Waktu terbit wajib diisi.", "Strategi wajib diisi.",
                    "Bidang wajib diisi.", "Isi tulisan wajib diisi."):
        assert page.get_by_text(message, exact=True).count() == 1, message
    page.screenshot(path=str(ARTIFACTS / "required.png"), full_page=True)
    assert git(session.repo, "branch", "--list", "cms/*") == before
    # Decap logs the refused save as a rejected promise without a reason: expected here, nowhere else.
    assert session.errors == ["undefined"]
    session.errors.clear()


@pytest.mark.parametrize(("forge", "button"), [("github", "Masuk dengan GitHub"), ("forgejo", "Masuk dengan Forgejo")])
def test_decap_accepts_the_generated_forge_configuration(tmp_path: Path, chromium, forge: str, button: str) -> None:
    node()
    modules()
    root = copy_instance(tmp_path / "instance", posts=(ALIH,))
    sosmed_yml = root / "sosmed.yml"
    text = sosmed_yml.read_text(encoding="utf-8")
    if forge == "forgejo":
        text = text.replace("forge: github", "forge: forgejo").replace(
            "  base_url: https://oauth.bkd-ntt.example.org", "  base_url: https://git.nttprov.example.org\n  app_id: editor-web")
    sosmed_yml.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(sosmed_yml), "cms", "--out", str(tmp_path / "web" / "admin")])
    assert result.exit_code == 0, result.output
    errors: list[str] = []
    with serve(tmp_path / "web") as base:
        tab = chromium.new_page()  # a context of its own
        try:
            tab.route("**/*", lambda route: route.abort() if urlsplit(route.request.url).hostname != "127.0.0.1"
                      else route.continue_())
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.goto(base + "admin/", wait_until="load")
            # Decap validates config.yml against its own schema before it shows the login.
            tab.get_by_role("button", name=button).wait_for(timeout=30_000)
            assert tab.get_by_text("Kesalahan konfigurasi").count() == 0
        finally:
            tab.context.close()
    assert not errors, errors
