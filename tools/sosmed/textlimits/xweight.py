"""X (Twitter) weighted post length, following the published twitter-text configuration v3.

How X counts (reference §3.7): the text is normalised to NFC and walked by Unicode
code point. Each code point weighs 100 if it falls in one of the configured
ranges (Latin, most European scripts, some punctuation) and 200 otherwise (CJK,
for example). Every URL weighs ``transformedURLLength`` (23) whatever its real
length, and with ``emojiParsingEnabled`` every whole emoji sequence (ZWJ
sequences, skin tones, flags, keycaps) weighs 200. The sum divided by ``scale``
is the weighted length; a post is valid when it is between 1 and 280 and holds
none of the characters X rejects.

URL detection is a compact re-implementation of twitter-text's rules, not its
full expression: a protocol URL accepts any well-formed host whose last label is
a known top-level domain, a punycode label or a label of non-Latin letters; a URL
without protocol needs an ASCII host with a known top-level domain (and, for a
bare ``name.cc`` country domain, a path). Each label must fit 63 characters once
punycode-encoded, which is what makes over-long hosts count character by character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "CONFIG_V2",
    "CONFIG_V3",
    "TextConfig",
    "TweetCount",
    "is_valid_tweet",
    "parse_tweet",
    "weighted_length",
]


@dataclass(frozen=True)
class TextConfig:
    """A twitter-text configuration (the fields of ``config/v3.json``)."""

    version: int = 3
    max_weighted_tweet_length: int = 280
    scale: int = 100
    default_weight: int = 200
    emoji_parsing_enabled: bool = True
    transformed_url_length: int = 23
    ranges: tuple[tuple[int, int, int], ...] = (
        (0, 4351, 100),
        (8192, 8205, 100),
        (8208, 8223, 100),
        (8242, 8247, 100),
    )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextConfig:
        """Build a configuration from the published JSON object."""
        return cls(
            version=int(data.get("version", 3)),
            max_weighted_tweet_length=int(data["maxWeightedTweetLength"]),
            scale=int(data["scale"]),
            default_weight=int(data["defaultWeight"]),
            emoji_parsing_enabled=bool(data.get("emojiParsingEnabled", False)),
            transformed_url_length=int(data["transformedURLLength"]),
            ranges=tuple((int(r["start"]), int(r["end"]), int(r["weight"])) for r in data["ranges"]),
        )


CONFIG_V3 = TextConfig()
# v2 differs from v3 only in counting emoji code point by code point.
CONFIG_V2 = replace(CONFIG_V3, version=2, emoji_parsing_enabled=False)


@dataclass(frozen=True)
class TweetCount:
    """The result of counting a text; ranges are UTF-16 indices, as twitter-text reports them."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_end: int
    display_range_end: int


# Characters X refuses in a post.
_INVALID = frozenset({0xFFFE, 0xFEFF, 0xFFFF})

# --- emoji ---------------------------------------------------------------------------------------

