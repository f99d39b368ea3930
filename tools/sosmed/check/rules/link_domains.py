"""FBS 2: links to sites outside the allow-list are flagged for the reviewer.

An official account vouches for what it links to. Allowed without review: government
domains (``go.id`` by default), the agency's archive site (``organisation.site_url``),
the agency's four platforms and their short-link domains, the hosts of the account URLs
in sosmed.yml, and ``check.allowed_domains``. Subdomains count as their domain. Every
other ``http(s)://`` or ``www.`` link, in the texts, ``link`` fields and source URLs, is a
warning, once per domain and text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from sosmed.check.lists import allowed_domains
from sosmed.check.personal import domain_allowed
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "link-domains"
FBS = 2
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"allow": list}
DEFAULTS: dict[str, object] = {
    "allow": ["go.id", "facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com", "t.co",
              "youtube.com", "youtu.be"],
}
DOC = {
    "id": (
        "Tautan (FBS 2): tautan ke situs di luar daftar yang diizinkan ditandai sebagai peringatan agar ditinjau. "
        "Diizinkan: domain pemerintah (go.id), situs arsip instansi, keempat platform, alamat akun di sosmed.yml, "
        "dan check.allowed_domains."
    ),
    "en": (
        "Links (FBS 2): links to sites outside the allow-list are warnings for review. Allowed: government "
        "domains (go.id), the agency's archive site, the four platforms, the account URLs in sosmed.yml, and "
        "check.allowed_domains."
    ),
}

_URL_WORDS = frozenset({b"http", b"https", b"www"})
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}\"'`]+")


def _host(url: str) -> str:
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


_HOST_END = re.compile(r"[/?#:\s\]\[()<>\"'`,;!]")


def _quick_hosts(text: str) -> Iterator[str]:
    """Host names of the links in ``text``, found with plain string search (the common, clean case)."""
    for marker in ("://", "www.", "WWW."):
        index = text.find(marker)
        while index != -1:
            start = index + 3 if marker == "://" else index
            end = _HOST_END.search(text, start, start + 256)
            yield text[start:end.start() if end else start + 256].lower().rstrip(".").removeprefix("www.")
            index = text.find(marker, index + 1)


def allow_list(config: Config, option: list[Any]) -> tuple[str, ...]:
    """Every allowed domain for this configuration."""
    domains = [str(d).lower().lstrip(".") for d in option]
    domains.append(_host(config.organisation.site_url))
    accounts = config.accounts
    for account in (accounts.facebook, accounts.instagram, accounts.x, accounts.youtube):
        if account is not None:
            domains.append(_host(account.url))
    domains.extend(allowed_domains(config))
    return tuple(d.removeprefix("www.") for d in domains if d)


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report links whose domain is not allowed."""
    s = scan(item)
    if s.tokens.isdisjoint(_URL_WORDS):
        return ()
    allowed = ctx.cache.get("allowed")
    if allowed is None:
        allowed = ctx.cache["allowed"] = allow_list(ctx.config, ctx.options["allow"])
    verdicts: dict[str, bool] = ctx.cache.setdefault("verdicts", {})
    clean = True
    # A host holds no whitespace: the distinct words give the same hosts as the whole text.
    for host in _quick_hosts(s.vocab):
        verdict = verdicts.get(host)
        if verdict is None:
            verdict = verdicts[host] = domain_allowed(host, allowed)
        clean = clean and verdict
    if clean:
        return ()
    return _report(item, ctx, s, allowed)


def _report(item: Item, ctx: RuleContext, s: Scan, allowed: tuple[str, ...]) -> Iterator[Problem]:
    for text_field in s.fields:
        text = text_field.text
        if "://" not in text and "www." not in text and "WWW." not in text:
            continue
        seen: set[str] = set()
        for match in _URL.finditer(text):
            host = _host(match.group().rstrip(".,;:!?"))
            if not host or host in seen or domain_allowed(host, allowed):
                continue
            seen.add(host)
            yield problem_at(ctx, item, text_field, match.start(), "rules.link_domains.message", domain=host)
