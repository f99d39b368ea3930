"""``sosmed qna collect|new|print|overdue``: citizens' questions from comment to signed, printed form."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path

import click

from sosmed import clock
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand, LocalizedGroup
from sosmed.cli.options import dry_run_option, ledger_target_write_option
from sosmed.config.schema import Config
from sosmed.errors import SosmedError, UsageError, os_reason
from sosmed.i18n import count, get_language, t
from sosmed.model.qna import TRIAGE
from sosmed.printing.dates import long_datetime
from sosmed.qna.collect import CollectReport, collect
from sosmed.qna.formfile import default_officer, scalar
from sosmed.qna.lookup import comment_id_from_url, find_form, load_forms, read_index
from sosmed.qna.overdue import Overdue, default_days, find_overdue
from sosmed.qna.view import channel_name
from sosmed.scaffold import new_qna


def _parse_when(value: str | None, app: AppContext, key: str = "qna.date_invalid") -> datetime | None:
    if value is None:
        return None
    zone = app.config().zone
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(key, value=value) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


@click.group("qna", cls=LocalizedGroup, help="qna.cli.help", epilog="qna.cli.examples")
def command() -> None:
    """Citizens' questions: collect, new form, print, overdue list."""


@command.command("collect", cls=LocalizedCommand, help="qna.cli.collect_help", epilog="qna.cli.collect_examples")
@click.option("--since", default=None, help="qna.cli.opt.since")
@click.option("--officer", default=None, help="qna.cli.opt.officer")
@dry_run_option
@ledger_target_write_option
@pass_app
def collect_cmd(app: AppContext, since: str | None, officer: str | None, dry_run: bool, ledger_target: str) -> None:
    """Draft forms from new comments; exit 1 when a platform failed (or a dry run finds new questions)."""
    config = app.config()
    report = collect(config, env=os.environ, since=_parse_when(since, app), officer=officer, dry_run=dry_run,
                     target=ledger_target)
    app.echo(render_collect(report, config.root, dry_run, config))
    if dry_run:
        sys.exit(1 if report.forms or report.errors or report.unreadable else 0)
    sys.exit(report.exit_code)


def render_collect(report: CollectReport, root: Path, dry_run: bool = False, config: Config | None = None) -> str:
    """The collection summary a person reads: platforms by their names, divisions too when ``config`` is given."""
    lines: list[str] = []
    if report.read:
        read = ", ".join(f"{channel_name(p)} {n}" for p, n in report.read.items())
        lines.append(t("qna.collect.read", counts=read))
    for platform, why in report.skipped.items():
        lines.append(t("qna.collect.skipped", platform=channel_name(platform), why=why))
    for platform, message in report.errors.items():
        lines.append(t("qna.collect.failed", platform=channel_name(platform), message=message))
    for problem in report.unreadable:
        lines.append(t("qna.collect.unreadable", location=problem.location(), message=problem.message()))
    if report.own or report.known or report.old:
        lines.append(t("qna.collect.left_out", own=report.own, known=report.known, old=report.old))
    if not report.forms:
        lines.append(t("qna.collect.nothing"))
    else:
        lines.append(t("qna.collect.heading_dry" if dry_run else "qna.collect.heading"))
        for form in report.forms:
            where = t("qna.collect.triage") if form.bidang == TRIAGE else (
                _division_name(config, form.bidang) if config is not None else form.bidang)
            rel = form.path.relative_to(root) if form.path.is_relative_to(root) else form.path
            lines.append(t("qna.collect.form", path=str(rel), bidang=where,
                           questions=count("qna.count.question", len(form.questions))))
            for question in form.questions:
                for flag in question.draft.flags:
                    lines.append("    " + flag)
    for problem in report.privacy:
        lines.append(f"  {problem.location()}: {problem.message()}  ({problem.rule})")
    if report.cursors:
        lines.append(t("qna.collect.cursors_dry" if dry_run else "qna.collect.cursors",
                       platforms=", ".join(channel_name(p) for p in sorted(report.cursors))))
    return "\n".join(lines)


