"""FBS 8 (UU 27/2022): no personal e-mail addresses in content.

Addresses at the agency's own domains (``organisation.email_domains`` in sosmed.yml, and
their subdomains) and the office's declared addresses (``organisation.public_contacts.emails``)
are fine; any other address is reported masked (``m***@gmail.com``). More domains can be
allowed for the check with the ``allow_domains`` option (a partner agency).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.personal import domain_allowed, findings_in
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-email"
FBS = 8
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"allow_domains": list}
DEFAULTS: dict[str, object] = {"allow_domains": []}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): alamat e-mail di luar domain instansi (organisation.email_domains) "
        "kemungkinan milik pribadi dan ditandai; domain lain dapat diizinkan dengan opsi 'allow_domains'."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): e-mail addresses outside the agency's domains "
        "(organisation.email_domains) are probably personal and are reported; allow more domains with "
        "'allow_domains'."
    ),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every e-mail address outside the allowed domains."""
    s = scan(item)
    if "@" not in s.joined:
        return ()
    return _report(item, ctx, s)


def _report(item: Item, ctx: RuleContext, s: Scan) -> Iterator[Problem]:
    allowed = ctx.cache.get("allowed")
    if allowed is None:
        allowed = ctx.cache["allowed"] = tuple(str(d).lower().strip().lstrip("@.") for d in ctx.options["allow_domains"])
    for text_field, found in findings_in(s, ctx, "email"):
        if found.public or domain_allowed(found.value.rsplit("@", 1)[1], allowed):
            continue
        yield problem_at(ctx, item, text_field, found.start, "rules.privacy_email.message", masked=found.masked,
                         hide=text_field.text[found.start:found.end])
