"""Progress of uploads on the screen: a bar on a terminal, one line per 10 % in CI logs.

The HTTP core only reports the position an upload reached (:class:`sosmed.http.streams.Progress`);
the CLI decides how it looks and hands a factory to the session it builds.
"""

from __future__ import annotations

import os
import sys

import click

from sosmed.http.streams import NoProgress, Progress, ProgressFactory
from sosmed.i18n import t
from sosmed.printing.dates import decimal
from sosmed.specs import label as platform_label


class _PlainProgress:
    """One line per 10 % step: readable in CI logs, which do not render bars."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.next_step = label, max(total, 1), 0

    def update(self, position: int) -> None:
        percent = min(100, position * 100 // self.total)
        if percent >= self.next_step:
            click.echo(t("platforms.progress.line", label=self.label, percent=percent,
                         **_amounts(position, self.total)), err=True)
            self.next_step = (percent // 10 + 1) * 10

    def close(self) -> None:
        pass


class _RichProgress:
    def __init__(self, label: str, total: int) -> None:
        from rich import progress as rp
        from rich.text import Text

        class Amount(rp.ProgressColumn):
            """``0,1 dari 0,5 MiB``: rich's own download column writes a decimal point in every language."""

            def render(self, task: rp.Task) -> Text:
                return Text(t("platforms.progress.amount", **_amounts(int(task.completed), int(task.total or 0))))

        self.bar = rp.Progress(rp.TextColumn("{task.description}"), rp.BarColumn(), Amount(),
                               rp.TimeRemainingColumn(), transient=False)
        self.bar.start()
        self.task = self.bar.add_task(label, total=total)

    def update(self, position: int) -> None:
        self.bar.update(self.task, completed=position)

    def close(self) -> None:
        self.bar.stop()


def _amounts(done: int, total: int) -> dict[str, str]:
    """Both amounts in the unit that suits the total: KiB below one MiB, so a small file never reads 0,0."""
    unit, size = ("MiB", 1048576) if total >= 1048576 else ("KiB", 1024)
    return {"done": decimal(done / size), "total": decimal(total / size), "unit": unit}


def make_progress(mode: str, label: str, total: int) -> Progress:
    """A progress display: ``auto`` picks a rich bar on a terminal and plain lines elsewhere (CI)."""
    if mode == "off":
        return NoProgress()
    if mode == "auto":
        in_ci = bool(os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"))
        mode = "rich" if sys.stderr.isatty() and not in_ci else "plain"
    return _RichProgress(label, total) if mode == "rich" else _PlainProgress(label, total)


def upload_progress(mode: str = "auto") -> ProgressFactory:
    """The progress display of every upload of a run (``auto``, ``rich``, ``plain`` or ``off``)."""

    def progress(platform: str, filename: str, total: int) -> Progress:
        label = t("platforms.progress.upload", file=filename, platform=platform_label(platform))
        return make_progress(mode, label, total)

    return progress
