"""WhatsApp chat parsing: Android and iOS line formats, Indonesian and English phone locales."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sosmed.intake.whatsapp import chat_name, is_phone_number, looks_like_chat, parse_chat
from tests.intake.fixtures import ANDROID_EN, ANDROID_ID, IOS_EN, IOS_ID

WITA = ZoneInfo("Asia/Makassar")


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=WITA)


def test_android_indonesian() -> None:
    chat = parse_chat(ANDROID_ID, WITA)
    assert chat.style == "android"
    assert [(m.file, m.sender, m.sent_at, m.caption, m.omitted) for m in chat.media] == [
        ("IMG-20200512-WA0003.jpg", "Yosef Kolo", _at(2020, 5, 12, 9, 15), "Peserta sosialisasi juknis di aula BKD",
         False),
        ("VID-20200512-WA0004.mp4", "Maria Goreti Nona", _at(2020, 5, 12, 9, 17), None, False),
        ("IMG-20200512-WA0005.jpg", "+62 812-0000-0000", _at(2020, 5, 12, 9, 20), None, False),
        ("", "Dominggus Fiktif", _at(2020, 5, 12, 9, 21), None, True),
        ("DOC-20200512-WA0006.pdf", "Dominggus Fiktif", _at(2020, 5, 12, 9, 22), None, False),
        ("IMG-20200512-WA0003.jpg", "Yosef Kolo", _at(2020, 5, 13, 14, 5), "Dikirim ulang", False),
    ]


def test_android_english_is_month_first_with_am_pm() -> None:
    chat = parse_chat(ANDROID_EN, WITA)
    assert [(m.file, m.sent_at, m.caption) for m in chat.media] == [
        ("IMG-20200512-WA0003.jpg", _at(2020, 5, 12, 9, 15), "Participants at the BKD hall"),
        ("VID-20200512-WA0004.mp4", _at(2020, 5, 12, 9, 17), None),
        ("IMG-20200512-WA0005.jpg", _at(2020, 5, 12, 13, 20), None),
        ("", _at(2020, 5, 12, 13, 21), None),
    ]
    assert chat.media[3].omitted


def test_ios_indonesian_with_seconds_invisible_marks_and_a_number() -> None:
    chat = parse_chat(IOS_ID, WITA)
    assert chat.style == "ios"
    assert [(m.file, m.sender, m.sent_at, m.caption, m.omitted) for m in chat.media] == [
        ("00000003-PHOTO-2020-05-12-09-15-23.jpg", "Yosef Kolo", _at(2020, 5, 12, 9, 15, 23), None, False),
        ("00000004-VIDEO-2020-05-12-09-17-02.mp4", "Maria Goreti Nona", _at(2020, 5, 12, 9, 17, 2),
         "Rekaman pembukaan", False),
        ("00000005-PHOTO-2020-05-12-09-20-11.jpg", "+62 812-0000-0000", _at(2020, 5, 12, 9, 20, 11), None,
         False),
        ("", "Dominggus Fiktif", _at(2020, 5, 12, 9, 21), None, True),
    ]
    assert is_phone_number(chat.media[2].sender or "")
    assert not is_phone_number("Yosef Kolo")


def test_ios_english_narrow_space_before_pm() -> None:
    chat = parse_chat(IOS_EN, WITA)
    assert [(m.file, m.sender, m.sent_at, m.caption) for m in chat.media] == [
        ("00000003-PHOTO-2020-05-12-09-15-23.jpg", "Yosef Kolo", _at(2020, 5, 12, 9, 15, 23), None),
        ("00000004-VIDEO-2020-05-12-09-17-02.mp4", "Maria Goreti Nona", _at(2020, 5, 12, 9, 17, 2), "Opening footage"),
        ("00000005-PHOTO-2020-05-12-13-20-11.jpg", "Dominggus Fiktif", _at(2020, 5, 12, 13, 20, 11), None),
    ]


def test_date_order_read_from_the_whole_file() -> None:
    day_first = "1/05/20, 9:15 AM - A: a.jpg (file attached)\n13/05/20, 9:15 PM - A: b.jpg (file attached)\n"
    assert [m.sent_at for m in parse_chat(day_first, WITA).media] == [_at(2020, 5, 1, 9, 15), _at(2020, 5, 13, 21, 15)]
    month_first = "1/05/20 09.15 - A: a.jpg (file terlampir)\n5/13/20 09.15 - A: b.jpg (file terlampir)\n"
    assert [m.sent_at for m in parse_chat(month_first, WITA).media] == [_at(2020, 1, 5, 9, 15), _at(2020, 5, 13, 9, 15)]
    four_digit = "12/05/2020, 21:15 - A: a.jpg (file attached)\n"
    assert parse_chat(four_digit, WITA).media[0].sent_at == _at(2020, 5, 12, 21, 15)


def test_chat_names_and_detection() -> None:
    assert chat_name("WhatsApp Chat with Tim Media BKD.txt") == "Tim Media BKD"
    assert chat_name("Chat WhatsApp dengan Tim Media BKD.txt") == "Tim Media BKD"
    assert chat_name("WhatsApp Chat - Tim Media BKD.zip") == "Tim Media BKD"
    assert chat_name("_chat.txt") is None
    assert looks_like_chat(IOS_ID) and looks_like_chat(ANDROID_EN)
    assert not looks_like_chat("Catatan rapat\nbukan obrolan\n")
