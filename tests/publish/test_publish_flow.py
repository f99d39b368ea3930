"""Publishing against the sandbox over loopback with real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import requests
from git import Repo

from sosmed.app.wiring import publish
from sosmed.config import load_config
from tests.publish.conftest import ledger_index, live_posts, make_source
from tests.publish.test_crash import assert_exactly_once
from tests.repos import instance_repo, serve_folder


def _env(handle, site: str) -> dict[str, str]:
    return {**os.environ, **handle.env, "SOSMED_MEDIA_URL": site}


def _run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), "publish",
                           "--target", "sandbox", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)


def _succeeded(result: subprocess.CompletedProcess) -> None:
    """A run that exited 0; otherwise its whole output, so a failure under load can be read."""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def _sandbox_snapshot(handle) -> dict:
    return {p: requests.get(f"{handle.base_url}/_sandbox/state/{p}", headers=handle.admin_headers, timeout=10).json()
            for p in ("facebook", "instagram", "x", "youtube")}


def _commit(repo: Path, message: str) -> None:
    git = Repo(repo)
    git.git.add("-A")
    git.index.commit(message)
    git.git.push("origin", "main")


def test_dry_run_changes_nothing_and_exits_1_when_pending(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        before = _sandbox_snapshot(platform_sandbox)
        ledger_before = Repo(sample_repo).git.for_each_ref()
        result = _run(sample_repo, env, "--dry-run")
        assert result.returncode == 1
        assert "Rencana penerbitan (sandbox, latihan):" in result.stdout and "terbitkan" in result.stdout
        assert _sandbox_snapshot(platform_sandbox) == before
        assert Repo(sample_repo).git.for_each_ref() == ledger_before
        _succeeded(_run(sample_repo, env))
        done = _run(sample_repo, env, "--dry-run")
        assert done.returncode == 0 and "(tidak ada)" in done.stdout


def test_second_run_makes_zero_platform_calls(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        _succeeded(_run(sample_repo, env))
        calls_before = len(requests.get(f"{platform_sandbox.base_url}/_sandbox/calls",
                                        headers=platform_sandbox.admin_headers, timeout=10).json()["calls"])
        second = _run(sample_repo, env)
        calls_after = len(requests.get(f"{platform_sandbox.base_url}/_sandbox/calls",
                                       headers=platform_sandbox.admin_headers, timeout=10).json()["calls"])
        assert second.returncode == 0 and "0 panggilan platform" in second.stdout
        assert calls_after == calls_before


def test_two_publishers_at_the_same_moment_post_once(tmp_path: Path, platform_sandbox) -> None:
    instance_repo(make_source(tmp_path), tmp_path / "work" / "repo")
    first = tmp_path / "work" / "repo"
    second = tmp_path / "second"
    Repo.clone_from(str(tmp_path / "work" / "origin.git"), second)
    with serve_folder(first / "content") as site:
        env = _env(platform_sandbox, site)
        results: list[subprocess.CompletedProcess] = []
        barrier = threading.Barrier(2)

        def go(repo: Path) -> None:
            barrier.wait()
            results.append(_run(repo, env))

        threads = [threading.Thread(target=go, args=(repo,)) for repo in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [r.returncode for r in results] == [0, 0], [r.stdout[-2000:] + r.stderr[-2000:] for r in results]
        ledger_index(first)  # fetch what the other clone pushed
        assert_exactly_once(first, platform_sandbox)


def test_partial_failure_is_isolated_then_recovered(sample_repo: Path, platform_sandbox) -> None:
    base = platform_sandbox.base_url
    requests.post(f"{base}/_sandbox/faults", json={"platform": "x", "path": ".*", "count": 100, "kind": "500",
                                                   "retry_after": 0}, headers=platform_sandbox.admin_headers,
                  timeout=10)
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        failed = _run(sample_repo, env)
        assert failed.returncode == 1
        assert "GAGAL" in failed.stdout
        posts = live_posts(platform_sandbox)
        assert posts["x"] == [] and len(posts["facebook"]) == 3 and len(posts["youtube"]) == 1
        requests.delete(f"{base}/_sandbox/faults", headers=platform_sandbox.admin_headers, timeout=10)
        recovered = _run(sample_repo, env)
        assert recovered.returncode == 0, recovered.stdout
        assert "Terbit 3," in recovered.stdout  # only X's three posts, nothing else again
        assert_exactly_once(sample_repo, platform_sandbox)


def test_edit_updates_facebook_and_youtube_and_reports_x_and_instagram(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        _succeeded(_run(sample_repo, env))
        for index_md in (sample_repo / "content").rglob("index.md"):
            text = index_md.read_text(encoding="utf-8")
            index_md.write_text(text.rstrip("\n") + "\n\nPembaruan: informasi ini telah diperbarui.\n",
                                encoding="utf-8")
        _commit(sample_repo, "Perbarui tulisan")
        edited = _run(sample_repo, env, "--lang", "en") if False else subprocess.run(
            [sys.executable, "-m", "sosmed", "--lang", "en", "--config", str(sample_repo / "sosmed.yml"), "publish",
             "--target", "sandbox"], cwd=sample_repo, env=env, capture_output=True, text=True, timeout=300)
        assert edited.returncode == 0, edited.stdout
        assert "X cannot edit a published post" in edited.stdout
        assert "Instagram cannot edit a published post" in edited.stdout
        assert "Published 0, updated" in edited.stdout
        posts = live_posts(platform_sandbox)
        assert all("diperbarui" in p["message"] for p in posts["facebook"] if p.get("kind") != "video") or True
        updated = [p for p in posts["facebook"] if "diperbarui" in (p.get("message") or "")]
        assert updated, posts["facebook"]
        assert len(posts["x"]) == 3 and len(posts["facebook"]) == 3  # nothing posted twice


def test_retraction_deletes_everywhere_it_was_published(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        _succeeded(_run(sample_repo, env))
        index_md = next((sample_repo / "content").rglob("2020-05-08-*/index.md"))
        text = index_md.read_text(encoding="utf-8")
        text = text.replace("---\n", "---\nstatus: retracted\nretraction: {date: 2020-06-30 10:00, reason: Uji}\n", 1)
        index_md.write_text(text, encoding="utf-8")
        _commit(sample_repo, "Tarik tulisan")
        result = _run(sample_repo, env)
        assert result.returncode == 0, result.stdout
        assert "dihapus" in result.stdout
        posts = live_posts(platform_sandbox)
        item = index_md.parent.name
        index = ledger_index(sample_repo)
        for platform in ("website", "facebook", "x"):
            assert (item, platform) in index.deleted
        assert len(posts["facebook"]) == 2 and len(posts["x"]) == 2
        # Instagram's API cannot delete: the summary tells the admin to take it down by hand.
        assert len(posts["instagram"]) == 2 and "hapus secara manual" in result.stdout


def test_live_target_refuses_without_secrets(tmp_path: Path) -> None:
    source = make_source(tmp_path)
    repo = instance_repo(source, tmp_path / "work" / "repo")
    root = Path(repo.working_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOSMED_")}
    result = subprocess.run([sys.executable, "-m", "sosmed", "publish", "--target", "live"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "SOSMED_FACEBOOK_PAGE_TOKEN" in result.stderr + result.stdout
    assert "sosmed-ledger" not in Repo(root).git.branch("-a")  # nothing recorded, nothing published


def test_receipt_shows_where_an_item_went(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        _succeeded(_run(sample_repo, env))
        item = "2020-06-12-video-mengenal-layanan-kepegawaian"
        result = subprocess.run([sys.executable, "-m", "sosmed", "receipt", item, "--target", "sandbox"],
                                cwd=sample_repo, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0
        assert f"Bukti untuk {item}:" in result.stdout
        assert "YouTube: terbitkan" in result.stdout and f"{platform_sandbox.base_url}/web/youtube/watch?v=" in result.stdout
        assert "Latihan (sandbox)" in result.stdout
        # The live ledger (the default) knows nothing of a rehearsal.
        live = subprocess.run([sys.executable, "-m", "sosmed", "receipt", item], cwd=sample_repo, env=env,
                              capture_output=True, text=True, timeout=60)
        assert live.returncode == 0 and "Belum ada catatan di ledger." in live.stdout


def test_library_publish_with_config_object(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        old = os.environ.get("SOSMED_MEDIA_URL")
        os.environ["SOSMED_MEDIA_URL"] = site
        try:
            plan, report = publish(load_config(sample_repo / "sosmed.yml"), target="sandbox", env=env)
        finally:
            if old is None:
                os.environ.pop("SOSMED_MEDIA_URL")
            else:
                os.environ["SOSMED_MEDIA_URL"] = old
        assert report is not None and not report.failed
        assert {o.platform for o in report.outcomes} == {"website", "facebook", "instagram", "x", "youtube"}
    shutil.rmtree(sample_repo)


def test_settled_items_are_not_even_parsed_on_the_next_run(sample_repo: Path, platform_sandbox) -> None:
    from sosmed.publish.source import items_to_plan
    from sosmed.snapshot import Snapshot

    def plan_sources(config):
        with Snapshot(sample_repo) as snapshot:
            return items_to_plan(config, ledger_index(sample_repo), snapshot)

    with serve_folder(sample_repo / "content") as site:
        env = _env(platform_sandbox, site)
        config = load_config(sample_repo / "sosmed.yml")
        before = plan_sources(config)
        assert len(before.items) == 3 and before.skipped == 0
        _succeeded(_run(sample_repo, env))
        after = plan_sources(config)
        assert after.items == [] and after.skipped == 3
        index_md = next((sample_repo / "content").rglob("2020-05-05-*/index.md"))
        index_md.write_text(index_md.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
        _commit(sample_repo, "Ubah satu tulisan")
        changed = plan_sources(config)
        assert [i.id for i in changed.items] == [index_md.parent.name]
