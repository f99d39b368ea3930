"""``sosmed demo``: replay the sample office's May and June 2020 against the sandbox, and show it."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.progress import upload_progress
from sosmed.errors import SosmedError
from sosmed.i18n import count, t
from sosmed.specs import SOCIAL
from sosmed.specs import label as platform_label

# Said before each platform call: only with -v (the line per item done follows anyway).
VERBOSE_ONLY = ("publish.event.calling",)


@click.command("demo", cls=LocalizedCommand, help="demo.cli.help", epilog="demo.cli.examples")
@click.option("--no-serve", is_flag=True, help="demo.cli.opt.no_serve")
@click.option("--keep", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="FOLDER",
              help="demo.cli.opt.keep")
@pass_app
def command(app: AppContext, no_serve: bool, keep: Path | None) -> None:
    """Replay the month against the sandbox; exit 0 when every platform call succeeded."""
    from sosmed.app.demo import demo_session

    config = app.config()
    if keep is not None and keep.exists() and any(keep.iterdir()):
        raise SosmedError("demo.keep_not_empty", path=str(keep))
    workdir = keep.resolve() if keep is not None else Path(tempfile.mkdtemp(prefix="sosmed-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)

    def tell(key: str, args: dict[str, Any]) -> None:
        if key in VERBOSE_ONLY and app.verbosity <= 0:
            return
        app.echo(("  " if key.startswith("publish.") else "") + t(key, **args).rstrip())

    failed = True
    try:
        app.echo(t("demo.preparing", path=str(workdir)))
        with demo_session(config.root, workdir, tell=tell, progress=upload_progress("auto")) as result:
            failed = result.report.failed
            summary(app, result, kept=keep is not None, serving=not no_serve)
            if not no_serve:
                _serve(app)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


def _serve(app: AppContext) -> None:
    app.echo(t("demo.serving"))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        app.echo(t("demo.stopped"))


def summary(app: AppContext, result: Any, *, kept: bool, serving: bool) -> None:
    """The figures of the month, the links while they are served, and the paths that stay."""
    from sosmed.recap.formatting import days, month_name

    counts = {status: sum(1 for o in result.report.outcomes if o.status == status)
              for status in ("published", "deleted", "replied", "failed")}
    app.echo(t("demo.summary.heading"))
    app.echo(t("demo.summary.totals", **counts, calls=result.report.calls))
    for _, output in sorted(result.recaps.items()):
        recap = output.recap
        qna = recap.qna
        app.echo(t("demo.summary.recap", month=f"{month_name(recap.month)} {recap.month.year}",
                   uploads=count("demo.n.uploads", sum(len(v) for v in recap.publications.values())),
                   posts=count("demo.n.posts", recap.posts),
                   received=count("demo.n.questions_received", qna.received), answered=qna.answered,
                   replies=count("demo.n.replies_sent", len(qna.replies)),
                   median=days(qna.median_days)))
    if serving:
        app.echo(t("demo.summary.sandbox", url=result.sandbox_url))
        for platform in SOCIAL:
            app.echo(t("demo.summary.platform", platform=platform_label(platform),
                       url=f"{result.sandbox_url}web/{platform}"))
        app.echo(t("demo.summary.site", url=result.site_url))
        for label in sorted(result.recaps):
            app.echo(t("demo.summary.recap_page", month=label, url=f"{result.site_url}rekap/{label}/"))
    if kept:
        app.echo(t("demo.summary.kept", path=str(result.workdir)))
        app.echo(t("demo.summary.kept_repo", path=str(result.repo)))
        for label, output in sorted(result.recaps.items()):
            files = ", ".join(str(p.relative_to(result.repo)) for p in output.written if p.suffix in (".pdf", ".xlsx"))
            app.echo(t("demo.summary.kept_recap", month=label, files=files))
        app.echo(t("demo.summary.kept_site", path=str(result.site_dir)))
        app.echo(t("demo.summary.kept_sandbox", path=str(result.sandbox_dir)))
    elif serving:
        app.echo(t("demo.summary.removed_later", path=str(result.workdir)))
    else:
        app.echo(t("demo.summary.removed"))
