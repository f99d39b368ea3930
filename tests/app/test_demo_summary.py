"""The demo's summary never names a folder that is gone by the time it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.app.demo import DemoResult
from sosmed.cli.context import AppContext
from sosmed.cli.demo_cmd import summary
from sosmed.publish.outcome import RunReport


def _result(workdir: Path) -> DemoResult:
    return DemoResult(RunReport(), "http://127.0.0.1:9/", "http://127.0.0.1:10/", workdir, workdir / "repo",
                      workdir / "site", workdir / "sandbox")


def test_without_keep_and_without_serving_no_path_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    summary(AppContext(None, "id"), _result(tmp_path / "sosmed-demo-x"), kept=False, serving=False)
    out = capsys.readouterr().out
    assert "sosmed-demo-x" not in out and "127.0.0.1" not in out  # removed and no longer served
    assert "--keep FOLDER" in out


def test_while_serving_the_links_open_the_sandboxs_web_view(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    summary(AppContext(None, "id"), _result(tmp_path / "w"), kept=False, serving=True)
    out = capsys.readouterr().out
    for platform in ("facebook", "instagram", "x", "youtube"):
        assert f"http://127.0.0.1:9/web/{platform}" in out
    assert "facebook.com" not in out and "Situs arsip: http://127.0.0.1:10/" in out


def test_with_keep_every_output_is_named(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    summary(AppContext(None, "id"), _result(tmp_path / "kept"), kept=True, serving=False)
    out = capsys.readouterr().out
    for name in ("repo", "site", "sandbox"):
        assert str(tmp_path / "kept" / name) in out
    assert "Folder sementara" not in out
