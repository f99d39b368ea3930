"""Receipts and the sign-off line from the ledger branch; monthly recaps from recaps/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sosmed.app.wiring import publish
from sosmed.config import load_config
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.settings import SandboxSettings
from tests.site.helpers import build, copy_instance, page, serve

PHOTO = "2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
INSTAGRAM = "2020/05/2020-05-08-peluncuran-juknis-media-sosial"
VIDEO = "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian"


def _git_repo(root: Path) -> None:
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "sampel"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "uji", "GIT_AUTHOR_EMAIL": "uji@example.org",
                            "GIT_COMMITTER_NAME": "uji", "GIT_COMMITTER_EMAIL": "uji@example.org"})


def _receipt(item: str, platform: str, url: str, time: str, digest: str) -> dict:
    record = new_record("success", item=item, platform=platform, op="publish", hash=digest, attempt=1,
                        receipt={"platform": platform, "id": "1", "url": url, "time": time, "extra_ids": [],
                                 "raw": {}})
    record["time"] = time
    return record


def test_receipts_and_sign_off_line_from_a_ledger(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=(PHOTO, VIDEO))
    _git_repo(root)
    config = load_config(root / "sosmed.yml")
    items = {i.id: i for i in load_items([root / "content"], config).items}
    photo, video = items[PHOTO.rsplit("/", 1)[1]], items[VIDEO.rsplit("/", 1)[1]]
    digest = content_hash(photo)
    signoff = {"mode": "forge", "hash": digest, "pr": 12, "pr_url": "https://forge.example.org/bkd/pulls/12",
               "commit": "abc", "review_commit": "abc",
               "approvers": [{"role": "kepala", "name": "Henderina S. Laiskodat, SP, M.Si",
                              "nip": "19710707 199703 2 008", "login": "kepala-bkd-ntt", "review_id": 7,
                              "approved_at": "2020-05-12T00:30:00+00:00"}]}
    ledger = GitLedger(root)
    ledger.sync()
    ledger.append([
        new_record("signoff", item=photo.id, hash=digest, signoff=signoff),
        _receipt(photo.id, "facebook", "https://facebook.com/BkdProvNtt/posts/555", "2020-05-12T01:00:05+00:00",
                 digest),
        _receipt(photo.id, "x", "https://x.com/Bkdprovinsintt/status/777", "2020-05-12T01:00:09+00:00", digest),
        # A sign-off for other content than what is on main must not be shown.
        new_record("signoff", item=video.id, hash="sha256:" + "0" * 64,
                   signoff=dict(signoff, hash="sha256:" + "0" * 64, pr=13)),
        _receipt(video.id, "youtube", "https://www.youtube.com/watch?v=abcdefghijk", "2020-06-12T07:01:00+00:00",
                 "sha256:" + "0" * 64),
    ])
    site = build(root, sign=False).out

    html = page(site, PHOTO + "/")
    assert ("Disetujui oleh Henderina S. Laiskodat, SP, M.Si (Kepala Badan) pada 12 Mei 2020, 08.30 WITA · PR #12"
            in html)
    assert ('Facebook: <a href="https://facebook.com/BkdProvNtt/posts/555" rel="noopener noreferrer">lihat kiriman'
            '</a> (12 Mei 2020, 09.00 WITA)') in html
    assert 'href="https://x.com/Bkdprovinsintt/status/777"' in html
    assert "Belum ada catatan penerbitan" not in html

    # The video's only sign-off is for other content: the public archive does not show it at all.
    assert not (site / VIDEO).exists()
    assert "PR #13" not in (site / "index.html").read_text(encoding="utf-8")
    preview = build(root, tmp_path / "preview", sign=False, preview=True).out
    video_html = page(preview, VIDEO + "/")
    assert "Disetujui oleh" not in video_html and "PR #13" not in video_html
    assert "PRATINJAU — belum disetujui Kepala" in video_html
    assert '<a href="https://www.youtube.com/watch?v=abcdefghijk" rel="noopener noreferrer">Tonton di YouTube</a>' \
        in video_html


def test_published_through_the_sandbox_then_rebuilt(tmp_path: Path) -> None:
    """The real flow: Instagram fetches the photo from the built site, the next build shows the receipts."""
    root = copy_instance(tmp_path / "instance", posts=(INSTAGRAM,))
    shutil.rmtree(root / "qna")  # replies need the citizens' comments on the sandbox: not this test's subject
    site = build(root, tmp_path / "site-before").out
    handle = start_sandbox(tmp_path / "sandbox", settings=SandboxSettings(ig_processing_seconds=0.1,
                                                                          x_processing_seconds=0.1))
    old = os.environ.get("SOSMED_MEDIA_URL")
    try:
        with serve(site) as base:
            os.environ["SOSMED_MEDIA_URL"] = base
            _plan, report = publish(load_config(root / "sosmed.yml"), target="sandbox",
                                    env={**os.environ, **handle.env})
    finally:
        handle.stop()
        if old is None:
            os.environ.pop("SOSMED_MEDIA_URL", None)
        else:
            os.environ["SOSMED_MEDIA_URL"] = old
    assert report is not None and not report.failed
    # The public site reads the live ledger: a rehearsal's receipts never reach it.
    public = page(build(root, tmp_path / "site-public", sign=False).out, INSTAGRAM + "/")
    assert '<ul class="sosmed-receipts">' not in public and "Gladi (sandbox)" not in public
    # A preview of the rehearsal reads its own ledger.
    html = page(build(root, tmp_path / "site-after", sign=False, preview=True, ledger_target="sandbox").out,
                INSTAGRAM + "/")
    receipts = html[html.index('<ul class="sosmed-receipts">'):]
    for platform in ("Facebook", "Instagram", "X (Twitter)"):
        assert f"<li>{platform}: <a href=" in receipts
    assert "Gladi (sandbox): diterbitkan tanpa tanda tangan Kepala yang diverifikasi." in html


def test_recaps_are_shown_as_written(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=(PHOTO,))
    (root / "recaps" / "2020-05.md").write_text(
        "---\ntitle: Rekapitulasi Konten Mei 2020\nmonth: 2020-05\n---\n\n"
        "| Platform | Jumlah |\n|---|---|\n| Facebook | 9 |\n", encoding="utf-8")
    (root / "recaps" / "2020-06.md").write_text("Rekap Juni tanpa front matter.\n", encoding="utf-8")
    site = build(root).out
    index = page(site, "rekap/")
    assert index.index("Rekap Juni 2020") < index.index("Rekapitulasi Konten Mei 2020")
    may = page(site, "rekap/2020-05/")
    assert "<title>Rekapitulasi Konten Mei 2020" in may and "Facebook | 9" not in may and "Facebook" in may
    assert "Rekap Juni tanpa front matter." in page(site, "rekap/2020-06/")
