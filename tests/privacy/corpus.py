"""The labelled personal-data corpus (``corpus.yml``), shared by the finder, rule and public-path tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus.yml"


@dataclass(frozen=True)
class Case:
    """One snippet: its text, the expected findings as (kind, exact text), and why."""

    text: str
    find: tuple[tuple[str, str], ...]
    why: str
    site_only: bool = False
    handles: bool = False

    @property
    def secrets(self) -> list[str]:
        """The exact texts that must never be shown unmasked."""
        return [text for _kind, text in self.find]


def load_corpus() -> list[Case]:
    """Every case of the corpus, in file order."""
    cases = []
    for raw in yaml.safe_load(CORPUS.read_text(encoding="utf-8")):
        found = tuple(tuple(part.strip() for part in entry.split(":", 1)) for entry in raw["find"])
        cases.append(Case(raw["text"], found, raw["why"], bool(raw.get("site_only")),  # type: ignore[arg-type]
                          bool(raw.get("handles"))))
    return cases


def personal_cases() -> list[Case]:
    """The cases with at least one finding."""
    return [case for case in load_corpus() if case.find]


def clean_cases() -> list[Case]:
    """The clean traps and the organisation's own public contacts."""
    return [case for case in load_corpus() if not case.find]
