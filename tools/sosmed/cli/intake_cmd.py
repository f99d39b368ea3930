"""``sosmed intake SOURCE…``: photos and videos from folders and WhatsApp exports into a post bundle."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from sosmed import clock
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import dry_run_option
from sosmed.errors import UsageError
from sosmed.i18n import t
from sosmed.intake.run import IntakeOptions, IntakeReport, Outcome, gathered, take_all
from sosmed.model.fields import SOCIAL_PLATFORMS, STRATEGIES, STRATEGY_ALIASES
from sosmed.printing.dates import WITA, long_datetime
from sosmed.scaffold import new_post


def _parse_time(value: str | None, app: AppContext, key: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(key, value=value) from None
    if len(value) <= 10:
        parsed = datetime.combine(parsed.date(), time())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=app.config().zone)


def _post_index(path: Path) -> Path:
    index = path / "index.md" if path.is_dir() else path
    if index.name != "index.md" or not index.is_file():
        raise UsageError("intake.post_not_found", path=str(path))
    return index.resolve()


def _remove_new_post(folder: Path, content: Path) -> None:
    """Undo a post this run created (and the year/month folders left empty by that)."""
    shutil.rmtree(folder, ignore_errors=True)
    for parent in folder.parents:
        if parent == content or not parent.is_relative_to(content):
            break
        try:
            parent.rmdir()
        except OSError:
            break


def _line(outcome: Outcome, zone: ZoneInfo = WITA) -> str:
    reason = t(f"intake.reason.{outcome.reason}") if outcome.reason else ""
    if outcome.status == "added":
        details = [t("intake.detail.credit", credit=outcome.credit) if outcome.credit
                   else t("intake.detail.no_credit")]
        if outcome.captured_at:
            details.append(t("intake.detail.captured", time=long_datetime(outcome.captured_at, zone)))
        if outcome.removed:
            details.append(t("intake.detail.removed", what=", ".join(outcome.removed)))
        return t("intake.line.added", file=outcome.file, origin=outcome.origin, details="; ".join(details))
    if outcome.status == "duplicate":
        return t("intake.line.duplicate", origin=outcome.origin, file=outcome.file or "?")
    if outcome.status == "skipped":
        return t("intake.line.skipped", origin=outcome.origin, reason=reason)
    detail = f" ({outcome.detail})" if outcome.detail else ""
    return t("intake.line.failed", origin=outcome.origin, reason=reason + detail)


def _render(app: AppContext, report: IntakeReport, root: Path) -> None:
    for outcome in report.outcomes:
        if outcome.status == "added" or app.verbosity > 0 or outcome.status == "failed":
            app.echo(_line(outcome, app.config().zone), err=outcome.status == "failed")
    try:
        shown = str(report.index.parent.relative_to(root))
    except ValueError:
        shown = str(report.index.parent)
    key = "intake.summary_dry_run" if report.dry_run else "intake.summary"
    app.echo(t(key, added=report.count("added"), duplicates=report.count("duplicate"),
               skipped=report.count("skipped"), failed=report.count("failed"), located=report.located,
               path=shown))
    if any(o.status == "added" and not o.credit for o in report.outcomes):
        app.echo(t("intake.hint_credit"))
    if report.count("added") and not report.dry_run:
        app.echo(t("intake.hint_next", path=shown))


class _Bar:
    """A progress bar on the terminal (nothing when output is not a terminal or -q is given)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None  # rich's Progress, imported when first drawn
        self.task: Any = None

    def __call__(self, total: int, origin: str) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task(t("intake.progress"), total=total)
            return
        self.progress.advance(self.task)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@click.command("intake", cls=LocalizedCommand, help="intake.cli.help", epilog="intake.cli.examples")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--post", "post_path", type=click.Path(path_type=Path), default=None, help="intake.cli.opt.post")
@click.option("--new", "title", default=None, help="intake.cli.opt.new")
@click.option("--by", default=None, help="intake.cli.opt.by")
@click.option("--since", default=None, help="intake.cli.opt.since")
@click.option("--source", "source_text", default=None, help="intake.cli.opt.source")
@click.option("--platform", "platforms", multiple=True, type=click.Choice(SOCIAL_PLATFORMS),
              help="intake.cli.opt.platform")
@click.option("--strategy", type=click.Choice([*STRATEGIES, *STRATEGY_ALIASES], case_sensitive=False), default=None,
              help="intake.cli.opt.strategy")
@click.option("--bidang", default=None, help="intake.cli.opt.bidang")
@click.option("--date", "when", default=None, help="intake.cli.opt.date")
@dry_run_option
@pass_app
def command(app: AppContext, sources: tuple[Path, ...], post_path: Path | None, title: str | None, by: str | None,
            since: str | None, source_text: str | None, platforms: tuple[str, ...], strategy: str | None,
            bidang: str | None, when: str | None, dry_run: bool) -> None:
    """Copy media into a post bundle with credits and without location; exit 1 when a file failed."""
    config = app.config()
    if (post_path is None) == (title is None):
        raise UsageError("intake.post_or_new")
    for source in sources:
        if not source.exists():
            raise UsageError("intake.source_missing", path=str(source))
    options = IntakeOptions(by=by.strip() if by else None, since=_parse_time(since, app, "intake.since_invalid"),
                            source=source_text, dry_run=dry_run)
    index = _post_index(post_path) if post_path is not None else None
    if index is None:
        missing = [flag for flag, value in (("--platform", platforms), ("--strategy", strategy),
                                            ("--bidang", bidang)) if not value]
        if missing:
            raise UsageError("intake.flags_missing", flags=", ".join(missing))
        publish_at = _parse_time(when, app, "intake.date_invalid") or clock.now(config.zone)
    bar = _Bar(sys.stderr.isatty() and app.verbosity >= 0)
    created: Path | None = None
    try:
        # Sources are checked and unpacked first: a refused archive never leaves an empty new post.
        with gathered(config, list(sources)) as candidates:
            if index is None and dry_run:
                index = config.root / "content" / ".dry-run" / "index.md"
            elif index is None:
                index = new_post(config, title or "", when=publish_at, platforms=list(platforms),
                                 strategy=strategy or "", bidang=bidang or "")
                created = index.parent
            report = take_all(config, candidates, index, options, progress=bar)
    except BaseException:
        if created is not None:
            _remove_new_post(created, config.root / "content")
        raise
    finally:
        bar.close()
    if created is not None:
        app.echo(t("intake.created", path=str(created.relative_to(config.root) / "index.md")))
    _render(app, report, config.root)
    if report.count("failed") or (dry_run and report.count("added")):
        sys.exit(1)
