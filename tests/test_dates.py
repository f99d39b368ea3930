"""People's dates and times: one helper, the instance's zone (WITA), never ISO 8601 or UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sosmed.printing.dates import decimal, long_datetime, moment_text
from sosmed.site.text import fmt_date, fmt_datetime

WITA = ZoneInfo("Asia/Makassar")


def test_a_record_time_in_utc_is_read_in_wita() -> None:
    # 23:30 UTC on 11 May is already 12 May in Kupang.
    assert moment_text("2020-05-11T23:30:00+00:00") == "12 Mei 2020 pukul 07.30 WITA"
    assert moment_text("2020-05-11T23:30:00Z", lang="en") == "12 May 2020 at 07:30 WITA"
    assert moment_text("2020-05-11T23:30:00") == "12 Mei 2020 pukul 07.30 WITA"  # a record without offset is UTC


def test_another_zone_only_when_asked() -> None:
    moment = datetime(2020, 5, 12, 1, 0, tzinfo=UTC)
    assert long_datetime(moment) == "12 Mei 2020 pukul 09.00 WITA"
    assert long_datetime(moment, ZoneInfo("Asia/Jakarta")) == "12 Mei 2020 pukul 08.00 WIB"


def test_text_that_is_no_time_is_shown_as_it_is() -> None:
    assert moment_text("besok pagi") == "besok pagi"
    assert moment_text(None) == "-"


def test_the_site_names_days_as_the_helper_does() -> None:
    moment = datetime(2020, 6, 1, 7, 0, tzinfo=WITA)
    assert fmt_date(moment, WITA, "id") == "1 Juni 2020"
    assert fmt_datetime(moment, WITA, "id") == "1 Juni 2020, 07.00 WITA"
    assert fmt_datetime(moment, WITA, "en") == "1 June 2020, 07:00 WITA"


def test_decimals_take_the_languages_separator() -> None:
    assert decimal(1.25, 2) == "1,25"
    assert decimal(0.05, lang="en") == "0.1"
