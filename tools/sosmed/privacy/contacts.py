"""What is public on purpose: the organisation's own contacts, its officials' NIPs and its accounts.

Declared once in ``sosmed.yml``::

    organisation:
      email_domains: [bkd.nttprov.go.id]        # every address at these domains is the office's
      public_contacts:
        phones: ["(0380) 833175"]
        whatsapp: ["0811-3800-100"]
        emails: [humas.bkd.ntt@gmail.com]
        addresses: ["Jl. Polisi Militer No. 3, Kupang"]
        handles: [kemenpanrb]                    # other accounts that may be named (partners)

Besides these, the NIPs of the Kepala, the deputies and the division heads (they sign
forms with them) and the agency's Instagram and X account names are public. The finder
marks such findings ``public``; the masker leaves them visible and no rule reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sosmed.nip import normalise_nip
from sosmed.privacy.numbers import national_phone
from sosmed.privacy.places import address_key

if TYPE_CHECKING:
    from sosmed.config.schema import Config


@dataclass(frozen=True)
class PublicData:
    """Values the organisation publishes on purpose, normalised for comparison with findings."""

    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()
    nips: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()
    addresses: tuple[tuple[str, ...], ...] = ()
    people: tuple[str, ...] = field(default=())
    # Set for what the public reads (site, feeds, FAQ, recap): a finding is replaced whole by this
    # word, keeping not one of its characters; reviewers' reports keep the partial form instead.
    redacted: str | None = None

    def address_is_public(self, key: str) -> bool:
        """Whether an address (its :func:`~sosmed.privacy.places.address_key`, space-joined) is the office's."""
        words = tuple(key.split())
        return any(words[: len(a)] == a or a[: len(words)] == words for a in self.addresses if a and words)


NOTHING = PublicData()


def people(config: Config) -> tuple[str, ...]:
    """Names of the people in sosmed.yml, without titles and degrees ("Dra. Magdalena Ndun" → "Magdalena Ndun")."""
    names = [config.kepala.name, *(d.name for d in config.kepala.deputies)]
    for division in config.divisions:
        names.append(division.head.name)
        names.extend(division.members)
    names.extend(member.name for member in config.team)
    plain = [" ".join(w for w in n.split(",")[0].split() if not w.endswith(".")) for n in names]
    return tuple(sorted({p for p in plain if p}))


def officials(config: Config) -> frozenset[str]:
    """The 18 digits of every NIP in sosmed.yml (officials sign with them: public)."""
    persons = [config.kepala, *config.kepala.deputies, *(d.head for d in config.divisions)]
    return frozenset(nip for p in persons if (nip := normalise_nip(p.nip)))


_cache: dict[int, tuple[Config, PublicData]] = {}


def public_redaction(config: Config) -> PublicData:
    """The public values of ``config`` for output the public reads: findings are hidden whole."""
    from sosmed.i18n import t

    return replace(public_data(config), redacted=t("privacy.redacted", config.organisation.locale))


def public_data(config: Config | None) -> PublicData:
    """The public values of ``config`` (computed once per configuration object)."""
    if config is None:
        return NOTHING
    cached = _cache.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    org = config.organisation
    contacts = org.public_contacts
    phones = {national_phone(p) for p in [*contacts.phones, *contacts.whatsapp]}
    accounts = config.accounts
    handles = {a.username.lower().lstrip("@") for a in (accounts.instagram, accounts.x) if a is not None}
    handles.update(h.lower().lstrip("@") for h in contacts.handles)
    data = PublicData(
        phones=frozenset(p for p in phones if p),
        emails=frozenset(e.lower() for e in contacts.emails),
        domains=tuple(d.lower().strip().lstrip("@.") for d in org.email_domains),
        nips=officials(config),
        handles=frozenset(handles),
        addresses=tuple(address_key(a) for a in contacts.addresses),
        people=people(config),
    )
    _cache.clear()  # one configuration at a time is the normal case; never grow without bound
    _cache[id(config)] = (config, data)
    return data
