"""The CLI imports a command's code only when that command runs: ``sosmed --help`` stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sosmed.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sosmed.platforms.facebook", "sosmed.platforms.instagram", "sosmed.platforms.x", "sosmed.platforms.youtube",
         "sosmed.platforms.base", "sosmed.http", "sosmed.media", "sosmed.sandbox", "sosmed.site", "sosmed.publish",
         "sosmed.review", "sosmed.recap", "sosmed.cms", "sosmed.intake", "sosmed.forge", "sosmed.app", "sosmed.compose",
         "sosmed.cli.check_cmd", "sosmed.check")


def imported_after(*argv: str) -> set[str]:
    """The ``sosmed.*`` modules a new process has imported after running the CLI with ``argv``."""
    code = ("import json, sys\nfrom sosmed.cli import main\nsys.argv = ['sosmed', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m == 'sosmed' or m.startswith('sosmed.'))),"
            " file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={"PYTHONPATH": f"{ROOT / 'tools'}:{ROOT}", "PATH": "/usr/bin:/bin"})
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_importing_the_cli_loads_no_command() -> None:
    code = "import json, sys, sosmed.cli; print(json.dumps(sorted(m for m in sys.modules if m.startswith('sosmed'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"PYTHONPATH": f"{ROOT / 'tools'}:{ROOT}", "PATH": "/usr/bin:/bin"})
    modules = set(json.loads(done.stdout))
    assert "sosmed.cli" in modules
    assert heavy(modules) == []
    assert not any(m.startswith("sosmed.cli.") and m.endswith("_cmd") for m in modules)


def test_help_imports_no_platform_sandbox_or_site_code() -> None:
    for argv in (["--help"], ["--lang", "en", "--help"]):
        modules = imported_after(*argv)
        assert heavy(modules) == []
        # Output is screened for secrets from the start: the table of secret variables is the only
        # platforms module (no adapter, no HTTP).
        assert sorted(m for m in modules if m.startswith("sosmed.platforms.")) == ["sosmed.platforms.credentials"]


def test_a_command_imports_its_own_code_only() -> None:
    modules = imported_after("check", "--help")
    assert "sosmed.cli.check_cmd" in modules
    # check's own layers (its rules, the media facts and composed texts they read) and nothing above them.
    own = ("sosmed.check", "sosmed.media", "sosmed.compose", "sosmed.cli.check_cmd")
    assert heavy(modules) == sorted(m for m in modules if any(m == o or m.startswith(o + ".") for o in own))
    assert not [m for m in modules if m.startswith(("sosmed.platforms.facebook", "sosmed.http", "sosmed.site",
                                                    "sosmed.sandbox", "sosmed.publish"))]


def test_the_group_help_lists_every_command_with_its_help() -> None:
    fresh = CliRunner().invoke(cli, ["--lang", "en", "--help"]).output
    for name in COMMANDS:
        assert f"\n  {name} " in fresh
    # The same lines as each command gives once it is loaded.
    for name in COMMANDS:
        cli.commands[name]
    loaded = CliRunner().invoke(cli, ["--lang", "en", "--help"]).output
    assert loaded == fresh
    assert sorted(cli.list_commands(None)) == sorted(COMMANDS)  # type: ignore[arg-type]
