"""The ``sosmed`` command: a click group with the options shared by every command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sosmed import __version__
from sosmed import redaction as redact
from sosmed.cli import click_locale
from sosmed.cli.context import AppContext
from sosmed.cli.lazy import LazyGroup
from sosmed.i18n import LANGUAGES, set_language, t
from sosmed.platforms.credentials import SECRET_VARS

click_locale.install()

# Each module defines one top-level command (or group) named ``command``; the key is its name,
# the second field its help's catalogue key (the group's own help lists the commands without
# importing them). Explicit on purpose: a command exists only when it is listed here.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("sosmed.cli.check_cmd", "check.cli.help"),
    "checklist": ("sosmed.cli.checklist_cmd", "checklist.cli.help"),
    "rules": ("sosmed.cli.rules_cmd", "rules_cli.help"),
    "new": ("sosmed.cli.new_cmd", "new.cli.help"),
    "qna": ("sosmed.cli.qna_cmd", "qna.cli.help"),
    "schema": ("sosmed.cli.schema_cmd", "schema_cli.help"),
    "publish": ("sosmed.cli.publish_cmd", "publish.cli.help"),
    "receipt": ("sosmed.cli.receipt_cmd", "receipt.cli.help"),
    "recap": ("sosmed.cli.recap_cmd", "recap.cli.help"),
    "insights": ("sosmed.cli.insights_cmd", "insights.cli.help"),
    "demo": ("sosmed.cli.demo_cmd", "demo.cli.help"),
    "review": ("sosmed.cli.review_cmd", "review.cli.help"),
    "codeowners": ("sosmed.cli.codeowners_cmd", "codeowners.cli.help"),
    "doctor": ("sosmed.cli.doctor_cmd", "doctor.cli.help"),
    "sandbox": ("sosmed.cli.sandbox_cmd", "sandbox.cli.help"),
    "site": ("sosmed.cli.site_cmd", "site.cli.group_help"),
    "cms": ("sosmed.cli.cms_cmd", "cms.cli.help"),
    "intake": ("sosmed.cli.intake_cmd", "intake.cli.help"),
    "media": ("sosmed.cli.media_cmd", "intake.media.cli.help"),
}
COMMAND_MODULES = [module for module, _help in COMMANDS.values()]


def _early_language(argv: list[str]) -> str:
    """Pick the language before click parses, so --help itself is localized."""
    lang = os.environ.get("SOSMED_LANG", "id")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGUAGES else "id"


def _language(lang: str) -> str:
    # Set while the options are parsed, before the command name is looked up: an unknown
    # command's message is then in the language asked for too.
    set_language(lang)
    return lang


@click.group(cls=LazyGroup, help="cli.group_help", epilog="cli.group_examples",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="cli.opt.config")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="SOSMED_LANG", default="id", show_default=True,
              help="cli.opt.lang", is_eager=True, callback=lambda ctx, param, value: _language(value))
@click.option("-v", "--verbose", count=True, help="cli.opt.verbose")
@click.option("-q", "--quiet", is_flag=True, help="cli.opt.quiet")
@click.version_option(__version__, prog_name="sosmed", help="click.version_help")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, lang: str, verbose: int, quiet: bool) -> None:
    """sosmed."""
    set_language(lang)
    ctx.obj = AppContext(config_path=config_path, lang=lang, verbosity=-1 if quiet else verbose)


cli.set_table(COMMANDS)


def main() -> None:
    """Console-script entry point.

    User errors are one-line messages (click exceptions). Anything else is a bug: its
    traceback is shown with ``-v`` (or ``SOSMED_DEBUG=1``) only; otherwise one line says so.
    """
    redact.install()
    redact.register_env(os.environ, SECRET_VARS)
    argv = sys.argv[1:]
    set_language(_early_language(argv))
    try:
        cli.main(args=argv, prog_name="sosmed", standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the user's screen
        if os.environ.get("SOSMED_DEBUG") or any(a in ("-v", "--verbose") or a.startswith("-vv") for a in argv):
            raise
        click.echo(redact.redact(t("cli.internal_error", error=f"{type(exc).__name__}: {exc}")), err=True)
        sys.exit(1)
