"""Read a WhatsApp "export chat": who sent which photo or video, when, with which caption.

An export is a zip (or the folder it unpacks to) holding one chat text file and the media.
Two line formats exist and each follows the phone's language:

- Android: ``12/05/20 09.15 - Yosef Kolo: IMG-20200512-WA0003.jpg (file terlampir)``
  (English: ``5/12/20, 9:15 AM - Yosef Kolo: IMG-20200512-WA0003.jpg (file attached)``);
- iOS: ``[12/05/20 09.15.23] Yosef Kolo: <terlampir: 00000012-PHOTO-2020-05-12-09-15-23.jpg>``
  (English: ``[5/12/20, 9:15:23 AM] Yosef Kolo: <attached: …>``).

A caption is the text of the same message besides the attachment (the following lines
of a multi-line message). Whether dates are day- or month-first is read from the whole
file: a first field over 12 means day-first, a second over 12 month-first; otherwise
AM/PM times mean the US order and anything else day-first (Indonesian phones).
Times carry no zone in the export; they are the phone's local time, taken in the
instance's zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff\u202a\u202b\u202c"), None)
_SPACES = {ord("\u202f"): " ", ord("\u00a0"): " ", ord("\u2011"): "-"}
_DATE = r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?(?:[AaPp]\.?\s?[Mm]\.?))?"
_ANDROID = re.compile(rf"^(?P<date>{_DATE}),? (?P<time>{_TIME}) [-–] (?P<rest>.*)$")
_IOS = re.compile(rf"^\[(?P<date>{_DATE}),? (?P<time>{_TIME})\] (?P<rest>.*)$")
_ATTACHED_IOS = re.compile(r"<(?:attached|terlampir|lampiran|anexado|adjunto):\s*(?P<file>[^>]+?)\s*>", re.I)
_ATTACHED_ANDROID = re.compile(
    r"^(?P<file>[^\n/\\]+?\.[A-Za-z0-9]{2,5}) \((?:file attached|file terlampir|berkas terlampir|[^)]{1,40})\)",
    re.I,
)
_OMITTED = re.compile(
    r"<(?:media omitted|media tidak disertakan|media dihilangkan)>|(?:image|video|gambar|foto) "
    r"(?:omitted|tidak disertakan|dihilangkan)",
    re.I,
)
_PHONE = re.compile(r"^\+?[\d\s\-().]{7,}$")
_CHAT_NAME = re.compile(
    r"^(?:WhatsApp Chat (?:with|-)|Chat WhatsApp (?:dengan|-)|Obrolan WhatsApp dengan)\s*(?P<name>.+?)(?:\.txt|\.zip)?$",
    re.I,
)


@dataclass(frozen=True)
class ChatMedia:
    """One attachment of the chat: file name in the export, sender, send time, caption."""

    file: str
    sender: str | None
    sent_at: datetime
    caption: str | None
    omitted: bool = False


@dataclass
class Chat:
    """The parsed chat: its format, the attachments in order, lines that could not be read."""

    style: str  # "android" or "ios"
    media: list[ChatMedia] = field(default_factory=list)
    messages: int = 0


@dataclass
class _Message:
    date: str
    time: str
    rest: list[str]


def clean_line(line: str) -> str:
    """Drop the invisible direction marks WhatsApp puts in lines; normalise its odd spaces."""
    return line.translate(_INVISIBLE).translate(_SPACES).rstrip("\r")


def chat_name(file_name: str) -> str | None:
    """``"WhatsApp Chat with Tim Media.txt"`` → ``"Tim Media"``; None when the name says nothing."""
    match = _CHAT_NAME.match(file_name.strip())
    return match.group("name").strip() if match else None


def is_phone_number(sender: str) -> bool:
    """Whether a sender is only a phone number (WhatsApp shows numbers not in the contacts)."""
    return bool(_PHONE.match(sender.strip())) and sum(ch.isdigit() for ch in sender) >= 7


def looks_like_chat(text: str) -> bool:
    """Whether a text file's first lines are WhatsApp message lines."""
    for line in text.splitlines()[:20]:
        line = clean_line(line)
        if _ANDROID.match(line) or _IOS.match(line):
            return True
    return False


