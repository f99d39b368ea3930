"""What is verified is what is published: committed git objects only, never the working tree or a link.

Each scenario runs the real ``sosmed`` command against the sandbox over loopback and then
looks at the sandbox's own state (what a citizen would see), not at our report of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import requests
from git import Repo

from tests.publish.conftest import live_posts
from tests.repos import serve_folder

JUKNIS = "content/2020/05/2020-05-08-peluncuran-juknis-media-sosial"
JAM = "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"
VIDEO = "content/2020/06/2020-06-12-video-mengenal-layanan-kepegawaian"


def _sosmed(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), *args],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def _env(handle, site: str) -> dict[str, str]:
    return {**os.environ, **handle.env, "SOSMED_MEDIA_URL": site}


def _commit_all(repo: Path, message: str) -> None:
    git = Repo(repo)
    git.git.add("-A")
    git.index.commit(message)
    git.git.push("origin", "main")


def _texts(handle) -> list[str]:
    return [post.get("text", "") for posts in live_posts(handle).values() for post in posts]


def _facebook_photo_digests(handle) -> list[str]:
    state = requests.get(f"{handle.base_url}/_sandbox/state/facebook", timeout=10, headers=handle.admin_headers).json()
    digests = []
    for photo_id in state["photos"]:
        got = requests.get(f"{handle.base_url}/_sandbox/media/facebook/{photo_id}", timeout=10)
        assert got.status_code == 200
        digests.append(hashlib.sha256(got.content).hexdigest())
    return digests


def test_an_uncommitted_edit_is_never_published(sample_repo: Path, platform_sandbox) -> None:
    index = sample_repo / JAM / "index.md"
    committed = index.read_text(encoding="utf-8")
    index.write_text(committed + "\nSUNTINGAN-BELUM-DI-COMMIT\n", encoding="utf-8")
    photo = sample_repo / JUKNIS / "juknis-media-sosial.jpg"
    committed_photo = hashlib.sha256(photo.read_bytes()).hexdigest()
    photo.write_bytes(photo.read_bytes()[:-200] + b"\x00" * 200)  # an edited photo, not committed
    edited_photo = hashlib.sha256(photo.read_bytes()).hexdigest()
    with serve_folder(sample_repo / "content") as site:
        result = _sosmed(sample_repo, _env(platform_sandbox, site), "publish", "--target", "sandbox")
    assert result.returncode == 0, result.stdout + result.stderr
    texts = _texts(platform_sandbox)
    assert texts and not any("SUNTINGAN-BELUM-DI-COMMIT" in text for text in texts)
    assert any("jam layanan" in text.lower() for text in texts)
    uploaded = _facebook_photo_digests(platform_sandbox)
    assert committed_photo in uploaded and edited_photo not in uploaded


def test_a_symlinked_photo_is_refused_by_check_and_never_published(sample_repo: Path, platform_sandbox) -> None:
    assets = sample_repo / "assets"
    assets.mkdir()
    photo = sample_repo / JUKNIS / "juknis-media-sosial.jpg"
    (assets / "x.jpg").write_bytes(photo.read_bytes())
    photo.unlink()
    photo.symlink_to(os.path.relpath(assets / "x.jpg", photo.parent))
    _commit_all(sample_repo, "Foto lewat tautan")
    env = {**os.environ, **platform_sandbox.env}
    check = _sosmed(sample_repo, env, "check", "content")
    assert check.returncode == 1
    assert f"{JUKNIS}/juknis-media-sosial.jpg" in check.stdout and "tautan simbolis" in check.stdout
    with serve_folder(sample_repo / "content") as site:
        result = _sosmed(sample_repo, _env(platform_sandbox, site), "publish", "--target", "sandbox")
    # The linked post fails alone: the other two are published, the run says why and exits 1.
    assert result.returncode == 1
    assert f"{JUKNIS}/juknis-media-sosial.jpg" in result.stdout
    texts = _texts(platform_sandbox)
    assert any("jam layanan" in text.lower() for text in texts)
    assert not any("Petunjuk Teknis Pemanfaatan Media Sosial" in text for text in texts)
    assert hashlib.sha256((assets / "x.jpg").read_bytes()).hexdigest() not in _facebook_photo_digests(platform_sandbox)


def test_a_link_to_a_private_file_never_leaves_the_machine(sample_repo: Path, platform_sandbox) -> None:
    photo = sample_repo / JUKNIS / "juknis-media-sosial.jpg"
    photo.unlink()
    photo.symlink_to("/proc/self/environ")
    _commit_all(sample_repo, "Tautan ke berkas pribadi")
    english = _sosmed(sample_repo, {**os.environ}, "--lang", "en", "check", "content")
    assert english.returncode == 1 and "symbolic link" in english.stdout
    env = {**_env(platform_sandbox, "http://127.0.0.1:9/"), "SOSMED_TEST_SECRET_MARKER": "rahasia-pribadi-123"}
    result = _sosmed(sample_repo, env, "publish", "--target", "sandbox")
    assert result.returncode == 1
    calls = requests.get(f"{platform_sandbox.base_url}/_sandbox/calls", timeout=10, headers=platform_sandbox.admin_headers).json()["calls"]
    assert "rahasia-pribadi-123" not in str(calls)
    assert not any("Petunjuk Teknis Pemanfaatan Media Sosial" in text for text in _texts(platform_sandbox))


def test_a_thumbnail_outside_the_bundle_is_an_error_with_its_line(sample_repo: Path) -> None:
    index = sample_repo / VIDEO / "index.md"
    text = index.read_text(encoding="utf-8")
    for bad in ("/etc/passwd.jpg", "../../05/2020-05-08-peluncuran-juknis-media-sosial/juknis-media-sosial.jpg"):
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("youtube:"))
        lines.insert(at + 1, f"  thumbnail: {bad}")
        index.write_text("\n".join(lines), encoding="utf-8")
        result = _sosmed(sample_repo, {**os.environ}, "check", VIDEO, "--format", "json")
        assert result.returncode == 1
        [problem] = [p for p in json.loads(result.stdout) if p["level"] == "error"]
        assert problem["path"] == f"{VIDEO}/index.md" and problem["line"] == at + 2
        assert "di dalam folder tulisan" in problem["message"]
