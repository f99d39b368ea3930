"""The public archive shows only what the Kepala signed, exactly as signed; the preview shows the rest, marked.

Real git histories, the real gate against the emulated forge over loopback, the real CLI
(``sosmed publish --signoff-only``, ``sosmed site build``), and assertions on the built files:
pages, indexes, feeds, sitemap and the search index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sosmed.sandbox.forge_state import seed_forge
from tests.review.helpers import FULL_NAME, POST, REPO, make_forgery, review

UNAPPROVED = "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"
PUSHED = "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
DRAFT = "qna/kinerja/2020/QA-2020-06-0004.md"
TITLES = {POST: "Meluncurkan Petunjuk Teknis", UNAPPROVED: "Penyesuaian Jam Layanan",
          PUSHED: "Mengenal Alih Status Guru"}


def _cli(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(root / "sosmed.yml"), *args], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)


def _site_files(site: Path) -> str:
    """Every page, feed, sitemap and search fragment's text (Pagefind's fragments are gzip'd JSON)."""
    import gzip

    parts = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".pf_fragment":
            parts.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    return "\n".join(parts)


def _with_site(forgery):
    shutil.copy(REPO / "mkdocs.yml", forgery.root / "mkdocs.yml")
    (forgery.root / "docs").mkdir()
    (forgery.root / ".gitignore").write_text("/site/\n/.sosmed/\n", encoding="utf-8")
    forgery.commit("Situs arsip")
    return forgery


def _history(tmp_path: Path):
    """main: an approved post, a post merged without approval, a post pushed straight to main, a draft form."""
    forgery = _with_site(make_forgery(tmp_path))
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    forgery.pull_request("jam", [(UNAPPROVED, UNAPPROVED)], reviews=[review("kabid-mutasi")])
    forgery.pull_request("draf", [(DRAFT, DRAFT)], reviews=[review("kabid-kinerja"), review("kepala-bkd-ntt")])
    shutil.copytree(REPO / PUSHED, forgery.root / PUSHED)
    sha = forgery.commit("push langsung ke main")
    forgery.commits.append({"sha": sha, "author": "admin-medsos-ntt", "committer": "admin-medsos-ntt",
                            "message": "push langsung"})
    return forgery


def _env(sandbox) -> dict[str, str]:
    return {**os.environ, **sandbox.env, "GITHUB_REPOSITORY": FULL_NAME}


