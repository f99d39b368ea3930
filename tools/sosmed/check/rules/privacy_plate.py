"""FBS 8 (UU 27/2022): a vehicle plate next to a person's name identifies that person.

The agency's own vehicles in a photo caption are fine; ``DH 1234 AB, milik Bapak Yohanes``
is not. A plate (Indonesian region letters, 1–4 digits, suffix letters; a one-letter region
needs a suffix) is reported when a name is within ``window`` characters: an honorific or
an ownership word followed by a capitalised word (``Bapak Yohanes``, ``milik Maria``), or
the name of a person in sosmed.yml. Reported masked (``DH **** AB``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.config.schema import Config
from sosmed.model.item import Item
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

_REGIONS = (
    "A B D E F G H K L M N P R S T W Z AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP "
    "DA DB DC DD DE DG DH DK DL DM DN DR DS DT DW EA EB ED KB KH KT KU PA PB PG PT PY"
).split()
_PLATE = re.compile(
    r"\b(" + "|".join(sorted(_REGIONS, key=len, reverse=True)) + r") ?(\d{1,4})(?: ?([A-Z]{1,3}))?\b"
)
_HONORIFIC = (
    r"(?i:bapak|bpk\.?|pak|ibu|bu|sdr\.?|sdri\.?|saudara|saudari|tn\.?|ny\.?|nn\.?|milik|pemilik|pengemudi|"
    r"sopir|atas nama|a\.n\.)"
)
# Owners that are institutions, not persons ("milik Pemerintah Provinsi NTT").
_INSTITUTION = (
    r"(?!(?:Pemerintah|Pemprov|Pemkab|Pemkot|Dinas|Badan|Kantor|Provinsi|Kabupaten|Kota|Negara|Sekretariat|"
    r"Bidang|Biro|Instansi|Kementerian|Satuan|Sekolah|Universitas|Yayasan|Perusahaan|Koperasi)\b)"
)
_NAMED = re.compile(
    r"\b" + _HONORIFIC + r"\s*:?\s*(?:(?i:bapak|ibu|sdr\.?|sdri\.?)\s+)?" + _INSTITUTION + r"[A-Z][a-z]{2,}"
)
_MARKERS = frozenset(
    b"bapak bpk pak ibu bu sdr sdri saudara saudari tn ny nn milik pemilik pengemudi sopir nama".split()
)


def _people(config: Config) -> tuple[str, ...]:
    names = [config.kepala.name, *(d.name for d in config.kepala.deputies)]
    for division in config.divisions:
        names.append(division.head.name)
        names.extend(division.members)
    names.extend(member.name for member in config.team)
    # The name without titles and degrees: "Dra. Magdalena Ndun" → "Magdalena Ndun".
    plain = [" ".join(w for w in n.split(",")[0].split() if not w.endswith(".")) for n in names]
    return tuple(sorted({p for p in plain if p}))


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report plates with a person's name nearby."""
    s = scan(item)
    vocab = s.vocab
    if not any(digit in vocab for digit in "0123456789"):
        return ()
    people = ctx.cache.get("people")
    if people is None:
        people = ctx.cache["people"] = _people(ctx.config)
        ctx.cache["first_names"] = frozenset(p.split()[0].lower().encode() for p in people)
    if not (s.tokens & _MARKERS or s.tokens & ctx.cache["first_names"]):
        return ()
    return _report(item, ctx, s, people)


def _report(item: Item, ctx: RuleContext, s: Scan, people: tuple[str, ...]) -> Iterator[Problem]:
    window = ctx.options["window"]
    for text_field in s.fields:
        text = text_field.text
        for match in _PLATE.finditer(text):
            region, number, suffix = match.groups()
            if len(region) == 1 and not suffix:
                continue
            near = text[max(0, match.start() - window): match.end() + window]
            if not (_NAMED.search(near) or any(p in near for p in people)):
                continue
            masked = " ".join(part for part in (region, "*" * len(number), suffix) if part)
            yield problem_at(ctx, item, text_field, match.start(), "rules.privacy_plate.message", masked=masked)
