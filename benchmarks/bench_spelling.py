"""Benchmark: spell-checking speed (words per second) of the ``spelling`` rule's engine.

Usage: python benchmarks/bench_spelling.py [--words 200000]

Prints three figures: cold (every distinct word goes to hunspell once: a text made of
many different dictionary stems and affixed forms), warm (the same text again: the caches
answer), and real content: the sample instance's posts (``benchmarks/corpus.py``), their
bodies repeated with 2% misspellings, suggestions off; then affixed forms of random stems.
Words hunspell rejects go through the Indonesian morphology (affixes, reduplication), as in the rule.
Target (issue 3): ≥ 50,000 words/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from sosmed.check.speller import (
    DEFAULT_DIR,
    Speller,
    _hunspell,
    _morphology,
    _packaged_allow_words,
    config_allow_words,
)
from sosmed.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import sample_posts  # noqa: E402

# The sample posts' bodies (what follows the front matter), word by word.
WORDS = [word for post in sample_posts() for word in post.text.split("\n---\n", 1)[1].split()]


def stems(limit: int) -> list[str]:
    """Words of the id_ID dictionary (stems without their affix flags)."""
    lines = (Path(DEFAULT_DIR) / "id_ID.dic").read_text(encoding="latin-1").splitlines()[1:]
    words = [line.split("/", 1)[0] for line in lines if line and line[0].isalpha()]
    return words[:limit]


def rate(speller: Speller, text: str) -> float:
    words = len(text.split())
    t0 = time.perf_counter()
    speller.check_text(text, suggestions=0)
    return words / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    args = parser.parse_args()
    try:
        engine = _hunspell(DEFAULT_DIR, "id_ID")
    except Exception as exc:  # noqa: BLE001
        sys.exit(f"dictionary not available: {exc}")
    config = load_config(ROOT / "sosmed.yml")
    allow = _packaged_allow_words() | config_allow_words(config)
    rng = random.Random(3)
    vocab = stems(30_000)
    cold_text = " ".join(rng.choice(vocab) for _ in range(args.words))
    # The rule's speller: hunspell plus the morphology that judges every word hunspell rejects.
    morphology = _morphology(DEFAULT_DIR, "id_ID", ("hunspell",))
    speller = Speller(engine, allow, True, morphology)
    print(f"distinct words in the cold text: {len(set(cold_text.split())):,}")
    print(f"cold (hunspell for every distinct word): {rate(speller, cold_text):,.0f} words/s")
    print(f"warm (same text, caches answer):         {rate(speller, cold_text):,.0f} words/s")
    words = []
    for _ in range(args.words // len(WORDS) + 1):
        for word in WORDS:
            words.append(word[:-2] + word[-1] if len(word) > 5 and rng.random() < 0.02 else word)
    mixed = " ".join(words[: args.words])
    fresh = Speller(engine, allow, True, morphology)
    print(f"sample posts' text, 2% typos, fresh:     {rate(fresh, mixed):,.0f} words/s")
    # Affixed forms of random stems, most of which hunspell itself rejects: the morphology's cold path.
    affixed = " ".join(rng.choice(("di", "ter", "ber", "ke", "pe")) + rng.choice(vocab) + rng.choice(("", "nya", "kan"))
                       for _ in range(min(args.words, 20_000)))
    print(f"affixed forms (morphology path), fresh:   {rate(Speller(engine, allow, True, morphology), affixed):,.0f} "
          "words/s")


if __name__ == "__main__":
    main()
