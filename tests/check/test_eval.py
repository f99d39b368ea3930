"""The evaluation sets (issue #18): recall on what matters, silence on clean posts.

Both sets are checked with every rule through the real engine on a real instance (the
project's own sosmed.yml). Targets: recall ≥ 95 % of the labelled violations at some level,
no error on a clean snippet, at most 10 % of clean snippets with any finding of any rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.check.eval.harness import CLASSES, HELDOUT, MAIN, evaluate, load_snippets, summary

TOKEN_SHAPED = re.compile(
    r"(?:EAA|IGQV|IGQW|IGAA)[\w-]{20,}|ya29\.[\w-]{20,}|gh[pousr]_\w{20,}|github_pat_\w{10,}|AIza[\w-]{20,}|A{15}"
)


@pytest.mark.parametrize("path", [MAIN, HELDOUT], ids=["main", "heldout"])
def test_the_sets_are_labelled_data(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    snippets = load_snippets(path)
    assert len({s.id for s in snippets}) == len(snippets)
    assert all(entry.get("reason", "").strip() for entry in raw), "every label needs its one-line reason"
    assert all(s.expect <= set(CLASSES) for s in snippets)
    # No token-shaped string is written in the data: placeholders are expanded at run time.
    assert not TOKEN_SHAPED.search(path.read_text(encoding="utf-8"))


def test_the_main_set_covers_the_register_and_every_category() -> None:
    snippets = load_snippets(MAIN)
    assert len(snippets) >= 150
    assert sum(1 for s in snippets if s.clean) >= 60
    categories = {s.category for s in snippets}
    assert {"nik", "nip", "phone", "email", "plate", "address", "token", "password", "profanity",
            "profanity_kupang", "slur", "sara_ethnic", "sara_religion", "sara_race", "sara_intergroup",
            "party", "campaign", "greeting", "sara_benign", "clean_kupang", "clean_contact", "clean_context",
            "clean_neutrality", "clean_regulation", "clean_official", "clean_place"} <= categories


@pytest.mark.parametrize("path", [MAIN, HELDOUT], ids=["main", "heldout"])
def test_targets(tmp_path: Path, path: Path) -> None:
    outcomes, _ = evaluate(tmp_path, load_snippets(path))
    total = summary(outcomes)
    false_errors = [(o.snippet.id, [p.message("en") for p in o.errors]) for o in outcomes
                    if o.snippet.clean and o.errors]
    assert false_errors == []
    missed = [(o.snippet.id, sorted(o.snippet.expect - o.found)) for o in outcomes if o.snippet.expect - o.found]
    assert total.recall >= 0.95, missed
    noisy = [(o.snippet.id, [f"{p.rule}: {p.message('en')}" for p in o.problems]) for o in outcomes
             if o.snippet.clean and o.problems]
    assert total.clean_any_share <= 0.10, noisy


def test_personal_numbers_and_tokens_are_never_missed_nor_invented(tmp_path: Path) -> None:
    outcomes, _ = evaluate(tmp_path, load_snippets(MAIN) + load_snippets(HELDOUT))
    must = {"nik", "nip", "phone", "secret"}
    missed = [(o.snippet.id, sorted((o.snippet.expect & must) - o.found)) for o in outcomes
              if (o.snippet.expect & must) - o.found]
    invented = [(o.snippet.id, sorted((o.found & must) - o.snippet.expect)) for o in outcomes
                if (o.found & must) - o.snippet.expect]
    assert (missed, invented) == ([], [])