# Extended_Pictographic code points (Unicode 17 emoji-data), as inclusive ranges.
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328),
    (0x23CF, 0x23CF), (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB),
    (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2604), (0x260E, 0x260E),
    (0x2611, 0x2611), (0x2614, 0x2615), (0x2618, 0x2618), (0x261D, 0x261D), (0x2620, 0x2620),
    (0x2622, 0x2623), (0x2626, 0x2626), (0x262A, 0x262A), (0x262E, 0x262F), (0x2638, 0x263A),
    (0x2640, 0x2640), (0x2642, 0x2642), (0x2648, 0x2653), (0x265F, 0x2660), (0x2663, 0x2663),
    (0x2665, 0x2666), (0x2668, 0x2668), (0x267B, 0x267B), (0x267E, 0x267F), (0x2692, 0x2697),
    (0x2699, 0x2699), (0x269B, 0x269C), (0x26A0, 0x26A1), (0x26A7, 0x26A7), (0x26AA, 0x26AB),
    (0x26B0, 0x26B1), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26C8, 0x26C8), (0x26CE, 0x26CF),
    (0x26D1, 0x26D1), (0x26D3, 0x26D4), (0x26E9, 0x26EA), (0x26F0, 0x26F5), (0x26F7, 0x26FA),
    (0x26FD, 0x26FD), (0x2702, 0x2702), (0x2705, 0x2705), (0x2708, 0x270D), (0x270F, 0x270F),
    (0x2712, 0x2712), (0x2714, 0x2714), (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721),
    (0x2728, 0x2728), (0x2733, 0x2734), (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2763, 0x2764), (0x2795, 0x2797),
    (0x27A1, 0x27A1), (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D),
    (0x3297, 0x3297), (0x3299, 0x3299), (0x1F004, 0x1F004), (0x1F02C, 0x1F02F), (0x1F094, 0x1F09F),
    (0x1F0AF, 0x1F0B0), (0x1F0C0, 0x1F0C0), (0x1F0CF, 0x1F0D0), (0x1F0F6, 0x1F0FF), (0x1F170, 0x1F171),
    (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AE, 0x1F1E5), (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A), (0x1F23C, 0x1F23F), (0x1F249, 0x1F25F),
    (0x1F266, 0x1F321), (0x1F324, 0x1F393), (0x1F396, 0x1F397), (0x1F399, 0x1F39B), (0x1F39E, 0x1F3F0),
    (0x1F3F3, 0x1F3F5), (0x1F3F7, 0x1F3FA), (0x1F400, 0x1F4FD), (0x1F4FF, 0x1F53D), (0x1F549, 0x1F54E),
    (0x1F550, 0x1F567), (0x1F56F, 0x1F570), (0x1F573, 0x1F57A), (0x1F587, 0x1F587), (0x1F58A, 0x1F58D),
    (0x1F590, 0x1F590), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A5), (0x1F5A8, 0x1F5A8), (0x1F5B1, 0x1F5B2),
    (0x1F5BC, 0x1F5BC), (0x1F5C2, 0x1F5C4), (0x1F5D1, 0x1F5D3), (0x1F5DC, 0x1F5DE), (0x1F5E1, 0x1F5E1),
    (0x1F5E3, 0x1F5E3), (0x1F5E8, 0x1F5E8), (0x1F5EF, 0x1F5EF), (0x1F5F3, 0x1F5F3), (0x1F5FA, 0x1F64F),
    (0x1F680, 0x1F6C5), (0x1F6CB, 0x1F6D2), (0x1F6D5, 0x1F6E5), (0x1F6E9, 0x1F6E9), (0x1F6EB, 0x1F6F0),
    (0x1F6F3, 0x1F6FF), (0x1F7DA, 0x1F7FF), (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F), (0x1F8AE, 0x1F8AF), (0x1F8BC, 0x1F8BF), (0x1F8C2, 0x1F8CF), (0x1F8D9, 0x1F8FF),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA58, 0x1FA5F), (0x1FA6E, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)
_PICTO_STARTS = [start for start, _ in _PICTOGRAPHIC]

_ZWJ = 0x200D
_VS15 = 0xFE0E
_VS16 = 0xFE0F
_KEYCAP = 0x20E3
_KEYCAP_BASES = frozenset(map(ord, "#*0123456789"))


def _is_pictographic(cp: int) -> bool:
    i = bisect.bisect_right(_PICTO_STARTS, cp) - 1
    return i >= 0 and cp <= _PICTOGRAPHIC[i][1]


def _is_modifier(cp: int) -> bool:
    return 0x1F3FB <= cp <= 0x1F3FF


def _is_regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _element_end(cps: list[int], i: int) -> int | None:
    """End of one emoji element starting at ``i`` (base + presentation, skin tone, tags); None if text-style."""
    n = len(cps)
    j = i + 1
    if j < n and cps[j] == _VS15:
        return None
    if j < n and cps[j] == _VS16:
        j += 1
    if j < n and _is_modifier(cps[j]):
        j += 1
    if j < n and 0xE0020 <= cps[j] <= 0xE007E:
        k = j
        while k < n and 0xE0020 <= cps[k] <= 0xE007E:
            k += 1
        if k < n and cps[k] == 0xE007F:
            j = k + 1
    return j


