"""Create new post bundles and Q&A forms from commented templates."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.errors import UsageError
from sosmed.i18n import t
from sosmed.model.fields import PLATFORMS, STRATEGIES, STRATEGY_ALIASES
from sosmed.model.loader import FORM_NAME


def slugify(title: str, max_length: int = 60) -> str:
    """``"Sosialisasi Juknis Media Sosial!"`` → ``"sosialisasi-juknis-media-sosial"``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "tulisan"


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def new_post(
    config: Config,
    title: str,
    *,
    when: datetime,
    platforms: list[str],
    strategy: str,
    bidang: str,
) -> Path:
    """Create ``content/YYYY/MM/<date>-<slug>/index.md`` and return its path."""
    bad = [p for p in platforms if p not in PLATFORMS]
    if bad:
        raise UsageError("new.platform_unknown", value=", ".join(bad), expected=", ".join(PLATFORMS))
    if strategy.lower() not in STRATEGIES and strategy.lower() not in STRATEGY_ALIASES:
        raise UsageError("new.strategy_unknown", value=strategy, expected=", ".join([*STRATEGIES, *STRATEGY_ALIASES]))
    strategy = strategy.lower()
    if config.division(bidang) is None:
        raise UsageError("new.bidang_unknown", value=bidang, expected=", ".join(config.division_slugs))
    local = when.astimezone(config.zone)
    base = config.root / "content" / f"{local:%Y}" / f"{local:%m}"
    name = f"{local:%Y-%m-%d}-{slugify(title)}"
    folder = base / name
    counter = 2
    while folder.exists():
        folder = base / f"{name}-{counter}"
        counter += 1
    folder.mkdir(parents=True)
    path = folder / "index.md"
    escaped = title.replace('"', '\\"')
    path.write_text(
        t(
            "new.post_template",
            title=escaped,
            date=local.isoformat(timespec="minutes"),
            platforms=_yaml_list(platforms),
            strategy=strategy,
            strategies=", ".join(f"{name}/{canonical}" for name, canonical in STRATEGY_ALIASES.items()),
            bidang=bidang,
            divisions=", ".join(config.division_slugs),
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def next_form_id(config: Config, year: int, month: int) -> str:
    """The next free ``QA-YYYY-MM-NNNN``; numbers run through the year across all divisions."""
    highest = 0
    qna = config.root / "qna"
    if qna.exists():
        for file in qna.rglob(f"QA-{year:04d}-*.md"):
            match = FORM_NAME.match(file.name)
            if match:
                highest = max(highest, int(match.group(3)))
    return f"QA-{year:04d}-{month:02d}-{highest + 1:04d}"


def new_qna(config: Config, bidang: str, *, when: datetime, officer: str, source: str | None = None) -> Path:
    """Create ``qna/<bidang>/YYYY/QA-YYYY-MM-NNNN.md`` and return its path."""
    if config.division(bidang) is None:
        raise UsageError("new.bidang_unknown", value=bidang, expected=", ".join(config.division_slugs))
    local = when.astimezone(config.zone)
    form_id = next_form_id(config, local.year, local.month)
    folder = config.root / "qna" / bidang / f"{local:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{form_id}.md"
    link = source or ""
    path.write_text(
        t(
            "new.qna_template",
            id=form_id,
            officer=officer.replace('"', '\\"'),
            bidang=bidang,
            received=local.isoformat(timespec="minutes"),
            link=link,
            platform="other" if not source else _platform_of(source),
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _platform_of(url: str) -> str:
    lowered = url.lower()
    for needle, platform in (("facebook.", "facebook"), ("instagram.", "instagram"), ("x.com", "x"),
                             ("twitter.", "x"), ("youtu", "youtube"), ("wa.me", "whatsapp"),
                             ("whatsapp", "whatsapp")):
        if needle in lowered:
            return platform
    return "other"