def _split(text: str) -> tuple[str, list[_Message]]:
    lines = [clean_line(line) for line in text.splitlines()]
    android = sum(1 for line in lines[:200] if _ANDROID.match(line))
    ios = sum(1 for line in lines[:200] if _IOS.match(line))
    style, pattern = ("ios", _IOS) if ios > android else ("android", _ANDROID)
    messages: list[_Message] = []
    for line in lines:
        match = pattern.match(line)
        if match:
            messages.append(_Message(match["date"], match["time"], [match["rest"]]))
        elif messages:
            messages[-1].rest.append(line)
    return style, messages


def _date_order(messages: list[_Message]) -> str:
    firsts, seconds, twelve_hour = [], [], False
    for message in messages:
        parts = re.split(r"[/.\-]", message.date)
        if len(parts[0]) == 4:
            return "ymd"
        firsts.append(int(parts[0]))
        seconds.append(int(parts[1]))
        twelve_hour = twelve_hour or bool(re.search(r"[AaPp]\.?\s?[Mm]", message.time))
    if any(value > 12 for value in firsts):
        return "dmy"
    if any(value > 12 for value in seconds):
        return "mdy"
    return "mdy" if twelve_hour else "dmy"


def _when(message: _Message, order: str, zone: tzinfo) -> datetime:
    parts = [int(p) for p in re.split(r"[/.\-]", message.date)]
    if order == "ymd":
        year, month, day = parts
    elif order == "mdy":
        month, day, year = parts
    else:
        day, month, year = parts
    if year < 100:
        year += 2000
    clock = message.time.replace(".", ":", 2) if re.match(r"^\d{1,2}\.\d{2}", message.time) else message.time
    meridiem = re.search(r"([AaPp])\.?\s?[Mm]\.?$", clock)
    numbers = [int(n) for n in re.findall(r"\d+", clock[: meridiem.start()] if meridiem else clock)]
    hour, minute = numbers[0], numbers[1]
    second = numbers[2] if len(numbers) > 2 else 0
    if meridiem:
        hour = hour % 12 + (12 if meridiem.group(1).lower() == "p" else 0)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def _attachment(text: str) -> tuple[str | None, str, bool]:
    """(file name or None, the rest of the text, omitted?) of a message's text."""
    match = _ATTACHED_IOS.search(text)
    if match:
        return match["file"].strip(), (text[: match.start()] + text[match.end():]).strip(), False
    match = _ATTACHED_ANDROID.match(text)
    if match:
        return match["file"].strip(), text[match.end():].strip(), False
    omitted = _OMITTED.search(text)
    if omitted:
        return None, (text[: omitted.start()] + text[omitted.end():]).strip(), True
    return None, text, False


def parse_chat(text: str, zone: tzinfo) -> Chat:
    """Every attachment of an exported chat, in the order sent (Android or iOS, any locale)."""
    style, messages = _split(text)
    chat = Chat(style=style, messages=len(messages))
    if not messages:
        return chat
    order = _date_order(messages)
    for message in messages:
        first = message.rest[0]
        sender, sep, body = first.partition(": ")
        if not sep:
            continue  # a system line ("… added …", the encryption notice)
        text_body = "\n".join([body, *message.rest[1:]]).strip()
        name, caption, omitted = _attachment(text_body)
        if name is None and not omitted:
            continue
        try:
            sent = _when(message, order, zone)
        except (ValueError, IndexError):
            continue  # a line that only looks like a message header
        chat.media.append(ChatMedia(
            file=name or "",
            sender=sender.strip() or None,
            sent_at=sent,
            caption=caption or None,
            omitted=omitted,
        ))
    return chat
