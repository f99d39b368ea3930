"""``sosmed check``: validate content and Q&A forms and apply the FBS rules."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from sosmed.check.engine import CheckResult, default_paths, run_checks
from sosmed.check.render import RENDERERS
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import format_option
from sosmed.config.schema import Config
from sosmed.errors import SosmedError, UsageError
from sosmed.i18n import counted
from sosmed.problem import Problem


def verify_pr_body(path: Path) -> None:
    """Fail (exit 1) when the pull-request description leaves a manual FBS box unticked or lacks one."""
    from sosmed.check.checklist import unticked

    if not path.is_file():
        raise UsageError("check.path_missing", path=str(path))
    open_points, missing = unticked(path.read_text(encoding="utf-8", errors="replace"))
    for key, points in (("checklist.pr_body_missing", missing), ("checklist.pr_body_unticked", open_points)):
        if points:
            listed = counted("checklist.n.points", len(points), points=", ".join(map(str, points)))
            raise SosmedError(key, path=str(path), points=listed)


def repository_problems(config: Config) -> list[Problem]:
    """Problems of the repository as a whole (checked when the whole tree is checked)."""
    from sosmed.review.codeowners import PATH, codeowners_current

    if codeowners_current(config) is False:
        return [Problem(PATH.as_posix(), 1, 1, "codeowners", "warning", "codeowners.outdated",
                        {"path": PATH.as_posix()})]
    return []


def _run(targets: list[Path], config: Config, *, use_cache: bool, cache_dir: Path | None,
         items_needed: bool) -> CheckResult:
    # The Markdown report previews every item, so it needs them all loaded: no cache, no workers.
    if items_needed:
        return run_checks(targets, config)
    from sosmed.check.cache import CheckCache, default_folder
    from sosmed.check.settings import resolve

    settings = resolve(config)
    cache = CheckCache.open(cache_dir or default_folder(config), config, settings) if use_cache else None
    return run_checks(targets, config, settings, cache=cache, jobs=len(os.sched_getaffinity(0)))


@click.command("check", cls=LocalizedCommand, help="check.cli.help", epilog="check.cli.examples")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.option("--strict", is_flag=True, help="check.cli.opt.strict")
@click.option("--pr-body", "pr_body", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="check.cli.opt.pr_body")
@click.option("--no-cache", "no_cache", is_flag=True, help="check.cli.opt.no_cache")
@click.option("--cache-dir", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              envvar="SOSMED_CHECK_CACHE_DIR", help="check.cli.opt.cache_dir")
@pass_app
def command(app: AppContext, paths: tuple[Path, ...], fmt: str | None, strict: bool,
            pr_body: Path | None = None, no_cache: bool = False, cache_dir: Path | None = None) -> None:
    """Check posts and Q&A forms; exit 0 when clean, 1 on errors, 2 on usage errors."""
    config = app.config()
    for path in paths:
        if not path.exists():
            raise UsageError("check.path_missing", path=str(path))
    targets = list(paths) or default_paths(config)
    result = _run(targets, config, use_cache=not no_cache, cache_dir=cache_dir, items_needed=fmt == "markdown")
    # Every item and problem lives until the process ends: keep the collector from scanning
    # them again at each later allocation burst (report, imports): seconds at 15,000 files.
    gc.freeze()
    if not paths:
        result.problems.extend(repository_problems(config))
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError("check.format_unavailable", format=fmt)
    if fmt == "text":
        output = renderer(result, color=sys.stdout.isatty())
    elif fmt == "markdown":
        output = renderer(result, config)
    else:
        output = renderer(result)
    if app.verbosity >= 0 or fmt != "text":
        click.echo(output)
    if pr_body is not None:
        verify_pr_body(pr_body)
    sys.exit(result.exit_code(strict))
