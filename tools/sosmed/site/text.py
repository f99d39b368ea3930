"""Site wording: dates in the instance's zone and labels of strategies from the catalogue; platforms by the specs table."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sosmed.i18n import t
from sosmed.printing.dates import long_date, moment_parts, month_name
from sosmed.specs import SPECS, long_label


def fmt_date(value: datetime, zone: ZoneInfo, lang: str) -> str:
    """``12 Mei 2020`` in the instance's zone."""
    return long_date(value.astimezone(zone).date(), lang)


def fmt_datetime(value: datetime, zone: ZoneInfo, lang: str) -> str:
    """``12 Mei 2020, 09.00 WITA`` (Indonesian) or ``12 May 2020, 09:00 WITA``: the page style of the
    one date helper (:mod:`sosmed.printing.dates`)."""
    return t("site.datetime", lang, **moment_parts(value, zone, lang))


def fmt_month(year: int, month: int, lang: str) -> str:
    """``Mei 2020``."""
    return t("site.month_year", lang, month=month_name(month, lang), year=year)


def platform_label(platform: str, lang: str) -> str:
    """Display name of a platform (the archive website's in ``lang``; a platform's as readers know it)."""
    return long_label(platform) if platform in SPECS else t(f"site.platform.{platform}", lang)


def strategy_label(strategy: str, lang: str) -> str:
    """Display name of one of the six strategies."""
    return t(f"site.strategy.{strategy}", lang)
