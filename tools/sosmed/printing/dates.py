"""Dates as people write them on Indonesian official documents ("12 Mei 2020"), and zone labels."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sosmed import clock
from sosmed.i18n import t

# Indonesia's three legal time zones; anything else is shown as its UTC offset.
ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
WITA = ZoneInfo("Asia/Makassar")


def zone_label(zone: ZoneInfo, moment: datetime | None = None) -> str:
    """``WITA`` for Asia/Makassar (WIB, WIT likewise); otherwise ``UTC+hh:mm``."""
    label = ZONE_LABELS.get(zone.key)
    if label:
        return label
    offset = (moment or clock.now(zone)).astimezone(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def long_date(day: date, lang: str | None = None) -> str:
    """``12 Mei 2020`` (Indonesian) or ``12 May 2020`` (English)."""
    return f"{day.day} {t(f'printing.month.m{day.month}', lang)} {day.year}"


def long_datetime(moment: datetime, zone: ZoneInfo = WITA, lang: str | None = None) -> str:
    """``12 Mei 2020 14.05 WITA``: the moment in ``zone`` with its label (24-hour clock)."""
    local = moment.astimezone(zone)
    clock = t("printing.clock", lang, hour=f"{local.hour:02d}", minute=f"{local.minute:02d}")
    return f"{long_date(local.date(), lang)} {clock} {zone_label(zone, local)}"
