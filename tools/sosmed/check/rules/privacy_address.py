"""FBS 8 (UU 27/2022): no home address of a person in content.

A street with a house number (``Jl. Kenari No. 12``, ``Jalan Frans Seda 15``) or a
neighbourhood unit (``RT 05/RW 02``), with the kelurahan or desa after it, tells where someone
lives. A street or a kelurahan alone is a place and is not reported. The office's own address
is declared in sosmed.yml (``organisation.public_contacts.addresses``) and passes. Found by
:mod:`sosmed.privacy.places` (the site hides what this rule reports); reported masked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.personal import findings_in
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-address"
FBS = 8
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): alamat rumah (jalan dengan nomor rumah, RT/RW, beserta kelurahan/desa) "
        "tidak boleh dimuat. Nama jalan atau kelurahan saja bukan alamat. Alamat kantor dicantumkan di "
        "organisation.public_contacts.addresses dan tidak ditandai."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): no home addresses (a street with a house number, RT/RW, with "
        "the kelurahan/desa). A street or kelurahan name alone is not an address. The office's address is "
        "declared in organisation.public_contacts.addresses and is not reported."
    ),
}

_HINTS = frozenset(b"jl jln jalan gang gg lorong rt rw".split())


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every home address that is not the office's."""
    s = scan(item)
    if not (s.tokens & _HINTS) or not s.digits:
        return ()
    return _report(item, ctx, s)


def _report(item: Item, ctx: RuleContext, s: Scan) -> Iterator[Problem]:
    for text_field, found in findings_in(s, ctx, "address"):
        if not found.public:
            yield problem_at(ctx, item, text_field, found.start, "rules.privacy_address.message",
                             masked=found.masked, hide=text_field.text[found.start:found.end])
