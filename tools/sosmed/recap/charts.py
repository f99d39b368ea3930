"""The recap's charts as SVG (matplotlib): uploads per platform per week, and the strategy balance.

Deterministic on purpose: a fixed ``svg.hashsalt`` (element ids), no date or version in the
metadata, text kept as text (no font-dependent glyph paths).
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from sosmed.i18n import t  # noqa: E402
from sosmed.model.fields import PLATFORMS  # noqa: E402
from sosmed.recap.data import Recap  # noqa: E402
from sosmed.recap.formatting import month_name, platform_name, strategy_name  # noqa: E402
from sosmed.recap.period import Month  # noqa: E402
from sosmed.specs import SOCIAL  # noqa: E402

COLOURS = {"website": "#4d4d4d", "facebook": "#1877f2", "instagram": "#c13584", "x": "#000000",
           "youtube": "#ff0000"}
STRATEGY_COLOUR = "#2e7d32"
PNG_DPI = 150
STYLE: dict[Any, Any] = {
    "svg.hashsalt": "sosmed-recap",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _save(figure: Figure, title: str, fmt: str, description: str = "") -> str | bytes:
    try:
        if fmt == "svg":
            text = io.StringIO()
            figure.savefig(text, format="svg", metadata={"Date": None, "Creator": "sosmed", "Title": title})
            return accessible(text.getvalue(), title, description) if description else text.getvalue()
        binary = io.BytesIO()
        figure.savefig(binary, format="png", dpi=PNG_DPI, metadata={"Software": "sosmed"})
        return binary.getvalue()
    finally:
        plt.close(figure)


def accessible(svg: str, title: str, description: str) -> str:
    """The SVG as an image a screen reader can name: ``role="img"`` labelled by its ``<title>`` (which
    matplotlib writes) and a ``<desc>`` giving the values in words."""
    head = svg.index("<svg")
    end = svg.index(">", head)
    svg = svg[:end] + ' role="img" aria-labelledby="chart-title chart-desc"' + svg[end:]
    named = f"<title>{escape(title)}</title>"
    return svg.replace(named, f'<title id="chart-title">{escape(title)}</title>\n'
                              f' <desc id="chart-desc">{escape(description)}</desc>', 1)


def weekly_chart(recap: Recap, fmt: str = "svg") -> str | bytes:
    """Grouped bars: for each Monday–Sunday week of the month, the uploads per platform."""
    month = recap.month
    weeks = month.weeks()
    counts = {p: [0] * len(weeks) for p in PLATFORMS}
    for platform, entries in recap.publications.items():
        for entry in entries:
            counts.setdefault(platform, [0] * len(weeks))[month.week_of(entry.time)] += 1
    title = t("recap.chart.weekly_title", month_name=month_name(month), year=month.year)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 3.4))
        width = 0.8 / len(PLATFORMS)
        for offset, platform in enumerate(PLATFORMS):
            positions = [w + (offset - (len(PLATFORMS) - 1) / 2) * width for w in range(len(weeks))]
            axes.bar(positions, counts[platform], width=width, label=platform_name(platform),
                     color=COLOURS.get(platform, "#888888"))
        axes.set_xticks(range(len(weeks)), [f"{a.day}–{b.day}" if a != b else str(a.day) for a, b in weeks])
        axes.set_xlabel(t("recap.chart.week_axis"))
        axes.set_ylabel(t("recap.chart.count_axis"))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(bottom=0, top=max(1, *(max(v) for v in counts.values())) + 0.5)
        axes.set_title(title)
        axes.legend(ncols=len(PLATFORMS), loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False)
        figure.tight_layout()
        return _save(figure, title, fmt)


def strategy_chart(recap: Recap, fmt: str = "svg") -> str | bytes:
    """Horizontal bars: posts per strategy (all six always shown, so an empty one is visible)."""
    month = recap.month
    title = t("recap.chart.strategy_title", month_name=month_name(month), year=month.year)
    names = list(recap.strategies)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 3.0))
        values = [recap.strategies[s] for s in names]
        axes.barh(range(len(names)), values, color=STRATEGY_COLOUR)
        axes.set_yticks(range(len(names)), [strategy_name(s) for s in names])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlim(left=0, right=max(1, *values) + 0.5)
        axes.set_xlabel(t("recap.chart.posts_axis"))
        axes.set_title(title)
        for position, value in enumerate(values):
            axes.text(value + 0.05, position, str(value), va="center")
        figure.tight_layout()
        return _save(figure, title, fmt)


def engagement_chart(recap: Recap, fmt: str = "svg") -> str | bytes:
    """Bars per platform: engagement of this month's posts beside the previous month's (both at their month's end).

    Each bar is labelled directly with its month and value (no legend: a legend swatch cannot stand for
    four platform colours); the previous month's bar is hatched in the platform's colour, this month's solid.
    """
    month, found = recap.month, recap.engagement
    assert found is not None
    before = month.previous()
    current = [p.engagement or 0 for p in found.platforms]
    previous = [(found.previous[p.platform].engagement or 0) if p.platform in found.previous else 0
                for p in found.platforms]
    colours = [COLOURS.get(p.platform, "#888888") for p in found.platforms]
    title = t("recap.chart.engagement_title", month_name=month_name(month), year=month.year)
    with plt.rc_context({**STYLE, "hatch.linewidth": 1.2}):
        figure, axes = plt.subplots(figsize=(7.0, 3.4))
        positions = range(len(found.platforms))
        axes.bar([x - 0.2 for x in positions], previous, width=0.38, color="white", edgecolor=colours,
                 hatch="///", linewidth=1.0)
        axes.bar([x + 0.2 for x in positions], current, width=0.38, color=colours, edgecolor=colours)
        months = (short_month(before), short_month(month))
        axes.set_xticks([x + d for x in positions for d in (-0.2, 0.2)], [m for _ in positions for m in months],
                        fontsize=7.5)
        axes.set_xticks(list(positions), [platform_name(p.platform) for p in found.platforms], minor=True)
        axes.tick_params(axis="x", which="minor", length=0, pad=16, labelsize=9)
        axes.set_ylabel(t("recap.chart.engagement_axis"))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(bottom=0, top=max(1, *current, *previous) * 1.15)
        for x, old, new in zip(positions, previous, current, strict=True):
            axes.text(x - 0.2, old, str(old), ha="center", va="bottom", fontsize=8)
            axes.text(x + 0.2, new, str(new), ha="center", va="bottom", fontsize=8)
        axes.set_title(title)
        figure.tight_layout()
        summary = "; ".join(t("recap.chart.engagement_desc_item", platform=platform_name(p.platform),
                              previous=old, current=new)
                            for p, old, new in zip(found.platforms, previous, current, strict=True))
        description = t("recap.chart.engagement_desc", previous_month=f"{month_name(before)} {before.year}",
                        month=f"{month_name(month)} {month.year}", values=summary)
        return _save(figure, title, fmt, description)


def short_month(month: Month) -> str:
    """A month under its bar: its name and year (``Mei 2020``)."""
    return f"{month_name(month)} {month.year}"


def engagement_strategy_chart(recap: Recap, fmt: str = "svg") -> str | bytes:
    """Stacked horizontal bars: each strategy's engagement, one segment per platform (all strategies shown)."""
    month, found = recap.month, recap.engagement
    assert found is not None
    rows = found.strategies
    title = t("recap.chart.engagement_strategy_title", month_name=month_name(month), year=month.year)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 3.2))
        left = [0] * len(rows)
        for platform in SOCIAL:
            values = [row.engagement.get(platform, 0) for row in rows]
            axes.barh(range(len(rows)), values, left=left, color=COLOURS.get(platform, "#888888"),
                      label=platform_name(platform))
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(range(len(rows)), [strategy_name(row.key) for row in rows])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlim(left=0, right=max(1, *left) * 1.15)
        axes.set_xlabel(t("recap.chart.engagement_axis"))
        for position, total in enumerate(left):
            axes.text(total, position, f" {total}", va="center")
        axes.set_title(title)
        axes.legend(ncols=len(SOCIAL), loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
        figure.tight_layout()
        summary = "; ".join(t("recap.chart.engagement_strategy_desc_item", strategy=strategy_name(row.key),
                              total=total) for row, total in zip(rows, left, strict=True))
        return _save(figure, title, fmt, t("recap.chart.engagement_strategy_desc", values=summary))


def _charts(recap: Recap, fmt: str) -> dict[str, str | bytes]:
    charts = {"weekly": weekly_chart(recap, fmt), "strategy": strategy_chart(recap, fmt)}
    if recap.engagement is not None and recap.engagement.as_of is not None:
        charts["engagement"] = engagement_chart(recap, fmt)
        charts["engagement_strategy"] = engagement_strategy_chart(recap, fmt)
    return charts


def render_charts(recap: Recap) -> dict[str, str]:
    """Chart name → SVG text (for the Markdown page)."""
    return {name: str(chart) for name, chart in _charts(recap, "svg").items()}


def render_png_charts(recap: Recap) -> dict[str, bytes]:
    """Chart name → PNG bytes (for the printed PDF)."""
    return {name: chart if isinstance(chart, bytes) else chart.encode() for name, chart in _charts(recap, "png").items()}