def _emoji_length(cps: list[int], i: int) -> int:
    """Number of code points of the emoji sequence starting at ``i`` (0 when there is none)."""
    n = len(cps)
    cp = cps[i]
    if cp in _KEYCAP_BASES:
        j = i + 1
        if j < n and cps[j] == _VS16:
            j += 1
        return j + 1 - i if j < n and cps[j] == _KEYCAP else 0
    if _is_regional(cp):
        return 2 if i + 1 < n and _is_regional(cps[i + 1]) else 1
    if not (_is_pictographic(cp) or _is_modifier(cp)):
        return 0
    end = _element_end(cps, i)
    if end is None:
        return 0
    while end + 1 < n and cps[end] == _ZWJ and (_is_pictographic(cps[end + 1]) or _is_modifier(cps[end + 1])):
        nxt = _element_end(cps, end + 1)
        if nxt is None:
            break
        end = nxt
    return end - i


# --- URLs ----------------------------------------------------------------------------------------

_GTLDS = frozenset(
    """
    academy agency app art asia bank biz blog business cab cafe camera camp care cat center church city
    click cloud club codes college com community company computer coop design dev digital directory
    edu education email energy events expert foundation fund gallery games gift global gmbh gov graphics
    group guide guru health help holdings host house info ink institute int international jobs legal life
    link live ltd management marketing media mil mobi money museum name net network news ngo ong online
    org page partners photo photography photos place plus post press pro productions properties pub
    school science services shop show site social software solutions space store studio support systems
    team tech technology tel today tools top town travel tube university video vip watch web website wiki
    work works world xxx xyz zone
    """.split()
)
_CCTLDS = frozenset(
    """
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by
    bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi
    fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im
    in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc
    md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa
    pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss
    st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn
    vu wf ws ye yt za zm zw
    """.split()
)
_KNOWN_TLDS = _GTLDS | _CCTLDS
_LONGEST_TLD = max(map(len, _KNOWN_TLDS))
_TLD_CONTINUES = re.compile(r"[a-z0-9@+\-]")
# twitter-text lets a bare ``name.cc`` count as a URL only for these country domains.
_SPECIAL_SHORT_CCTLDS = frozenset({"co", "tv"})
_MAX_URL_LENGTH = 4096
_MAX_LABEL_LENGTH = 63

