"""The parts of the editor installed from the npm registry (``npm ci --prefix cms``), found and listed.

Decap CMS and the ``yaml`` parser are pinned in ``cms/package.json`` and its lock file; the
installed files are copied into the editor's folder at build time (nothing is loaded from a
CDN, and no bundle is committed to git).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.errors import SosmedError

DECAP = "decap-cms"
YAML = "yaml"
# The checkout this package runs from, when it runs from one (an editable install).
_CHECKOUT = Path(__file__).resolve().parents[3]


def candidates(config: Config) -> list[Path]:
    """Where ``node_modules`` may be: ``SOSMED_CMS_MODULES``, else the instance's or the checkout's ``cms/``."""
    given = os.environ.get("SOSMED_CMS_MODULES")
    if given:
        return [Path(given)]
    return [config.root / "cms" / "node_modules", _CHECKOUT / "cms" / "node_modules"]


def find_modules(config: Config) -> Path:
    """The ``node_modules`` folder holding the pinned packages; a clear error when it is not installed."""
    places = candidates(config)
    for place in places:
        if (place / DECAP / "dist" / "decap-cms.js").is_file() and (place / YAML / "browser" / "dist").is_dir():
            _check_versions(place)
            return place
    raise SosmedError("cms.error.not_installed", path=str(places[0]))


def _check_versions(modules: Path) -> None:
    manifest = modules.parent / "package.json"
    if not manifest.is_file():
        return
    wanted = json.loads(manifest.read_text(encoding="utf-8")).get("dependencies", {})
    for name in (DECAP, YAML):
        installed = json.loads((modules / name / "package.json").read_text(encoding="utf-8")).get("version")
        if name in wanted and installed != wanted[name]:
            raise SosmedError("cms.error.stale", package=name, installed=installed, wanted=wanted[name],
                              path=str(modules.parent))


def vendored_files(modules: Path) -> list[tuple[str, Path]]:
    """(path inside the editor folder, source file) of everything the browser loads from npm packages."""
    files: list[tuple[str, Path]] = []
    decap = modules / DECAP / "dist"
    for path in sorted(decap.iterdir()):
        # The bundle, its lazily loaded chunks and WebAssembly; not the source maps, not the other build.
        if path.name.endswith(("decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt")):
            files.append((f"vendor/decap-cms/{path.name}", path))
    yaml_dist = modules / YAML / "browser" / "dist"
    for path in sorted(yaml_dist.rglob("*.js")):
        files.append((f"vendor/yaml/{path.relative_to(yaml_dist).as_posix()}", path))
    files.append(("vendor/yaml/LICENSE", modules / YAML / "LICENSE"))
    return files


def versions(modules: Path) -> dict[str, str]:
    """The installed versions of the vendored packages."""
    return {name: json.loads((modules / name / "package.json").read_text(encoding="utf-8"))["version"]
            for name in (DECAP, YAML)}
