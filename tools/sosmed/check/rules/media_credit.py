"""FBS 1: every photo and video names who made it (credit) and where it comes from (source);
material from outside the agency also needs a licence or a permission note.

A source counts as the agency's own when it names the organisation (``organisation.name``
or ``short_name``), one of the ``own_sources`` option's names, or a member of the team in
sosmed.yml (their own shots). Anything else is external: respecting others' copyright
(FBS 1) means recording under which licence, or with whose permission, it is used.
Retracted posts are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "media-credit"
FBS = 1
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"own_sources": list}
DEFAULTS: dict[str, object] = {"own_sources": ["BKD NTT", "BKD Prov NTT", "Badan Kepegawaian Daerah Provinsi"]}
DOC = {
    "id": (
        "Sumber dan hak cipta (FBS 1): setiap foto dan video wajib mencantumkan pembuat ('credit') dan sumber "
        "('source'). Materi dari luar instansi juga wajib mencantumkan lisensi ('licence') atau izin "
        "('permission'). Sumber dianggap milik sendiri bila menyebut nama instansi, nama pada opsi "
        "'own_sources', atau anggota tim di sosmed.yml."
    ),
    "en": (
        "Sources and copyright (FBS 1): every photo and video needs a 'credit' (who made it) and a 'source'. "
        "Material from outside the agency also needs a 'licence' or a 'permission' note. A source is the "
        "agency's own when it names the organisation, a name in the 'own_sources' option, or a team member "
        "from sosmed.yml."
    ),
}


def own_names(config: Config, extra: list[Any]) -> tuple[str, ...]:
    """Lower-case names that make a source the agency's own."""
    names = [config.organisation.name, config.organisation.short_name, *map(str, extra)]
    names.extend(member.name for member in config.team)
    return tuple(n.lower() for n in names if n.strip())


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report media without credit or source, and external media without licence or permission."""
    post = item.post
    if post.status == "retracted" or not post.media:
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    post = item.post
    own = ctx.cache.get("own")
    if own is None:
        own = ctx.cache["own"] = own_names(ctx.config, ctx.options["own_sources"])
    for index, media in enumerate(post.media):
        if not (media.credit and media.credit.strip()):
            yield ctx.problem(item, "rules.media_credit.credit_missing", loc=("media", index), file=media.file)
        source = (media.source or "").strip()
        if not source:
            yield ctx.problem(item, "rules.media_credit.source_missing", loc=("media", index), file=media.file)
            continue
        lowered = source.lower()
        if any(name in lowered for name in own):
            continue
        if not ((media.licence or "").strip() or (media.permission or "").strip()):
            yield ctx.problem(item, "rules.media_credit.external_unlicensed", loc=("media", index, "source"),
                              file=media.file, source=source)