# Characters allowed in a host label: anything but ASCII punctuation, spaces, controls,
# the invalid characters and directional marks (twitter-text's definition).
_NOT_DOMAIN = (
    r"\s!-/:-@\[-`{-~\x00-\x1f\x7f-\x9f\ufffe\ufeff\uffff\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
)
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9@\uff20$#\uff03\ufffe\ufeff\uffff])"
    r"(?:(?P<proto>[hH][tT][tT][pP][sS]?://)|(?<![-_./]))"
    rf"(?P<host>[^{_NOT_DOMAIN}])"
)
_HOST_RUN = re.compile(rf"(?:[^{_NOT_DOMAIN}]|[._\-])*")
_ASCII_LABEL = re.compile(r"[A-Za-z0-9_\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_PORT = re.compile(r":[0-9]+")
_LATIN = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_PATH_CHARS = re.compile(rf"[A-Za-z0-9\u0400-\u04ff!*';:=+,.$/%#\[\]\-\u2013_~&|@(){_LATIN}]*")
_PATH_END = set("+-=_#/") | {chr(c) for c in range(0x0400, 0x0500)}
_QUERY_CHARS = re.compile(r"[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*")
_QUERY_END = set("-_&=#/")


_LATIN_CHAR = re.compile(rf"[A-Za-z0-9{_LATIN}]")


def _latin(ch: str) -> bool:
    return _LATIN_CHAR.match(ch) is not None


def _label_length(label: str) -> int:
    if label.isascii():
        return len(label)
    try:
        return 4 + len(label.lower().encode("punycode"))
    except UnicodeError:
        return _MAX_LABEL_LENGTH + 1


def _valid_label(label: str, allow_underscore: bool) -> bool:
    if not label or label[0] in "-_" or label[-1] in "-_":
        return False
    if not allow_underscore and "_" in label:
        return False
    return _label_length(label) <= _MAX_LABEL_LENGTH


def _tld_prefix(label: str, with_protocol: bool) -> int:
    """Length of the top-level domain at the start of ``label`` (0 if none)."""
    low = label.lower()
    if low in _KNOWN_TLDS:
        return len(label)
    if with_protocol:
        if re.fullmatch(r"xn--[a-z0-9\-]+", low):
            return len(label)
        if len(label) >= 2 and not label.isascii() and all(
            unicodedata.category(ch)[0] in "LM" for ch in label
        ):
            return len(label)
    # The longest known TLD that is a proper prefix of the label and is not followed by a
    # domain character: prefixes looked up longest first (one set lookup each, not one per TLD).
    for size in range(min(len(low) - 1, _LONGEST_TLD), 0, -1):
        if low[:size] in _KNOWN_TLDS and not _TLD_CONTINUES.match(low, size):
            return size
    return 0


def _host_end(run: str, with_protocol: bool) -> tuple[int, str, int] | None:
    """Length of the valid host at the start of ``run``, its TLD, and its number of labels."""
    labels = run.split(".")
    for k in range(len(labels) - 1, 0, -1):
        tld_len = _tld_prefix(labels[k], with_protocol)
        if not tld_len:
            continue
        head = labels[:k]
        if not all(_valid_label(lab, allow_underscore=i < k - 1) for i, lab in enumerate(head)):
            continue
        if not with_protocol and not all(_ASCII_LABEL.fullmatch(lab) for lab in head):
            continue
        tld = labels[k][:tld_len]
        return sum(len(lab) + 1 for lab in head) + tld_len, tld.lower(), k + 1
    return None


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (which may match nothing) stops matching at ``pos``."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


def _path_end(text: str, pos: int) -> int:
    """End of the path starting at ``text[pos] == '/'``, trimmed to a valid last character."""
    end = _end(_PATH_CHARS, text, pos + 1)
    depth = 0
    last_ok = pos + 1
    for i in range(pos + 1, end):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                last_ok = i + 1
            continue
        if depth == 0 and (ch in _PATH_END or _latin(ch)):
            last_ok = i + 1
    return last_ok


def _query_end(text: str, pos: int) -> int:
    end = _end(_QUERY_CHARS, text, pos + 1)
    for i in range(end, pos + 1, -1):
        ch = text[i - 1]
        if ch in _QUERY_END or (ch.isascii() and ch.isalnum()):
            return i
    return pos


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the URLs X would shorten in ``text``."""
    spans: list[tuple[int, int]] = []
    if "." not in text:  # every host has a dot before its top-level domain
        return spans
    pos = 0
    while True:
        match = _CANDIDATE.search(text, pos)
        if match is None:
            return spans
        proto = match.group("proto") or ""
        host_start = match.start("host")
        run_end = _end(_HOST_RUN, text, host_start)
        found = _host_end(text[host_start:run_end], bool(proto)) if "." in text[host_start:run_end] else None
        if found is None:
            pos = max(run_end, match.start() + 1)
            continue
        host_len, tld, n_labels = found
        end = host_start + host_len
        port = _PORT.match(text, end)
        if port:
            end = port.end()
        has_path = False
        if end < len(text) and text[end] == "/":
            end = _path_end(text, end)
            has_path = True
        if end < len(text) and text[end] == "?":
            end = _query_end(text, end)
        host = text[host_start:host_start + host_len]
        too_long = len(proto) * 2 + (end - host_start) - len(host) + sum(
            _label_length(lab) + 1 for lab in host.split(".")
        ) - 1 > _MAX_URL_LENGTH
        short_cc = (
            not proto and not has_path and n_labels == 2 and tld in _CCTLDS and tld not in _SPECIAL_SHORT_CCTLDS
        )
        if not too_long and not short_cc:
            spans.append((match.start(), end))
        pos = end


# --- counting ------------------------------------------------------------------------------------


def _weight(cp: int, config: TextConfig) -> int:
    for start, end, weight in config.ranges:
        if start <= cp <= end:
            return weight
    return config.default_weight


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


# Characters that are not simply one unit of the first range: above U+10FF, the pictographs
# below it (© and ®, which count as emoji), and X's invalid characters.
_NOT_PLAIN = re.compile("[^\x00-\u10ff]|[\u00a9\u00ae]")


def _plain_count(text: str, normalized: str, spans: list[tuple[int, int]], config: TextConfig) -> TweetCount | None:
    """The count of a text whose every character outside its URLs weighs the same, or None.

    Most posts are such texts (Latin script, no emoji) and fit the limit: then the total
    is a multiplication and the ranges end at the text's end, as the full walk finds.
    """
    first = config.ranges[0] if config.ranges else (1, 0, 0)
    if first[0] != 0 or first[1] < 0x10FF or _NOT_PLAIN.search(normalized) is not None:
        return None
    in_urls = sum(end - start for start, end in spans)
    total = (len(normalized) - in_urls) * first[2] + len(spans) * config.transformed_url_length * config.scale
    limit = config.max_weighted_tweet_length * config.scale
    if not 0 < total <= limit:
        return None
    display = _utf16_len(text)
    return TweetCount(weighted_length=total // config.scale, valid=True, permillage=total * 1000 // limit,
                      valid_range_end=display - 1, display_range_end=max(display - 1, 0))


def parse_tweet(text: str, config: TextConfig = CONFIG_V3) -> TweetCount:
    """Count ``text`` as X does: weighted length, validity and the valid/display ranges."""
    normalized = unicodedata.normalize("NFC", text)
    spans = find_urls(normalized)
    quick = _plain_count(text, normalized, spans, config)
    if quick is not None:
        return quick
    url_at = dict(spans)
    cps = [ord(ch) for ch in normalized]
    limit = config.max_weighted_tweet_length * config.scale
    total = 0
    valid = True
    valid_index = 0
    unit = 0  # UTF-16 index of the current position, as twitter-text reports ranges
    i = 0
    n = len(normalized)
    while i < n:
        end = url_at.get(i)
        if end is not None:
            total += config.transformed_url_length * config.scale
        else:
            size = _emoji_length(cps, i) if config.emoji_parsing_enabled else 0
            if size:
                total += config.default_weight
                end = i + size
            else:
                total += _weight(cps[i], config)
                end = i + 1
        piece = normalized[i:end]
        unit += _utf16_len(piece)
        if valid and any(ord(ch) in _INVALID for ch in piece):
            valid = False
        if valid and total <= limit:
            valid_index = unit - 1
        i = end
    weighted = total // config.scale
    valid = valid and 0 < total <= limit
    offset = _utf16_len(text) - _utf16_len(normalized)
    return TweetCount(
        weighted_length=weighted,
        valid=valid,
        permillage=total * 1000 // limit,
        valid_range_end=valid_index + offset,
        display_range_end=max(_utf16_len(text) - 1, 0),
    )


def weighted_length(text: str, config: TextConfig = CONFIG_V3) -> int:
    """The weighted length X counts for ``text`` (280 is the limit)."""
    return parse_tweet(text, config).weighted_length


def is_valid_tweet(text: str, config: TextConfig = CONFIG_V3) -> bool:
    """Whether X accepts ``text`` as a post: 1..280 weighted, no forbidden characters."""
    return parse_tweet(text, config).valid