def test_only_signed_items_reach_the_public_site(tmp_path: Path, sandbox) -> None:
    forgery = _history(tmp_path)
    seed_forge(sandbox, forgery.seed())
    env = _env(sandbox)
    signoff = _cli(forgery.root, env, "publish", "--signoff-only", "--target", "live")
    assert signoff.returncode == 0, signoff.stdout + signoff.stderr
    out = tmp_path / "public"
    built = _cli(forgery.root, env, "site", "build", "--strict", "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (out / POST.removeprefix("content/") / "index.html").is_file()
    everything = _site_files(out)
    assert TITLES[POST] in everything
    for unsigned in (UNAPPROVED, PUSHED):
        assert not (out / unsigned.removeprefix("content/")).exists()
        assert TITLES[unsigned] not in everything, unsigned
    assert not (out / "qna" / "QA-2020-06-0004").exists()
    assert "QA-2020-06-0004" not in everything and "capaian SKP" not in everything
    assert "noindex" not in (out / "index.html").read_text(encoding="utf-8")

    preview = tmp_path / "preview"
    shown = _cli(forgery.root, env, "site", "build", "--preview", "--out", str(preview))
    assert shown.returncode == 0, shown.stdout + shown.stderr
    for item in (POST, UNAPPROVED, PUSHED):
        assert (preview / item.removeprefix("content/") / "index.html").is_file()
    unapproved = (preview / UNAPPROVED.removeprefix("content/") / "index.html").read_text(encoding="utf-8")
    assert "PRATINJAU — belum disetujui Kepala" in unapproved
    assert '<meta name="robots" content="noindex, nofollow">' in unapproved
    signed = (preview / POST.removeprefix("content/") / "index.html").read_text(encoding="utf-8")
    assert "PRATINJAU — belum disetujui" not in signed and 'content="noindex, nofollow"' in signed


def test_without_the_ledger_key_the_build_says_why_nothing_is_public(tmp_path: Path, sandbox) -> None:
    forgery = _history(tmp_path)
    seed_forge(sandbox, forgery.seed())
    env = _env(sandbox)
    assert _cli(forgery.root, env, "publish", "--signoff-only", "--target", "live").returncode == 0
    keyless = {name: value for name, value in env.items() if name != "SOSMED_LEDGER_KEY"}
    out = tmp_path / "keyless"
    built = _cli(forgery.root, keyless, "site", "build", "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    assert "SOSMED_LEDGER_KEY belum diatur" in built.stderr
    assert TITLES[POST] not in _site_files(out)
    english = _cli(forgery.root, keyless, "--lang", "en", "site", "build", "--out", str(tmp_path / "en"))
    assert "SOSMED_LEDGER_KEY is not set" in english.stderr
    keyed = _cli(forgery.root, env, "site", "build", "--out", str(tmp_path / "keyed"))
    assert "SOSMED_LEDGER_KEY" not in keyed.stderr and TITLES[POST] in _site_files(tmp_path / "keyed")


def test_a_change_pushed_after_the_sign_off_shows_the_signed_version(tmp_path: Path, sandbox) -> None:
    forgery = _with_site(make_forgery(tmp_path))
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    seed = forgery.seed()
    seed_forge(sandbox, seed)
    env = _env(sandbox)
    assert _cli(forgery.root, env, "publish", "--signoff-only", "--target", "live").returncode == 0
    index = forgery.root / POST / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nKALIMAT-TANPA-PERSETUJUAN\n", encoding="utf-8")
    sha = forgery.commit("ubah langsung di main")
    forgery.commits.append({"sha": sha, "author": "admin-medsos-ntt", "committer": "admin-medsos-ntt",
                            "message": "ubah"})
    seed_forge(sandbox, forgery.seed())
    again = _cli(forgery.root, env, "publish", "--signoff-only", "--target", "live")
    assert again.returncode == 0 and "0 baru" in again.stdout
    # An uncommitted edit in the working tree must not reach the public build either.
    index.write_text(index.read_text(encoding="utf-8") + "\nSUNTINGAN-LOKAL\n", encoding="utf-8")
    out = tmp_path / "public"
    assert _cli(forgery.root, env, "site", "build", "--out", str(out)).returncode == 0
    html = (out / POST.removeprefix("content/") / "index.html").read_text(encoding="utf-8")
    assert TITLES[POST] in html and "Disetujui oleh Henderina" in html
    everything = _site_files(out)
    assert "KALIMAT-TANPA-PERSETUJUAN" not in everything and "SUNTINGAN-LOKAL" not in everything


def test_a_sign_off_that_cannot_be_checked_is_a_loud_failure(tmp_path: Path, sandbox) -> None:
    forgery = _with_site(make_forgery(tmp_path))
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    seed_forge(sandbox, forgery.seed())
    env = {**_env(sandbox), "GITHUB_API_URL": "http://127.0.0.1:9/github"}  # nothing listens there
    for args in (("publish", "--dry-run", "--target", "live"), ("publish", "--signoff-only", "--target", "live")):
        result = _cli(forgery.root, env, *args)
        assert result.returncode == 3, (args, result.stdout, result.stderr)
        assert "tidak dapat diperiksa" in result.stderr
    english = _cli(forgery.root, env, "--lang", "en", "publish", "--dry-run", "--target", "live")
    assert english.returncode == 3 and "could not be checked" in english.stderr
    out = tmp_path / "public"
    assert _cli(forgery.root, env, "site", "build", "--out", str(out)).returncode == 0
    assert not (out / POST.removeprefix("content/")).exists()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    assert TITLES[POST] not in _site_files(out)


def test_a_committed_signed_recap_builds_strict_with_its_charts(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sosmed.cli import cli
    from tests.site.helpers import build, commit_all, copy_instance, page

    root = copy_instance(tmp_path / "instance", posts=())
    commit_all(root)
    made = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "recap", "2020-05"])
    assert made.exit_code == 0, made.output
    assert (root / "recaps" / "2020-05" / "weekly.svg").is_file()
    site = build(root, tmp_path / "site").out  # commits, signs (the recap too) and builds --strict
    html = page(site, "rekap/2020-05/")
    assert 'src="weekly.svg"' in html and 'src="strategy.svg"' in html
    for name in ("weekly.svg", "strategy.svg"):
        assert (site / "rekap" / "2020-05" / name).read_bytes() == (root / "recaps" / "2020-05" / name).read_bytes()


def test_recaps_unsigned_or_with_a_scripted_chart_stay_off(tmp_path: Path) -> None:
    from sosmed.errors import SosmedError
    from tests.site.helpers import build, commit_all, copy_instance

    root = copy_instance(tmp_path / "instance", posts=())
    (root / "recaps" / "2020-05").mkdir(parents=True)
    (root / "recaps" / "2020-05.md").write_text("# Rekap Mei\n\n![grafik](2020-05/weekly.svg)\n", encoding="utf-8")
    (root / "recaps" / "2020-05" / "weekly.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>', encoding="utf-8")
    with pytest.raises(SosmedError):
        build(root, tmp_path / "strict")  # signed, but the chart could run script: a warning, strict fails
    site = build(root, tmp_path / "lenient", strict=False, sign=False).out
    assert (site / "rekap" / "2020-05" / "index.html").is_file()
    assert not (site / "rekap" / "2020-05" / "weekly.svg").exists()
    (root / "recaps" / "2020-06.md").write_text("# Rekap Juni belum disetujui\n", encoding="utf-8")
    commit_all(root, "rekap Juni langsung ke main")
    site = build(root, tmp_path / "unsigned", strict=False, sign=False).out
    assert not (site / "rekap" / "2020-06").exists()
