"""large-media-lfs: a large video committed (or about to be) outside Git LFS is an error; LFS pointers,
files covered by .gitattributes, small files and folders outside git are fine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.check.helpers import POST_HEAD, REPO, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"
MEDIA = "media:\n  - file: video.mp4\n    credit: Yosef Kolo\n    source: Dokumentasi BKD Provinsi NTT\n"
BIG = 2 * 1024 * 1024 + 1


def _git(root: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.org",
               GIT_COMMITTER_NAME="Uji", GIT_COMMITTER_EMAIL="uji@example.org")
    # git-lfs is configured globally on some machines; these tests build the blobs themselves.
    plain = ["-c", "filter.lfs.clean=cat", "-c", "filter.lfs.smudge=cat", "-c", "filter.lfs.process=",
             "-c", "filter.lfs.required=false"]
    return subprocess.run(["git", *plain, "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def _instance(tmp_path: Path, *, git: bool = True, attributes: bool = True, max_mb: int = 2) -> Path:
    root = make_instance(tmp_path)
    data = yaml.safe_load((root / "sosmed.yml").read_text(encoding="utf-8"))
    data.setdefault("check", {}).setdefault("rules", {})["large-media-lfs"] = {"max_mb": max_mb}
    (root / "sosmed.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if git:
        _git(root, "init", "-q")
    if attributes:
        shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    return root


def _found(root: Path) -> list[tuple[int, str, str]]:
    return [(p.line, p.args["file"], p.key.rsplit(".", 1)[1]) for p in of_rule(run(root), "large-media-lfs")]


def test_untracked_video_covered_by_gitattributes_is_fine(tmp_path: Path) -> None:
    root = _instance(tmp_path)
    write_post(root, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(BIG)})
    assert _found(root) == []


def test_untracked_video_without_lfs_pattern_is_an_error(tmp_path: Path) -> None:
    root = _instance(tmp_path, attributes=False)
    write_post(root, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(BIG), "sisa.MOV": os.urandom(BIG)})
    found = of_rule(run(root), "large-media-lfs")
    assert [(p.line, p.args["file"], p.key.rsplit(".", 1)[1]) for p in found] == [
        (1, "sisa.MOV", "not_lfs"), (10, "video.mp4", "not_lfs")]
    assert found[1].level == "error"
    assert found[1].message("id") == (
        "Berkas 'video.mp4' (2,0 MB, lebih dari 2 MB) tidak tercakup pola Git LFS di .gitattributes, jadi akan masuk "
        "langsung ke riwayat git. Tambahkan polanya ke .gitattributes (misalnya *.mp4 filter=lfs diff=lfs merge=lfs "
        "-text) sebelum git add."
    )
    assert found[1].message("en") == (
        "File 'video.mp4' (2.0 MB, over 2 MB) is not covered by a Git LFS pattern in .gitattributes, so it would go "
        "straight into the git history. Add its pattern to .gitattributes (e.g. *.mp4 filter=lfs diff=lfs "
        "merge=lfs -text) before git add."
    )


def test_video_committed_as_a_plain_blob_is_an_error(tmp_path: Path) -> None:
    root = _instance(tmp_path, attributes=False)
    index = write_post(root, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(BIG)})
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "video ditambahkan sebelum pola LFS ada")
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")  # patterns added afterwards do not move it
    found = of_rule(run(root), "large-media-lfs")
    assert [(p.line, p.key.rsplit(".", 1)[1]) for p in found] == [(10, "committed")]
    assert found[0].message("id").startswith("Berkas 'video.mp4' (2,0 MB, lebih dari 2 MB) ter-commit langsung di git")
    assert index.is_file()


def test_lfs_pointer_in_the_index_is_fine(tmp_path: Path) -> None:
    root = _instance(tmp_path)
    index = write_post(root, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(BIG)})
    pointer = tmp_path / "pointer"
    pointer.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:" + "0" * 64 + f"\nsize {BIG}\n")
    blob = _git(root, "hash-object", "-w", str(pointer)).strip()
    relative = (index.parent / "video.mp4").relative_to(root).as_posix()
    # What git-lfs does: the index holds the pointer blob, the work tree the real content.
    _git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{relative}")
    assert _found(root) == []


def test_small_videos_and_folders_outside_git_are_silent(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    small = _instance(tmp_path / "a", attributes=False)
    write_post(small, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(1024)})
    assert _found(small) == []
    (tmp_path / "b").mkdir()
    outside = _instance(tmp_path / "b", git=False, attributes=False)
    write_post(outside, HEAD + MEDIA, "Isi.\n", {"video.mp4": os.urandom(BIG)})
    assert _found(outside) == []


def test_repository_gitattributes_sends_videos_and_raw_photos_to_lfs(tmp_path: Path) -> None:
    root = _instance(tmp_path)
    names = ["a.mp4", "b.MOV", "c.m4v", "d.webm", "e.mkv", "f.dng", "g.CR2", "h.nef", "i.ARW"]
    out = _git(root, "check-attr", "filter", "--", *names, "foto.jpg", "index.md", "poster.png")
    assert out.splitlines() == [f"{n}: filter: lfs" for n in names] + [
        "foto.jpg: filter: unspecified", "index.md: filter: unspecified", "poster.png: filter: unspecified"]
