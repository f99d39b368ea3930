"""``sosmed site build``, ``mkdocs build --strict`` from the repository root, and pagination at scale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sosmed.cli import cli
from tests.site.helpers import REPO, build, copy_instance, page, sign_everything

POST = """---
title: "Pengumuman nomor {n}"
date: 2021-03-{day:02d} {hour:02d}:{minute:02d}
platforms: [facebook]
strategy: {strategy}
bidang: mutasi
tags: [pengumuman]
summary: "Ringkasan pengumuman nomor {n}."
sources: [Dokumentasi BKD Provinsi NTT]
---

Isi pengumuman nomor {n}.
"""


def test_sosmed_site_build_command(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance")
    sign_everything(root)
    out = tmp_path / "keluar"
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "site", "build", "--out", str(out),
                                      "--strict"])
    assert result.exit_code == 0, result.output
    assert f"Situs arsip dibangun di {out}: 14 tulisan, 2 formulir Q&A publik, 0 rekap." in result.output
    assert (out / "index.html").is_file()
    english = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "site", "build", "--lang", "en",
                                       "--out", str(tmp_path / "en")])
    assert english.exit_code == 0 and "Archive website built in" in english.output
    assert '<html lang="en"' in (tmp_path / "en" / "index.html").read_text(encoding="utf-8")


def test_missing_mkdocs_yml_is_one_clear_line(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance")
    (root / "mkdocs.yml").unlink()
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "site", "build"])
    assert result.exit_code == 1
    assert "Berkas mkdocs.yml tidak ditemukan" in result.output and "Traceback" not in result.output


def test_mkdocs_build_strict_from_a_clone_of_the_repository(tmp_path: Path) -> None:
    """A fresh clone has no ledger: the public build succeeds and shows nothing unsigned."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-local", str(REPO), str(clone)], check=True, capture_output=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                          cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "s" / "index.html").is_file()
    assert not (tmp_path / "s" / "2020/05/2020-05-12-alih-status-guru-sma-smk-slb").exists()


def test_index_pages_are_paginated_by_fifty_and_nav_stays_small(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=())
    strategies = ["talking", "supporting"]
    for n in range(1, 121):
        day, hour, minute = 1 + n // 5, 7 + n % 5, n % 60
        folder = root / f"content/2021/03/2021-03-{day:02d}-pengumuman-{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(POST.format(n=n, day=day, hour=hour, minute=minute,
                                                     strategy=strategies[n % 2]), encoding="utf-8")
    site = build(root).out
    first, second, third = page(site, "2021/03/"), page(site, "2021/03/2/"), page(site, "2021/03/3/")
    assert [len(re.findall(r"<li>\s*<a ", p[p.index('class="sosmed-list"'):])) for p in (first, second, third)] \
        == [50, 50, 20]
    assert not (site / "2021/03/4").exists()
    assert "Halaman 1 dari 3" in first and 'href="../../2021/03/2/"' in first
    assert "« Sebelumnya" in third and 'href="../../../2021/03/2/"' in third
    assert "Pengumuman nomor 120" in first and "Pengumuman nomor 1<" in third
    assert (site / "tag/pengumuman/3/index.html").is_file()
    nav_links = re.findall(r'class="md-nav__link', page(site, "2021/03/2021-03-25-pengumuman-120/"))
    assert len(nav_links) <= 14