@command.command("new", cls=LocalizedCommand, help="qna.cli.new_help", epilog="qna.cli.new_examples")
@click.option("--bidang", required=True, help="qna.cli.opt.bidang")
@click.option("--from", "source", default=None, help="qna.cli.opt.from")
@click.option("--officer", default=None, help="qna.cli.opt.officer")
@click.option("--date", "when", default=None, help="qna.cli.opt.date")
@pass_app
def new_cmd(app: AppContext, bidang: str, source: str | None, officer: str | None, when: str | None) -> None:
    """Create the next form of a division for a question that arrived outside the collected comments."""
    config = app.config()
    moment = _parse_when(when, app) or clock.now(config.zone)
    path = new_qna(config, bidang, when=moment, officer=officer or default_officer(config), source=source)
    comment = comment_id_from_url(source) if source else None
    if comment:
        # The reply needs the comment's id; the link alone names the page, not the comment.
        text = path.read_text(encoding="utf-8")
        marker = "    link: "
        at = text.find(marker)
        if at >= 0:
            text = text[:at] + f"    comment_id: {scalar(comment)}\n" + text[at:]
            path.write_text(text, encoding="utf-8")
    app.echo(t("new.created", path=str(path.relative_to(config.root))))


@command.command("print", cls=LocalizedCommand, help="qna.cli.print_help", epilog="qna.cli.print_examples")
@click.argument("form_id")
@click.option("--pdf", "pdf_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="qna.cli.opt.pdf")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="qna.cli.opt.html")
@pass_app
def print_cmd(app: AppContext, form_id: str, pdf_path: Path | None, html_path: Path | None) -> None:
    """Write the printable form (PDF by default: ``<ID>.pdf`` in the current folder)."""
    from sosmed.qna.html import render_html
    from sosmed.qna.pdf import render_pdf
    from sosmed.qna.view import form_view

    config = app.config()
    item = find_form(config, form_id)
    index = read_index(config)
    if index is None:
        app.echo(t("qna.print.no_ledger"), err=True)
    lang = get_language()
    view = form_view(item, config, index, lang)
    if pdf_path is None and html_path is None:
        pdf_path = Path(f"{item.id}.pdf")
    for path, render in ((pdf_path, lambda: render_pdf(view, lang)), (html_path, lambda: render_html(view, lang))):
        if path is None:
            continue
        data = render()
        try:
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        except OSError as exc:
            raise SosmedError("qna.print.write_failed", path=str(path), detail=os_reason(exc)) from None
        app.echo(t("qna.print.written", path=str(path),
                   state=t("qna.print.state_signed") if view.signed else t("qna.print.state_unsigned")))


@command.command("overdue", cls=LocalizedCommand, help="qna.cli.overdue_help", epilog="qna.cli.overdue_examples")
@click.option("--days", type=click.IntRange(min=0), default=None, help="qna.cli.opt.days")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              help="qna.cli.opt.format")
@pass_app
def overdue_cmd(app: AppContext, days: int | None, fmt: str) -> None:
    """List questions waiting more than N working days for a published reply; exit 1 when any."""
    config = app.config()
    limit = default_days(config) if days is None else days
    index = read_index(config)
    if index is None:
        from sosmed.publish.records import Index

        index = Index()
    rows = find_overdue(load_forms(config), index, config, days=limit, now=clock.now(config.zone))
    app.echo(render_overdue(rows, limit, fmt, config))
    sys.exit(1 if rows else 0)


def render_overdue(rows: list[Overdue], days: int, fmt: str, config: Config) -> str:
    """The overdue list as a text table, a Markdown table (for pull-request comments) or JSON; the tables
    name divisions and platforms as people know them (``config`` gives the names)."""
    if fmt == "json":
        return json.dumps({"days": days, "overdue": [
            {"form": r.form, "question": r.number, "bidang": r.bidang, "platform": r.platform,
             "received": r.received.isoformat(), "working_days": r.days, "answered": r.answered, "path": r.path}
            for r in rows]}, ensure_ascii=False, indent=2)
    if not rows:
        return t("qna.overdue.none", days=days)
    header = [t("qna.overdue.col.form"), t("qna.overdue.col.question"), t("qna.overdue.col.bidang"),
              t("qna.overdue.col.platform"), t("qna.overdue.col.received"), t("qna.overdue.col.days"),
              t("qna.overdue.col.state")]
    body = [[r.form, str(r.number), _division_name(config, r.bidang), channel_name(r.platform),
             long_datetime(r.received, config.zone),
             str(r.days), t("qna.overdue.answered") if r.answered else t("qna.overdue.unanswered")] for r in rows]
    title = t("qna.overdue.heading", questions=count("qna.count.question", len(rows)), days=days)
    if fmt == "markdown":
        lines = [f"**{title}**", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = [title, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in body]
    return "\n".join(lines)


def _division_name(config: Config, slug: str) -> str:
    division = config.division(slug)
    return division.name if division is not None else slug
