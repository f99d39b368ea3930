"""The evaluation set: no false error on clean and benign snippets; every personal number and token found."""

from __future__ import annotations

from pathlib import Path

from tests.check.eval.harness import BENIGN, evaluate, load_snippets, scores


def test_the_set_is_large_and_labelled() -> None:
    snippets = load_snippets()
    assert len(snippets) >= 40
    categories = {s.category for s in snippets}
    assert {"nik", "nip", "phone", "token", "profanity", "slur", "sara_hostile", "sara_benign", "party", "clean",
            "greeting"} <= categories
    assert len({s.id for s in snippets}) == len(snippets)


def test_no_false_error_and_every_number_and_token_found(tmp_path: Path) -> None:
    outcomes, _ = evaluate(tmp_path)
    false_errors = [(o.snippet.id, [p.message("en") for p in o.errors]) for o in outcomes
                    if o.snippet.category in BENIGN and o.errors]
    assert false_errors == []
    must_find = {"nik", "nip", "phone", "secret"}
    missed = [(o.snippet.id, sorted((o.snippet.expect & must_find) - o.found)) for o in outcomes
              if (o.snippet.expect & must_find) - o.found]
    assert missed == []
    # No personal number or token is invented in text that has none.
    invented = [(o.snippet.id, sorted((o.found & must_find) - o.snippet.expect)) for o in outcomes
                if (o.found & must_find) - o.snippet.expect]
    assert invented == []


def test_every_labelled_class_is_detected_somewhere(tmp_path: Path) -> None:
    outcomes, _ = evaluate(tmp_path)
    table = scores(outcomes)
    for cls, (tp, _fp, fn) in table.items():
        if tp + fn:
            assert tp > 0, cls
