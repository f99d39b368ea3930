"""Dates, times and decimals as people read them: the one helper of the CLI, the printed forms and the site.

"12 Mei 2020 pukul 14.05 WITA" in Indonesian, "12 May 2020 at 14:05 WITA" in English, always in
the instance's zone (WITA for Kupang) unless another zone is asked for; never UTC, never ISO
8601. Months and zone labels are read here only: the site's page style and the recap's tables
take their parts from :func:`moment_parts`, so every context names a month the same way. Decimals
take the language's separator ("1,5" in Indonesian) wherever they are shown.
"""

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


def month_name(month: int, lang: str | None = None) -> str:
    """``Mei`` (Indonesian) or ``May`` (English) for month 5."""
    return t(f"printing.month.m{month}", lang)


def long_date(day: date, lang: str | None = None) -> str:
    """``12 Mei 2020`` (Indonesian) or ``12 May 2020`` (English)."""
    return f"{day.day} {month_name(day.month, lang)} {day.year}"


def moment_parts(moment: datetime, zone: ZoneInfo = WITA, lang: str | None = None) -> dict[str, str | int]:
    """The parts of a moment in ``zone``: ``day``, ``month`` (its name), ``year``, ``hour``, ``minute``, ``zone``."""
    local = moment.astimezone(zone)
    return {"day": local.day, "month": month_name(local.month, lang), "year": local.year,
            "hour": f"{local.hour:02d}", "minute": f"{local.minute:02d}", "zone": zone_label(zone, local)}


def long_datetime(moment: datetime, zone: ZoneInfo = WITA, lang: str | None = None) -> str:
    """``12 Mei 2020 pukul 14.05 WITA``: the moment in ``zone`` with its label (24-hour clock)."""
    parts = moment_parts(moment, zone, lang)
    hour_minute = t("printing.clock", lang, hour=parts["hour"], minute=parts["minute"])
    return f"{parts['day']} {parts['month']} {parts['year']} {hour_minute} {parts['zone']}"


def moment_text(value: datetime | str | None, zone: ZoneInfo = WITA, lang: str | None = None) -> str:
    """:func:`long_datetime` of a moment or of an ISO 8601 time read from a record (UTC when it has
    no offset); text that is no time is shown as it is, nothing as a dash."""
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
        value = parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo("UTC"))
    return long_datetime(value, zone, lang)


def decimal(value: float, digits: int = 1, lang: str | None = None) -> str:
    """``value`` with ``digits`` decimals and the language's separator: ``0,5`` (Indonesian), ``0.5`` (English)."""
    return f"{value:.{digits}f}".replace(".", t("printing.decimal", lang))
