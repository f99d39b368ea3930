"""The sandbox's shape (issue #16): per platform, state apart from the HTTP views; no import cycle;
no production logic imported, only shared tables (messages, errors, X's counting table)."""

from __future__ import annotations

import ast
from pathlib import Path

import sosmed.sandbox

SANDBOX = Path(sosmed.sandbox.__file__).parent
# The only modules outside the sandbox it may use: the message catalogue, the error root, X's weights.
SHARED = {"sosmed.i18n", "sosmed.errors", "sosmed.textlimits"}
PLATFORMS = ("facebook", "instagram", "x", "youtube")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_only_shared_tables_come_from_outside_the_sandbox() -> None:
    for path in SANDBOX.rglob("*.py"):
        outside = {m for m in _imports(path) if m.startswith("sosmed.") and not m.startswith("sosmed.sandbox")}
        assert {m.rsplit(".", 1)[0] if m.rsplit(".", 1)[0] in SHARED else m for m in outside} <= SHARED, path


def test_platforms_never_import_the_application() -> None:
    for path in SANDBOX.rglob("*.py"):
        if path.name in ("app.py", "server.py", "__init__.py") and path.parent == SANDBOX:
            continue
        assert "sosmed.sandbox.app" not in _imports(path), path


def test_each_platforms_state_is_apart_from_its_views() -> None:
    for platform in PLATFORMS:
        models = _imports(SANDBOX / platform / "models.py")
        assert not any(m == "flask" or m.startswith(("flask.", "werkzeug")) for m in models), platform
        assert not any(".views" in m or m.endswith(".core") for m in models), platform
        assert f"sosmed.sandbox.{platform}.models" in _imports(SANDBOX / platform / "views.py")
    for user in ("admin.py", "seed.py"):  # they change state, never through a platform's HTTP views
        assert not any(m.endswith(".views") for m in _imports(SANDBOX / user)), user


def test_no_function_is_longer_than_sixty_lines() -> None:
    for path in SANDBOX.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno < 60, f"{path.name}:{node.lineno} {node.name}"
