"""``sosmed site build``: the public archive website into a folder (MkDocs + the sosmed plugin)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand, LocalizedGroup
from sosmed.i18n import LANGUAGES, set_language, t


@click.group("site", cls=LocalizedGroup, help="site.cli.group_help", epilog="site.cli.group_examples")
def command() -> None:
    """The archive website."""


@command.command("build", cls=LocalizedCommand, help="site.cli.help", epilog="site.cli.examples")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None, help="site.cli.opt.out")
@click.option("--lang", "site_lang", type=click.Choice(LANGUAGES), default=None, help="cli.opt.lang")
@click.option("--strict", is_flag=True, help="site.cli.opt.strict")
@click.option("--preview", is_flag=True, help="site.cli.opt.preview")
@click.option("--ledger", "ledger_target", type=click.Choice(["live", "sandbox"]), default="live",
              help="site.cli.opt.ledger")
@pass_app
def build(app: AppContext, out: Path | None, site_lang: str | None, strict: bool, preview: bool,
          ledger_target: str) -> None:
    """Build the site."""
    from sosmed.publish.signing import LEDGER_KEY_VAR
    from sosmed.site.build import build_site

    if site_lang:
        set_language(site_lang)
    config = app.config()
    result = build_site(config.root, out or config.root / "site", lang=site_lang or app.lang, strict=strict,
                        preview=preview, ledger_target=ledger_target)
    if not preview and ledger_target == "live" and not os.environ.get(LEDGER_KEY_VAR):
        app.echo(t("site.warn.no_ledger_key"), err=True)
    app.echo(t("site.cli.built", path=str(result.out), posts=result.posts, forms=result.forms,
               recaps=result.recaps))
