"""``sosmed media prepare``: fit a post's photos to its platforms, report and transcode videos, thumbnails."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sosmed.check.engine import default_paths
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedGroup
from sosmed.cli.options import dry_run_option
from sosmed.errors import UsageError
from sosmed.i18n import count, t
from sosmed.intake.prepare import Prepared, media_settings, prepare
from sosmed.model.loader import load_items


@click.group("media", cls=LocalizedGroup, help="intake.media.cli.help", epilog="intake.media.cli.examples")
def command() -> None:
    """Media of post bundles."""


def _status_line(done: Prepared) -> str:
    changes = "; ".join(t(f"intake.media.change.{key}", **args) for key, args in done.changes)
    name = f"{done.file} → {done.new_file}" if done.new_file else done.file
    if done.status == "pending" and not done.changes and not done.command:
        return t("intake.media.status.unfit", file=name)
    return t(f"intake.media.status.{done.status}", file=name, changes=changes or "-")


@command.command("prepare", help="intake.media.cli.prepare_help", epilog="intake.media.cli.prepare_examples")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--transcode", is_flag=True, help="intake.media.cli.opt.transcode")
@click.option("--fit", type=click.Choice(["pad", "crop"]), default=None, help="intake.media.cli.opt.fit")
@dry_run_option
@pass_app
def prepare_command(app: AppContext, paths: tuple[Path, ...], transcode: bool, fit: str | None,
                    dry_run: bool) -> None:
    """Prepare media; exit 1 when something still does not fit a platform (or, with --dry-run, would change)."""
    config = app.config()
    for path in paths:
        if not path.exists():
            raise UsageError("intake.media.path_missing", path=str(path))
    settings = media_settings(config, instagram_fit=fit)
    loaded = load_items(list(paths) or default_paths(config), config)
    if loaded.errors:
        app.echo(t("intake.media.unreadable", count=len({p.path for p in loaded.errors})), err=True)
    report = prepare(loaded.posts, config, settings, dry_run=dry_run, transcode=transcode)
    changed = pending = 0
    for item, results in report.posts:
        if not results or (app.verbosity <= 0 and all(done.status == "ok" for done in results)):
            continue
        app.echo(item.display)
        for done in results:
            changed += done.status == "changed"
            pending += done.status in ("pending", "failed")
            if done.status != "ok" or app.verbosity > 0:
                app.echo("  " + _status_line(done))
            for _platform, key, args in done.findings:
                app.echo("    " + t(f"intake.media.finding.{key}", **args))
            if done.command_text and done.status == "pending":
                app.echo("    " + t("intake.media.command", command=done.command_text))
    app.echo(t("intake.media.summary", posts=count("intake.media.count.post", len(report.posts)), changed=changed, pending=pending))
    if report.pending:
        sys.exit(1)
