"""``sosmed cms``: the web editor (Decap CMS) generated from sosmed.yml and the content model."""

from __future__ import annotations

from pathlib import Path

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.i18n import t

LOCAL_BACKEND = "http://localhost:8081/api/v1"


@click.command("cms", cls=LocalizedCommand, help="cms.cli.help", epilog="cms.cli.examples")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="cms.cli.opt.out")
@click.option("--local-backend", "local_backend", is_flag=False, flag_value=LOCAL_BACKEND, default=None,
              metavar="URL", help="cms.cli.opt.local_backend")
@pass_app
def command(app: AppContext, out: Path, local_backend: str | None) -> None:
    """Write the editor's index.html, config.yml and scripts into OUT."""
    from sosmed.cms.build import write_cms

    config = app.config()
    build = write_cms(config, out, app.lang, local_backend=local_backend)
    app.echo(t("cms.cli.built", path=str(out), backend=build.backend, collections=build.collections,
               decap=build.versions.get("decap-cms", "?")))
