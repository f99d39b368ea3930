"""``sosmed cms --out DIR`` through the real CLI: the editor's files, and clear messages when it cannot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from sosmed.cli import cli
from tests.cms.helpers import REPO, modules, node, page_data


def run(*args: str, env: dict[str, str] | None = None, config: Path = REPO / "sosmed.yml"):
    return CliRunner().invoke(cli, ["--config", str(config), *args], env=env)


def test_writes_index_config_scripts_and_the_vendored_bundle(tmp_path: Path) -> None:
    node()
    modules()
    out = tmp_path / "editor"
    result = run("cms", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"Editor web ditulis ke {out}" in result.output and "Decap CMS 3.16.3" in result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert "vendor/decap-cms/decap-cms.js" in sources and "sosmed-cms.js" in sources
    # Nothing from another server: every script and stylesheet is a file of this folder.
    for source in sources:
        if source.startswith("data:"):
            continue
        assert "//" not in source and (out / source).is_file(), source
    assert "script-src 'self'" in html and '<html lang="id">' in html
    data = page_data(out)
    assert data["lang"] == "id" and data["phrases"]["auth"]["login"] == "Masuk"
    for style in data["previewStyles"]:
        assert (out / style).is_file()
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "id" and config["publish_mode"] == "editorial_workflow"
    chunks = list((out / "vendor" / "decap-cms").glob("*.decap-cms.js"))
    assert chunks and not list(out.rglob("*.map"))
    assert (out / "vendor" / "yaml" / "index.js").is_file()


def test_english_interface_and_labels(tmp_path: Path) -> None:
    node()
    modules()
    out = tmp_path / "editor"
    result = run("--lang", "en", "cms", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Web editor written to" in result.output
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "en" and config["collections"][0]["label"] == "Posts"
    assert page_data(out)["phrases"]["auth"]["login"] == "Log in"


def test_local_backend_for_trying_it_with_decap_server(tmp_path: Path) -> None:
    node()
    modules()
    out = tmp_path / "editor"
    assert run("cms", "--out", str(out), "--local-backend").exit_code == 0
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}


def test_without_the_npm_packages_it_says_how_to_install_them(tmp_path: Path) -> None:
    empty = tmp_path / "node_modules"
    empty.mkdir()
    out = tmp_path / "editor"
    for lang, words in (("id", "Decap CMS belum terpasang"), ("en", "Decap CMS is not installed")):
        result = run("--lang", lang, "cms", "--out", str(out), env={"SOSMED_CMS_MODULES": str(empty)})
        assert result.exit_code == 1
        assert words in result.output and "npm ci --prefix cms" in result.output and str(empty) in result.output
        assert "Traceback" not in result.output
    assert not out.exists()


def test_an_outdated_installation_is_named(tmp_path: Path) -> None:
    project = tmp_path / "cms"
    (project / "node_modules" / "decap-cms" / "dist").mkdir(parents=True)
    (project / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").write_text("", encoding="utf-8")
    (project / "node_modules" / "yaml" / "browser" / "dist").mkdir(parents=True)
    pins = json.loads((REPO / "cms" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    (project / "package.json").write_text(json.dumps({"dependencies": pins}), encoding="utf-8")
    (project / "node_modules" / "decap-cms" / "package.json").write_text('{"version": "3.0.0"}', encoding="utf-8")
    (project / "node_modules" / "yaml" / "package.json").write_text(json.dumps({"version": pins["yaml"]}),
                                                                    encoding="utf-8")
    result = run("cms", "--out", str(tmp_path / "editor"), env={"SOSMED_CMS_MODULES": str(project / "node_modules")})
    assert result.exit_code == 1
    assert f"versi 3.0.0, padahal {project}/package.json menetapkan {pins['decap-cms']}" in result.output


def test_the_npm_project_pins_exact_versions() -> None:
    manifest = json.loads((REPO / "cms" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "cms" / "package-lock.json").read_text(encoding="utf-8"))
    pinned = {**manifest["dependencies"], **manifest["devDependencies"]}
    assert set(pinned) == {"decap-cms", "yaml", "decap-server"}
    for name, version in pinned.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version
        assert entry["integrity"].startswith("sha512-")
