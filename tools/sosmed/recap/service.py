"""``sosmed recap`` as a library function: read the ledger, build the month, write the outputs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.publish.ledger import open_ledger
from sosmed.publish.records import Index
from sosmed.recap.charts import render_charts
from sosmed.recap.data import Recap, build_recap
from sosmed.recap.markdown import chart_paths, render_markdown
from sosmed.recap.period import Month, parse_month

FORMATS = ("md", "xlsx", "pdf")


def recap_hash(markdown: str) -> str:
    """The recap's content hash: what its sign-off binds to (``sha256:`` of the Markdown's UTF-8 bytes)."""
    return "sha256:" + hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def formats_for(choice: str) -> tuple[str, ...]:
    """``all`` → every format; otherwise the one chosen."""
    return FORMATS if choice == "all" else (choice,)


@dataclass
class RecapOutput:
    """What was built and where it was written."""

    recap: Recap
    markdown: str
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
    recap = build_recap(config, index, month)
    markdown = render_markdown(recap, config)
    result = RecapOutput(recap, markdown)
    folder = out if out is not None else config.root / "recaps"
    if "md" in formats:
        _write(folder / f"{month.label}.md", markdown, result.written)
        charts = render_charts(recap)
        for name, relative in chart_paths(recap).items():
            _write(folder / relative, charts[name], result.written)
    if "xlsx" in formats:
        from sosmed.recap.xlsx import render_xlsx

        _write(folder / f"{month.label}.xlsx", render_xlsx(recap), result.written)
    if "pdf" in formats:
        from sosmed.recap.pdf import render_pdf

        _write(folder / f"{month.label}.pdf", render_pdf(recap, config, recap_hash(markdown)), result.written)
    return result
