"""What a site build spends: each distinct photo encoded once, generated pages never parsed as Markdown."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.site.helpers import build, copy_instance, page

POSTS = ("2020/05/2020-05-12-alih-status-guru-sma-smk-slb", "2020/06/2020-06-19-tugas-belajar-dan-izin-belajar")

TRIPWIRE = '''
from markdown import Extension

CONVERTERS = []


class Tripwire(Extension):
    """Counts every Markdown converter MkDocs builds for a page."""

    def extendMarkdown(self, md):
        import traceback
        # MkDocs builds one more while validating its configuration; only page renders count here.
        if any(frame.name == "render" for frame in traceback.extract_stack(limit=6)):
            CONVERTERS.append(md)


def makeExtension(**kwargs):
    return Tripwire(**kwargs)
'''


def copies(cache: Path) -> dict[Path, int]:
    """Every encoded copy in the site's media cache, with its modification time."""
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png")
            and not p.name.endswith(".poster.jpg") and p.parent.name != "cards"}


def test_a_photo_shared_by_two_posts_is_encoded_once(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=POSTS[:1])
    original = root / "content" / POSTS[0]
    twin = root / "content/2020/05/2020-05-13-alih-status-guru-sma-smk-slb-lagi"
    shutil.copytree(original, twin)
    site = build(root).out
    cache = root / ".sosmed" / "cache" / "site"
    encoded = copies(cache)
    assert len(encoded) == 2  # one full-width copy and one thumbnail, for both posts
    for folder in (original.name, twin.name):
        with Image.open(site / "2020/05" / folder / "alih-status.jpg") as full:
            assert full.width == 1080
        assert 'src="sm/alih-status.jpg"' in page(site, f"2020/05/{folder}")


def test_a_touched_or_moved_photo_is_not_encoded_again(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=POSTS)
    build(root, tmp_path / "first")
    cache = root / ".sosmed" / "cache" / "site"
    before = copies(cache)
    assert len(before) == 4
    photo = root / "content" / POSTS[1] / "tugas-belajar.jpg"
    os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 10**9))  # same bytes, new time
    moved = root / "content/2020/06/2020-06-20-tugas-belajar-dan-izin-belajar"
    (root / "content" / POSTS[1]).rename(moved)
    text = (moved / "index.md").read_text(encoding="utf-8").replace("2020-06-19T", "2020-06-20T")
    (moved / "index.md").write_text(text, encoding="utf-8")
    site = build(root, tmp_path / "second").out
    assert copies(cache) == before
    assert (site / "2020/06/2020-06-20-tugas-belajar-dan-izin-belajar/tugas-belajar.jpg").is_file()
    Image.new("RGB", (900, 700), (10, 20, 30)).save(moved / "tugas-belajar.jpg")  # new content: encoded
    build(root, tmp_path / "third")
    assert len(copies(cache)) == 6


def test_generated_pages_are_not_parsed_as_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "tripwire_ext.py").write_text(TRIPWIRE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "ext"))
    root = copy_instance(tmp_path / "instance", posts=POSTS)
    mkdocs = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs["markdown_extensions"] = [*mkdocs.get("markdown_extensions", []), "tripwire_ext"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, allow_unicode=True), encoding="utf-8")
    (root / "docs" / "catatan.md").write_text("# Catatan\n\nHalaman tulisan tangan.\n", encoding="utf-8")
    site = build(root).out
    import tripwire_ext

    assert len(tripwire_ext.CONVERTERS) == 1  # only the hand-written page of docs/
    assert "Halaman tulisan tangan." in page(site, "catatan")
    assert "Tugas Belajar" in page(site, "2020/06/2020-06-19-tugas-belajar-dan-izin-belajar")
    sys.modules.pop("tripwire_ext", None)
