"""``sosmed demo``: publish the sample instance to the sandbox and show it."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.progress import upload_progress
from sosmed.i18n import t
from sosmed.publish.render import render_report


@click.command("demo", cls=LocalizedCommand, help="demo.cli.help", epilog="demo.cli.examples")
@click.option("--no-serve", is_flag=True, help="demo.cli.opt.no_serve")
@pass_app
def command(app: AppContext, no_serve: bool) -> None:
    """Run the whole flow against the sandbox; exit 0 when everything due was published."""
    from sosmed.app.demo import demo_session

    config = app.config()
    with tempfile.TemporaryDirectory(prefix="sosmed-demo-") as tmp:
        app.echo(t("demo.preparing", path=tmp))
        with demo_session(config.root, Path(tmp), progress=upload_progress("auto")) as result:
            app.echo(render_report(result.report))
            app.echo(t("demo.urls", sandbox=result.sandbox_url, site=result.site_url, repo=str(result.repo)))
            for path in result.recap_files:
                app.echo(t("demo.recap", path=str(path.relative_to(result.repo))))
            if not no_serve:
                app.echo(t("demo.serving"))
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    app.echo(t("demo.stopped"))
        sys.exit(1 if result.report.failed else 0)
