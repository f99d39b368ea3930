"""``sosmed check``: validate content and Q&A forms and apply the FBS rules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sosmed.check.engine import default_paths, run_checks
from sosmed.check.render import RENDERERS
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import format_option
from sosmed.errors import UsageError


@click.command("check", cls=LocalizedCommand, help="check.cli.help", epilog="check.cli.examples")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.option("--strict", is_flag=True, help="check.cli.opt.strict")
@pass_app
def command(app: AppContext, paths: tuple[Path, ...], fmt: str | None, strict: bool) -> None:
    """Check posts and Q&A forms; exit 0 when clean, 1 on errors, 2 on usage errors."""
    config = app.config()
    for path in paths:
        if not path.exists():
            raise UsageError("check.path_missing", path=str(path))
    targets = list(paths) or default_paths(config)
    result = run_checks(targets, config)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError("check.format_unavailable", format=fmt)
    if fmt == "text":
        output = renderer(result, color=sys.stdout.isatty())
    else:
        output = renderer(result)
    if app.verbosity >= 0 or fmt != "text":
        click.echo(output)
    sys.exit(result.exit_code(strict))
