"""``sosmed recap`` as a library function: read the ledger, build the month, write the outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.publish.ledger import open_ledger
from sosmed.publish.records import Index
from sosmed.recap.build import build_recap
from sosmed.recap.charts import render_charts
from sosmed.recap.data import Recap
from sosmed.recap.markdown import chart_paths, render_markdown
from sosmed.recap.period import Month, parse_month
from sosmed.recap.public import masked
from sosmed.snapshot import RecapFiles

FORMATS = ("md", "xlsx", "pdf")


def recap_hash(month: str, markdown: str, charts: dict[str, str]) -> str:
    """The recap's content hash, what its sign-off binds to: the Markdown and its charts, exactly as
    :class:`sosmed.snapshot.RecapFiles` computes it from the committed files."""
    files = RecapFiles(month, markdown.encode("utf-8"),
                       tuple((name.rsplit("/", 1)[-1], text.encode("utf-8")) for name, text in charts.items()))
    return files.hash


def formats_for(choice: str) -> tuple[str, ...]:
    """``all`` → every format; otherwise the one chosen."""
    return FORMATS if choice == "all" else (choice,)


@dataclass
class RecapOutput:
    """What was built and where it was written."""

    recap: Recap
    markdown: str
    content_hash: str = ""
    written: list[Path] = field(default_factory=list)


def _write(path: Path, data: str | bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        # Newlines written as they are: the bytes must not depend on the platform.
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
    else:
        path.write_bytes(data)
    written.append(path)


def make_recap(config: Config, month: Month | str, *, formats: tuple[str, ...] = ("md",),
               out: Path | None = None, index: Index | None = None, target: str = "live") -> RecapOutput:
    """Build the recap of ``month`` and write the chosen formats into ``out`` (default ``recaps/``).

    Read from ``target``'s ledger (live by default; ``sandbox`` for a rehearsal) unless ``index`` is given.
    """
    if isinstance(month, str):
        month = parse_month(month, config.zone)
    if index is None:
        index = open_ledger(config.root, config, target).read()
    recap = masked(build_recap(config, index, month), config)
    markdown = render_markdown(recap, config)
    rendered = render_charts(recap)
    charts = {relative: rendered[name] for name, relative in chart_paths(recap).items()}
    result = RecapOutput(recap, markdown, recap_hash(month.label, markdown, charts))
    folder = out if out is not None else config.root / "recaps"
    if "md" in formats:
        _write(folder / f"{month.label}.md", markdown, result.written)
        for relative, text in charts.items():
            _write(folder / relative, text, result.written)
    if "xlsx" in formats:
        from sosmed.recap.xlsx import render_xlsx

        _write(folder / f"{month.label}.xlsx", render_xlsx(recap), result.written)
    if "pdf" in formats:
        from sosmed.recap.pdf import render_pdf

        _write(folder / f"{month.label}.pdf", render_pdf(recap, config, result.content_hash), result.written)
    return result
