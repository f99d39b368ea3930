"""FBS 8 (UU 27/2022): a vehicle plate next to a person's name identifies that person.

The agency's own vehicles in a photo caption are fine; ``DH 1234 AB, milik Bapak Yohanes``
is not. A plate (Indonesian region letters, 1–4 digits, suffix letters; a one-letter region
needs a suffix) is reported when a name is within ``window`` characters: an honorific or
an ownership word followed by a capitalised word (``Bapak Yohanes``, ``milik Maria``), or
the name of a person in sosmed.yml. Reported masked (``DH **** AB``). The plates are found by
:mod:`sosmed.privacy.places`, which the site's masker uses as well (the site hides every plate
written with its suffix letters, named or not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.model.item import Item
from sosmed.privacy import public_data
from sosmed.privacy.places import find_plates
from sosmed.problem import Problem

ID = "privacy-plate"
FBS = 8
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"window": int}
DEFAULTS: dict[str, object] = {"window": 80}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): nomor polisi kendaraan di dekat nama orang (mis. 'DH 1234 AB milik Bapak "
        "Yohanes') mengungkap data pribadi dan ditandai. Nomor polisi kendaraan dinas tanpa nama orang tidak "
        "ditandai."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): a vehicle plate next to a person's name (e.g. 'DH 1234 AB owned by "
        "Mr Yohanes') discloses personal data and is reported. Plates of official vehicles with no person's name "
        "are not."
    ),
}

_MARKERS = frozenset(
    b"bapak bpk pak ibu bu sdr sdri saudara saudari tn ny nn milik pemilik pengemudi sopir nama".split()
)


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report plates with a person's name nearby."""
    s = scan(item)
    vocab = s.vocab
    if not any(digit in vocab for digit in "0123456789"):
        return ()
    people = ctx.cache.get("people")
    if people is None:
        people = ctx.cache["people"] = public_data(ctx.config).people
        ctx.cache["first_names"] = frozenset(p.split()[0].lower().encode() for p in people)
    if not (s.tokens & _MARKERS or s.tokens & ctx.cache["first_names"]):
        return ()
    return _report(item, ctx, s, people)


def _report(item: Item, ctx: RuleContext, s: Scan, people: tuple[str, ...]) -> Iterator[Problem]:
    window = ctx.options["window"]
    for text_field in s.fields:
        text = text_field.text
        for plate in find_plates(text, people, window):
            if plate.named:
                yield problem_at(ctx, item, text_field, plate.start, "rules.privacy_plate.message",
                                 masked=plate.masked, hide=text[plate.start:plate.end])
