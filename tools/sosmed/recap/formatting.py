"""How the recap writes times, numbers, names and table cells (the same in every output)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sosmed.i18n import has, t
from sosmed.printing import dates
from sosmed.recap.period import Month
from sosmed.specs import SPECS, label

if TYPE_CHECKING:
    from sosmed.recap.data import Recap

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


def month_name(month: Month) -> str:
    """The month's name in the current language (the one date helper's)."""
    return dates.month_name(month.month)


def zone_abbr(month: Month) -> str:
    """The zone's short name at the start of the month (``WITA`` for Asia/Makassar)."""
    return month.start.tzname() or str(month.zone)


def when(moment: datetime | None) -> str:
    """``YYYY-MM-DD HH:MM`` in the moment's own (already local) zone; a dash when unknown."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else t("recap.dash")


def decimal(value: float | None, digits: int = 1) -> str:
    """A number with the language's decimal separator; a dash when unknown."""
    if value is None:
        return t("recap.dash")
    return dates.decimal(value, digits)


def days(value: float | None) -> str:
    """A duration in working days, e.g. ``1,5 hari kerja``."""
    return t("recap.dash") if value is None else t("recap.qna.days", value=decimal(value))


def share(part: int, whole: int) -> str:
    """A percentage with one decimal (``0,0%`` when the whole is zero)."""
    return decimal(100.0 * part / whole if whole else 0.0) + "%"


def platform_name(platform: str) -> str:
    """A platform's name for people (the website is the archive site)."""
    if platform in SPECS:
        return label(platform)
    key = f"recap.platform.{platform}"
    return t(key) if has(key) else platform


def strategy_name(strategy: str | None) -> str:
    """The strategy's Indonesian and English names."""
    return t(f"recap.strategy.{strategy or 'unknown'}")


def division_name(name: str) -> str:
    """A division's name; unknown divisions (items no longer in the repository) say so."""
    return name or t("recap.division_unknown")


def division_of(slug: str | None, names: Mapping[str, str]) -> str:
    """The name ``names`` (slug → name, from ``sosmed.yml``) gives an item's division: people read
    names, the slug stays in the ledger for machines. A slug it lacks is "unknown" (such an item no
    longer loads: it is gone from the repository or names a division ``sosmed.yml`` no longer has)."""
    return division_name(names.get(slug or "", ""))


def division_names(recap: Recap) -> dict[str, str]:
    """Slug → name of every division the recap counts (a slug no longer configured has no name)."""
    return {d.slug: d.name for d in recap.divisions}


def error_text(error: str, message: str) -> str:
    """A failed attempt as people read it: the kind of failure in words, then the platform's message.

    ``error`` is the ledger's label (the error class and HTTP status); the class is a developer's
    name, so it is said in words, and the status is kept only when the message does not give it.
    """
    kind, _, status = error.partition(" ")
    key = f"recap.error_kind.{kind}"
    words = t(key) if has(key) else t("recap.error_kind.other")
    if message:
        return f"{words}: {message}"
    return f"{words} (HTTP {status})" if status else words


def cell(text: str | None) -> str:
    """Text made safe for one Markdown table cell (no HTML, no table breaks, no accidental links)."""
    if not text:
        return t("recap.dash")
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address that can go in a Markdown link; else None."""
    if url and _SAFE_URL.match(url):
        return url.replace("(", "%28").replace(")", "%29")
    return None


def link(label: str, url: str | None) -> str | None:
    """``[label](url)`` or None when the URL is unusable."""
    safe = safe_url(url)
    return f"[{label}]({safe})" if safe else None


def number(value: int | None) -> str:
    """A count with the language's thousands separator (``12.340`` / ``12,340``); a dash when unknown."""
    if value is None:
        return t("recap.dash")
    return f"{value:,}".replace(",", t("recap.thousands"))


def percent_change(value: float | None) -> str:
    """A change in percent with its sign (``+56,1%``); a dash when it cannot be said."""
    if value is None:
        return t("recap.dash")
    return ("+" if value > 0 else "") + decimal(value) + "%"


def metric_name(name: str) -> str:
    """One of the numbers of :mod:`sosmed.platforms.metrics`, for people."""
    return t(f"recap.metric.{name}")


def reason_text(code: str) -> str:
    """Why a number is not available, for people."""
    return t(f"insights.reason.{code}")


def md_table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """A pipe table; ``align`` has one letter per column: l(eft) or r(ight)."""
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
