"""Site wording: dates in the instance's zone, labels of platforms and strategies, all from the catalogue."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sosmed import clock
from sosmed.i18n import t

# Indonesian time-zone names are what readers in Indonesia know; elsewhere the UTC offset says it.
ZONE_NAMES = {"Asia/Makassar": "WITA", "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Jayapura": "WIT"}


def zone_name(zone: ZoneInfo) -> str:
    """``WITA`` for Asia/Makassar, ``WIB``/``WIT`` likewise, else ``UTC+hh:mm``."""
    name = ZONE_NAMES.get(zone.key)
    if name:
        return name
    offset = clock.now(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def fmt_date(value: datetime, zone: ZoneInfo, lang: str) -> str:
    """``12 Mei 2020`` in the instance's zone."""
    local = value.astimezone(zone)
    return t("site.date", lang, day=local.day, month=t(f"site.month.{local.month}", lang), year=local.year)


def fmt_datetime(value: datetime, zone: ZoneInfo, lang: str) -> str:
    """``12 Mei 2020, 09.00 WITA`` (Indonesian) or ``12 May 2020, 09:00 WITA``."""
    local = value.astimezone(zone)
    return t("site.datetime", lang, day=local.day, month=t(f"site.month.{local.month}", lang), year=local.year,
             hour=f"{local.hour:02d}", minute=f"{local.minute:02d}", zone=zone_name(zone))


def fmt_month(year: int, month: int, lang: str) -> str:
    """``Mei 2020``."""
    return t("site.month_year", lang, month=t(f"site.month.{month}", lang), year=year)


def platform_label(platform: str, lang: str) -> str:
    """Display name of a platform."""
    return t(f"site.platform.{platform}", lang)


def strategy_label(strategy: str, lang: str) -> str:
    """Display name of one of the six strategies."""
    return t(f"site.strategy.{strategy}", lang)
